// Clarifications and accounts in bulk in Debian's Chromium against a real `khue serve` (no judging: --workers 0,
// so no sandbox and no root needed):
//  - a team asks a question on /team; it appears in the console's queue without a reload;
//  - the console claims it (the claim shows its holder, and a second judge is told who holds it) and answers the
//    team with a canned reply; the answer arrives live on that team's page with an unread badge, and not on
//    another team's page;
//  - an announcement from the console arrives live on the team page and on the public scoreboard;
//  - the console imports a CSV of teams; the credentials come back once and the login slips page shows one slip
//    per team, and a team logs in with a printed password.
//
//   node clarifications.mjs --khue build/khue [--contest problems]        (ctest: browser_clarifications)
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
  },
});
const SKIP = 77;

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.error('clarifications: playwright-core is not installed; run `npm install` in tests/browser');
  process.exit(SKIP);
}
if (!fs.existsSync(opts.chromium)) {
  console.error(`clarifications: no Chromium at ${opts.chromium}`);
  process.exit(SKIP);
}
if (!opts.khue) {
  console.error('clarifications: pass --khue PATH_TO_KHUE');
  process.exit(2);
}
fs.mkdirSync(opts.artifacts, { recursive: true });
const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const cleanups = [];
const fail = (message) => {
  throw new Error(message);
};

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
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'khue-clar-'));
  cleanups.push(() => fs.rmSync(data, { recursive: true, force: true }));
  const args = ['serve', '--contest', opts.contest, '--listen', `127.0.0.1:${port}`, '--data', data, '--workers', '0'];
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
    child.kill('SIGTERM'); // our own child, by its handle
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
      if ((await fetch(`${base}/api/contests`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) fail(`server did not answer within 60 s:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  log('server up at', base);
  return base;
}

const basic = (user, pass) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');

async function call(base, method, p, { auth, json } = {}) {
  const headers = { Accept: 'application/json' };
  if (auth) headers.Authorization = auth;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(`${base}/api/${p}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

// The demo contest's accounts (problems/accounts.yaml): a tiny reader for flat YAML maps.
function accounts() {
  const text = fs.readFileSync(path.join(opts.contest, 'accounts.yaml'), 'utf8');
  return text.split(/\n(?=\s*-\s)/).map((chunk) => {
    const get = (k) => new RegExp(`\\b${k}:\\s*["']?([^"'\\n]+?)["']?\\s*(?:\\n|$)`).exec(chunk)?.[1];
    return { username: get('username'), password: get('password'), type: get('type') };
  }).filter((a) => a.username && a.password);
}

async function login(page, user, pass) {
  await page.fill('#login-user', user);
  await page.fill('#login-pass', pass);
  await page.click('#login-submit');
}

async function main() {
  const base = await startServer();
  const all = accounts();
  const teams = all.filter((a) => a.type === 'team');
  const admin = all.find((a) => a.type === 'admin');
  const judge = all.find((a) => a.type === 'judge');
  if (teams.length < 2 || !admin || !judge) fail('the demo contest needs two teams, an admin and a judge');
  const cid = (await call(base, 'GET', 'contests')).body[0].id;

  const browser = await chromium.launch({ executablePath: opts.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  cleanups.push(() => browser.close());
  const issues = [];
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => issues.push(`page error on ${page.url()}: ${e.message}`));
    return page;
  };

  const team = await open();
  await team.goto(`${base}/team`);
  await login(team, teams[0].username, teams[0].password);
  await team.waitForSelector('#clar-panel');
  const other = await open();
  await other.goto(`${base}/team`);
  await login(other, teams[1].username, teams[1].password);
  await other.waitForSelector('#clar-panel');
  const desk = await open();
  await desk.goto(`${base}/admin`);
  await login(desk, admin.username, admin.password);
  await desk.waitForSelector('#jury-clar-panel');
  const board = await open();
  await board.goto(`${base}/`);
  await team.evaluate(() => {
    window.__marker = 'still-here';
  });

  // The team asks; the console's queue shows it without a reload.
  const question = `Giới hạn của n là bao nhiêu? ${Date.now()}`;
  await team.fill('#clar-text', question);
  await team.click('#clar-send');
  await team.waitForFunction((q) => document.querySelector('#clar-list')?.textContent.includes(q), question);
  const item = await desk.waitForSelector(`.jury-clar[data-answered="false"]:has-text("${question}")`, { timeout: 15_000 });
  const qid = await item.getAttribute('data-id');
  log('question', qid, 'is in the console queue');

  // Claim: the console shows who holds it, and a second judge is refused with the holder's name.
  await (await item.$('button.claim')).click();
  await desk.waitForSelector(`.jury-clar[data-id="${qid}"][data-claimed="${admin.username}"]`, { timeout: 10_000 });
  const second = await call(base, 'POST', `khue/contests/${cid}/clarifications/${qid}/claim`, { auth: basic(judge.username, judge.password) });
  if (second.status !== 409 || second.body.claimed_by !== admin.username) fail(`second claim: ${JSON.stringify(second)}`);
  log('claimed; a second judge is told', second.body.claimed_by, 'holds it');

  // A canned reply to this team only.
  const row = await desk.$(`.jury-clar[data-id="${qid}"]`);
  const canned = await row.$('select.canned');
  await canned.selectOption({ index: 1 });
  await (await row.$('button.answer-send')).click();
  await team.waitForSelector('#clar-list .clar-answer:has-text("No comment")', { timeout: 15_000 });
  const count = await team.getAttribute('#clar-badge', 'data-count');
  if (count !== '1' || (await team.isHidden('#clar-badge'))) fail(`unread badge shows ${count}`);
  if (await team.evaluate(() => window.__marker) !== 'still-here') fail('the team page reloaded');
  await desk.waitForSelector(`.jury-clar[data-id="${qid}"][data-answered="true"]`, { timeout: 10_000 });
  log('the answer arrived live on the team page, badge', count);

  // An announcement reaches every team and the public scoreboard.
  const news = `Kỳ thi kéo dài thêm 10 phút ${Date.now()}`;
  await desk.fill('#announce-text', news);
  await desk.click('#announce-send');
  await team.waitForSelector(`#clar-list .clar-announcement:has-text("${news}")`, { timeout: 15_000 });
  await other.waitForSelector(`#clar-list .clar-announcement:has-text("${news}")`, { timeout: 15_000 });
  await board.waitForSelector(`#announcements:has-text("${news}")`, { timeout: 15_000 });
  if ((await other.textContent('#clar-list')).includes('No comment')) fail('the other team saw a private answer');
  await team.click('#clar-badge');
  if (!(await team.isHidden('#clar-badge'))) fail('the badge stays after reading');
  await team.screenshot({ path: path.join(opts.artifacts, 'clarifications-team.png') });
  await desk.screenshot({ path: path.join(opts.artifacts, 'clarifications-console.png'), fullPage: true });
  await board.screenshot({ path: path.join(opts.artifacts, 'clarifications-scoreboard.png') });
  log('announcement live on both team pages and the scoreboard');

  // Accounts in bulk from the console, then the login slips.
  const csv = '\uFEFFteam_name,school,members,username\r\nĐội Sao Mai,THPT Chu Văn An,"An, Bình",saomai\r\nĐội Ánh Dương,THCS Nguyễn Du,Chi,anhduong\r\n';
  await desk.setInputFiles('#accounts-files', { name: 'doi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await desk.click('#accounts-send');
  await desk.waitForSelector('#accounts-slips', { timeout: 30_000 });
  const [slips] = await Promise.all([desk.context().waitForEvent('page'), desk.click('#accounts-slips')]);
  await slips.waitForSelector('.slip');
  const slipCount = await slips.$$eval('.slip', (s) => s.length);
  if (slipCount !== 2) fail(`${slipCount} login slips, expected 2`);
  const password = await slips.textContent('.slip:has-text("saomai") .password');
  await slips.screenshot({ path: path.join(opts.artifacts, 'login-slips.png'), fullPage: true });
  const me = await call(base, 'GET', `contests/${cid}/account`, { auth: basic('saomai', password) });
  if (me.status !== 200) fail(`the printed password does not log in: ${JSON.stringify(me)}`);
  log('imported 2 teams; their slips print and the password works');

  if (issues.length) fail(`browser reported problems:\n  ${issues.join('\n  ')}`);
}

let status = 0;
try {
  await main();
  log('clarifications passed');
} catch (e) {
  console.error('clarifications FAILED:', e.message);
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
