// Browser test of the console's Themis upload in Chromium against a real `khue serve` on the demo contest: an
// organiser zips a Themis task folder (tests/import/themis/DEMSO), fills in the time limit, memory and per-test
// points, and the problem appears in the contest with those limits and points; a folder with a test missing its
// answer shows the converter's reason (naming the task and the test) in the form and adds nothing. Both in
// Vietnamese and English form labels, at desktop and phone sizes (no sideways scrolling), with the keyboard
// reaching every field. Screenshots go to --artifacts.
//
//   node admin_themis.mjs --khue build/khue [--contest problems]   (ctest: browser_themis_upload; root)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { admin, DESKTOP, fail, launch, PHONE, repo, Run, setup, startServer } from './harness.mjs';

const run = new Run('admin_themis');
const { opts, chromium } = await setup(run.name);
const DEMSO = path.join(repo, 'tests/import/themis/DEMSO');

// A zip of `dir`'s contents (python3's zipfile: node has no zip writer).
function zipOf(dir, zip) {
  execFileSync('python3', ['-c', 'import shutil, sys; shutil.make_archive(sys.argv[1][:-4], "zip", sys.argv[2])', zip, dir]);
  return zip;
}

async function login(page, base, account, language) {
  await page.goto(`${base}/admin`);
  await page.evaluate((l) => localStorage.setItem('khue.lang', l), language);
  await page.reload();
  await page.waitForSelector('#login-form:not([hidden]), #admin-main:not([hidden])');
  if (await page.$('#login-form:not([hidden])')) {
    await page.fill('#login-user', account.username);
    await page.fill('#login-pass', account.password);
    await page.click('#login-submit');
  }
  await page.waitForSelector('#admin-main:not([hidden]) #themis-form', { timeout: 15_000 });
}

async function submitForm(page, zip, { time, memory, points }) {
  await page.setInputFiles('#themis-file', zip);
  await page.fill('#themis-time', time);
  await page.fill('#themis-memory', memory);
  await page.fill('#themis-points', points);
  // The keyboard reaches the button from the last field.
  await page.focus('#themis-points');
  await page.keyboard.press('Tab');
  if ((await page.evaluate(() => document.activeElement.id)) !== 'themis-send') fail('Tab from the points field does not reach the button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const out = document.querySelector('#themis-result');
    return !out.hidden && out.textContent !== '…';
  }, null, { timeout: 60_000 });
  return page.$eval('#themis-result', (el) => ({ text: el.textContent, failed: el.classList.contains('failed-output') }));
}

await run.main(async () => {
  const { base } = await startServer(run, opts);
  const cid = (await (await fetch(`${base}/api/contests`)).json())[0].id;
  const account = admin(opts);
  const auth = 'Basic ' + Buffer.from(`${account.username}:${account.password}`).toString('base64');
  const problemIds = async () =>
    (await (await fetch(`${base}/api/contests/${cid}/problems`, { headers: { Authorization: auth } })).json()).map((p) => p.id);
  const before = await problemIds();
  if (before.includes('demso')) fail('the demo contest already has a problem demso');

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'khue-admin-themis-'));
  run.cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }));
  fs.cpSync(DEMSO, path.join(work, 'bad/DEMSO'), { recursive: true });
  fs.rmSync(path.join(work, 'bad/DEMSO/Test03/demso.out'));
  const badZip = zipOf(path.join(work, 'bad/DEMSO'), path.join(work, 'DEMSO-bad/DEMSO.zip'));
  const goodZip = zipOf(DEMSO, path.join(work, 'DEMSO.zip'));

  const browser = await launch(run, chromium, opts);
  for (const [size, viewport, language] of [['desktop', DESKTOP, 'vi'], ['phone', PHONE, 'en']]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    run.watch(page, base);
    await login(page, base, account, language);
    const labels = await page.$$eval('#themis-form label', (ls) => ls.map((l) => l.textContent.trim()));
    if (labels.length !== 4 || labels.some((l) => !l)) fail(`the form's labels are missing: ${labels}`);
    const heading = await page.$eval('#themis-form h2', (el) => el.textContent);
    if (!(language === 'vi' ? /thư mục đề Themis/ : /Themis task folder/).test(heading)) {
      fail(`the form's heading is not in ${language}: ${heading}`);
    }

    // A bad folder: the converter's reason in the form, nothing added or changed.
    const count = (await problemIds()).length;
    const bad = await submitForm(page, badZip, { time: '1', memory: '256', points: '1, 1, 2, 2, 4' });
    if (!bad.failed || !bad.text.includes('DEMSO/Test03: no DEMSO.OUT')) fail(`${size}: the bad folder showed: ${bad.text}`);
    if ((await problemIds()).length !== count) fail(`${size}: the bad folder added a problem`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) fail(`${size}: the console scrolls sideways by ${overflow}px`);
    await page.$eval('#themis-form', (el) => el.scrollIntoView());
    await run.shot(page, opts.artifacts, `admin-themis-bad-${size}`);
    run.ok(`${size} (${language}): a test without its answer is refused in the form, naming DEMSO/Test03; nothing added`);

    // The good folder: added with the form's limits and points (the second pass replaces the first's problem).
    const good = await submitForm(page, goodZip, { time: '1.5', memory: '128', points: '1, 1, 2, 2, 4' });
    if (good.failed || !good.text.includes('demso')) fail(`${size}: the upload showed: ${good.text}`);
    const problems = await (await fetch(`${base}/api/contests/${cid}/problems`, { headers: { Authorization: auth } })).json();
    const demso = problems.find((p) => p.id === 'demso') ?? fail(`${size}: demso is not in the contest`);
    if (demso.time_limit !== 1.5 || demso.memory_limit !== 128 || demso.max_score !== 10 || demso.test_data_count !== 5) {
      fail(`${size}: demso has the wrong limits or points: ${JSON.stringify(demso)}`);
    }
    if (problems.length !== before.length + 1) fail(`${size}: expected one problem more, got ${problems.map((p) => p.id)}`);
    await page.waitForSelector('#filter-problem option[value="demso"]', { state: 'attached', timeout: 10_000 })
      .catch(() => fail(`${size}: the console's problem list does not show demso`));
    await page.$eval('#themis-form', (el) => el.scrollIntoView());
    await run.shot(page, opts.artifacts, `admin-themis-added-${size}`);
    run.ok(`${size} (${language}): DEMSO added as ${demso.label} with 1.5 s, 128 MiB, 10 points over 5 tests`);
    await context.close();
  }
});
