// The resolver, for the projector at the closing ceremony (jury only): starts from the frozen public scoreboard
// and reveals the submissions the freeze hid, from the bottom team upwards, one problem at a time; rows move to
// their new places; a team whose place is final shows it, with its awards and their citations. The steps come
// from resolver_steps.js (a pure module, unit-tested); this page only draws them and listens to the keyboard:
//   → ↓ Space Enter N: next · ← ↑ Backspace B: back · + −: faster, slower · A: play by itself · F: full screen
//   Home / End: first / last step.
import {
  addStrings, api, ApiError, applyI18n, auth, byOrdinal, findContest, get, h, lang, onLanguageChange, parseRelTime,
  setupLanguageToggle, showError, t,
} from './common.js';
import { awardCitation } from './award_citations.js';
import { boardToJson, buildResolution } from './resolver_steps.js';

addStrings({
  vi: {
    'rv.title': 'Công bố kết quả',
    'rv.loginTitle': 'Công bố kết quả — đăng nhập ban giám khảo',
    'rv.notJury': 'Trang này dành cho ban giám khảo và ban tổ chức',
    'rv.keys': '→ / Space: tiếp · ←: lùi · + / −: nhanh hơn, chậm hơn · A: tự chạy · F: toàn màn hình · Home / End: đầu / cuối',
    'rv.progress': 'Bước {k} / {n}',
    'rv.nothing': 'Không có gì để công bố: không có bài nộp nào trong thời gian đóng băng bảng xếp hạng',
    'rv.place': 'Hạng {rank}',
    'rv.done': 'Kết quả chung cuộc',
    'rv.rank': 'Hạng',
    'rv.team': 'Đội',
    'rv.solved': 'Bài',
    'rv.penalty': 'Phạt',
    'rv.score': 'Điểm',
    'rv.subtask': 'subtask {k}/{n} của bài {problem}',
    'rv.broadcastOff': 'Phát lên bảng công khai: tắt (P)',
    'rv.broadcastOn': 'Phát lên bảng công khai: bật (P)',
  },
  en: {
    'rv.title': 'Resolver',
    'rv.loginTitle': 'Resolver — jury login',
    'rv.notJury': 'This page is for the jury and the organisers',
    'rv.keys': '→ / Space: next · ←: back · + / −: faster, slower · A: play · F: full screen · Home / End: first / last',
    'rv.progress': 'Step {k} / {n}',
    'rv.nothing': 'Nothing to reveal: no submission was made while the scoreboard was frozen',
    'rv.place': 'Place {rank}',
    'rv.done': 'Final standings',
    'rv.rank': 'Rank',
    'rv.team': 'Team',
    'rv.solved': 'Solved',
    'rv.penalty': 'Time',
    'rv.score': 'Score',
    'rv.subtask': 'subtask {k}/{n} of problem {problem}',
    'rv.broadcastOff': 'Broadcast to the public board: off (P)',
    'rv.broadcastOn': 'Broadcast to the public board: on (P)',
  },
});

const $ = (id) => document.getElementById(id);
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

const model = {
  contest: null,
  type: 'pass-fail',
  problems: [],
  teams: new Map(),
  organizations: new Map(),
  awards: [],
  resolution: null,
  index: 0,
  speedMs: 900,
  playing: null,
  rows: new Map(), // team_id → row element
  broadcast: false, // presenter mode: each step shown is published to the public scoreboards
};

// ---------------------------------------------------------------------------------------------------------------
// Data

async function load() {
  model.contest = await findContest();
  $('contest-name').textContent = model.contest.formal_name || model.contest.name || model.contest.id;
  setTitle();
  const cid = encodeURIComponent(model.contest.id);
  const fetchJury = (what) => get(`contests/${cid}/${what}`);
  await get('khue/status'); // 401/403 unless jury or admin
  const [problems, teams, organizations, awards, submissions, judgements, frozen] = await Promise.all([
    fetchJury('problems'),
    fetchJury('teams'),
    fetchJury('organizations'),
    // The awards the final scoreboard gives (a Khue extension for the jury; the public /awards follow the freeze).
    fetchJury('awards?view=final'),
    fetchJury('submissions'),
    fetchJury('judgements'),
    // The public board as the freeze left it, before and after the thaw alike (a Khue extension for the jury):
    // the ceremony can run at any time after the contest. Hidden teams are not on it, as on the public board.
    fetchJury('scoreboard?view=frozen'),
  ]);
  model.type = model.contest.scoreboard_type === 'score' ? 'score' : 'pass-fail';
  // Score contests: each judgement's subtask scores (a Khue endpoint for the jury), so that a cell is revealed
  // one subtask at a time.
  const subtasksOf = new Map();
  if (model.type === 'score') {
    for (const x of await get(`khue/contests/${cid}/subtask-scores`)) subtasksOf.set(x.judgement_id, x.subtasks);
  }
  model.problems = [...problems].sort(byOrdinal);
  model.teams = new Map(teams.map((x) => [x.id, x]));
  model.organizations = new Map(organizations.map((x) => [x.id, x]));
  model.awards = awards ?? [];

  // The submissions the freeze hid from the public board (made in the freeze, before the end: practice
  // submissions never count), with their current judgement.
  const freeze = parseRelTime(model.contest.scoreboard_freeze_duration);
  const duration = parseRelTime(model.contest.duration) ?? 0;
  const current = new Map();
  for (const j of judgements) if (j.current !== false) current.set(j.submission_id, j);
  const hidden =
    freeze === null
      ? []
      : submissions
          .filter((s) => {
            const t = parseRelTime(s.contest_time) ?? 0;
            return t >= duration - freeze && t < duration;
          })
          .map((s) => {
            const j = current.get(s.id);
            return {
              id: s.id,
              team_id: s.team_id,
              problem_id: s.problem_id,
              contest_time: s.contest_time,
              verdict: j?.judgement_type_id ?? null,
              score: j?.score ?? null,
              subtasks: j ? subtasksOf.get(j.id) : undefined,
            };
          });
  model.resolution = buildResolution({
    type: model.type,
    penaltyTime: model.contest.penalty_time,
    problems: model.problems,
    teams,
    frozen,
    hidden,
  });
  if (model.resolution.steps.length === 0) showError($('error'), new Error(t('rv.nothing')));
  model.index = 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing

function cellView(c) {
  const minutes = c.time === null ? '' : `${Math.floor(c.time / 60_000)}'`;
  if (model.type === 'score') {
    const state = c.num_pending > 0 ? 'pending' : c.solved ? 'solved' : c.score > 0 ? 'partial' : c.num_judged > 0 ? 'failed' : 'none';
    // Part-way through a subtask-by-subtask reveal: the score so far and how many subtasks are shown.
    const progress = c.subtasks ? ` ${c.subtasks.revealed}/${c.subtasks.of}` : '';
    const text =
      c.num_judged + c.num_pending === 0 ? '' : `${+c.score.toFixed(2)}${c.num_pending > 0 ? ' ?' : ''}${progress}`;
    return { state, text };
  }
  if (c.solved) return { state: 'solved', text: `${c.num_judged} · ${minutes}` };
  if (c.num_pending > 0) return { state: 'pending', text: `${c.num_judged} + ${c.num_pending}?` };
  if (c.num_judged > 0) return { state: 'failed', text: `${c.num_judged}` };
  return { state: 'none', text: '' };
}

function teamAwards(teamId) {
  return model.awards.filter((a) => (a.team_ids ?? []).includes(teamId));
}

function renderHead() {
  const board = $('board');
  // Cells no wider than they need: the team column takes the rest of the width.
  board.style.setProperty('--cells', `repeat(${model.problems.length}, minmax(2.2rem, var(--cell-max)))`);
  board.replaceChildren(
    h(
      'div.rv-row.head',
      { role: 'row' },
      h('span.rv-rank', t('rv.rank')),
      h('span.rv-team', t('rv.team')),
      h('span.rv-num', model.type === 'score' ? t('rv.score') : t('rv.solved')),
      h('span.rv-num', model.type === 'score' ? '' : t('rv.penalty')),
      ...model.problems.map((p) => h('span.rv-num', { title: p.name }, p.label ?? p.id)),
    ),
  );
  model.rows.clear();
}

function rowElement(teamId) {
  let el = model.rows.get(teamId);
  if (el) return el;
  const team = model.teams.get(teamId);
  const org = model.organizations.get(team?.organization_id);
  el = h(
    'div.rv-row',
    { role: 'row', dataset: { team: teamId } },
    h('span.rv-rank'),
    h(
      'span.rv-team',
      h('span.rv-name', team?.display_name || team?.name || teamId),
      h('span.rv-sub', h('span.rv-awards'), org ? h('small', org.name) : null),
    ),
    h('span.rv-num.rv-solved'),
    h('span.rv-num.rv-total'),
    ...model.problems.map((p) => h('span.rv-cell', { dataset: { problem: p.id }, role: 'cell' })),
  );
  $('board').append(el);
  model.rows.set(teamId, el);
  return el;
}

function render() {
  const { boards, steps } = model.resolution;
  const board = boards[model.index];
  const step = model.index > 0 ? steps[model.index - 1] : null;
  const next = steps[model.index] ?? null;
  const fixed = new Set(board.fixed);
  document.documentElement.style.setProperty('--speed', `${model.speedMs}ms`);
  const rowHeight = parseFloat(getComputedStyle(document.documentElement).fontSize) * 3.4;
  const headHeight = $('board').firstElementChild?.offsetHeight ?? 0;
  board.rows.forEach((row, i) => {
    const el = rowElement(row.team_id);
    el.style.top = `${headHeight + i * rowHeight}px`;
    el.dataset.rank = row.rank;
    el.classList.toggle('fixed', fixed.has(row.team_id));
    el.classList.toggle('focus', (next ?? step)?.team_id === row.team_id);
    el.querySelector('.rv-rank').textContent = row.rank;
    el.querySelector('.rv-solved').textContent = model.type === 'score' ? +row.score.toFixed(2) : row.num_solved;
    el.querySelector('.rv-total').textContent = model.type === 'score' ? '' : Math.floor(row.total_time / 60_000);
    const awards = el.querySelector('.rv-awards');
    awards.replaceChildren(
      ...(fixed.has(row.team_id) ? teamAwards(row.team_id).map((a) => h('span.rv-award', { dataset: { award: a.id } }, awardCitation(a, lang()))) : []),
    );
    row.problems.forEach((c) => {
      const cell = el.querySelector(`.rv-cell[data-problem="${CSS.escape(c.problem_id)}"]`);
      const view = cellView(c);
      cell.dataset.state = view.state;
      cell.textContent = view.text;
      cell.classList.toggle('revealing', step?.team_id === row.team_id && step?.problem_id === c.problem_id);
    });
  });
  $('board').style.height = `${headHeight + board.rows.length * rowHeight}px`;
  $('progress').textContent =
    model.index === steps.length && steps.length > 0
      ? t('rv.done')
      : fill(t('rv.progress'), { k: model.index, n: steps.length }) +
        (step?.subtask
          ? ` · ${fill(t('rv.subtask'), {
              k: step.subtask.index,
              n: step.subtask.count,
              problem: model.problems.find((p) => p.id === step.problem_id)?.label ?? step.problem_id,
            })}`
          : '');
  renderSpotlight(boards[model.index - 1], board);
  if (model.broadcast) publish();
  const focus = model.rows.get((next ?? step)?.team_id);
  focus?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

// The team that this step fixed in its place, when it has awards: its place and their citations.
function renderSpotlight(before, after) {
  const spot = $('spotlight');
  const was = new Set(before?.fixed ?? []);
  const newly = (after.fixed ?? []).filter((id) => !was.has(id) && teamAwards(id).length > 0);
  if (!before || newly.length === 0) {
    spot.hidden = true;
    return;
  }
  const id = newly[newly.length - 1]; // the highest of them (fixed lists run from the bottom up)
  const row = after.rows.find((r) => r.team_id === id);
  const team = model.teams.get(id);
  spot.replaceChildren(
    h('div.place', fill(t('rv.place'), { rank: row.rank })),
    h('div.who', team?.display_name || team?.name || id),
    h('ul', ...teamAwards(id).map((a) => h('li', { dataset: { award: a.id } }, awardCitation(a, lang())))),
  );
  spot.dataset.team = id;
  spot.hidden = false;
}

// ---------------------------------------------------------------------------------------------------------------
// Presenter mode: the board of the step on screen goes to the public scoreboards (PUT .../presentation), one
// request at a time, the latest step winning; turning it off ends the presentation there (DELETE).

const broadcast = { busy: false, again: false };

async function publish() {
  if (broadcast.busy) {
    broadcast.again = true;
    return;
  }
  broadcast.busy = true;
  try {
    do {
      broadcast.again = false;
      if (!model.broadcast) break;
      const { boards, steps } = model.resolution;
      const board = boards[model.index];
      const next = steps[model.index] ?? null;
      await api('PUT', `khue/contests/${encodeURIComponent(model.contest.id)}/presentation`, {
        json: {
          step: model.index,
          total: steps.length,
          rows: boardToJson(board, model.type),
          fixed: board.fixed,
          focus: next ? { team_id: next.team_id, problem_id: next.problem_id } : null,
        },
      });
      document.body.dataset.published = String(model.index);
    } while (broadcast.again);
    showError($('error'), null);
  } catch (e) {
    showError($('error'), e);
  } finally {
    broadcast.busy = false;
  }
}

async function toggleBroadcast() {
  model.broadcast = !model.broadcast;
  renderBroadcast();
  if (model.broadcast) {
    publish();
    return;
  }
  try {
    await api('DELETE', `khue/contests/${encodeURIComponent(model.contest.id)}/presentation`);
    document.body.dataset.published = '';
  } catch (e) {
    showError($('error'), e);
  }
}

function renderBroadcast() {
  const button = $('broadcast');
  button.textContent = t(model.broadcast ? 'rv.broadcastOn' : 'rv.broadcastOff');
  button.setAttribute('aria-pressed', String(model.broadcast));
}

// ---------------------------------------------------------------------------------------------------------------
// Control

function go(index) {
  const last = model.resolution.steps.length;
  const clamped = Math.max(0, Math.min(last, index));
  if (clamped === model.index) return;
  model.index = clamped;
  render();
}

function togglePlay() {
  if (model.playing) {
    clearInterval(model.playing);
    model.playing = null;
    return;
  }
  model.playing = setInterval(() => {
    if (model.index >= model.resolution.steps.length) togglePlay();
    else go(model.index + 1);
  }, model.speedMs * 1.6);
}

function onKey(event) {
  if (!model.resolution || event.target instanceof HTMLInputElement) return;
  const k = event.key;
  if (['ArrowRight', 'ArrowDown', ' ', 'Enter', 'PageDown', 'n', 'N'].includes(k)) go(model.index + 1);
  else if (['ArrowLeft', 'ArrowUp', 'Backspace', 'PageUp', 'b', 'B'].includes(k)) go(model.index - 1);
  else if (k === 'Home') go(0);
  else if (k === 'End') go(model.resolution.steps.length);
  else if (k === '+' || k === '=') model.speedMs = Math.max(100, Math.round(model.speedMs / 1.5));
  else if (k === '-' || k === '_') model.speedMs = Math.min(4000, Math.round(model.speedMs * 1.5));
  else if (k === 'a' || k === 'A') togglePlay();
  else if (k === 'p' || k === 'P') toggleBroadcast();
  else if (k === 'f' || k === 'F') {
    if (document.fullscreenElement) document.exitFullscreen?.();
    else document.documentElement.requestFullscreen?.().catch(() => {});
  } else return;
  if (model.playing && (k === '+' || k === '=' || k === '-' || k === '_')) {
    togglePlay();
    togglePlay();
  }
  document.documentElement.style.setProperty('--speed', `${model.speedMs}ms`);
  event.preventDefault();
}

// For tests and for anyone driving the page from the console.
window.khueResolver = {
  get index() {
    return model.index;
  },
  get total() {
    return model.resolution?.steps.length ?? 0;
  },
  board: () => boardToJson(model.resolution.boards[model.index], model.type),
  step: (k) => model.resolution.steps[k],
};

function setTitle() {
  document.title = `${model.contest?.name ?? 'Khue'} — ${t('rv.title')}`;
  $('board').setAttribute('aria-label', t('rv.title'));
}

function showLogin(error) {
  $('login-form').hidden = false;
  showError($('login-error'), error);
}

// `typed`: the credentials were just typed in the form (a 401 then says they are wrong).
async function start(typed = false) {
  try {
    await load();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      auth.clear();
      if (e.status === 403) return showLogin(new Error(t('rv.notJury')));
      return showLogin(typed ? new Error(t('login.failed')) : null);
    }
    return showError($('error'), e);
  }
  $('login-form').hidden = true;
  $('broadcast').hidden = false;
  renderBroadcast();
  renderHead();
  render();
  document.body.dataset.ready = 'true';
}

setupLanguageToggle($('lang-toggle'));
$('broadcast').addEventListener('click', (event) => {
  event.currentTarget.blur(); // the keyboard stays the presenter's (Space must not press the button again)
  toggleBroadcast();
});
onLanguageChange(() => {
  setTitle();
  if (!model.resolution) return;
  renderBroadcast();
  renderHead();
  render();
});
applyI18n();
setTitle();
document.documentElement.lang = lang();
document.addEventListener('keydown', onKey);
$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  auth.set($('login-user').value.trim(), $('login-pass').value);
  start(true);
});
window.addEventListener('resize', () => model.resolution && render());
if (auth.get()) start();
else showLogin(null);
