// Browser test of many contests on one server, in Debian's Chromium against a real `khue serve --contests DIR`
// with two contests of different clocks on one SQLite file (no judging: --workers 0, so no root needed):
//  - the landing page lists the running contest and the upcoming one with a countdown, in Vietnamese and English;
//  - each contest's scoreboard has its own stable URL (/contests/<id>/) and shows its own teams;
//  - a submission in one contest arrives live (event feed) on that contest's scoreboard and never on the other's;
//  - the team page of one account that plays in both contests lists both, each as its own team.
//
//   node contests.mjs --khue build/khue   (ctest: browser_contests)
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
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    artifacts: { type: 'string', default: path.join(here, 'artifacts') },
  },
});
const SKIP = 77;

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.error('contests: playwright-core is not installed; run `npm ci` in tests/browser');
  process.exit(SKIP);
}
if (!fs.existsSync(opts.chromium)) {
  console.error(`contests: no Chromium at ${opts.chromium}`);
  process.exit(SKIP);
}
if (!opts.khue) {
  console.error('contests: pass --khue PATH_TO_KHUE');
  process.exit(2);
}

fs.mkdirSync(opts.artifacts, { recursive: true });
const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const cleanups = [];
const problemsSeen = [];
let checks = 0;
const fail = (message) => {
  throw new Error(message);
};
const ok = (what) => {
  checks++;
  log('ok:', what);
};

// Two contest folders sharing the demo's `hello` package (a link: the server stores it once by hash).
function writeContests(root) {
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const make = (id, name, start, prefix) => {
    const dir = path.join(root, id);
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'contest.yaml'),
      `id: ${id}\nname: ${name}\nstart_time: ${iso(start)}\nduration: '5:00:00'\nscoreboard_freeze_duration: '1:00:00'\n`,
    );
    fs.writeFileSync(path.join(dir, 'problems.yaml'), '- id: hello\n  label: A\n');
    fs.symlinkSync(path.join(repo, 'problems', 'hello'), path.join(dir, 'hello'));
    fs.writeFileSync(
      path.join(dir, 'teams.yaml'),
      `- id: ${prefix}1\n  name: ${name} Alpha\n- id: ${prefix}2\n  name: ${name} Bravo\n`,
    );
    fs.writeFileSync(
      path.join(dir, 'accounts.yaml'),
      `- id: ${id}-student\n  username: student\n  password: pw\n  type: team\n  team_id: ${prefix}1\n` +
        `- id: admin\n  username: admin\n  password: adminpw\n  type: admin\n`,
    );
  };
  make('round-a', 'Vong A', Date.now() - 30 * 60_000, 'a');
  make('round-b', 'Vong B', Date.now() + 2 * 3600_000, 'b');
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

async function startServer() {
  const port = await freePort();
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'khue-contests-'));
  cleanups.push(() => fs.rmSync(data, { recursive: true, force: true }));
  const folders = path.join(data, 'contests');
  fs.mkdirSync(folders);
  writeContests(folders);
  const args = ['serve', '--contests', folders, '--listen', `127.0.0.1:${port}`, '--data', data, '--workers', '0'];
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
  return base;
}

function watch(page) {
  page.on('pageerror', (e) => problemsSeen.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() === 404) problemsSeen.push(`404 for ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ERR_INCOMPLETE_CHUNKED_ENCODING|status of 40[13]/.test(m.text())) {
      problemsSeen.push(`console error: ${m.text()}`);
    }
  });
}

async function submit(base, contest) {
  // A zip holding hello.c, written by hand (stored, no compression) to need no zip library here.
  const name = Buffer.from('hello.c');
  const data = Buffer.from('#include <stdio.h>\nint main(void){puts("Hello");}\n');
  const crc = (() => {
    let c = ~0;
    for (const b of data) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  })();
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  const zip = Buffer.concat([local, name, data, central, name, end]);
  const r = await fetch(`${base}/api/contests/${contest}/submissions`, {
    method: 'POST',
    headers: {
      Authorization: 'Basic ' + Buffer.from('student:pw').toString('base64'),
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ problem_id: 'hello', language_id: 'c', files: [{ data: zip.toString('base64') }] }),
  });
  return { status: r.status, body: await r.json() };
}

async function main() {
  const base = await startServer();
  const browser = await chromium.launch({ executablePath: opts.chromium, args: ['--no-sandbox'] });
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watch(page);

  // The landing page: round-a running, round-b upcoming with a countdown; both languages.
  await page.goto(`${base}/`);
  await page.waitForSelector('#contests-running li[data-contest="round-a"]');
  await page.waitForSelector('#contests-upcoming li[data-contest="round-b"]');
  const countdown = await page.textContent('#contests-upcoming li[data-contest="round-b"] .contest-status');
  if (!/Bắt đầu sau\s+1:5\d:\d\d/.test(countdown)) fail(`round-b's countdown reads "${countdown}"`);
  ok(`landing lists round-a as running and round-b as upcoming ("${countdown.trim()}")`);
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.getElementById('running-title').textContent === 'Running');
  const upcoming = await page.textContent('#upcoming-title');
  if (upcoming !== 'Upcoming') fail(`English heading "${upcoming}"`);
  await page.click('#lang-toggle');
  ok('landing page in English and back in Vietnamese');
  await page.screenshot({ path: path.join(opts.artifacts, 'contests-landing.png'), fullPage: true });

  // Each contest's scoreboard at its own URL, with its own teams, live.
  const boardA = await context.newPage();
  const boardB = await context.newPage();
  watch(boardA);
  watch(boardB);
  await boardA.goto(`${base}/contests/round-a/`);
  await boardB.goto(`${base}/contests/round-b/scoreboard`);
  await boardA.waitForFunction(() => document.getElementById('contest-name').textContent === 'Vong A');
  await boardB.waitForFunction(() => document.getElementById('contest-name').textContent === 'Vong B');
  await boardA.waitForSelector('.row[data-team="a1"]');
  if (await boardA.$('.row[data-team="b1"]')) fail("round-b's team on round-a's scoreboard");
  ok('each scoreboard at /contests/<id>/ shows its own contest and teams');
  await boardA.waitForSelector('#live[data-state="on"]', { timeout: 15_000 });

  const refused = await submit(base, 'round-b');
  if (refused.status !== 403) fail(`submitting to the upcoming round-b: ${refused.status}`);
  const sent = await submit(base, 'round-a');
  if (sent.status !== 201 || sent.body.team_id !== 'a1') fail(`submitting to round-a: ${JSON.stringify(sent)}`);
  // Not judged (no workers): the cell shows pending, arriving through round-a's event feed without a reload.
  await boardA.waitForSelector('.row[data-team="a1"] .cell.pending', { timeout: 20_000 });
  ok('the submission arrives live on round-a\'s scoreboard');
  await new Promise((r) => setTimeout(r, 1500));
  if (await boardB.$('#board .cell.pending')) fail("round-a's submission shows on round-b's scoreboard");
  ok("round-b's scoreboard stays untouched");
  await boardA.screenshot({ path: path.join(opts.artifacts, 'contests-board-a.png'), fullPage: true });

  // The team page: one account, both contests, each as its own team.
  const team = await context.newPage();
  watch(team);
  await team.goto(`${base}/contests/round-b/team`);
  await team.fill('#login-user', 'student');
  await team.fill('#login-pass', 'pw');
  await team.click('#login-submit');
  await team.waitForSelector('#my-contests:not([hidden]) a[href="/contests/round-a/team"]');
  const current = await team.getAttribute('#my-contests a[href="/contests/round-b/team"]', 'aria-current');
  if (current !== 'page') fail('the team page does not mark round-b as the current contest');
  ok('the team page lists the account\'s two contests');
  await team.click('#my-contests a[href="/contests/round-a/team"]');
  await team.waitForURL(`${base}/contests/round-a/team`);
  await team.waitForSelector('#subs tbody tr', { timeout: 15_000 });
  ok("following the link opens round-a's team page with its submission, still logged in");
  await team.screenshot({ path: path.join(opts.artifacts, 'contests-team.png'), fullPage: true });

  if (problemsSeen.length) fail(`problems in the pages:\n${problemsSeen.join('\n')}`);
}

let status = 0;
try {
  await main();
  log(`contests: ${checks} checks passed`);
} catch (e) {
  console.error('contests: FAILED:', e.message);
  status = 1;
} finally {
  for (const f of cleanups.reverse()) {
    try {
      await f();
    } catch {
      // best effort
    }
  }
}
process.exit(status);
