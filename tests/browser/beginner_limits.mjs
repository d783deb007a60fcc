// Browser test of the team page's run on samples for the two verdicts a first program meets most after a wrong
// answer: a program that runs too long (TLE) and one that takes too much memory (MLE), judged for real in the
// sandbox. Each must show its own icon (a symbol, not colour alone) on every sample and in the summary, and its
// own explanation (name, meaning, what to check) in Vietnamese and in English, at desktop and at phone size (no
// sideways scrolling). Desktop and phone log in as two different teams: each team may start six runs a minute.
// Screenshots go to --artifacts.
//
//   node beginner_limits.mjs --khue build/khue [--contest problems]   (ctest: browser_verdict_limits; root)
import {
  accounts, DESKTOP, fail, launch, PHONE, Run, setup, stageRunning, startServer,
} from './harness.mjs';

const run = new Run('beginner_limits');
const { opts, chromium } = await setup(run.name);

// Endless loop; memory touched 16 MiB at a time until the sandbox's limit stops it.
const TLE_CODE = 'while True:\n    pass\n';
const MLE_CODE = [
  '#include <cstdlib>',
  '#include <cstring>',
  'int main() {',
  '    for (;;) {',
  '        char* p = static_cast<char*>(std::malloc(1 << 24));',
  '        if (p == nullptr) return 3;',
  '        std::memset(p, 1, 1 << 24);',
  '    }',
  '}',
  '',
].join('\n');
const CASES = [
  { verdict: 'TLE', language: 'python3', code: TLE_CODE, icon: '◷', words: { vi: /thời gian/i, en: /time limit/i } },
  { verdict: 'MLE', language: 'cpp', code: MLE_CODE, icon: '▦', words: { vi: /bộ nhớ/i, en: /memory/i } },
];

// Replaces the editor's text as a paste would (CodeMirror handles the DOM event).
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
}

async function login(page, base, team, language) {
  await page.goto(`${base}/team`);
  await page.evaluate((l) => localStorage.setItem('khue.lang', l), language);
  await page.reload();
  await page.waitForSelector('#login-form:not([hidden]), #team-main:not([hidden])');
  if (await page.$('#login-form:not([hidden])')) {
    await page.fill('#login-user', team.username);
    await page.fill('#login-pass', team.password);
    await page.click('#login-submit');
  }
  await page.waitForSelector('#team-main:not([hidden]) .cm-editor', { timeout: 15_000 });
}

// Runs the editor's code on the samples; what the page shows.
async function runSamples(page, c) {
  await page.evaluate(() => document.querySelector('#run-results').replaceChildren());
  await page.click('#run-samples');
  await page.waitForSelector('#run-results .run-sample, #run-results .compile-output, #run-results .error', { timeout: 180_000 })
    .catch(() => fail(`${c.verdict}: the run on samples showed no result within 180 s`));
  const error = await page.$('#run-results p.error, #run-results .compile-output');
  if (error) fail(`${c.verdict}: the run failed: ${await error.textContent()}`);
  return page.$eval('#run-results', (el) => ({
    samples: [...el.querySelectorAll('.run-sample')].map((s) => ({
      verdict: s.dataset.verdict,
      icon: s.querySelector('header .icon')?.textContent,
    })),
    summaryIcon: el.querySelector('.run-summary .icon')?.textContent,
    explain: el.querySelector('.explain') && {
      verdict: el.querySelector('.explain').dataset.verdict,
      icon: el.querySelector('.explain .icon')?.textContent,
      heading: el.querySelector('.explain h4').textContent,
      text: el.querySelector('.explain').textContent,
      hints: el.querySelectorAll('.explain li').length,
    },
  }));
}

async function check(page, base, team, size, language, c, hello) {
  await login(page, base, team, language);
  await page.selectOption('#submit-problem', hello);
  await page.selectOption('#submit-language', c.language);
  await setCode(page, c.code);
  let shown = await runSamples(page, c);
  // Filling memory up to the limit takes a little time, which a loaded machine can stretch past the wall-clock
  // limit (3 s here): such a run shows TLE, rightly. Once more, then it must be MLE.
  if (c.verdict === 'MLE' && shown.samples.some((s) => s.verdict === 'TLE')) {
    run.log(`MLE (${size}, ${language}): a sample ran out of time first (${shown.samples.map((s) => s.verdict)}); again`);
    shown = await runSamples(page, c);
  }
  const where = `${c.verdict} (${size}, ${language})`;
  if (!shown.samples.length || shown.samples.some((s) => s.verdict !== c.verdict)) {
    fail(`${where}: the samples got ${shown.samples.map((s) => s.verdict)}`);
  }
  if (shown.samples.some((s) => s.icon !== c.icon)) fail(`${where}: a sample's icon is not ${c.icon}: ${JSON.stringify(shown.samples)}`);
  if (shown.summaryIcon !== c.icon) fail(`${where}: the summary's icon is ${shown.summaryIcon}, not ${c.icon}`);
  const e = shown.explain ?? fail(`${where}: no explanation`);
  if (e.verdict !== c.verdict || e.icon !== c.icon) fail(`${where}: explained as ${e.verdict} with ${e.icon}`);
  if (!e.heading.includes(`(${c.verdict})`) || !c.words[language].test(e.heading)) {
    fail(`${where}: the explanation's heading is not in ${language}: ${e.heading}`);
  }
  if (e.hints < 2 || e.text.length < 80) fail(`${where}: the explanation says too little: ${e.text}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) fail(`${where}: the page scrolls sideways by ${overflow}px`);
  await page.$eval('#run-results', (el) => el.scrollIntoView());
  await run.shot(page, opts.artifacts, `beginner-${c.verdict.toLowerCase()}-${size}-${language}`);
  run.ok(`${where}: ${shown.samples.length} samples show ${c.icon}, explained as "${e.heading.trim()}"`);
}

await run.main(async () => {
  const { base } = await startServer(run, opts);
  const cid = (await (await fetch(`${base}/api/contests`)).json())[0].id;
  await stageRunning(opts, base, cid);
  const teams = accounts(opts).filter((a) => a.type === 'team');
  // Not the teams beginner.mjs (the second) and e2e.mjs (the first) use: run limits are per team.
  const desktopTeam = teams[2] ?? fail('the contest needs at least four team accounts');
  const phoneTeam = teams[3] ?? fail('the contest needs at least four team accounts');
  const browser = await launch(run, chromium, opts);
  for (const [size, viewport, team] of [['desktop', DESKTOP, desktopTeam], ['phone', PHONE, phoneTeam]]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    run.watch(page, base);
    for (const language of ['vi', 'en']) {
      for (const c of CASES) await check(page, base, team, size, language, c, 'hello');
    }
    await context.close();
  }
});
