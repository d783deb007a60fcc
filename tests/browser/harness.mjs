// Shared by the browser tests in new files (beginner_limits.mjs, admin_themis.mjs): command-line options, a real
// `khue serve` on the demo contest on a free loopback port, the demo's accounts, staging the contest running,
// screenshots, and the watch that fails a test on page errors or requests to another host. (beginner.mjs and
// e2e.mjs keep their own copies of these.)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
export const SKIP = 77;
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

// Options, playwright-core and Chromium; exits 77 (skipped) when either is missing.
export async function setup(name) {
  const { values: opts } = parseArgs({
    options: {
      khue: { type: 'string' },
      contest: { type: 'string', default: path.join(repo, 'problems') },
      chromium: { type: 'string', default: '/usr/bin/chromium' },
      artifacts: { type: 'string', default: path.join(here, 'artifacts') },
    },
  });
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    console.error(`${name}: playwright-core is not installed; run \`npm ci\` in tests/browser (contrib/setup.sh --test does)`);
    process.exit(SKIP);
  }
  if (!fs.existsSync(opts.chromium)) {
    console.error(`${name}: no Chromium at ${opts.chromium}`);
    process.exit(SKIP);
  }
  if (!opts.khue) {
    console.error(`${name}: pass --khue PATH_TO_KHUE`);
    process.exit(2);
  }
  fs.mkdirSync(opts.artifacts, { recursive: true });
  return { opts, chromium };
}

// Checks, a log with timestamps, cleanups run at the end whatever happens.
export class Run {
  constructor(name) {
    this.name = name;
    this.t0 = Date.now();
    this.checks = 0;
    this.cleanups = [];
    this.problemsSeen = [];
  }
  log(...a) {
    console.log(`[${((Date.now() - this.t0) / 1000).toFixed(1)}s]`, ...a);
  }
  ok(what) {
    this.checks++;
    this.log('ok:', what);
  }
  async main(body) {
    let code = 0;
    try {
      await body();
      if (this.problemsSeen.length) fail(this.problemsSeen.join('\n'));
      console.log(`${this.checks} passed, 0 failed`);
    } catch (e) {
      console.error(`${this.name}: FAILED:`, e.message);
      console.log(`${this.checks} passed, 1 failed`);
      code = 1;
    } finally {
      for (const c of this.cleanups.reverse()) {
        try {
          await c();
        } catch {
          // best effort
        }
      }
    }
    process.exit(code);
  }
  watch(page, base) {
    page.on('pageerror', (e) => this.problemsSeen.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/ERR_INCOMPLETE_CHUNKED_ENCODING|status of 4\d\d/.test(m.text())) {
        this.problemsSeen.push(`console error: ${m.text()}`);
      }
    });
    page.on('request', (r) => {
      const url = r.url();
      if (!/^(data:|blob:|chrome:|chrome-extension:)/.test(url) && !url.startsWith(base)) {
        this.problemsSeen.push(`request to another host: ${url}`);
      }
    });
  }
  async shot(page, dir, name) {
    const file = path.join(dir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    this.log('screenshot', file);
  }
}

export function fail(message) {
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

// `khue serve` on the contest folder with a fresh data folder; stopped (SIGTERM, then SIGKILL) at the end.
export async function startServer(run, opts) {
  const port = await freePort();
  const data = fs.mkdtempSync(path.join(os.tmpdir(), `khue-${run.name}-`));
  run.cleanups.push(() => fs.rmSync(data, { recursive: true, force: true }));
  const args = ['serve', '--contest', opts.contest, '--listen', `127.0.0.1:${port}`, '--data', data, '--workers', '1'];
  run.log('starting', opts.khue, args.join(' '));
  const child = spawn(opts.khue, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (d) => output.push(d.toString()));
  child.stderr.on('data', (d) => output.push(d.toString()));
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  run.cleanups.push(async () => {
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
  run.log('server up at', base);
  return { base, output };
}

// The contest folder's accounts: [{username, password, type}].
export function accounts(opts) {
  const file = path.join(opts.contest, 'accounts.yaml');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return text.split(/\n(?=\s*-\s)/).map((chunk) => {
    const get = (k) => new RegExp(`\\b${k}:\\s*["']?([^"'\\n]+?)["']?\\s*(?:\\n|$)`).exec(chunk)?.[1];
    return { username: get('username'), password: get('password'), type: get('type') };
  }).filter((e) => e.username && e.password);
}

export const basic = (a) => 'Basic ' + Buffer.from(`${a.username}:${a.password}`).toString('base64');

export function admin(opts) {
  return accounts(opts).find((e) => e.type === 'admin') ?? fail('the contest has no admin account');
}

// Puts the contest in its running phase (started a minute ago unless it already has), as e2e.mjs does.
export async function stageRunning(opts, base, cid) {
  const contest = await (await fetch(`${base}/api/contests/${cid}`)).json();
  const startMs = contest.start_time ? Date.parse(contest.start_time) : null;
  const stage = { id: contest.id, scoreboard_freeze_duration: '0:00:00.000' };
  if (startMs === null || startMs > Date.now()) stage.start_time = new Date(Date.now() - 60_000).toISOString();
  const r = await fetch(`${base}/api/contests/${cid}`, {
    method: 'PATCH',
    headers: { Authorization: basic(admin(opts)), 'Content-Type': 'application/json' },
    body: JSON.stringify(stage),
  });
  if (!r.ok) fail(`PATCH contest: ${r.status} ${await r.text()}`);
  for (let i = 0; i < 50; i++) {
    const state = await (await fetch(`${base}/api/contests/${cid}/state`)).json();
    if (state.started && !state.ended) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  fail('the contest is not running after staging');
}

export async function launch(run, chromium, opts) {
  const browser = await chromium.launch({
    executablePath: opts.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  run.cleanups.push(() => browser.close());
  return browser;
}
