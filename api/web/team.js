// The team page: log in, read problems, submit, and watch verdicts arrive over the event feed.
import {
  api, ApiError, applyI18n, auth, byOrdinal, bytesToBase64, contestPhase, EventFeed, findContest, formatDuration,
  get, h, makeZip, onLanguageChange, serverNow, setupLanguageToggle, showError, t, textColorOn,
} from './common.js';
import { detailsView, display, JudgingStore, submissionTime, verdictBadge } from './judging.js';

const $ = (id) => document.getElementById(id);
const model = { contest: null, account: null, team: null, problems: [], languages: [], store: null };
const open = new Set(); // submission ids whose details are expanded
let currentProblem = null;
let feed = null;

// ---------------------------------------------------------------------------------------------------------------
// Login

async function tryAccount() {
  const account = await get(`contests/${encodeURIComponent(model.contest.id)}/account`);
  if (account.type !== 'team' || !account.team_id) throw new ApiError(403, 403, t('login.notTeam'));
  return account;
}

function showLogin(error) {
  $('login-form').hidden = false;
  $('team-main').hidden = true;
  $('logout').hidden = true;
  $('team-name').textContent = '';
  showError($('login-error'), error);
  $('login-user').focus();
}

async function login(event) {
  event.preventDefault();
  auth.set($('login-user').value.trim(), $('login-pass').value);
  try {
    model.account = await tryAccount();
  } catch (e) {
    auth.clear();
    showLogin(e.status === 401 ? new Error(t('login.failed')) : e);
    return;
  }
  $('login-pass').value = '';
  await enter();
}

function logout() {
  auth.clear();
  feed?.stop();
  feed = null;
  location.reload();
}

// ---------------------------------------------------------------------------------------------------------------
// After login

async function enter() {
  const cid = encodeURIComponent(model.contest.id);
  $('login-form').hidden = true;
  $('team-main').hidden = false;
  $('logout').hidden = false;
  const [team, problems, languages] = await Promise.all([
    get(`contests/${cid}/teams/${encodeURIComponent(model.account.team_id)}`).catch(() => null),
    get(`contests/${cid}/problems`).catch(() => []), // hidden before the start on some servers
    get(`contests/${cid}/languages`),
  ]);
  model.team = team;
  model.problems = [...problems].sort(byOrdinal);
  model.languages = languages;
  $('team-name').textContent = team?.display_name ?? team?.name ?? model.account.team_id;
  fillForm();
  renderProblemTabs();

  model.store = new JudgingStore(model.contest.id);
  await model.store.load(`?team_id=${encodeURIComponent(model.account.team_id)}`);
  model.store.onChange(() => renderSubmissions());
  renderSubmissions();

  feed = new EventFeed(model.contest.id, {
    types: ['contest', 'state', 'problems', 'submissions', 'judgements', 'runs'],
    onStatus: (live) => {
      $('live').dataset.state = live ? 'on' : 'off';
      $('live').textContent = live ? t('live.connected') : t('live.reconnecting');
    },
    onEvent: (event) => {
      if (event.type === 'contest' && event.data) {
        model.contest = { ...model.contest, ...event.data };
        return;
      }
      if (event.type === 'state') {
        if (event.data?.started && !model.started) reloadProblems();
        model.started = Boolean(event.data?.started);
        return;
      }
      if (event.type === 'problems') {
        reloadProblems();
        return;
      }
      // A public or shared feed may carry other teams' submissions; this page shows only ours.
      if (event.type === 'submissions' && event.data && event.data.team_id !== model.account.team_id) return;
      if (event.type === 'judgements' && event.data && !model.store.submissions.has(event.data.submission_id)) return;
      // Teams are shown the sample runs only; the secret ones stay with the jury even if a feed carries them.
      if (event.type === 'runs' && event.data?.test_name && !event.data.test_name.startsWith('sample/')) return;
      const sid = model.store.apply(event);
      if (sid !== null && sid !== undefined) model.store.changed(sid);
      // The feed carries no compiler messages; the judgement's own endpoint gives them to this team.
      if (event.type === 'judgements' && event.data?.judgement_type_id === 'CE') fetchCompileOutput(event.data.id);
    },
  }).start();
}

async function fetchCompileOutput(judgementId) {
  const cid = encodeURIComponent(model.contest.id);
  const j = await get(`contests/${cid}/judgements/${encodeURIComponent(judgementId)}`).catch(() => null);
  const known = model.store.judgements.get(judgementId);
  if (!j?.compile_output || !known) return;
  known.compile_output = j.compile_output;
  model.store.changed(known.submission_id);
}

// ---------------------------------------------------------------------------------------------------------------
// Submitting

function fillForm() {
  const problemSelect = $('submit-problem');
  const keepProblem = problemSelect.value;
  problemSelect.replaceChildren(
    ...model.problems.map((p) => h('option', { value: p.id }, `${p.label ?? p.id} — ${p.name ?? ''}`)),
  );
  if (keepProblem) problemSelect.value = keepProblem;
  const languageSelect = $('submit-language');
  const keepLanguage = languageSelect.value;
  languageSelect.replaceChildren(...model.languages.map((l) => h('option', { value: l.id }, l.name ?? l.id)));
  if (keepLanguage) languageSelect.value = keepLanguage;
}

function languageForFile(name) {
  const ext = name.includes('.') ? name.split('.').pop().toLowerCase() : '';
  return model.languages.find((l) => (l.extensions ?? []).map((e) => e.toLowerCase()).includes(ext)) ?? null;
}

function problemForFile(name) {
  // "B.cpp" or "sum.py" names the problem by label or id, as many teams do.
  const base = name.replace(/\.[^.]*$/, '').toLowerCase();
  return model.problems.find((p) => String(p.label ?? '').toLowerCase() === base || p.id.toLowerCase() === base);
}

function onFileChosen() {
  const file = $('submit-file').files[0];
  if (!file) return;
  $('submit-filename').value = file.name;
  const language = languageForFile(file.name);
  if (language) $('submit-language').value = language.id;
  const problem = problemForFile(file.name);
  if (problem) $('submit-problem').value = problem.id;
}

function defaultFileName(language) {
  const ext = language?.extensions?.[0] ?? 'txt';
  return ext === 'java' || ext === 'kt' ? `Main.${ext}` : `main.${ext}`;
}

function entryPoint(language, fileName) {
  if (!language?.entry_point_required) return undefined;
  // JVM languages name a class; the rest name the file to run.
  return /\.(java|kt)$/i.test(fileName) ? fileName.replace(/\.[^.]*$/, '') : fileName;
}

async function submit(event) {
  event.preventDefault();
  const status = $('submit-status');
  status.textContent = '';
  status.className = '';
  const file = $('submit-file').files[0];
  const pasted = $('submit-code').value;
  const language = model.languages.find((l) => l.id === $('submit-language').value);
  let bytes;
  let name = $('submit-filename').value.trim();
  if (file && !pasted.trim()) {
    bytes = new Uint8Array(await file.arrayBuffer());
    name ||= file.name;
  } else if (pasted.trim()) {
    bytes = new TextEncoder().encode(pasted);
    name ||= defaultFileName(language);
  } else {
    status.className = 'error';
    status.textContent = t('submit.nothing');
    return;
  }
  const body = {
    problem_id: $('submit-problem').value,
    language_id: language?.id,
    files: [{ data: bytesToBase64(makeZip([{ name, bytes }])), mime: 'application/zip' }],
  };
  const ep = entryPoint(language, name);
  if (ep) body.entry_point = ep;
  $('submit-send').disabled = true;
  try {
    const created = await api('POST', `contests/${encodeURIComponent(model.contest.id)}/submissions`, { json: body });
    if (created?.id) {
      model.store.submissions.set(created.id, created);
      open.add(created.id);
      renderSubmissions();
    }
    status.className = 'ok';
    status.textContent = t('submit.sent');
    $('submit-code').value = '';
    $('submit-file').value = '';
  } catch (e) {
    status.className = 'error';
    status.textContent = e.message;
  } finally {
    $('submit-send').disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Own submissions

function problemLabel(id) {
  const p = model.problems.find((x) => x.id === id);
  return p ? p.label ?? p.id : id;
}

function renderSubmissions() {
  const tbody = $('subs').tBodies[0];
  const list = model.store.sortedSubmissions((s) => s.team_id === model.account.team_id);
  $('subs-empty').hidden = list.length > 0;
  const rows = [];
  for (const s of list) {
    const judgement = model.store.currentJudgement(s.id);
    const language = model.languages.find((l) => l.id === s.language_id);
    rows.push(
      h(
        'tr.clickable',
        { dataset: { submission: s.id }, onclick: () => toggle(s.id) },
        h('td.num', submissionTime(s)),
        h('td', problemLabel(s.problem_id)),
        h('td', language?.name ?? s.language_id),
        h('td', verdictBadge(judgement)),
      ),
    );
    if (open.has(s.id)) {
      rows.push(h('tr.details', { dataset: { details: s.id } }, h('td', { colspan: 4 }, detailsView(model.store, s.id))));
    }
  }
  tbody.replaceChildren(...rows);
}

async function toggle(id) {
  if (open.has(id)) {
    open.delete(id);
  } else {
    open.add(id);
    const judgement = model.store.currentJudgement(id);
    if (judgement) await model.store.loadRuns(judgement.id).catch(() => null);
  }
  renderSubmissions();
}

// ---------------------------------------------------------------------------------------------------------------
// Problems

function renderProblemTabs() {
  const tabs = $('problem-tabs');
  tabs.replaceChildren(
    ...model.problems.map((p) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': String(p.id === currentProblem),
          onclick: () => showProblem(p.id),
        },
        h('span.balloon', { style: { background: p.rgb ?? '#ccc', color: textColorOn(p.rgb ?? '#ccc') } }, p.label),
        ' ',
        p.name ?? p.id,
      ),
    ),
  );
  if (!currentProblem && model.problems.length) showProblem(model.problems[0].id);
}

function apiHref(href) {
  return /^[a-z]+:|^\//i.test(href) ? href : `/api/${href}`;
}

// Inline markdown: `code`, **bold** and *italic*, as text nodes (never HTML from the package).
function inlineMarkdown(text) {
  const out = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[1] !== undefined ? h('code', m[1]) : m[2] !== undefined ? h('b', m[2]) : h('i', m[3]));
    last = re.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

// A small markdown reader for statements: headings, paragraphs, lists and fenced code; math stays as written.
function renderMarkdown(source) {
  const blocks = [];
  let paragraph = [];
  let list = null;
  const flush = () => {
    if (paragraph.length) blocks.push(h('p', inlineMarkdown(paragraph.join(' '))));
    paragraph = [];
    list = null;
  };
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      flush();
      const code = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
      blocks.push(h('pre', code.join('\n')));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push(h(`h${Math.min(6, heading[1].length + 2)}`, inlineMarkdown(heading[2])));
    } else if (item) {
      if (paragraph.length) flush();
      if (!list) {
        list = h('ul');
        blocks.push(list);
      }
      list.append(h('li', inlineMarkdown(item[1])));
    } else if (!line.trim()) {
      flush();
    } else if (list && /^\s+/.test(line)) {
      list.lastChild.append(' ', ...inlineMarkdown(line.trim()));
    } else {
      list = null;
      paragraph.push(line.trim());
    }
  }
  flush();
  return h('div.statement-text', blocks);
}

// Statements may need credentials and an <iframe> cannot send them, so the file is fetched and shown from a blob;
// markdown and other text is shown as text, PDF in a frame.
async function statementFrame(file) {
  const response = await fetch(apiHref(file.href), { headers: auth.get() ? { Authorization: auth.get() } : {} });
  if (!response.ok) throw new Error(`${file.filename ?? file.href}: HTTP ${response.status}`);
  const mime = file.mime ?? response.headers.get('Content-Type') ?? '';
  if (mime.startsWith('text/markdown')) return renderMarkdown(await response.text());
  if (mime.startsWith('text/')) return h('pre.statement-text', await response.text());
  const blob = await response.blob();
  const typed = file.mime && blob.type !== file.mime ? new Blob([blob], { type: file.mime }) : blob;
  return h('iframe.statement-frame', { src: URL.createObjectURL(typed), title: file.filename ?? 'statement' });
}

async function showProblem(id) {
  currentProblem = id;
  [...$('problem-tabs').children].forEach((b, i) => b.setAttribute('aria-selected', String(model.problems[i]?.id === id)));
  const p = model.problems.find((x) => x.id === id);
  const view = $('problem-view');
  const limits = [
    p.time_limit ? `${p.time_limit} s` : null,
    p.memory_limit ? `${p.memory_limit} MiB` : null,
    p.output_limit ? `output ${p.output_limit} MiB` : null,
  ].filter(Boolean);
  const parts = [h('p', h('b', t('problems.limits') + ': '), limits.join(' · '))];
  const statements = p.statement ?? [];
  if (statements.length) {
    for (const file of statements) {
      try {
        parts.push(await statementFrame(file));
      } catch (e) {
        parts.push(h('p.error', e.message));
      }
    }
  } else {
    parts.push(h('p.muted', t('problems.noStatement')));
  }
  const samples = p.samples ?? (await loadSamples(p.id));
  if (samples.length) {
    parts.push(h('h3', t('problems.samples')));
    for (const s of samples) {
      if (s.interaction) {
        parts.push(h('div.samples.interaction', { dataset: { sample: s.name ?? '' } },
          h('div', h('b', `${t('problems.interaction')} ${s.name ?? ''}`), h('pre', s.interaction))));
        continue;
      }
      parts.push(
        h(
          'div.samples',
          { dataset: { sample: s.name ?? '' } },
          h('div', h('b', t('problems.input')), h('pre', s.input ?? s.in ?? '')),
          h('div', h('b', t('problems.output')), h('pre', s.output ?? s.answer ?? s.ans ?? '')),
        ),
      );
    }
  }
  const attachments = p.attachments ?? [];
  if (attachments.length) {
    parts.push(h('h3', t('problems.attachments')));
    for (const a of attachments) {
      parts.push(
        h(
          'p',
          h('a', { href: '#', onclick: (e) => downloadAttachment(e, a) }, a.filename ?? a.href),
        ),
      );
    }
  }
  if (currentProblem === id) view.replaceChildren(...parts);
}

// Khue serves the sample cases of a problem (an extension of the Contest API); other servers may not: none then.
const sampleCache = new Map();
async function loadSamples(problemId) {
  if (!sampleCache.has(problemId)) {
    const cid = encodeURIComponent(model.contest.id);
    const list = await get(`contests/${cid}/problems/${encodeURIComponent(problemId)}/samples`).catch(() => null);
    if (!Array.isArray(list)) return [];
    sampleCache.set(problemId, list);
  }
  return sampleCache.get(problemId);
}

async function downloadAttachment(event, file) {
  event.preventDefault();
  const response = await fetch(apiHref(file.href), { headers: auth.get() ? { Authorization: auth.get() } : {} });
  const url = URL.createObjectURL(await response.blob());
  h('a', { href: url, download: file.filename ?? 'attachment' }).click();
}

// ---------------------------------------------------------------------------------------------------------------

let lastPhase = null;

async function reloadProblems() {
  const list = await get(`contests/${encodeURIComponent(model.contest.id)}/problems`).catch(() => null);
  if (!list) return;
  model.problems = [...list].sort(byOrdinal);
  fillForm();
  renderProblemTabs();
}

function tickClock() {
  const p = contestPhase(model.contest, serverNow());
  // Problems are often published at the start: fetch them then, in case no event says so.
  if ((lastPhase === 'before' || lastPhase === 'unscheduled') && p.phase === 'running' && model.store) {
    setTimeout(reloadProblems, 1500);
  }
  lastPhase = p.phase;
  $('clock-label').textContent =
    p.phase === 'before' ? t('clock.before') : p.phase === 'running' ? t('clock.running') : p.phase === 'ended'
      ? t('clock.ended') : t('clock.notScheduled');
  $('clock-value').textContent = p.ms !== undefined ? formatDuration(p.ms) : '';
}

async function main() {
  setupLanguageToggle($('lang-toggle'));
  onLanguageChange(() => {
    applyI18n();
    if (model.store) renderSubmissions();
    tickClock();
  });
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('submit-form').addEventListener('submit', submit);
  $('submit-file').addEventListener('change', onFileChosen);
  $('submit-language').addEventListener('change', () => {
    const name = $('submit-filename');
    if (!name.value || /^(main|Main)\.[^.]+$/.test(name.value)) {
      name.value = defaultFileName(model.languages.find((l) => l.id === $('submit-language').value));
    }
  });
  try {
    model.contest = await findContest();
  } catch (e) {
    showError($('error'), e);
    return;
  }
  $('contest-name').textContent = model.contest.formal_name ?? model.contest.name ?? model.contest.id;
  display.scores = model.contest.scoreboard_type === 'score';
  tickClock();
  setInterval(tickClock, 1000);
  if (!auth.get()) {
    showLogin(null);
    return;
  }
  try {
    model.account = await tryAccount();
  } catch (e) {
    auth.clear();
    showLogin(e.status === 401 ? null : e);
    return;
  }
  await enter();
}

main();
