// Browser test of the team page's beginner features in Debian's Chromium against a real `khue serve` on the demo
// contest (tests/browser/e2e.mjs covers submitting and the scoreboards):
//  - the code editor: CodeMirror with line numbers, highlighting, a template per language, the last draft kept
//    per problem across a reload, the language guessed from a chosen file;
//  - Markdown statements rendered with KaTeX math (no raw "$" source, no raw HTML);
//  - run on samples (the real sandbox, through `khue judge --samples-only`): right code shows every sample
//    accepted; wrong code shows the expected and actual outputs with the first difference marked; a compile
//    error lists line numbers that move the editor's cursor there; a second run while one is going gets 429
//    with Retry-After;
//  - every verdict is explained with an icon and words, in Vietnamese and in English;
//  - keyboard only: log in, move between problem tabs with arrows, type in the editor, leave it with Escape+Tab,
//    start a run with Ctrl+Enter; focus is always visible;
//  - a phone-sized screen has no sideways scrolling; large-text mode makes the text bigger;
//  - nothing is fetched from another host.
// Screenshots go to --artifacts (default tests/browser/artifacts/).
//
//   node beginner.mjs --khue build/khue [--contest problems]   (ctest: browser_beginner; root, for the sandbox)
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
  console.error('beginner: playwright-core is not installed; run `npm ci` in tests/browser (contrib/setup.sh --test does)');
  process.exit(SKIP);
}
if (!fs.existsSync(opts.chromium)) {
  console.error(`beginner: no Chromium at ${opts.chromium}`);
  process.exit(SKIP);
}
if (!opts.khue) {
  console.error('beginner: pass --khue PATH_TO_KHUE');
  process.exit(2);
}
if (!fs.existsSync(path.join(repo, 'api', 'web', 'dist', 'beginner.js'))) {
  console.error('beginner: api/web/dist/beginner.js is missing: build the target khue_web_bundle first');
  process.exit(1);
}

fs.mkdirSync(opts.artifacts, { recursive: true });
const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const cleanups = [];
const problemsSeen = [];
let checks = 0;
function fail(message) {
  throw new Error(message);
}
function ok(what) {
  checks++;
  log('ok:', what);
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
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'khue-beginner-'));
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

function accounts() {
  const file = path.join(opts.contest, 'accounts.yaml');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return text.split(/\n(?=\s*-\s)/).map((chunk) => {
    const get = (k) => new RegExp(`\\b${k}:\\s*["']?([^"'\\n]+?)["']?\\s*(?:\\n|$)`).exec(chunk)?.[1];
    return { username: get('username'), password: get('password'), type: get('type') };
  });
}

// Puts the demo contest in its running phase (started a minute ago unless it already has), as e2e.mjs does.
async function stageRunning(base, cid) {
  const admin = accounts().find((e) => e.type === 'admin' && e.username && e.password) ?? { username: 'admin', password: 'admin' };
  const auth = 'Basic ' + Buffer.from(`${admin.username}:${admin.password}`).toString('base64');
  const contest = await (await fetch(`${base}/api/contests/${cid}`)).json();
  const startMs = contest.start_time ? Date.parse(contest.start_time) : null;
  const stage = { id: contest.id, scoreboard_freeze_duration: '0:00:00.000' };
  if (startMs === null || startMs > Date.now()) stage.start_time = new Date(Date.now() - 60_000).toISOString();
  const r = await fetch(`${base}/api/contests/${cid}`, {
    method: 'PATCH',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(stage),
  });
  if (!r.ok) fail(`PATCH contest: ${r.status} ${await r.text()}`);
  for (let i = 0; i < 50; i++) {
    const state = await (await fetch(`${base}/api/contests/${cid}/state`)).json();
    if (state.started && !state.ended) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  fail('the demo contest is not running after staging');
}

function teamCredentials() {
  const file = path.join(opts.contest, 'accounts.yaml');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  // The second team, so that this test and e2e.mjs never share a rate limit or drafts.
  const entries = text.split(/\n(?=\s*-\s)/).map((chunk) => {
    const get = (k) => new RegExp(`\\b${k}:\\s*["']?([^"'\\n]+?)["']?\\s*(?:\\n|$)`).exec(chunk)?.[1];
    return { username: get('username'), password: get('password'), type: get('type') };
  });
  const teams = entries.filter((e) => e.type === 'team' && e.username && e.password);
  const team = teams[1] ?? teams[0];
  if (!team) fail(`no team account in ${file}`);
  return [team.username, team.password];
}

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

async function shot(page, name) {
  const file = path.join(opts.artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  log('screenshot', file);
}

function watch(page, base) {
  page.on('pageerror', (e) => problemsSeen.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ERR_INCOMPLETE_CHUNKED_ENCODING|status of 429/.test(m.text())) {
      problemsSeen.push(`console error: ${m.text()}`);
    }
  });
  page.on('request', (r) => {
    const url = r.url();
    // chrome:// and chrome-extension:// are the browser's own PDF viewer, not the network.
    if (!/^(data:|blob:|chrome:|chrome-extension:)/.test(url) && !url.startsWith(base)) {
      problemsSeen.push(`request to another host: ${url}`);
    }
  });
}

const editorText = (page) => page.evaluate(() => document.querySelector('.cm-content').innerText);

// Replaces the editor's text as a paste would (CodeMirror handles the DOM event; no test hook in the page).
async function setCode(page, text) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.querySelector('.cm-content').dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
  const got = await editorText(page);
  if (got.replace(/\s+/g, '') !== text.replace(/\s+/g, '')) fail(`the editor did not take the pasted code: ${got}`);
}

async function runOnSamples(page) {
  await page.click('#run-samples');
  await page
    .waitForSelector('#run-results .run-sample, #run-results .compile-errors, #run-results .compile-output, #run-results .error', {
      timeout: 120_000,
    })
    .catch(() => fail('the run on samples showed no result within 120 s'));
  const error = await page.$('#run-results p.error');
  if (error) fail(`the run on samples failed: ${await error.textContent()}`);
}

async function main() {
  const { base, output } = await startServer();
  const [user, pass] = teamCredentials();
  const contests = await (await fetch(`${base}/api/contests`)).json();
  const cid = contests[0].id;
  await stageRunning(base, cid);
  const auth = 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
  const problems = await (await fetch(`${base}/api/contests/${cid}/problems`, { headers: { Authorization: auth } })).json();
  const hello = problems.find((p) => p.id === 'hello') ?? fail('the demo contest has no problem "hello"');
  const mathProblem = problems.find((p) => p.id === 'float') ?? hello;

  const browser = await chromium.launch({
    executablePath: opts.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  watch(page, base);

  // --- keyboard only: log in
  await page.goto(`${base}/team`);
  await page.waitForSelector('#login-form:not([hidden])');
  await page.waitForFunction(() => document.activeElement?.id === 'login-user');
  await page.keyboard.type(user);
  await page.keyboard.press('Tab');
  await page.keyboard.type(pass);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#team-main:not([hidden])', { timeout: 15_000 });
  await page.waitForSelector('.cm-editor .cm-lineNumbers', { timeout: 10_000 });
  ok('logged in with the keyboard; the editor has line numbers');

  // --- statement: Markdown with math
  await page.click(`#problem-tabs [role=tab]:nth-child(${problems.indexOf(mathProblem) + 1})`);
  await page.waitForSelector('#problem-view .statement-text .katex', { timeout: 10_000 }).catch(() =>
    fail(`the statement of ${mathProblem.id} shows no KaTeX math`));
  const statement = await page.$eval('#problem-view .statement-text', (el) => ({
    headings: el.querySelectorAll('h1, h2, h3').length,
    dollars: [...el.querySelectorAll('p')].some((p) => /\$[^$]+\$/.test(p.textContent.replace(/\s/g, ''))),
    fonts: [...document.styleSheets].some((s) => (s.href ?? '').endsWith('/static/dist/katex/katex.min.css')),
  }));
  if (!statement.headings) fail('the Markdown statement has no headings: it is shown as source');
  if (statement.dollars) fail('the statement still shows $…$ source instead of math');
  if (!statement.fonts) fail("KaTeX's stylesheet is not loaded from /static/dist");
  const mathText = await page.$eval('#problem-view .katex', (el) => el.textContent);
  if (!mathText.trim()) fail('KaTeX rendered an empty formula');
  ok(`statement of ${mathProblem.id} rendered: ${statement.headings} headings, math as KaTeX`);
  await shot(page, 'beginner-statement-desktop');

  // --- keyboard: the problem tabs move with the arrow keys
  await page.focus('#problem-tabs [aria-selected="true"]');
  await page.keyboard.press('Home');
  const firstTab = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press('ArrowRight');
  const secondTab = await page.evaluate(() => ({
    text: document.activeElement.textContent,
    selected: document.activeElement.getAttribute('aria-selected'),
    outline: getComputedStyle(document.activeElement).outlineStyle,
  }));
  if (secondTab.text === firstTab || secondTab.selected !== 'true') fail('ArrowRight did not select the next problem tab');
  if (secondTab.outline === 'none') fail('the focused tab has no visible focus outline');
  await page.keyboard.press('Home');
  ok('problem tabs follow Home/ArrowRight with a visible focus');

  // --- the editor: template per language, highlighting, drafts
  await page.selectOption('#submit-problem', hello.id);
  const languages = await page.$$eval('#submit-language option', (os) => os.map((o) => o.value));
  for (const id of ['c', 'cpp', 'python3', 'java', 'pascal', 'rust', 'javascript']) {
    if (!languages.includes(id)) continue;
    await page.selectOption('#submit-language', id);
    const text = await editorText(page);
    const expected = { c: 'scanf', cpp: 'cin', python3: 'sys.stdin', java: 'class Main', pascal: 'readln', rust: 'fn main', javascript: 'readFileSync' }[id];
    if (!text.includes(expected)) fail(`the ${id} template is not in the editor: ${text.slice(0, 80)}`);
    // Highlighting: a keyword gets its own styled span.
    await page
      .waitForFunction(() => document.querySelectorAll('.cm-content .cm-line span[class]').length >= 2, null, { timeout: 5000 })
      .catch(() => fail(`no syntax highlighting for ${id}`));
  }
  ok(`a highlighted template for each of ${languages.length} languages`);
  await page.selectOption('#submit-language', 'python3');
  const draft = 'print(sum(map(int, input().split())))  # my draft\n';
  await setCode(page, draft);
  await page.waitForTimeout(500);
  await page.reload();
  await page.waitForSelector('#team-main:not([hidden]) .cm-editor');
  await page.selectOption('#submit-problem', hello.id);
  await page.waitForFunction(() => document.querySelector('.cm-content').innerText.includes('# my draft'), null, { timeout: 5000 })
    .catch(() => fail('the draft of problem hello was not kept across a reload'));
  if ((await page.inputValue('#submit-language')) !== 'python3') fail('the draft did not keep its language');
  ok('the draft (code and language) is kept per problem across a reload');

  // --- the language guess from a chosen file stays
  await page.setInputFiles('#submit-file', { name: 'hello.cpp', mimeType: 'text/plain', buffer: Buffer.from(fs.readFileSync(path.join(opts.contest, 'hello/submissions/accepted/hello.cpp'))) });
  await page.waitForFunction(() => document.querySelector('.cm-content').innerText.includes('main'));
  if ((await page.inputValue('#submit-language')) !== 'cpp') fail('choosing hello.cpp did not guess C++');
  ok('a chosen file is loaded into the editor and its language guessed');

  // --- run on samples: right code
  await runOnSamples(page);
  const right = await page.$$eval('#run-results .run-sample', (s) => s.map((x) => x.dataset.verdict));
  if (!right.length || right.some((v) => v !== 'AC')) fail(`the accepted hello.cpp got ${right} on the samples`);
  const shown = await page.$eval('#run-results .run-sample .sample-output', (el) => el.textContent);
  if (!shown.trim()) fail("the program's output is not shown beside the expected one");
  ok(`right code: ${right.length} samples accepted, outputs shown`);
  await shot(page, 'beginner-run-ok-desktop');

  // --- a second run while one is going is refused with 429 and Retry-After (one at a time per team)
  const post = () =>
    fetch(`${base}/api/khue/test-runs`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ problem_id: hello.id, language_id: 'python3', source: 'print(7)\n' }),
    });
  const first = await post();
  const second = await post();
  if (first.status !== 202) fail(`POST test-runs: ${first.status} ${await first.text()}`);
  if (second.status !== 429 || !second.headers.get('retry-after')) {
    fail(`a second run at once got ${second.status} (Retry-After ${second.headers.get('retry-after')}), not 429`);
  }
  const firstId = (await first.json()).id;
  for (let i = 0; i < 240; i++) {
    const r = await (await fetch(`${base}/api/khue/test-runs/${firstId}`, { headers: { Authorization: auth } })).json();
    if (r.state === 'done' || r.state === 'failed') break;
    await new Promise((res) => setTimeout(res, 500));
  }
  const stranger = await fetch(`${base}/api/khue/test-runs/${firstId}`);
  if (stranger.status !== 401) fail(`an anonymous reader of a run got ${stranger.status}`);
  ok('a second run at once gets 429 with Retry-After; runs are private');

  // --- wrong code: the first difference is marked
  await page.selectOption('#submit-language', 'python3');
  await setCode(page, 'a, b = map(int, input().split())\nprint(a - b)\n');
  await runOnSamples(page);
  const wrong = await page.$$eval('#run-results .run-sample', (s) => s.map((x) => x.dataset.verdict));
  if (!wrong.includes('WA')) fail(`a - b got ${wrong} on the samples, not WA`);
  const marked = await page.$$eval('#run-results .run-sample[data-verdict="WA"] mark', (m) => m.length);
  const note = await page.$eval('#run-results .run-sample[data-verdict="WA"] .diff-note', (el) => el.textContent);
  if (marked < 2 || !/1/.test(note)) fail(`the first difference is not marked (marks ${marked}, note "${note}")`);
  const explained = await page.$eval('#run-results .explain', (el) => el.dataset.verdict);
  if (explained !== 'WA') fail(`the wrong answer is explained as ${explained}`);
  ok(`wrong code: ${wrong} with the first difference marked ("${note}") and WA explained`);
  await shot(page, 'beginner-run-wa-desktop');

  // --- compile error: line numbers jump to the line
  await page.selectOption('#submit-language', 'cpp');
  await setCode(page, '#include <cstdio>\nint main() {\n    int x = 1\n    printf("%d\\n", x);\n    return 0;\n}\n');
  await runOnSamples(page);
  const lineButtons = await page.$$eval('#run-results .compile-errors button', (b) => b.map((x) => x.textContent));
  if (!lineButtons.length) fail('the compile error lists no line numbers');
  const target = Number(/(\d+)/.exec(lineButtons[0])[1]);
  await page.click('#run-results .compile-errors button');
  const active = await page.$eval('.cm-activeLineGutter', (el) => Number(el.textContent));
  if (active !== target) fail(`clicking "${lineButtons[0]}" put the cursor on line ${active}`);
  ok(`compile error: "${lineButtons[0]}" moves the editor to line ${target}`);
  await shot(page, 'beginner-run-ce-desktop');

  // --- keyboard: leave the editor with Escape then Tab, run with Ctrl+Enter
  await page.evaluate(() => document.querySelector('#run-results').replaceChildren());
  await page.click('.cm-content');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#run-results .compile-errors, #run-results .run-sample', { timeout: 120_000 });
  await page.click('.cm-content');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const after = await page.evaluate(() => ({ inEditor: !!document.activeElement.closest('.cm-editor'), id: document.activeElement.id }));
  if (after.inEditor) fail('Escape then Tab did not leave the editor');
  ok(`Ctrl+Enter runs; Escape then Tab leaves the editor (to #${after.id || '?'})`);

  // --- verdicts explained, with icons, both languages
  for (const language of ['vi', 'en']) {
    await page.evaluate((l) => localStorage.setItem('khue.lang', l), language);
    await page.reload();
    await page.waitForSelector('#team-main:not([hidden])');
    const guide = await page.$$eval('#verdict-guide-list .explain', (items) =>
      items.map((x) => ({ id: x.dataset.verdict, icon: x.querySelector('.icon')?.textContent, text: x.textContent })));
    const ids = guide.map((g) => g.id);
    for (const id of ['AC', 'WA', 'TLE', 'RTE', 'MLE', 'OLE', 'CE', 'JE']) {
      const g = guide.find((x) => x.id === id);
      if (!g || !g.icon || g.text.length < 40) fail(`verdict ${id} is not explained in ${language}: ${ids}`);
    }
    if (new Set(guide.map((g) => g.icon)).size !== guide.length) fail('two verdicts share an icon');
    const sample = guide.find((g) => g.id === 'TLE').text;
    if (language === 'en' && !/time limit/i.test(sample)) fail(`the English TLE explanation is not English: ${sample}`);
    if (language === 'vi' && !/thời gian/i.test(sample)) fail(`the Vietnamese TLE explanation is not Vietnamese: ${sample}`);
  }
  await page.click('#verdict-guide summary');
  await shot(page, 'beginner-verdicts-desktop');
  await page.keyboard.press('Escape');
  if (await page.$eval('#verdict-guide', (d) => d.open)) fail('Escape did not close the verdict guide');
  ok('every verdict has its own icon and an explanation in Vietnamese and English; Escape closes the guide');

  // --- large text
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.statement-text') ?? document.body).fontSize));
  await page.focus('#large-text');
  await page.keyboard.press('Enter');
  const larger = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.statement-text') ?? document.body).fontSize));
  if (!(larger > before * 1.1)) fail(`large-text mode: ${before}px → ${larger}px`);
  if ((await page.getAttribute('#large-text', 'aria-pressed')) !== 'true') fail('the large-text button does not say it is on');
  await shot(page, 'beginner-large-text-desktop');
  await page.keyboard.press('Enter');
  ok(`large-text mode: ${before}px → ${larger}px`);

  // --- phone
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) fail(`the phone layout scrolls sideways by ${overflow}px`);
  const editorBox = await page.$eval('.cm-editor', (el) => el.getBoundingClientRect().width);
  if (editorBox < 300) fail(`the editor is only ${editorBox}px wide on a phone`);
  await shot(page, 'beginner-phone');
  await page.evaluate(() => document.querySelector('#run-results').replaceChildren());
  await page.click('#run-samples');
  await page.waitForSelector('#run-results .compile-errors, #run-results .run-sample', { timeout: 120_000 });
  await page.waitForTimeout(300);
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow2 > 1) fail(`the phone layout with run results scrolls sideways by ${overflow2}px`);
  await shot(page, 'beginner-phone-results');
  ok('phone: no sideways scrolling, the editor fills the width');

  // --- a statement's picture and a PDF statement (the demo has neither: the answers are replaced in the browser)
  await page.setViewportSize(DESKTOP);
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  let pictureAsked = false;
  await page.route(`**/api/contests/${cid}/problems/${hello.id}/statement`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/markdown; charset=utf-8', body: '# Figure\n\n![a dot](dot.png)\n\n<b>raw</b>\n' }));
  await page.route(`**/api/contests/${cid}/problems/${hello.id}/statement/dot.png`, (route) => {
    pictureAsked = true;
    return route.fulfill({ status: 200, contentType: 'image/png', body: png });
  });
  await page.reload();
  await page.waitForSelector('#team-main:not([hidden])');
  await page.click('#problem-tabs [role=tab]:nth-child(1)');
  await page.waitForFunction(() => document.querySelector('#problem-view .statement-text img')?.complete &&
    document.querySelector('#problem-view .statement-text img').naturalWidth === 1, null, { timeout: 10_000 })
    .catch(() => fail("the statement's picture is not shown"));
  if (!pictureAsked) fail("the picture was not fetched from the statement's folder");
  const rawHtml = await page.$eval('#problem-view .statement-text', (el) => ({ b: el.querySelectorAll('b').length, text: el.textContent }));
  if (rawHtml.b || !rawHtml.text.includes('<b>raw</b>')) fail('raw HTML in a Markdown statement was not shown as text');
  ok("a Markdown statement's picture is fetched from its folder; raw HTML stays text");
  await page.unroute(`**/api/contests/${cid}/problems/${hello.id}/statement`);
  await page.route(`**/api/contests/${cid}/problems`, async (route) => {
    const response = await route.fetch();
    const list = await response.json();
    for (const p of list) if (p.id === hello.id) p.statement = [{ href: p.statement[0].href, mime: 'application/pdf', filename: 'problem.en.pdf' }];
    return route.fulfill({ response, json: list });
  });
  await page.route(`**/api/contests/${cid}/problems/${hello.id}/statement`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/pdf', body: '%PDF-1.1\n%%EOF\n' }));
  await page.reload();
  await page.waitForSelector('#team-main:not([hidden])');
  await page.click('#problem-tabs [role=tab]:nth-child(1)');
  await page.waitForSelector('#problem-view iframe.statement-frame[src^="blob:"]', { timeout: 10_000 })
    .catch(() => fail('a PDF statement is not shown inline'));
  ok('a PDF statement is shown inline in a frame');
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  if (problemsSeen.length) fail(problemsSeen.join('\n'));
  void output;
}

let code = 0;
try {
  await main();
  console.log(`${checks} passed, 0 failed`);
} catch (e) {
  console.error('beginner: FAILED:', e.message);
  console.log(`${checks} passed, 1 failed`);
  code = 1;
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      // best effort
    }
  }
}
process.exit(code);
