// The closing ceremony's pages in Chromium against a real `khue serve` (no sandbox needed: the contests are
// contest packages that carry their judged submissions, imported at start, and no worker runs):
//  - the resolver (/resolver), for a pass-fail contest before the thaw and a score contest after it (with a hidden
//    team, never shown; cells revealed subtask by subtask): stepping from start to end gives exactly the
//    final scoreboard, each step changes exactly one cell on the page, the one the step names, and stepping
//    back restores every previous state; the winner's and the first solvers' awards show once their places are
//    fixed, with their citations in Vietnamese (the page's default language; in English after the toggle), and
//    the final awards go to the public's teams only (not to the hidden team, though it solved first);
//  - presenter mode: the resolver broadcasts and the public scoreboard page follows it step by step (forward and
//    back), showing nothing the presenter has not revealed (and not the freeze banner), the final board after the
//    last step, and its own board again once broadcast is off;
//  - the console's awards panel: rules set and saved, the awards they give listed, finalize refused while frozen
//    and done after the thaw, rules fixed afterwards;
//  - the public statistics page (/statistics): its numbers agree with the Contest API, its charts are inline SVG,
//    each bar of its horizontal charts sits in its row (bounding boxes, desktop and phone), the page is no wider
//    than a phone, it speaks Vietnamese and English, and nothing is fetched from another host.
// The two contests' servers start together; every wait is for a state, none for a fixed time.
// Screenshots go to tests/browser/artifacts/.
//
//   node ceremony.mjs --khue build/khue [--problems problems]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { makeZip } from '../../api/web/zip.js';
import { awardsConsole, presenterMode } from './ceremony_console.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const { values: opts } = parseArgs({
  options: {
    khue: { type: 'string' },
    problems: { type: 'string', default: path.join(repo, 'problems') },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    artifacts: { type: 'string', default: path.join(here, 'artifacts') },
  },
});
const SKIP = 77;

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.error('ceremony: playwright-core is not installed; run `npm install` in tests/browser');
  process.exit(SKIP);
}
if (!fs.existsSync(opts.chromium)) {
  console.error(`ceremony: no Chromium at ${opts.chromium}`);
  process.exit(SKIP);
}
if (!opts.khue) {
  console.error('ceremony: pass --khue PATH_TO_KHUE');
  process.exit(2);
}
fs.mkdirSync(opts.artifacts, { recursive: true });
const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const cleanups = []; // servers and the browser, stopped together at the end
const removals = []; // then their folders
const fail = (message) => {
  throw new Error(message);
};
const assertEqual = (actual, expected, what) => {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) fail(`${what}:\n  expected ${e}\n  actual   ${a}`);
};

// ---------------------------------------------------------------------------------------------------------------
// A contest package with results

const TEAMS = [
  ['t1', 'Bách khoa Bits', 'hust'],
  ['t2', 'Đội Hồ Gươm', 'hnue'],
  ['t3', 'Nguyễn Thị Ánh Tuyết', 'hnue'],
  ['t4', 'Trường Chinh Coders', 'hust'],
  ['t5', 'Ếch Xanh Lập Trình', 'hnue'],
  ['t6', 'Ước Mơ Xa', 'hust'],
];

// [team, problem, minute, verdict, score?]. Minute ≥ 240 is in the freeze (5 h contest, 1 h freeze).
const PASS_FAIL_RUNS = [
  ['t1', 'hello', 12, 'AC'], ['t1', 'float', 70, 'WA'], ['t1', 'float', 95, 'AC'], ['t1', 'sweets', 250, 'AC'],
  ['t2', 'hello', 20, 'WA'], ['t2', 'hello', 31, 'AC'], ['t2', 'float', 245, 'TLE'], ['t2', 'float', 262, 'AC'],
  ['t2', 'sweets', 280, 'AC'],
  ['t3', 'hello', 8, 'AC'], ['t3', 'float', 150, 'AC'], ['t3', 'sweets', 241, 'CE'], ['t3', 'sweets', 299, 'WA'],
  ['t4', 'hello', 242, 'AC'], ['t4', 'float', 243, 'WA'], ['t4', 'float', 255, 'WA'],
  ['t5', 'hello', 100, 'WA'], ['t5', 'hello', 260, 'AC'], ['t5', 'float', 270, 'AC'], ['t5', 'sweets', 290, 'AC'],
  ['t6', 'sweets', 120, 'RTE'],
];
const SCORE_RUNS = [
  ['t1', 'subtasks', 30, 'WA', 20], ['t1', 'subtasks', 250, 'WA', 50], ['t1', 'hello', 40, 'AC', 1],
  ['t2', 'subtasks', 60, 'WA', 50], ['t2', 'subtasks', 270, 'AC', 100],
  ['t3', 'hello', 245, 'AC', 1], ['t3', 'subtasks', 246, 'WA', 20],
  ['t4', 'subtasks', 100, 'WA', 20], ['t4', 'subtasks', 260, 'WA', 0],
  ['t5', 'hello', 10, 'AC', 1], ['t5', 'subtasks', 290, 'AC', 100],
  ['t6', 'subtasks', 241, 'CE', 0],
];

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

// The runs of a judgement of the `subtasks` problem (groups 20 + 30 + 50, all or nothing) that give `score`:
// every case of a passed group accepted, a failed group's first case wrong (the rest not run), with their test
// case names (Khue's `test_name`) so that the server can tell the subtask scores.
function subtaskRuns(judgementId, score) {
  const secret = path.join(opts.problems, 'subtasks', 'data', 'secret');
  const passed = { group1: score >= 20, group2: score >= 50, group3: score >= 100 };
  const runs = [];
  for (const group of ['group1', 'group2', 'group3']) {
    const cases = fs.readdirSync(path.join(secret, group)).filter((f) => f.endsWith('.in')).sort();
    for (const c of passed[group] ? cases : cases.slice(0, 1)) {
      runs.push({
        id: `${judgementId}-${runs.length + 1}`, judgement_id: judgementId, ordinal: runs.length + 1,
        judgement_type_id: passed[group] ? 'AC' : 'WA', run_time: 0.01, test_name: `secret/${group}/${c.replace(/\.in$/, '')}`,
      });
    }
  }
  return runs;
}

function writeContest(dir, { id, type, problems, runs, thawed = false, hiddenTeam = false }) {
  const start = Math.floor(Date.now() / 60_000) * 60_000 - 310 * 60_000; // ended ten minutes ago, still frozen
  fs.writeFileSync(
    path.join(dir, 'contest.yaml'),
    `id: ${id}\nname: "Tuần lễ học tập suốt đời — ${type}"\nstart_time: ${iso(start)}\nduration: 5:00:00\n` +
      `scoreboard_freeze_duration: 1:00:00\nscoreboard_type: ${type}\npenalty_time: 20\n` +
      // Thawed five minutes ago: the ceremony runs after the thaw, from the frozen board the server keeps.
      (thawed ? `scoreboard_thaw_time: ${iso(start + 305 * 60_000)}\n` : ''),
  );
  fs.writeFileSync(
    path.join(dir, 'problems.yaml'),
    problems.map((p, i) => `- id: ${p}\n  label: ${String.fromCharCode(65 + i)}\n  ordinal: ${i}\n`).join(''),
  );
  for (const p of problems) fs.cpSync(path.join(opts.problems, p), path.join(dir, p), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'organizations.json'),
    JSON.stringify([{ id: 'hust', name: 'ĐH Bách khoa Hà Nội' }, { id: 'hnue', name: 'ĐH Sư phạm Hà Nội' }]),
  );
  fs.writeFileSync(
    path.join(dir, 'teams.json'),
    JSON.stringify([
      ...TEAMS.map(([tid, name, org]) => ({ id: tid, name, organization_id: org })),
      // A hidden team (the organisers' own): never on the public board, nor in the resolver.
      ...(hiddenTeam ? [{ id: 'hidden', name: 'Ban tổ chức', organization_id: 'hust', hidden: true }] : []),
    ]),
  );
  fs.writeFileSync(
    path.join(dir, 'accounts.yaml'),
    '- {id: jury, username: jury, password: jurypw, type: judge}\n- {id: admin, username: admin, password: adminpw, type: admin}\n',
  );
  const submissions = [];
  const judgements = [];
  const testRuns = [];
  const all = hiddenTeam ? [...runs, ['hidden', problems[0], 250, 'AC', 1], ['hidden', problems[0], 5, 'AC', 1]] : runs;
  all.forEach(([team, problem, minute, verdict, score], i) => {
    const sid = String(i + 1);
    const time = start + minute * 60_000 + i * 1000;
    const zip = makeZip([{ name: 'main.c', bytes: new TextEncoder().encode(`// ${sid}\nint main(void) { return 0; }\n`) }]);
    fs.mkdirSync(path.join(dir, 'submissions', sid), { recursive: true });
    fs.writeFileSync(path.join(dir, 'submissions', sid, 'files.zip'), zip);
    submissions.push({
      id: sid, team_id: team, problem_id: problem, language_id: 'c', time: iso(time),
      files: [{ href: `submissions/${sid}/files.zip`, filename: 'files.zip', mime: 'application/zip' }],
    });
    judgements.push({
      id: sid, submission_id: sid, judgement_type_id: verdict, current: true,
      ...(score === undefined ? {} : { score }), start_time: iso(time + 1000), end_time: iso(time + 2000),
    });
    if (problem === 'subtasks' && verdict !== 'CE') testRuns.push(...subtaskRuns(sid, score));
  });
  fs.writeFileSync(path.join(dir, 'submissions.json'), JSON.stringify(submissions));
  fs.writeFileSync(path.join(dir, 'judgements.json'), JSON.stringify(judgements));
  fs.writeFileSync(path.join(dir, 'runs.json'), JSON.stringify(testRuns));
}

// ---------------------------------------------------------------------------------------------------------------
// The server

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startServer(contest) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'khue-ceremony-'));
  removals.push(() => fs.rmSync(root, { recursive: true, force: true }));
  const dir = path.join(root, 'contest');
  fs.mkdirSync(dir);
  writeContest(dir, contest);
  const port = await freePort();
  const args = ['serve', '--contest', dir, '--listen', `127.0.0.1:${port}`, '--data', path.join(root, 'data'),
    '--workers', '0'];
  const child = spawn(opts.khue, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (d) => output.push(d.toString()));
  child.stderr.on('data', (d) => output.push(d.toString()));
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const stop = async () => {
    if (exited) return;
    const asked = Date.now();
    child.once('exit', () => log(contest.id, `server stopped in ${Date.now() - asked} ms`));
    child.kill('SIGTERM');
    await new Promise((r) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        r();
      }, 5000);
      child.on('exit', () => {
        clearTimeout(timer);
        r();
      });
    });
  };
  cleanups.push(stop);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) fail(`server exited early (${JSON.stringify(exited)}):\n${output.join('')}`);
    try {
      if ((await fetch(`${base}/api/contests`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) fail(`server did not answer within 60 s:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 50)); // a poll: the server answers within a second
  }
  log('server up at', base, 'for', contest.id);
  return { base, stop };
}

const jury = 'Basic ' + Buffer.from('jury:jurypw').toString('base64');
async function api(base, target, auth = jury) {
  const r = await fetch(`${base}/api/${target}`, { headers: auth ? { Authorization: auth } : {} });
  if (!r.ok) fail(`GET ${target}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}

// ---------------------------------------------------------------------------------------------------------------
// The resolver

// What the page shows: every cell's state and text, and the rows in the order they stand on screen.
async function snapshot(page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('.rv-row[data-team]')];
    const cells = {};
    for (const row of rows) {
      for (const c of row.querySelectorAll('.rv-cell')) {
        cells[`${row.dataset.team}/${c.dataset.problem}`] = `${c.dataset.state}|${c.textContent}`;
      }
    }
    const order = rows
      .map((r) => ({ team: r.dataset.team, top: parseFloat(r.style.top), rank: r.querySelector('.rv-rank').textContent }))
      .sort((a, b) => a.top - b.top)
      .map((r) => `${r.rank}:${r.team}`);
    return { cells, order };
  });
}

function changedCells(before, after) {
  return Object.keys(after.cells).filter((k) => before.cells[k] !== after.cells[k]);
}

async function resolve(browser, contest, base) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/resolver?contest=${contest.id}`);
  if (contest.type === 'pass-fail') {
    // A mistyped password: the page says so (the browser opens no login dialog of its own: the server sends the
    // web pages' 401 without a Basic challenge; other clients still get it).
    await page.fill('#login-user', 'jury');
    await page.fill('#login-pass', 'wrong');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-error:not([hidden])', { timeout: 10_000 });
    const said = await page.textContent('#login-error');
    if (said !== 'Sai tên đăng nhập hoặc mật khẩu') fail(`resolver: a wrong password says "${said}"`);
    const wrong = { Authorization: 'Basic ' + Buffer.from('jury:wrong').toString('base64') };
    const challenge = async (headers) => (await fetch(`${base}/api/khue/status`, { headers })).headers.get('www-authenticate');
    if ((await challenge(wrong)) === null) fail('a wrong password got no Basic challenge');
    if ((await challenge({ ...wrong, 'X-Requested-With': 'XMLHttpRequest' })) !== null) fail("a web page's 401 has a Basic challenge");
  }
  await page.fill('#login-user', 'jury');
  await page.fill('#login-pass', 'jurypw');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
  for (let i = 0; i < 6; ++i) await page.keyboard.press('='); // faster: the test reads states, not motion
  const total = await page.evaluate(() => window.khueResolver.total);
  if (total < 5) fail(`${contest.id}: only ${total} steps to reveal`);
  const bySubtask = await page.evaluate(() => {
    const out = [];
    for (let k = 0; k < window.khueResolver.total; ++k) if (window.khueResolver.step(k).subtask) out.push(window.khueResolver.step(k));
    return out;
  });
  log(contest.id, total, 'steps,', bySubtask.length, 'of them subtask by subtask');
  if (contest.type === 'score') {
    // Each of those reveals one subtask of one cell, its score never falling; every hidden judgement of the
    // subtasks problem came with its runs, so each such cell is revealed subtask by subtask.
    if (bySubtask.length === 0) fail(`${contest.id}: no cell is revealed subtask by subtask`);
    for (const s of bySubtask) {
      if (s.problem_id !== 'subtasks' || s.subtask.count !== 3) fail(`${contest.id}: odd subtask step ${JSON.stringify(s)}`);
      if (s.after.score < s.before.score) fail(`${contest.id}: a score fell: ${JSON.stringify(s)}`);
    }
  } else if (bySubtask.length) fail(`${contest.id}: subtask steps in a pass-fail contest`);
  if (await page.$('.rv-row[data-team="hidden"]')) fail(`${contest.id}: the hidden team is on the resolver`);

  // The start is the public board as the freeze left it: what the public sees until the thaw, and what the
  // server keeps for the jury after it.
  const frozen = await api(base, `contests/${contest.id}/scoreboard?view=frozen`);
  const publicNow = await api(base, `contests/${contest.id}/scoreboard?public=true`);
  if (!contest.thawed) assertEqual(frozen.rows, publicNow.rows, `${contest.id}: the frozen view is the public board`);
  else if (JSON.stringify(frozen.rows) === JSON.stringify(publicNow.rows)) fail(`${contest.id}: the thaw changed nothing`);
  const states = [await snapshot(page)];
  // The first board is the frozen public scoreboard.
  assertEqual(states[0].order, frozen.rows.map((r) => `${r.rank}:${r.team_id}`), `${contest.id}: start = frozen board`);
  await page.screenshot({ path: path.join(opts.artifacts, `resolver-${contest.id}-start.png`) });
  for (let k = 1; k <= total; ++k) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((i) => window.khueResolver.index === i, k);
    const now = await snapshot(page);
    const step = await page.evaluate((i) => window.khueResolver.step(i), k - 1);
    assertEqual(changedCells(states[k - 1], now), [`${step.team_id}/${step.problem_id}`], `${contest.id}: step ${k} changes one cell`);
    states.push(now);
    if (k === Math.floor(total / 2)) await page.screenshot({ path: path.join(opts.artifacts, `resolver-${contest.id}-middle.png`) });
  }
  // The end is exactly the final scoreboard: the jury's view, which the thaw will make public (or has made
  // public: hidden teams are on the jury's board only).
  const final = await api(base, `contests/${contest.id}/scoreboard${contest.thawed ? '?public=true' : ''}`);
  const expected = final.rows.map((r) => ({ ...r, problems: r.problems.map(({ first_to_solve: _x, ...c }) => c) }));
  assertEqual(await page.evaluate(() => window.khueResolver.board()), expected, `${contest.id}: the last board`);
  assertEqual(states[total].order, final.rows.map((r) => `${r.rank}:${r.team_id}`), `${contest.id}: final order on screen`);
  // The winner's place is fixed at the end: its award and citation show.
  const awards = await api(base, `contests/${contest.id}/awards?view=final`); // the final board's awards (jury)
  const winner = awards.find((a) => a.id === 'winner');
  if (!winner) fail(`${contest.id}: no winner award: ${JSON.stringify(awards)}`);
  // The page is in Vietnamese (the default): the server's English citations are shown in Vietnamese.
  const chip = (id) => page.textContent(`.rv-row[data-team="${winner.team_ids[0]}"] .rv-award[data-award="${id}"]`);
  if (winner.citation !== 'Contest winner' || (await chip('winner')) !== 'Đội vô địch') {
    fail(`${contest.id}: the winner's chip shows "${await chip('winner')}" for "${winner.citation}"`);
  }
  const spot = await page.evaluate(() => ({
    hidden: document.getElementById('spotlight').hidden, team: document.getElementById('spotlight').dataset.team,
    text: document.getElementById('spotlight').textContent,
  }));
  if (spot.hidden || spot.team !== winner.team_ids[0] || !spot.text.includes('Đội vô địch') || spot.text.includes('Contest winner')) {
    fail(`${contest.id}: no Vietnamese spotlight on the winner: ${JSON.stringify(spot)}`);
  }
  const firsts = awards.filter((a) => a.id.startsWith('first-to-solve-'));
  if (firsts.length === 0) fail(`${contest.id}: no first-to-solve award`);
  for (const a of firsts) {
    // The final awards are the public's teams' (a hidden team, even the first to solve, takes none).
    if (a.team_ids.some((id) => !final.rows.some((r) => r.team_id === id) || id === 'hidden')) {
      fail(`${contest.id}: an award for a team not on the board: ${JSON.stringify(a)}`);
    }
    const label = a.citation.replace('First to solve problem ', '');
    const shown = await page.textContent(`.rv-row[data-team="${a.team_ids[0]}"] .rv-award[data-award="${a.id}"]`);
    if (shown !== `Đội đầu tiên giải được bài ${label}`) fail(`${contest.id}: "${a.citation}" is shown as "${shown}"`);
  }
  await page.screenshot({ path: path.join(opts.artifacts, `resolver-${contest.id}-end.png`) });
  // Vietnamese names are on the page as written (their rendering is in the screenshots).
  const names = await page.$$eval('.rv-team', (els) => els.map((e) => e.textContent).join(' '));
  if (!names.includes('Nguyễn Thị Ánh Tuyết') || !names.includes('Ếch Xanh Lập Trình')) fail(`${contest.id}: names lost their diacritics: ${names}`);

  // Back, all the way: each step back restores the state before it.
  for (let k = total - 1; k >= 0; --k) {
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((i) => window.khueResolver.index === i, k);
    assertEqual(await snapshot(page), states[k], `${contest.id}: back to step ${k}`);
  }
  // End and Home jump.
  await page.keyboard.press('End');
  assertEqual(await snapshot(page), states[total], `${contest.id}: End`);
  await page.keyboard.press('Home');
  assertEqual(await snapshot(page), states[0], `${contest.id}: Home`);
  // In English, the server's citation as it is.
  await page.keyboard.press('End');
  await page.click('#lang-toggle');
  if ((await chip('winner')) !== winner.citation) fail(`${contest.id}: in English the winner's chip is "${await chip('winner')}"`);
  await page.click('#lang-toggle');
  if (errors.length) fail(`${contest.id}: page errors: ${errors.join('; ')}`);

  // A team account may not open the resolver's data.
  const r = await fetch(`${base}/api/khue/status`);
  if (r.status !== 401) fail(`the resolver's data is open to the public: HTTP ${r.status}`);
  await context.close();
  log(contest.id, 'resolver checked');
}

// ---------------------------------------------------------------------------------------------------------------
// The statistics page

// Each bar of the horizontal charts (languages, verdicts per problem) sits in its row: vertically on its label,
// starting after the label, its count after it, everything inside the chart; and the page is no wider than the
// screen. Bounding boxes as drawn.
async function chartRowsInPlace(page, where) {
  const problems = await page.evaluate(() => {
    const out = [];
    const box = (el) => el.getBoundingClientRect();
    const { scrollWidth, clientWidth } = document.documentElement;
    if (scrollWidth > clientWidth) out.push(`the page is ${scrollWidth} px wide on a ${clientWidth} px screen`);
    for (const chartId of ['languages', 'verdict-mix']) {
      const svg = document.querySelector(`#${chartId} svg`);
      const frame = box(svg);
      const rows = svg.querySelectorAll('g.st-row');
      if (rows.length === 0) out.push(`${chartId}: no rows`);
      for (const row of rows) {
        const label = box(row.querySelector('text.st-label'));
        const after = box(row.querySelector('text.st-after'));
        const name = `${chartId} row "${row.textContent}"`;
        const bars = [...row.querySelectorAll('rect')].map(box);
        for (const r of [label, after, ...bars]) {
          if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5 || r.top < frame.top - 0.5 || r.bottom > frame.bottom + 0.5) {
            out.push(`${name}: a part outside the chart`);
          }
        }
        for (const bar of bars) {
          const mid = (bar.top + bar.bottom) / 2;
          if (Math.abs(mid - (label.top + label.bottom) / 2) > 2) out.push(`${name}: bar centred at ${mid}, label at ${(label.top + label.bottom) / 2}`);
          if (bar.left < label.right) out.push(`${name}: the bar starts at ${bar.left}, under its label (ending at ${label.right})`);
          if (bar.right > after.left + 0.5) out.push(`${name}: the bar runs under its count`);
        }
        if (label.height < 11) out.push(`${name}: text ${label.height} px high`);
      }
    }
    return out;
  });
  if (problems.length) fail(`statistics (${where}): ${problems.join('; ')}`);
}

async function statistics(browser, base, contestId) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(base) && !req.url().startsWith('data:')) foreign.push(req.url());
  });
  await page.goto(`${base}/statistics?contest=${contestId}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
  // The public's view of the same facts.
  const subs = await api(base, `contests/${contestId}/submissions`, null);
  const judgements = await api(base, `contests/${contestId}/judgements`, null);
  const verdict = new Map(judgements.filter((j) => j.current !== false).map((j) => [j.submission_id, j.judgement_type_id]));
  const problems = await api(base, `contests/${contestId}/problems`, null);
  for (const p of problems) {
    const mine = subs.filter((s) => s.problem_id === p.id);
    const accepted = mine.filter((s) => verdict.get(s.id) === 'AC').length;
    const row = await page.$eval(`#problem-table tr[data-problem="${p.id}"]`, (tr) => ({
      attempts: +tr.querySelector('.attempts').textContent,
      accepted: +tr.querySelector('.accepted').textContent,
    }));
    assertEqual(row, { attempts: mine.length, accepted }, `statistics: problem ${p.id}`);
  }
  const charts = await page.$$eval('svg.st-chart', (els) => els.map((e) => e.querySelectorAll('rect').length));
  if (charts.length !== 3 || charts.some((n) => n === 0)) fail(`statistics: charts ${JSON.stringify(charts)}`);
  const over = await page.evaluate(() => window.khueStatistics.overTime.reduce((n, b) => n + b.accepted + b.rejected + b.pending, 0));
  assertEqual(over, subs.length, 'statistics: every submission is in the time chart');
  const hidden = subs.filter((s) => !verdict.has(s.id)).length;
  if (hidden === 0) fail('statistics: the freeze hides nothing from the public; the test needs it to');
  const pendingOnChart = await page.$$eval('#verdict-mix rect[data-verdict="?"]', (els) => els.length);
  if (pendingOnChart === 0) fail('statistics: frozen submissions are not shown as pending');
  await chartRowsInPlace(page, 'desktop');
  // A phone: nothing wider than the screen, the charts drawn again at its width with their rows in place.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction(() => document.querySelector('#languages svg')?.getAttribute('width') < 390, null, { timeout: 10_000 });
  await chartRowsInPlace(page, 'phone');
  await page.screenshot({ path: path.join(opts.artifacts, 'statistics-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  const vi = await page.textContent('h2[data-i18n="st.problems"]');
  await page.click('#lang-toggle');
  const en = await page.textContent('h2[data-i18n="st.problems"]');
  if (vi !== 'Các bài' || en !== 'Problems') fail(`statistics: language toggle gives "${vi}" / "${en}"`);
  await page.screenshot({ path: path.join(opts.artifacts, 'statistics.png'), fullPage: true });
  if (foreign.length) fail(`statistics fetched from other hosts: ${foreign.join(', ')}`);
  await context.close();
}

// ---------------------------------------------------------------------------------------------------------------

let status = 0;
const browser = await chromium.launch({ executablePath: opts.chromium, args: ['--no-sandbox'] });
cleanups.push(() => browser.close());
const passFail = { id: 'ceremony-icpc', type: 'pass-fail', problems: ['hello', 'float', 'sweets'], runs: PASS_FAIL_RUNS };
// The score contest's ceremony runs after the thaw, and the contest has a hidden team.
const score = {
  id: 'ceremony-ioi', type: 'score', problems: ['hello', 'subtasks'], runs: SCORE_RUNS, thawed: true, hiddenTeam: true,
};
try {
  // Two servers, one per contest, started together (and stopped together at the end). The checks run one after
  // the other: on two busy cores, running the two contests' pages side by side was slower, not faster.
  const [pf, sc] = await Promise.all([startServer(passFail), startServer(score)]);
  const helpers = { api, assertEqual, fail, log, artifacts: opts.artifacts };
  await resolve(browser, passFail, pf.base);
  await statistics(browser, pf.base, passFail.id);
  log('statistics checked');
  await presenterMode(browser, pf.base, passFail.id, helpers);
  await awardsConsole(browser, pf.base, passFail.id, helpers);
  await resolve(browser, score, sc.base);
  log('ceremony: all checks passed');
} catch (e) {
  console.error('ceremony: FAILED:', e.message);
  status = 1;
} finally {
  await Promise.all(cleanups.map((c) => c()));
  for (const r of removals) r();
}
process.exit(status);
