// End-to-end test of Khue's web pages in Debian's Chromium against a real `khue serve` on the demo contest:
//  - a team logs in on /team and submits; the verdict appears there without a reload;
//  - the public scoreboard open in another tab updates without a reload;
//  - during the freeze the public page shows the team's new submission as frozen while /admin shows its verdict;
//  - thawing (from the console) reveals it; the language toggle works and is remembered;
//  - no page fetches anything from another host (venues are offline).
// Screenshots of every page, desktop and phone, go to tests/browser/artifacts/.
//
//   node e2e.mjs --khue build/khue [--contest problems]      the real test (ctest: browser_e2e; root for the sandbox)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const { values: opts } = parseArgs({
  options: {
    khue: { type: 'string' },
    contest: { type: 'string', default: path.join(repo, 'problems') },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    artifacts: { type: 'string', default: path.join(here, 'artifacts') },
    'verdict-timeout': { type: 'string', default: '90' },
  },
});
const SKIP = 77; // ctest SKIP_RETURN_CODE

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.error('e2e: playwright-core is not installed; run `npm install` in tests/browser (contrib/setup.sh --test does)');
  process.exit(SKIP);
}
if (!fs.existsSync(opts.chromium)) {
  console.error(`e2e: no Chromium at ${opts.chromium}`);
  process.exit(SKIP);
}
if (!opts.khue) {
  console.error('e2e: pass --khue PATH_TO_KHUE');
  process.exit(2);
}

const VERDICT_MS = +opts['verdict-timeout'] * 1000;
fs.mkdirSync(opts.artifacts, { recursive: true });
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const t0 = Date.now();
const cleanups = [];

function fail(message) {
  throw new Error(message);
}

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

// ---------------------------------------------------------------------------------------------------------------
// The server

async function startServer() {
  const port = await freePort();
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'khue-e2e-'));
  cleanups.push(() => fs.rmSync(data, { recursive: true, force: true }));
  const args = ['serve', '--contest', opts.contest, '--listen', `127.0.0.1:${port}`, '--data', data, '--workers', '1'];
  log('starting', opts.khue, args.join(' '));
  const child = spawn(opts.khue, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (d) => output.push(d.toString()));
  child.stderr.on('data', (d) => output.push(d.toString()));
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  cleanups.push(async () => {
    if (exited) return;
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
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) fail(`server exited early (${JSON.stringify(exited)}):\n${output.join('')}`);
    try {
      const r = await fetch(`${base}/api/contests`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) fail(`server did not answer on ${base} within 60 s:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  log('server up at', base);
  return { base, output };
}

// ---------------------------------------------------------------------------------------------------------------
// Contest API helpers (Node side, for setting the stage and for facts the pages must agree with)

function basic(user, pass) {
  return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
}

async function call(base, method, p, { auth, json } = {}) {
  const headers = { Accept: 'application/json' };
  if (auth) headers.Authorization = auth;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(`${base}/api/${p}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await r.text();
  if (!r.ok) fail(`${method} /api/${p}: HTTP ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// Credentials of the demo contest, from problems/accounts.yaml when present (written by the problems engineer).
function credentials() {
  const file = path.join(opts.contest, 'accounts.yaml');
  const found = { team: ['team1', 'team1'], admin: ['admin', 'admin'] };
  if (!fs.existsSync(file)) return found;
  const text = fs.readFileSync(file, 'utf8');
  // accounts.yaml is a list of flat maps; a tiny reader avoids a YAML dependency for two fields.
  const entries = text.split(/\n(?=\s*-\s)/).map((chunk) => {
    const get = (k) => new RegExp(`\\b${k}:\\s*["']?([^"'\\n]+?)["']?\\s*(?:\\n|$)`).exec(chunk)?.[1];
    return { username: get('username'), password: get('password'), type: get('type') };
  });
  const team = entries.find((e) => e.type === 'team' && e.username && e.password);
  const admin = entries.find((e) => e.type === 'admin' && e.username && e.password);
  if (team) found.team = [team.username, team.password];
  if (admin) found.admin = [admin.username, admin.password];
  return found;
}

// An accepted and a rejected source for some problem, taken from the demo packages' own example submissions.
function pickSources(problems, languages) {
  const byExt = new Map();
  for (const l of languages) for (const e of l.extensions ?? []) byExt.set(e.toLowerCase(), l);
  const preference = ['py', 'c', 'cpp', 'cc', 'js', 'java', 'rs', 'pas'];
  const pick = (dir) => {
    if (!fs.existsSync(dir)) return null;
    const files = fs.readdirSync(dir).filter((f) => byExt.has(f.split('.').pop().toLowerCase()));
    files.sort((a, b) => preference.indexOf(a.split('.').pop()) - preference.indexOf(b.split('.').pop()));
    return files.length ? { name: files[0], text: fs.readFileSync(path.join(dir, files[0]), 'utf8') } : null;
  };
  let good = null;
  let bad = null;
  for (const p of problems) {
    const dir = path.join(opts.contest, p.id, 'submissions');
    const a = pick(path.join(dir, 'accepted'));
    const w = pick(path.join(dir, 'wrong_answer'));
    if (a && !good) good = { problem: p, ...a };
    else if (w && !bad) bad = { problem: p, ...w };
  }
  // Both on one problem is fine too: the wrong answer then comes after the solve.
  if (good && !bad) {
    const w = pick(path.join(opts.contest, good.problem.id, 'submissions', 'wrong_answer'));
    if (w) bad = { problem: good.problem, ...w };
  }
  if (!good || !bad) fail('no problem of the demo contest has accepted and wrong_answer example submissions');
  return { good, bad };
}

// ---------------------------------------------------------------------------------------------------------------
// Browser

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const DESKTOP = { width: 1600, height: 900 };
const PHONE = { width: 390, height: 844 };

function watchPage(page, base, problems) {
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    // The offline step makes the feed's connection fail on purpose, and a reload can cut an open feed stream in
    // the middle of a chunk; the page resumes with since_token either way (and the test checks that it does).
    const expected = ['ERR_INTERNET_DISCONNECTED', 'ERR_INCOMPLETE_CHUNKED_ENCODING'];
    if (m.type() === 'error' && !expected.some((e) => m.text().includes(e))) {
      problems.push(`console error on ${page.url()}: ${m.text()}`);
    }
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request to another host: ${url}`);
    }
  });
}

// A value stored in window survives only as long as the document: if it is still there, nothing reloaded.
async function markNoReload(page) {
  await page.evaluate(() => {
    window.__khueMarker = 'still-here';
  });
}
async function assertNoReload(page, what) {
  const marker = await page.evaluate(() => window.__khueMarker);
  if (marker !== 'still-here') fail(`${what}: the page reloaded`);
}

// The scoreboard's problem columns must sit side by side in one header row: a broken grid template
// silently stacks every cell in one column while every class-based check still passes.
async function assertBoardLayout(page, name) {
  const tops = await page.$$eval('#board-head > div', (cells) => cells.map((c) => Math.round(c.getBoundingClientRect().top)));
  if (tops.length > 1 && new Set(tops).size !== 1) fail(`${name}: the scoreboard header is not one row (${tops})`);
}

async function shot(page, name, viewport) {
  await page.setViewportSize(viewport);
  await page.waitForTimeout(400);
  if (await page.$('#board-head')) await assertBoardLayout(page, name);
  const file = path.join(opts.artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  log('screenshot', path.relative(repo, file));
}

async function login(page, user, pass) {
  await page.fill('#login-user', user);
  await page.fill('#login-pass', pass);
  await page.click('#login-submit');
}

async function submitFromTeamPage(page, source) {
  await page.selectOption('#submit-problem', source.problem.id);
  // Paste into the editor and name the file, so the language is guessed exactly as for an upload.
  await page.setInputFiles('#submit-file', {
    name: source.name,
    mimeType: 'text/plain',
    buffer: Buffer.from(source.text),
  });
  await page.click('#submit-send');
  await page.waitForSelector('#submit-status.ok', { timeout: 15_000 }).catch(async () => {
    fail(`submission refused: ${await page.textContent('#submit-status')}`);
  });
}

// The newest submission row's verdict on the team page, once it is final.
async function waitForFinalVerdict(page) {
  const handle = await page.waitForFunction(
    () => {
      const badge = document.querySelector('#subs tbody tr.clickable .verdict');
      return badge && !badge.classList.contains('pending') ? badge.getAttribute('title') : null;
    },
    null,
    { timeout: VERDICT_MS, polling: 200 },
  );
  return handle.jsonValue();
}

async function cellClass(page, teamId, problemIndex) {
  return page.evaluate(
    ([team, index]) => document.querySelector(`.row[data-team="${team}"]`)?.children[4 + index]?.className ?? null,
    [teamId, problemIndex],
  );
}

async function waitForCell(page, teamId, problemIndex, cls, what) {
  try {
    await page.waitForFunction(
      ([team, index, c]) =>
        document.querySelector(`.row[data-team="${team}"]`)?.children[4 + index]?.classList.contains(c),
      [teamId, problemIndex, cls],
      { timeout: 30_000, polling: 200 },
    );
  } catch {
    fail(`${what}: scoreboard cell is "${await cellClass(page, teamId, problemIndex)}", expected "${cls}"`);
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const { base, output } = await startServer();
  const creds = credentials();
  const admin = basic(...creds.admin);
  const contests = await call(base, 'GET', 'contests');
  const contest = contests[0];
  const cid = encodeURIComponent(contest.id);
  const account = await call(base, 'GET', `contests/${cid}/account`, { auth: basic(...creds.team) });
  const teamId = account.team_id;
  // Put the contest in its running, unfrozen phase whatever the demo contest.yaml says: started a minute ago
  // unless it already has (a started contest's start can no longer move), and no freeze until the console sets one.
  const startMs = contest.start_time ? Date.parse(contest.start_time) : null;
  const stage = { id: contest.id, scoreboard_freeze_duration: '0:00:00.000' };
  if (startMs === null || startMs > Date.now()) stage.start_time = new Date(Date.now() - 60_000).toISOString();
  await call(base, 'PATCH', `contests/${cid}`, { auth: admin, json: stage });
  // The state follows the PATCH through the server's event log, so it may lag the PATCH's answer briefly.
  let staged = null;
  for (let i = 0; i < 50; i++) {
    staged = await call(base, 'GET', `contests/${cid}/state`);
    if (staged.started) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!staged.started || staged.ended) fail(`the demo contest is not running after staging: ${JSON.stringify(staged)}`);
  const problems = (await call(base, 'GET', `contests/${cid}/problems`, { auth: admin })).sort(
    (a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0) || String(a.label).localeCompare(String(b.label)),
  );
  const languages = await call(base, 'GET', `contests/${cid}/languages`);
  const { good, bad } = pickSources(problems, languages);
  log(`team ${teamId}; accepted ${good.problem.id}/${good.name}; wrong answer ${bad.problem.id}/${bad.name}`);


  const browser = await chromium.launch({ executablePath: opts.chromium, args: CHROMIUM_ARGS });
  cleanups.push(() => browser.close());
  const issues = [];
  // Separate contexts: the audience, the team and the organisers do not share storage.
  const audience = await browser.newContext({ viewport: DESKTOP });
  const teamCtx = await browser.newContext({ viewport: DESKTOP });
  const adminCtx = await browser.newContext({ viewport: DESKTOP });
  const board = await audience.newPage();
  const team = await teamCtx.newPage();
  const console_ = await adminCtx.newPage();
  for (const p of [board, team, console_]) watchPage(p, base, issues);

  // --- scoreboard, default language Vietnamese
  await board.goto(`${base}/`);
  await board.waitForSelector(`.row[data-team="${teamId}"]`, { timeout: 15_000 });
  const head = await board.textContent('#board-head .rank');
  if (head !== 'Hạng') fail(`scoreboard header is "${head}", expected Vietnamese "Hạng" by default`);
  await board.waitForSelector('#live[data-state="on"]', { timeout: 15_000 });
  await markNoReload(board);
  const goodIndex = problems.findIndex((p) => p.id === good.problem.id);
  const badIndex = problems.findIndex((p) => p.id === bad.problem.id);

  // --- team logs in and submits a correct solution
  await team.goto(`${base}/team`);
  await login(team, ...creds.team);
  await team.waitForSelector('#team-main:not([hidden])', { timeout: 15_000 });
  await team.waitForSelector('#live[data-state="on"]', { timeout: 15_000 });
  await markNoReload(team);
  await submitFromTeamPage(team, good);
  const guessed = await team.inputValue('#submit-language');
  log('language guessed from', good.name, '→', guessed);
  const started = Date.now();
  const verdict1 = await waitForFinalVerdict(team);
  log(`team page shows ${verdict1} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (verdict1 !== 'AC') fail(`accepted example ${good.name} got ${verdict1}`);
  await assertNoReload(team, 'team page');
  await waitForCell(board, teamId, goodIndex, 'solved', 'after the accepted submission');
  await assertNoReload(board, 'scoreboard');
  log('scoreboard shows the solve without reloading');

  // --- the first problem's statement and samples, and a compile error's messages 
  {
    const first = problems[0];
    const teamAuth = basic(...creds.team);
    const samples = await call(base, 'GET', `contests/${cid}/problems/${encodeURIComponent(first.id)}/samples`, { auth: teamAuth });
    if (first.statement?.[0]?.mime?.startsWith('text/markdown')) {
      await team.waitForSelector('#problem-view .statement-text p', { timeout: 10_000 }).catch(() =>
        fail(`the markdown statement of ${first.id} is not shown on the team page`));
    }
    await team.waitForFunction((n) => document.querySelectorAll('#problem-view .samples').length === n, samples.length, { timeout: 10_000 })
      .catch(() => fail(`the team page does not show the ${samples.length} samples of ${first.id}`));
    const ce = { problem: good.problem, name: 'broken.c', text: 'int main(void) { return 0 }\n' };
    await submitFromTeamPage(team, ce);
    const verdictCe = await waitForFinalVerdict(team);
    if (verdictCe !== 'CE') fail(`a C file missing a semicolon got ${verdictCe}`);
    const ceId = await team.getAttribute('#subs tbody tr.clickable', 'data-submission');
    await team.waitForFunction((id) => /error/i.test(document.querySelector(`#subs tr.details[data-details="${id}"] .compile-output`)?.textContent ?? ''), ceId, { timeout: 10_000 })
      .catch(() => fail(`the team page shows no compiler output for the compile error ${ceId}`));
    log(`team page shows statement, ${samples.length} samples and the compiler's messages of a CE`);
  }

  // --- organisers' console; freeze from there
  await console_.goto(`${base}/admin`);
  await login(console_, ...creds.admin);
  await console_.waitForSelector('#admin-main:not([hidden])', { timeout: 15_000 });
  await console_.waitForSelector('#live[data-state="on"]', { timeout: 15_000 });
  await console_.click('#freeze-now');
  await console_.waitForSelector('#contest-status.ok', { timeout: 10_000 }).catch(async () => {
    fail(`freeze from the console failed: ${await console_.textContent('#contest-status')}`);
  });
  await board.waitForSelector('#freeze-banner:not([hidden])', { timeout: 15_000 });
  log('freeze banner shown on the public scoreboard');
  await shot(board, 'scoreboard-frozen-desktop', DESKTOP);

  // --- a wrong answer during the freeze
  await submitFromTeamPage(team, bad);
  const verdict2 = await waitForFinalVerdict(team);
  log(`team page shows ${verdict2} for the submission made during the freeze`);
  if (verdict2 === 'AC' || verdict2 === 'CE' || verdict2 === 'JE') fail(`wrong_answer example got ${verdict2}`);
  const newest = await team.getAttribute('#subs tbody tr.clickable', 'data-submission');
  // The page opens a fresh submission's details by itself, so the team sees its test results at once.
  await team.waitForSelector(`#subs tr.details[data-details="${newest}"] table.runs, #subs tr.details[data-details="${newest}"] .compile-output`, { timeout: 10_000 });
  await waitForCell(board, teamId, badIndex, 'frozen', 'public scoreboard during the freeze');
  const publicCell = await cellClass(board, teamId, badIndex);
  if (publicCell.includes('failed')) fail('the freeze leaked a rejected verdict to the public scoreboard');
  log('public scoreboard hides the result:', publicCell);
  // The console sees the verdict.
  const sid = await team.getAttribute('#subs tbody tr.clickable', 'data-submission');
  await console_.waitForFunction(
    (id) => {
      const badge = document.querySelector(`#subs tr[data-submission="${id}"] .verdict`);
      return badge && !badge.classList.contains('pending');
    },
    sid,
    { timeout: 30_000 },
  );
  const adminVerdict = await console_.getAttribute(`#subs tr[data-submission="${sid}"] .verdict`, 'title');
  if (adminVerdict !== verdict2) fail(`console shows ${adminVerdict} for submission ${sid}, team page ${verdict2}`);
  log('console shows', adminVerdict, 'during the freeze');
  await console_.click(`#subs tr[data-submission="${sid}"]`);
  await console_.waitForSelector('#subs tr.details', { timeout: 5000 });

  // --- screenshots of every page
  await shot(team, 'team-desktop', DESKTOP);
  await shot(team, 'team-phone', PHONE);
  await shot(console_, 'admin-desktop', DESKTOP);
  await shot(console_, 'admin-phone', PHONE);
  await shot(board, 'scoreboard-frozen-phone', PHONE);
  await board.setViewportSize(DESKTOP);

  // --- thaw from the console: the public page reveals the rejection
  await console_.click('#thaw');
  await console_.waitForSelector('#contest-status.ok', { timeout: 10_000 });
  await board.waitForSelector('#freeze-banner', { state: 'hidden', timeout: 15_000 });
  await waitForCell(board, teamId, badIndex === goodIndex ? goodIndex : badIndex,
    badIndex === goodIndex ? 'solved' : 'failed', 'after the thaw');
  await assertNoReload(board, 'scoreboard');
  log('thaw reveals the result on the public scoreboard');
  await shot(board, 'scoreboard-desktop', DESKTOP);
  await shot(board, 'scoreboard-phone', PHONE);
  await board.setViewportSize(DESKTOP);

  // --- rejudge from the console: the rejudging's preview shows the new verdict beside the old one, the console
  // keeps the old verdict until the admin applies it, then shows the new one
  const judgementsOf = (id) => call(base, 'GET', `contests/${cid}/judgements?submission_id=${id}`, { auth: admin });
  const before = new Set((await judgementsOf(sid)).map((j) => j.id));
  const oldVerdict = await console_.getAttribute(`#subs tr[data-submission="${sid}"] .verdict`, 'title');
  await console_.click(`#subs tr[data-submission="${sid}"] button.rejudge`);
  await console_.waitForFunction(
    (id) => document.querySelector(`#subs tr[data-submission="${id}"] button.rejudge`)?.textContent === '✓',
    sid,
    { timeout: 10_000 },
  ).catch(async () => {
    fail(`rejudge failed: ${await console_.textContent(`#subs tr[data-submission="${sid}"] button.rejudge`)}`);
  });
  await console_.waitForSelector('#rejudge-preview:not([hidden])', { timeout: 10_000 });
  let rejudged = null;
  for (const deadline = Date.now() + VERDICT_MS; !rejudged && Date.now() < deadline; ) {
    rejudged = (await judgementsOf(sid)).find((j) => !before.has(j.id) && j.judgement_type_id) ?? null;
    if (!rejudged) await new Promise((r) => setTimeout(r, 300));
  }
  if (!rejudged) fail(`no new judgement of submission ${sid} after the rejudge`);
  if (rejudged.current) fail(`the rejudged judgement ${rejudged.id} became current before it was applied`);
  await console_.waitForFunction(
    ([id, v]) =>
      document.querySelector(`#rejudge-rows tr[data-submission="${id}"] td:nth-child(3) .verdict`)?.getAttribute('title') === v,
    [sid, rejudged.judgement_type_id],
    { timeout: 15_000 },
  );
  const stillOld = await console_.getAttribute(`#subs tr[data-submission="${sid}"] .verdict`, 'title');
  if (stillOld !== oldVerdict) fail(`the console shows ${stillOld} before the rejudging was applied (was ${oldVerdict})`);
  await shot(console_, 'admin-rejudging', DESKTOP);
  await console_.click('#rejudge-apply');
  // The new verdict may equal the old one (a WA judged again), so wait for the apply request itself to answer
  // before asking the API which judgement is current.
  await console_.waitForFunction(() => document.getElementById('rejudge-status')?.textContent === '✓', null, {
    timeout: 15_000,
  }).catch(async () => {
    fail(`applying the rejudging failed: ${await console_.textContent('#rejudge-status')}`);
  });
  await console_.waitForFunction(
    ([id, v]) => document.querySelector(`#subs tr[data-submission="${id}"] .verdict`)?.getAttribute('title') === v,
    [sid, rejudged.judgement_type_id],
    { timeout: 15_000 },
  );
  if (!(await judgementsOf(sid)).find((j) => j.id === rejudged.id && j.current)) {
    fail(`judgement ${rejudged.id} is not current after the rejudging was applied`);
  }
  log(`rejudged submission ${sid} from the console: previewed and applied ${rejudged.id} ${rejudged.judgement_type_id}`);

  // --- add a team from the console; it can log in at once
  await console_.fill('#team-id', 'e2e-team');
  await console_.fill('#team-name', 'Đội kiểm thử');
  await console_.fill('#team-pass', 'e2e-secret');
  await console_.click('#team-send');
  await console_.waitForSelector('#team-status.ok, #team-status.error', { timeout: 10_000 });
  if (!(await console_.$('#team-status.ok'))) fail(`adding a team failed: ${await console_.textContent('#team-status')}`);
  const added = await call(base, 'GET', `contests/${cid}/account`, { auth: basic('e2e-team', 'e2e-secret') });
  if (added.team_id !== 'e2e-team') fail(`the added team's account is ${JSON.stringify(added)}`);
  await board.waitForSelector('.row[data-team="e2e-team"]', { timeout: 15_000 });
  log('team added from the console appears on the public scoreboard');

  // --- the audience's network drops and comes back: the feed resumes with since_token, nothing is missed
  const feedUrls = [];
  board.on('request', (r) => {
    if (r.url().includes('/event-feed')) feedUrls.push(r.url());
  });
  const triesBefore = await board.evaluate(
    ([team, index]) => document.querySelector(`.row[data-team="${team}"]`)?.children[4 + index]?.textContent,
    [teamId, badIndex],
  );
  await audience.setOffline(true);
  await board.waitForSelector('#live[data-state="off"]', { timeout: 15_000 });
  await submitFromTeamPage(team, bad);
  await waitForFinalVerdict(team);
  await audience.setOffline(false);
  await board.waitForSelector('#live[data-state="on"]', { timeout: 30_000 });
  await board.waitForFunction(
    ([team, index, old]) =>
      document.querySelector(`.row[data-team="${team}"]`)?.children[4 + index]?.textContent !== old,
    [teamId, badIndex, triesBefore],
    { timeout: 30_000 },
  ).catch(() => fail('the scoreboard missed a submission made while it was offline'));
  await assertNoReload(board, 'scoreboard');
  if (!feedUrls.some((u) => u.includes('since_token='))) fail(`the feed reconnected without since_token: ${feedUrls}`);
  log('scoreboard resumed the feed with since_token after going offline');

  // --- group filter: only the group's teams, remembered across a reload
  const allTeams = await call(base, 'GET', `contests/${cid}/teams`);
  const groupOf = new Map(allTeams.map((x) => [x.id, x.group_ids ?? []]));
  const groupIds = [...new Set(allTeams.flatMap((x) => x.group_ids ?? []))];
  if (groupIds.length) {
    const group = groupIds[0];
    await board.selectOption('#group-filter', group);
    await board.waitForFunction(
      (n) => document.querySelectorAll('.row[data-team]').length === n,
      allTeams.filter((x) => (x.group_ids ?? []).includes(group)).length,
      { timeout: 10_000 },
    ).catch(() => fail(`the group filter ${group} does not show exactly its teams`));
    const shown = await board.$$eval('.row[data-team]', (rows) => rows.map((r) => r.dataset.team));
    const stray = shown.filter((id) => !groupOf.get(id)?.includes(group));
    if (stray.length) fail(`group ${group} shows other teams: ${stray}`);
    await shot(board, 'scoreboard-group-desktop', DESKTOP);
    await board.reload();
    await board.waitForSelector('.row[data-team]');
    if ((await board.inputValue('#group-filter')) !== group) fail('the group choice was not remembered');
    await board.selectOption('#group-filter', '');
    await board.waitForFunction((n) => document.querySelectorAll('.row[data-team]').length === n, allTeams.length);
    await markNoReload(board);
    log(`group filter "${group}" shows its ${shown.length} teams and is remembered`);
  }

  // --- language toggle, remembered across a reload
  await board.click('#lang-toggle');
  const english = await board.textContent('#board-head .rank');
  if (english !== 'Rank') fail(`after the toggle the header is "${english}", expected "Rank"`);
  await board.reload();
  await board.waitForSelector(`.row[data-team="${teamId}"]`);
  const remembered = await board.textContent('#board-head .rank');
  if (remembered !== 'Rank') fail(`the language choice was not remembered: "${remembered}"`);
  await shot(board, 'scoreboard-english-desktop', DESKTOP);
  await board.click('#lang-toggle');
  if ((await board.textContent('#board-head .rank')) !== 'Hạng') fail('toggling back did not restore Vietnamese');
  log('language toggle works and is remembered');

  if (issues.length) fail(`browser reported problems:\n  ${issues.join('\n  ')}`);
  if (process.env.KHUE_E2E_VERBOSE) console.log(output.join(''));
}

let status = 0;
try {
  await main();
  log('e2e passed');
} catch (e) {
  console.error('e2e FAILED:', e.message);
  status = 1;
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      // best effort
    }
  }
}
process.exit(status);
