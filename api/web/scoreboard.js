// The public live scoreboard. The event feed only tells us *that* something changed; the server's scoreboard
// endpoint stays the single authority on ranks and on what the freeze hides, so a change triggers one (coalesced)
// fetch of /scoreboard and the page then patches only the rows whose content or position changed.
import {
  applyI18n, byOrdinal, coalesce, contestMinutes, contestPhase, EventFeed, findContest, formatDuration, get, h,
  isFrozen, onLanguageChange, serverNow, setupLanguageToggle, showError, t, textColorOn, tries,
} from './common.js';
import { startAnnouncements } from './announcements.js';
import { startPresentation } from './presentation.js';

const GROUP_KEY = 'khue.group';

const model = {
  contest: null,
  state: null,
  problems: [],
  teams: new Map(),
  organizations: new Map(),
  groups: new Map(),
  scoreboard: null,
  firstToSolve: new Map(), // problem_id → team_id, from awards when the scoreboard does not flag it
};

const rowEls = new Map(); // team_id → row element
const rowSignatures = new Map(); // team_id → JSON of what the row last showed
const $ = (id) => document.getElementById(id);

async function loadStatic() {
  const cid = encodeURIComponent(model.contest.id);
  // A failed fetch (network blip, problems still secret before the start) keeps what we had, never blanks it.
  const fetchList = (what) => get(`contests/${cid}/${what}`, { withAuth: false }).catch(() => null);
  const [problems, teams, organizations, groups] = await Promise.all(
    ['problems', 'teams', 'organizations', 'groups'].map(fetchList),
  );
  if (problems) model.problems = [...problems].sort(byOrdinal);
  if (teams) model.teams = new Map(teams.map((x) => [x.id, x]));
  if (organizations) model.organizations = new Map(organizations.map((x) => [x.id, x]));
  if (groups) model.groups = new Map(groups.map((x) => [x.id, x]));
  fillGroupFilter();
  renderHead();
  rowSignatures.clear(); // names or problems may have changed: every row must be redrawn
}

async function loadState() {
  model.state = await get(`contests/${encodeURIComponent(model.contest.id)}/state`, { withAuth: false }).catch(
    () => null,
  );
}

async function loadAwards() {
  const awards = await get(`contests/${encodeURIComponent(model.contest.id)}/awards`, { withAuth: false }).catch(
    () => [],
  );
  model.firstToSolve.clear();
  for (const award of awards ?? []) {
    const m = /^first-to-solve-(.+)$/.exec(award.id ?? '');
    if (m && award.team_ids?.length) model.firstToSolve.set(m[1], award.team_ids[0]);
  }
}

function selectedGroup() {
  return $('group-filter').value;
}

// /contests/<id>/practice: the practice (upsolving) standings, every submission counted, apart from the official.
const practice = /^\/contests\/[^/]+\/practice\/?$/.test(location.pathname);

async function loadScoreboard() {
  // Presenter mode (presentation.js): while the resolver broadcasts, the board is the presenter's.
  if (presentation?.data && !practice) {
    model.scoreboard = { rows: presentation.data.rows };
    showError($('error'), null);
    renderRows();
    renderBanners();
    return;
  }
  const group = selectedGroup();
  const query = group ? `?group_id=${encodeURIComponent(group)}` : '';
  const board = practice ? 'khue/practice/scoreboard' : 'scoreboard';
  try {
    model.scoreboard = await get(`contests/${encodeURIComponent(model.contest.id)}/${board}${query}`, {
      withAuth: false,
    });
    if (model.scoreboard.state) model.state = model.scoreboard.state;
    showError($('error'), null);
  } catch (e) {
    showError($('error'), e);
    return;
  }
  renderRows();
  renderBanners();
}

// ---------------------------------------------------------------------------------------------------------------

function fillGroupFilter() {
  const select = $('group-filter');
  const remembered = select.value || localStorage.getItem(GROUP_KEY) || '';
  for (const option of [...select.options].slice(1)) option.remove();
  const groups = [...model.groups.values()].filter((g) => !g.hidden);
  for (const g of groups.sort((a, b) => String(a.name).localeCompare(String(b.name)))) {
    select.append(h('option', { value: g.id }, g.name ?? g.id));
  }
  select.value = model.groups.has(remembered) ? remembered : '';
  select.closest('label').hidden = groups.length === 0;
}

function renderHead() {
  const head = $('board-head');
  const scored = model.contest.scoreboard_type === 'score';
  // repeat(0, …) is invalid CSS, and before the start there may be no problems to show.
  const n = model.problems.length;
  // Set on the board itself: var(--cell) inside it resolves where the property is set, and --cell lives there.
  $('board').style.setProperty('--problem-cols', n ? `repeat(${n}, var(--cell))` : '0px');
  head.replaceChildren(
    h('div.rank', { role: 'columnheader', 'data-i18n': 'col.rank' }, t('col.rank')),
    h('div.team', { role: 'columnheader', 'data-i18n': 'col.team' }, t('col.team')),
    scored
      ? h('div.solved', { role: 'columnheader', 'data-i18n': 'col.score' }, t('col.score'))
      : h('div.solved', { role: 'columnheader', 'data-i18n': 'col.solved' }, t('col.solved')),
    scored ? h('div.penalty') : h('div.penalty', { role: 'columnheader', 'data-i18n': 'col.penalty' }, t('col.penalty')),
    ...model.problems.map((p) =>
      h(
        'div.problem-head',
        { role: 'columnheader', title: p.name ?? '' },
        h(
          'span.balloon',
          { style: { background: p.rgb ?? '#ccc', color: textColorOn(p.rgb ?? '#ccc') } },
          p.label ?? p.id,
        ),
      ),
    ),
  );
  document.body.classList.toggle('score-contest', scored);
}

function teamLabel(team) {
  return team?.display_name ?? team?.name ?? team?.id ?? '?';
}

function affiliation(team) {
  const parts = [];
  const org = model.organizations.get(team?.organization_id);
  if (org) parts.push(org.formal_name ?? org.name ?? org.id);
  for (const gid of team?.group_ids ?? []) {
    const g = model.groups.get(gid);
    if (g && !g.hidden) parts.push(g.name ?? g.id);
  }
  return parts.join(' · ');
}

function cellFor(row, problem, frozen) {
  const result = row.problems?.find((x) => x.problem_id === problem.id);
  const scored = model.contest.scoreboard_type === 'score';
  const judged = result?.num_judged ?? 0;
  const pending = result?.num_pending ?? 0;
  const classes = ['cell'];
  let top = '';
  let bottom = '';
  if (!result || judged + pending === 0) {
    classes.push('empty');
  } else if (scored) {
    const score = result.score ?? 0;
    const max = problem.max_score ?? null;
    top = String(+score.toFixed(2));
    if (result.time !== undefined && result.time !== null) bottom = contestMinutes(result.time);
    if (max && score >= max) classes.push('solved');
    else if (score > 0) classes.push('partial');
    else if (judged > 0) classes.push('failed');
    if (pending > 0) classes.push(frozen ? 'frozen' : 'pending');
  } else if (result.solved) {
    classes.push('solved');
    const first =
      result.first_to_solve ??
      (model.firstToSolve.has(problem.id) ? model.firstToSolve.get(problem.id) === row.team_id : false);
    if (first) classes.push('first');
    top = contestMinutes(result.time);
    bottom = tries(judged);
  } else if (pending > 0) {
    classes.push(frozen ? 'frozen' : 'pending');
    top = frozen ? '?' : '…';
    bottom = `${judged} + ${pending}`;
  } else {
    classes.push('failed');
    top = '✗'; // a shape as well as a colour, for colour-blind viewers and washed-out projectors
    bottom = tries(judged);
  }
  return { classes: classes.join(' '), top, bottom };
}

// total_time is a RELTIME since the 2023-06 Contest API and a number of minutes before it.
function penaltyMinutes(total) {
  if (total === null || total === undefined) return '0';
  return typeof total === 'number' ? String(total) : contestMinutes(total);
}

function rowView(row, frozen) {
  const team = model.teams.get(row.team_id);
  const scored = model.contest.scoreboard_type === 'score';
  return {
    rank: row.rank ?? '',
    name: teamLabel(team),
    affiliation: affiliation(team),
    solved: scored ? String(+(row.score?.score ?? 0).toFixed(2)) : String(row.score?.num_solved ?? 0),
    penalty: scored ? '' : penaltyMinutes(row.score?.total_time),
    cells: model.problems.map((p) => cellFor(row, p, frozen)),
  };
}

function buildRow(teamId) {
  const el = h(
    'div.row',
    { role: 'row', dataset: { team: teamId } },
    h('div.rank', { role: 'cell' }),
    h('div.team', { role: 'cell' }, h('div.team-name'), h('div.team-aff')),
    h('div.solved', { role: 'cell' }),
    h('div.penalty', { role: 'cell' }),
  );
  return el;
}

function fillRow(el, view) {
  const [rank, team, solved, penalty] = el.children;
  rank.textContent = view.rank;
  team.children[0].textContent = view.name;
  team.children[1].textContent = view.affiliation;
  solved.textContent = view.solved;
  penalty.textContent = view.penalty;
  while (el.children.length > 4 + view.cells.length) el.lastChild.remove();
  view.cells.forEach((cell, i) => {
    let c = el.children[4 + i];
    if (!c) {
      c = h('div', { role: 'cell' }, h('span.top'), h('span.bottom'));
      el.append(c);
    }
    c.className = cell.classes;
    c.children[0].textContent = cell.top;
    c.children[1].textContent = cell.bottom;
  });
}

function renderRows() {
  // Measured so that the e2e and load checks can read how long an update of the board takes.
  performance.mark('khue-render-start');
  try {
    renderRowsInner();
  } finally {
    performance.measure('khue-render', 'khue-render-start');
  }
}

function renderRowsInner() {
  const rows = model.scoreboard?.rows ?? [];
  const frozen = isFrozen(model.contest, model.state);
  const animate = rowEls.size > 0 && !document.hidden && !matchMedia('(prefers-reduced-motion: reduce)').matches;

  // FLIP, step "First": where every row is now. offsetTop reads share one layout pass.
  const before = new Map();
  if (animate) for (const [id, el] of rowEls) before.set(id, el.offsetTop);

  const wanted = new Set(rows.map((r) => r.team_id));
  for (const [id, el] of rowEls) {
    if (!wanted.has(id)) {
      el.remove();
      rowEls.delete(id);
      rowSignatures.delete(id);
    }
  }
  const changed = new Set();
  let previous = $('board-head');
  for (const row of rows) {
    let el = rowEls.get(row.team_id);
    if (!el) {
      el = buildRow(row.team_id);
      rowEls.set(row.team_id, el);
    }
    const view = rowView(row, frozen);
    // The rank is kept apart: one solve shifts the rank of every team tied below it, and those rows need a new
    // number, not a full redraw or a highlight.
    const { rank, ...content } = view;
    const signature = JSON.stringify(content);
    if (rowSignatures.get(row.team_id) !== signature) {
      if (rowSignatures.has(row.team_id)) changed.add(row.team_id);
      fillRow(el, view);
      rowSignatures.set(row.team_id, signature);
    } else if (el.firstChild.textContent !== String(rank)) {
      el.firstChild.textContent = rank;
    }
    // Move a node only when it is out of place, so an unchanged board costs no DOM mutations.
    if (previous.nextSibling !== el) previous.after(el);
    previous = el;
  }

  if (!animate) return;
  // "Last": read every new position before writing anything, so the browser lays the board out once, not once
  // per row (interleaving reads and style writes made a 500-team update take most of a second).
  // Only rows on screen before or after the move are animated: when a team climbs past 400 others, every one of
  // them shifts by a row, and animating the off-screen ones costs a tenth of a second for nothing.
  const wrap = document.querySelector('.board-wrap');
  const top = wrap.scrollTop - wrap.clientHeight;
  const bottom = wrap.scrollTop + 2 * wrap.clientHeight;
  const seen = (y) => y >= top && y <= bottom;
  const moves = [];
  for (const [id, el] of rowEls) {
    const old = before.get(id);
    if (old === undefined) continue;
    const now = el.offsetTop;
    if (old !== now && (seen(old) || seen(now))) moves.push([el, old - now]);
  }
  // "Invert" and "Play": rows that moved slide from their old place to the new one; changed rows glow briefly.
  for (const [el, dy] of moves) {
    if (dy > 0) el.style.zIndex = '2'; // climbers pass over the rows they overtake
    const animation = el.animate([{ transform: `translateY(${dy}px)` }, { transform: 'none' }], {
      duration: Math.min(1600, 600 + Math.abs(dy) / 4),
      easing: 'cubic-bezier(.25,.8,.25,1)',
    });
    animation.onfinish = () => {
      el.style.zIndex = '';
    };
  }
  for (const id of changed) {
    rowEls.get(id)?.animate([{ backgroundColor: '#fff3b0', offset: 0 }], { duration: 2400, easing: 'ease-out' });
  }
}

function renderBanners() {
  const frozen = isFrozen(model.contest, model.state);
  const shown = presentation?.data;
  // While the presenter reveals, the presentation's banner says what the board is ("results will be published at
  // the end" would contradict it).
  $('freeze-banner').hidden = !frozen || !!shown;
  document.body.classList.toggle('frozen', frozen);
  $('final-banner').hidden = !model.state?.finalized;
  $('presentation-banner').hidden = !shown;
  document.body.dataset.presentation = shown ? `${shown.step}/${shown.total}` : '';
  if (shown) {
    $('presentation-banner').textContent = shown.done
      ? t('presentation.done')
      : t('presentation.on').replace('{k}', shown.step).replace('{n}', shown.total);
  }
}

function tickClock() {
  const p = contestPhase(model.contest, serverNow());
  const label = $('clock-label');
  const value = $('clock-value');
  if (p.phase === 'unscheduled') {
    label.textContent = '';
    value.textContent = t('clock.notScheduled');
  } else if (p.phase === 'before') {
    label.textContent = t('clock.before');
    value.textContent = formatDuration(p.ms);
  } else if (p.phase === 'running') {
    label.textContent = t('clock.running');
    value.textContent = formatDuration(p.ms);
  } else {
    label.textContent = '';
    value.textContent = t('clock.ended');
  }
  const was = $('clock').dataset.phase;
  if ((was === 'before' || was === 'unscheduled') && p.phase === 'running') onContestStart();
  $('clock').dataset.phase = p.phase;
  // The freeze can begin between two events; the clock is what notices it.
  const frozen = isFrozen(model.contest, model.state);
  if (frozen !== document.body.classList.contains('frozen')) renderBanners();
}

// Projector mode: /?autoscroll[=pixels per second] scrolls through a board taller than the screen, pausing at the
// top and the bottom, so that every team gets its moment on the wall.
function startAutoScroll() {
  const params = new URLSearchParams(location.search);
  if (!params.has('autoscroll')) return;
  const speed = Number(params.get('autoscroll')) || 40;
  const wrap = document.querySelector('.board-wrap');
  let position = 0;
  let pauseUntil = performance.now() + 6000;
  let last = performance.now();
  const step = (now) => {
    const dt = now - last;
    last = now;
    if (now >= pauseUntil) {
      const max = wrap.scrollHeight - wrap.clientHeight;
      if (position >= max) {
        pauseUntil = now + 6000;
        setTimeout(() => {
          position = 0;
          wrap.scrollTop = 0;
        }, 5000);
      } else {
        position = Math.min(max, position + (speed * dt) / 1000);
        wrap.scrollTop = position;
      }
    }
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

// ---------------------------------------------------------------------------------------------------------------

let onContestStart = () => {};
let announcements = null; // the announcements box (announcements.js), fed by this page's event feed
let presentation = null; // presenter mode (presentation.js), fed by this page's event feed

async function main() {
  setupLanguageToggle($('lang-toggle'));
  try {
    model.contest = await findContest();
  } catch (e) {
    showError($('error'), e);
    return;
  }
  $('contest-name').textContent = model.contest.formal_name ?? model.contest.name ?? model.contest.id;
  document.title = `${model.contest.name ?? 'Khue'} — ${t(practice ? 'practice.title' : 'title.scoreboard')}`;
  if (practice) document.querySelector('.subtitle').dataset.i18n = 'practice.title';
  try {
    await Promise.all([loadStatic(), loadState(), loadAwards()]);
  } catch (e) {
    showError($('error'), e);
  }
  presentation = startPresentation(model.contest.id, () => {
    rowSignatures.clear();
    loadScoreboard();
  });
  await presentation.load();
  await loadScoreboard();
  announcements = startAnnouncements({ contestId: model.contest.id, before: document.querySelector('main.board-wrap') });
  tickClock();
  setInterval(tickClock, 250);
  startAutoScroll();

  const refresh = coalesce(loadScoreboard, 700);
  const reloadStatic = coalesce(async () => {
    await loadStatic();
    await loadScoreboard();
  }, 1000);
  onContestStart = coalesce(reloadStatic, 1500); // once, however many signals say the contest started
  const reloadAwards = coalesce(async () => {
    await loadAwards();
    rowSignatures.clear();
    renderRows();
  }, 1000);

  $('group-filter').addEventListener('change', () => {
    localStorage.setItem(GROUP_KEY, selectedGroup());
    rowSignatures.clear();
    loadScoreboard();
  });
  onLanguageChange(() => {
    applyI18n();
    renderHead();
    rowSignatures.clear();
    renderRows();
    tickClock();
    document.title = `${model.contest.name ?? 'Khue'} — ${t('title.scoreboard')}`;
  });

  new EventFeed(model.contest.id, {
    withAuth: false,
    types: ['contest', 'state', 'problems', 'teams', 'organizations', 'groups', 'awards', 'submissions', 'judgements',
      'clarifications', 'khue-presentation'],
    onStatus: (live) => {
      $('live').dataset.state = live ? 'on' : 'off';
      $('live').textContent = live ? t('live.connected') : t('live.reconnecting');
      // Anything may have happened while we were away.
      if (live) refresh();
      if (live) presentation.handle();
    },
    onEvent: (event) => {
      switch (event.type) {
        case 'clarifications':
          announcements?.handle(event);
          break;
        case 'contest':
          if (event.data) {
            model.contest = { ...model.contest, ...event.data };
            $('contest-name').textContent = model.contest.formal_name ?? model.contest.name ?? model.contest.id;
          }
          refresh();
          break;
        case 'state':
          // Problems become public at the start; their events may predate our connection, so fetch them.
          if (event.data?.started && !model.state?.started) onContestStart();
          if (event.data) model.state = event.data;
          if (event.data?.end_of_updates) presentation.handle(); // finalized: no presentation any more
          renderBanners();
          refresh();
          break;
        case 'problems':
        case 'teams':
        case 'organizations':
        case 'groups':
          reloadStatic();
          break;
        case 'awards':
          reloadAwards();
          break;
        case 'khue-presentation':
          presentation.handle();
          break;
        case 'submissions':
        case 'judgements':
          refresh();
          break;
        default:
          break; // runs, clarifications, languages … do not change the scoreboard
      }
    },
  }).start();
}

main();
