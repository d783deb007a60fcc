// The organisers' console: contest clock control (start, freeze, thaw), the judging queue and hosts, every
// submission with its judgement and runs, rejudging, problem-package upload and adding teams.
import {
  api, ApiError, applyI18n, auth, byOrdinal, coalesce, contestPhase, EventFeed, findContest, formatDuration, get, h,
  isFrozen, onLanguageChange, serverNow, setupLanguageToggle, showError, t,
} from './common.js';
import { setupAwards } from './awards-admin.js';
import { detailsView, display, JudgingStore, submissionTime, verdictBadge } from './judging.js';
import { setupThemisUpload } from './admin_themis.js';
import { startAccountsImport } from './admin/accounts.js';
import { startJuryClarifications } from './admin/clarifications.js';

const $ = (id) => document.getElementById(id);
const model = { contest: null, state: null, problems: [], teams: new Map(), languages: [], store: null };
const open = new Set();
const SHOWN = 300; // rows drawn at once; filters narrow the rest down
let cid = '';

// ---------------------------------------------------------------------------------------------------------------
// Login

async function tryAccount() {
  const account = await get(`contests/${cid}/account`);
  if (account.type !== 'admin') throw new ApiError(403, 403, t('login.notAdmin'));
  return account;
}

function showLogin(error) {
  $('login-form').hidden = false;
  $('admin-main').hidden = true;
  showError($('login-error'), error);
}

async function login(event) {
  event.preventDefault();
  auth.set($('login-user').value.trim(), $('login-pass').value);
  try {
    await tryAccount();
  } catch (e) {
    auth.clear();
    showLogin(e.status === 401 ? new Error(t('login.failed')) : e);
    return;
  }
  await enter();
}

// ---------------------------------------------------------------------------------------------------------------

async function loadStatic() {
  const [problems, teams, languages, organizations, groups] = await Promise.all([
    get(`contests/${cid}/problems`),
    get(`contests/${cid}/teams`),
    get(`contests/${cid}/languages`),
    get(`contests/${cid}/organizations`).catch(() => []),
    get(`contests/${cid}/groups`).catch(() => []),
  ]);
  model.problems = [...problems].sort(byOrdinal);
  model.teams = new Map(teams.map((x) => [x.id, x]));
  model.languages = languages;
  const problemFilter = $('filter-problem');
  const keep = problemFilter.value;
  for (const o of [...problemFilter.options].slice(1)) o.remove();
  for (const p of model.problems) problemFilter.append(h('option', { value: p.id }, `${p.label ?? p.id} — ${p.name}`));
  problemFilter.value = keep;
  const verdictFilter = $('filter-verdict');
  if (verdictFilter.options.length === 1) {
    for (const v of ['pending', 'AC', 'WA', 'TLE', 'MLE', 'RTE', 'OLE', 'CE', 'JE']) {
      verdictFilter.append(h('option', { value: v }, v));
    }
  }
  $('team-org').replaceChildren(h('option', { value: '' }, '—'),
    ...organizations.map((o) => h('option', { value: o.id }, o.formal_name ?? o.name ?? o.id)));
  $('team-group').replaceChildren(h('option', { value: '' }, '—'),
    ...groups.map((g) => h('option', { value: g.id }, g.name ?? g.id)));
}

async function enter() {
  $('login-form').hidden = true;
  $('admin-main').hidden = false;
  $('logout').hidden = false;
  await loadStatic();
  // Clarifications and accounts in bulk: modules of their own (admin/), each adding its panel.
  startJuryClarifications({ contestId: model.contest.id, mount: $('admin-main'), teams: () => model.teams,
    problems: () => model.problems });
  startAccountsImport({ contestId: model.contest.id, mount: $('admin-main') });
  await loadRejudgings().catch(() => null);
  model.state = await get(`contests/${cid}/state`).catch(() => null);
  model.store = new JudgingStore(model.contest.id);
  await model.store.load();
  renderContest();
  renderSubmissions();
  refreshQueue();
  setInterval(refreshQueue, 5000);
  const refreshAwards = await setupAwards(cid, async () => {
    model.state = await get(`contests/${cid}/state`).catch(() => model.state);
    renderContest();
  });

  const rerender = coalesce(async () => {
    renderSubmissions();
    renderQueueFromStore();
  }, 300);
  const reloadStatic = coalesce(loadStatic, 1000);
  new EventFeed(model.contest.id, {
    onStatus: (live) => {
      $('live').dataset.state = live ? 'on' : 'off';
      $('live').textContent = live ? t('live.connected') : t('live.reconnecting');
    },
    onEvent: (event) => {
      if (event.type === 'contest' && event.data) {
        model.contest = { ...model.contest, ...event.data };
        renderContest();
      } else if (event.type === 'state' && event.data) {
        model.state = event.data;
        renderContest();
      } else if (event.type === 'awards') {
        refreshAwards();
      } else if (['problems', 'teams', 'languages', 'organizations', 'groups'].includes(event.type)) {
        reloadStatic();
      } else if (model.store.apply(event) !== null) {
        rerender();
      }
    },
  }).start();
}

// ---------------------------------------------------------------------------------------------------------------
// Contest control

function localInputValue(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

// TIME with the browser's own UTC offset, as the Contest API wants an explicit zone.
function isoWithOffset(ms) {
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${localInputValue(ms)}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

function renderContest() {
  const c = model.contest;
  $('contest-name').textContent = c.formal_name ?? c.name ?? c.id;
  const facts = [
    ['start_time', c.start_time ? new Date(c.start_time).toLocaleString() : '—'],
    ['duration', c.duration],
    ['scoreboard_freeze_duration', c.scoreboard_freeze_duration ?? '—'],
    ['scoreboard_thaw_time', c.scoreboard_thaw_time ? new Date(c.scoreboard_thaw_time).toLocaleString() : '—'],
    ['state', Object.entries(model.state ?? {}).filter(([, v]) => v).map(([k]) => k).join(', ') || '—'],
  ];
  // Labels in the page's language; the API's property name stays as the tooltip for organisers who script it.
  const label = (k) => h('span.muted', { title: k }, t(`admin.field.${k}`));
  $('contest-facts').replaceChildren(...facts.map(([k, v]) => h('div.stat', label(k), h('span', v ?? ''))));
  if (c.start_time && !$('start-at').value) $('start-at').value = localInputValue(Date.parse(c.start_time));
  $('freeze-banner').hidden = !isFrozen(c, model.state);
}

async function patchContest(changes) {
  const status = $('contest-status');
  status.className = '';
  status.textContent = '…';
  try {
    const updated = await api('PATCH', `contests/${cid}`, { json: { id: model.contest.id, ...changes } });
    if (updated && typeof updated === 'object') model.contest = { ...model.contest, ...updated };
    else model.contest = await get(`contests/${cid}`);
    model.state = await get(`contests/${cid}/state`).catch(() => model.state);
    status.className = 'ok';
    status.textContent = t('admin.done');
    renderContest();
  } catch (e) {
    status.className = 'error';
    status.textContent = e.message;
  }
}

function freezeNow() {
  // The freeze is defined as the last part of the contest, so "freeze now" means: from now to the end.
  const p = contestPhase(model.contest, serverNow());
  if (p.phase !== 'running') {
    $('contest-status').className = 'error';
    $('contest-status').textContent = t('clock.notScheduled');
    return;
  }
  const seconds = Math.ceil(p.ms / 1000);
  patchContest({ scoreboard_freeze_duration: formatDuration(seconds * 1000) });
}

// ---------------------------------------------------------------------------------------------------------------
// Queue and hosts

function renderQueueFromStore(serverStats) {
  let pending = 0;
  let judging = 0;
  for (const s of model.store.submissions.values()) {
    const j = model.store.currentJudgement(s.id);
    if (!j) pending++;
    else if (!j.judgement_type_id) judging++;
  }
  const stats = serverStats ?? {};
  const cells = [
    [t('admin.queued'), stats.queued ?? pending],
    [t('admin.judging'), stats.running ?? judging],
  ];
  if (stats.queued_rejudge !== undefined) cells.push([t('admin.rejudgeQueued'), stats.queued_rejudge]);
  $('queue-stats').replaceChildren(...cells.map(([k, v]) => h('div.stat', h('b', v), h('span.muted', k))));
}

// Judging hosts are not part of the Contest API: khue serve reports them (with the queue) at /api/khue/status.
async function refreshQueue() {
  let status = null;
  try {
    status = await get('khue/status');
  } catch {
    status = null;
  }
  renderQueueFromStore(status?.queue);
  const hosts = status?.hosts;
  if (!Array.isArray(hosts)) {
    $('hosts').replaceChildren(h('p.muted', t('admin.noHosts')));
    return;
  }
  $('hosts').replaceChildren(
    h(
      'table.list',
      h('thead', h('tr', h('th', 'host'), h('th', 'slots'), h('th', 'busy'), h('th', 'last seen'))),
      h(
        'tbody',
        hosts.map((host) => {
          const busy = (host.slot_status ?? host.slots_status ?? []).filter((s) => s.submission_id).length;
          const slots = host.slots ?? 0;
          return h(
            'tr',
            h('td', host.host ?? host.id),
            h('td.num', slots),
            h('td', h('div.meter', { title: `${busy}/${slots}` },
              h('span', { style: { width: `${slots ? (100 * busy) / slots : 0}%` } })), ` ${busy}/${slots}`),
            h('td', host.last_seen ? new Date(host.last_seen).toLocaleTimeString() : ''),
          );
        }),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Submissions

function renderSubmissions() {
  const problem = $('filter-problem').value;
  const verdict = $('filter-verdict').value;
  const list = model.store.sortedSubmissions((s) => {
    if (problem && s.problem_id !== problem) return false;
    if (!verdict) return true;
    const v = model.store.currentJudgement(s.id)?.judgement_type_id ?? 'pending';
    return v === verdict;
  });
  $('subs-count').textContent = `${list.length}`;
  const rows = [];
  for (const s of list.slice(0, SHOWN)) {
    const team = model.teams.get(s.team_id);
    const p = model.problems.find((x) => x.id === s.problem_id);
    rows.push(
      h(
        'tr.clickable',
        { dataset: { submission: s.id }, onclick: () => toggle(s.id) },
        h('td.num', s.id),
        h('td.num', submissionTime(s)),
        h('td', team?.display_name ?? team?.name ?? s.team_id),
        h('td', p?.label ?? s.problem_id),
        h('td', model.languages.find((l) => l.id === s.language_id)?.name ?? s.language_id),
        h('td', verdictBadge(model.store.currentJudgement(s.id))),
        h('td', h('button.secondary.rejudge', { type: 'button', onclick: (e) => rejudge(e, s.id) }, t('admin.rejudge'))),
      ),
    );
    if (open.has(s.id)) {
      rows.push(h('tr.details', h('td', { colspan: 7 }, detailsView(model.store, s.id))));
    }
  }
  $('subs').tBodies[0].replaceChildren(...rows);
}

async function toggle(id) {
  if (open.has(id)) open.delete(id);
  else {
    open.add(id);
    const j = model.store.currentJudgement(id);
    if (j) await model.store.loadRuns(j.id).catch(() => null);
  }
  renderSubmissions();
}

// A rejudge creates a rejudging and shows its preview; the admin applies or cancels it there.
async function rejudge(event, submissionId) {
  event.stopPropagation();
  const button = event.currentTarget;
  button.disabled = true;
  try {
    const r = await api('POST', `contests/${cid}/rejudgings`, { json: { submission_id: submissionId } });
    button.textContent = '✓';
    await showRejudging(r.id);
  } catch (e) {
    button.textContent = e.message;
  }
}

let shownRejudging = null;
let rejudgeTimer = 0;

async function loadRejudgings() {
  const list = await get(`contests/${cid}/rejudgings`);
  const rows = list
    .slice()
    .reverse()
    .map((r) =>
      h(
        'tr.clickable',
        { dataset: { rejudging: r.id }, onclick: () => showRejudging(r.id) },
        h('td.num', r.id),
        h('td', r.reason),
        h('td', t(`admin.rejudge.${r.state}`)),
        h('td.num', `${r.submission_count}`),
        h('td', r.state === 'created' ? '…' : ''),
      ),
    );
  $('rejudgings').tBodies[0].replaceChildren(...rows);
}

// The preview: per submission the current verdict and the new one (pending until judged). It refreshes while
// the rejudging awaits a decision.
async function showRejudging(id) {
  shownRejudging = id;
  clearTimeout(rejudgeTimer);
  const r = await get(`contests/${cid}/rejudgings/${encodeURIComponent(id)}`);
  if (shownRejudging !== id) return;
  $('rejudge-preview').hidden = false;
  $('rejudge-title').textContent =
    `#${r.id} — ${t(`admin.rejudge.${r.state}`)} — ${r.judged_count}/${r.submission_count} · ${r.changed_count} ≠`;
  const badge = (v) => verdictBadge(v ? { judgement_type_id: v } : null);
  $('rejudge-rows').tBodies[0].replaceChildren(
    ...r.submissions.map((row) =>
      h(
        `tr${row.changed ? '.changed' : ''}`,
        { dataset: { submission: row.submission_id } },
        h('td.num', row.submission_id),
        h('td', badge(row.old_judgement_type_id)),
        h('td', badge(row.new_judgement_type_id)),
      ),
    ),
  );
  const open = r.state === 'created';
  $('rejudge-apply').disabled = !open;
  $('rejudge-cancel').disabled = !open;
  await loadRejudgings();
  if (open) rejudgeTimer = setTimeout(() => showRejudging(id).catch(() => null), 2000);
}

async function decideRejudging(action) {
  if (!shownRejudging) return;
  $('rejudge-status').textContent = '…';
  try {
    await api('POST', `contests/${cid}/rejudgings/${encodeURIComponent(shownRejudging)}/${action}`);
    $('rejudge-status').textContent = '✓';
  } catch (e) {
    $('rejudge-status').textContent = e.message;
  }
  await showRejudging(shownRejudging);
}

// ---------------------------------------------------------------------------------------------------------------
// Problem packages and teams

async function upload(event) {
  event.preventDefault();
  const file = $('upload-file').files[0];
  if (!file) return;
  const out = $('upload-result');
  out.hidden = false;
  out.textContent = '…';
  $('upload-send').disabled = true;
  const form = new FormData();
  form.append('zip', file, file.name);
  try {
    const result = await api('POST', `contests/${cid}/problems`, { body: form });
    const summary =
      result && typeof result === 'object'
        ? `✓ ${result.label ?? ''} ${result.id} — ${result.name ?? ''} (${result.test_data_count ?? '?'} tests)\n\n`
        : '';
    out.textContent = summary + (typeof result === 'string' ? result : JSON.stringify(result, null, 2));
    out.classList.remove('failed-output');
    await loadStatic();
    if (result && typeof result === 'object' && result.id) watchVerification(result.id);
  } catch (e) {
    out.textContent = `✗ ${e.message}`; // the server's reason, e.g. which file of the package is wrong
    out.classList.add('failed-output');
  } finally {
    $('upload-send').disabled = false;
  }
}

// The package loaded; the server now judges its example submissions in the sandbox (as `khue verify` does), in
// the background. Poll its outcome until it is known; a newer upload takes over the panel.
let verificationWatch = 0;
const tr = (key, fallback) => (t(key) === key ? fallback : t(key));

async function watchVerification(problemId) {
  const watch = ++verificationWatch;
  const panel = $('upload-verification');
  panel.hidden = false;
  const deadline = Date.now() + 30 * 60 * 1000;
  while (watch === verificationWatch && Date.now() < deadline) {
    let status;
    try {
      status = await get(`khue/problems/${encodeURIComponent(problemId)}/verification`);
    } catch (e) {
      renderVerification(panel, problemId, { state: 'failed', ok: false, table: [], message: e.message });
      return;
    }
    if (watch !== verificationWatch) return;
    renderVerification(panel, problemId, status);
    if (status.state === 'done' || status.state === 'failed') return;
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}

function renderVerification(panel, problemId, status) {
  const finished = status.state === 'done' || status.state === 'failed';
  const headline = !finished
    ? `${tr('admin.verifying', 'Verifying')} ${problemId} (${status.state})…`
    : status.ok
      ? `✓ ${problemId}: ${tr('admin.verifyOk', 'every example submission behaves as promised')}`
      : `✗ ${problemId}: ${status.state === 'failed' ? tr('admin.verifyFailed', 'verification failed') : tr('admin.verifyMismatch', 'some example submissions do not behave as promised')}`;
  const rows = (status.table ?? []).map((r) =>
    h('tr', { class: r.ok ? null : 'failed-output' },
      h('td', r.name),
      h('td', r.expected),
      h('td', r.verdict ?? '—'),
      h('td', `${Number(r.max_time ?? 0).toFixed(3)} s`),
      h('td', `${Number(r.time_limit ?? 0).toFixed(3)} s`),
      h('td', r.ok ? '✓' : `✗ ${(r.failures ?? []).join('; ')}`)));
  const limit = status.time_limit !== undefined
    ? h('p', `${tr('admin.timeLimit', 'Time limit')}: ${Number(status.time_limit).toFixed(3)} s` +
        (status.time_limit_derived ? ` (${tr('admin.derived', 'derived from the submissions')})` : '') +
        (status.suggested_time_limit !== undefined ? `; ${tr('admin.suggested', 'suggested')} ${Number(status.suggested_time_limit).toFixed(3)} s` : '') +
        (status.time_limit_explanation ? ` — ${status.time_limit_explanation}` : ''))
    : null;
  panel.replaceChildren(...[
    h('p', headline),
    // While running: the step in progress; when failed: why. A success says it all in the headline.
    status.message && !(finished && status.ok) ? h('p.muted', status.message) : null,
    rows.length
      ? h('div', { style: { overflowX: 'auto' } }, h('table',
        h('thead', h('tr', ...['submission', 'expected', 'verdict', 'slowest', 'limit', ''].map((c) => h('th', c)))),
        h('tbody', ...rows)))
      : null,
    limit,
  ].filter(Boolean)); // replaceChildren would print a null as text
}

async function addTeam(event) {
  event.preventDefault();
  const status = $('team-status');
  const body = { id: $('team-id').value.trim(), name: $('team-name').value.trim() };
  if ($('team-org').value) body.organization_id = $('team-org').value;
  if ($('team-group').value) body.group_ids = [$('team-group').value];
  if ($('team-pass').value) body.password = $('team-pass').value;
  try {
    await api('POST', `contests/${cid}/teams`, { json: body });
    status.className = 'ok';
    status.textContent = t('admin.done');
    $('team-form').reset();
    await loadStatic();
  } catch (e) {
    status.className = 'error';
    status.textContent = e.message;
  }
}

// ---------------------------------------------------------------------------------------------------------------

function tickClock() {
  const p = contestPhase(model.contest, serverNow());
  $('clock-label').textContent =
    p.phase === 'before' ? t('clock.before') : p.phase === 'running' ? t('clock.running') : p.phase === 'ended'
      ? t('clock.ended') : t('clock.notScheduled');
  $('clock-value').textContent = p.ms !== undefined ? formatDuration(p.ms) : '';
  if (model.contest) $('freeze-banner').hidden = !isFrozen(model.contest, model.state);
}

async function main() {
  setupLanguageToggle($('lang-toggle'));
  onLanguageChange(() => {
    applyI18n();
    if (model.store) renderSubmissions();
  });
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', () => {
    auth.clear();
    location.reload();
  });
  $('start-now').addEventListener('click', () => patchContest({ start_time: isoWithOffset(serverNow()) }));
  $('set-start').addEventListener('click', () => {
    const ms = Date.parse($('start-at').value);
    if (!Number.isNaN(ms)) patchContest({ start_time: isoWithOffset(ms) });
  });
  $('freeze-now').addEventListener('click', freezeNow);
  $('thaw').addEventListener('click', () => patchContest({ scoreboard_thaw_time: isoWithOffset(serverNow()) }));
  $('filter-problem').addEventListener('change', renderSubmissions);
  $('filter-verdict').addEventListener('change', renderSubmissions);
  $('upload-form').addEventListener('submit', upload);
  setupThemisUpload(() => cid, async (ids) => {
    await loadStatic();
    if (ids.length) watchVerification(ids[0]);
  });
  $('team-form').addEventListener('submit', addTeam);
  $('rejudge-apply').addEventListener('click', () => decideRejudging('apply'));
  $('rejudge-cancel').addEventListener('click', () => decideRejudging('cancel'));
  try {
    model.contest = await findContest();
  } catch (e) {
    showError($('error'), e);
    return;
  }
  cid = encodeURIComponent(model.contest.id);
  $('contest-name').textContent = model.contest.formal_name ?? model.contest.name ?? model.contest.id;
  display.scores = model.contest.scoreboard_type === 'score';
  tickClock();
  setInterval(tickClock, 1000);
  if (!auth.get()) return showLogin(null);
  try {
    await tryAccount();
  } catch (e) {
    auth.clear();
    return showLogin(e.status === 401 ? null : e);
  }
  await enter();
}

main();
