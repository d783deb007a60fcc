// The closing ceremony's console-side checks in Chromium, run by ceremony.mjs against its pass-fail contest (ended,
// frozen, every submission judged): presenter mode (the resolver broadcasts, the public scoreboard page follows)
// and the console's awards panel (rules, awards, finalize). Each takes ceremony.mjs's helpers: api(base, target,
// auth), assertEqual, fail, log and the artifacts folder.
import path from 'node:path';

// Presenter mode: the resolver broadcasts, the public scoreboard page (the audience) follows step by step and
// never shows more than the presenter has revealed.

// What the audience's page shows: rows in order with rank, team, solved count and each cell's state class.
async function audienceView(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#board .row[data-team]')].map((el) => ({
      rank: el.querySelector('.rank').textContent,
      team: el.dataset.team,
      solved: el.querySelector('.solved').textContent,
      cells: [...el.children].slice(4).map((c) => ['solved', 'failed', 'frozen', 'pending', 'empty'].find((k) => c.classList.contains(k)) ?? '?'),
    })),
  );
}

// The same from a board in the scoreboard's JSON (the presenter's), as the public page draws it while frozen.
function expectedView(rows) {
  return rows.map((r) => ({
    rank: String(r.rank),
    team: r.team_id,
    solved: String(r.score.num_solved),
    cells: r.problems.map((c) => (c.num_judged + c.num_pending === 0 ? 'empty' : c.solved ? 'solved' : c.num_pending > 0 ? 'frozen' : 'failed')),
  }));
}

export async function presenterMode(browser, base, contestId, { api, assertEqual, fail, log, artifacts }) {
  const cid = contestId;
  const frozenBoard = await api(base, `contests/${cid}/scoreboard`, null);
  const audienceContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const audience = await audienceContext.newPage();
  const errors = [];
  audience.on('pageerror', (e) => errors.push(String(e)));
  await audience.goto(`${base}/contests/${cid}/`);
  await audience.waitForSelector('#board .row[data-team]', { timeout: 20_000 });
  assertEqual(await audienceView(audience), expectedView(frozenBoard.rows), 'audience: the frozen board before the ceremony');
  if ((await api(base, `khue/contests/${cid}/presentation`, null)).active !== false) fail('a presentation is on before any');
  // Only the jury may present.
  const denied = await fetch(`${base}/api/khue/contests/${cid}/presentation`, {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ step: 0, total: 1, rows: [] }),
  });
  if (denied.status !== 401) fail(`an anonymous presentation got HTTP ${denied.status}`);

  const presenterContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const presenter = await presenterContext.newPage();
  presenter.on('pageerror', (e) => errors.push(String(e)));
  await presenter.goto(`${base}/resolver?contest=${cid}`);
  await presenter.fill('#login-user', 'jury');
  await presenter.fill('#login-pass', 'jurypw');
  await presenter.click('#login-form button[type=submit]');
  await presenter.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
  for (let i = 0; i < 6; ++i) await presenter.keyboard.press('=');
  const total = await presenter.evaluate(() => window.khueResolver.total);
  await presenter.keyboard.press('p'); // broadcast on
  const check = async (k) => {
    await presenter.waitForFunction((i) => document.body.dataset.published === String(i), k, { timeout: 10_000 });
    await audience.waitForFunction((m) => document.body.dataset.presentation === m, `${k}/${total}`, { timeout: 10_000 });
    const board = await presenter.evaluate(() => window.khueResolver.board());
    assertEqual(await audienceView(audience), expectedView(board), `audience at step ${k}`);
    // The presentation's banner, not the freeze's ("results will be published at the end").
    if (!(await audience.$eval('#freeze-banner', (e) => e.hidden))) fail(`audience at step ${k}: the freeze banner shows`);
    // Nothing beyond the presenter's board reaches the public: the presentation is exactly board k, the next
    // cell to reveal is still pending there, and the server's public scoreboard is still the frozen one.
    const shown = await api(base, `khue/contests/${cid}/presentation`, null);
    assertEqual(shown.rows, board, `presentation at step ${k}`);
    if (k < total) {
      const next = await presenter.evaluate((i) => window.khueResolver.step(i), k);
      const cell = shown.rows.find((r) => r.team_id === next.team_id).problems.find((c) => c.problem_id === next.problem_id);
      if (!(cell.num_pending > 0)) fail(`step ${k}: the cell revealed next is already shown: ${JSON.stringify(cell)}`);
    }
    assertEqual((await api(base, `contests/${cid}/scoreboard`, null)).rows, frozenBoard.rows, `public scoreboard at step ${k}`);
  };
  await check(0);
  for (let k = 1; k <= 3; ++k) {
    await presenter.keyboard.press('ArrowRight');
    await check(k);
  }
  await presenter.keyboard.press('ArrowLeft'); // back: the audience goes back too
  await check(2);
  await audience.screenshot({ path: path.join(artifacts, 'presentation-audience.png') });
  await presenter.keyboard.press('End');
  await check(total);
  // After the last step the audience sees the final scoreboard, with the "final standings" banner.
  const final = await api(base, `contests/${cid}/scoreboard`);
  assertEqual(await audienceView(audience), expectedView(final.rows), 'audience: the final board after the last step');
  const banner = await audience.textContent('#presentation-banner');
  if (!['Kết quả chung cuộc', 'Final standings'].includes(banner)) fail(`audience banner "${banner}"`);
  // The feed says only that the presenter moved; the board itself is not in it.
  const feed = await (await fetch(`${base}/api/contests/${cid}/event-feed?stream=false&types=khue-presentation`)).text();
  const lines = feed.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  if (lines.length < 5 || lines.some((l) => l.data && 'rows' in l.data)) fail(`presentation feed lines: ${feed.slice(0, 400)}`);
  // A Contest API client that does not ask for them gets none (its feed holds the specification's types only).
  const plain = await (await fetch(`${base}/api/contests/${cid}/event-feed?stream=false`)).text();
  if (plain.includes('khue-presentation')) fail('the plain feed carries khue-presentation lines');
  // Broadcast off: the audience gets the server's public board back.
  await presenter.keyboard.press('p');
  await audience.waitForFunction(() => document.body.dataset.presentation === '', null, { timeout: 10_000 });
  assertEqual(await audienceView(audience), expectedView(frozenBoard.rows), 'audience: back to the public board');
  await audience.waitForSelector('#freeze-banner:not([hidden])', { timeout: 5_000 }); // still frozen
  if (errors.length) fail(`presenter mode: page errors: ${errors.join('; ')}`);
  log('presenter mode:', total, 'steps, audience followed');
  await presenterContext.close();
  await audienceContext.close();
}

// ---------------------------------------------------------------------------------------------------------------
// The console's awards panel: set the rules, see the awards they give, finalize (refused while frozen, done
// after the thaw), and no change once finalized.

export async function awardsConsole(browser, base, cid, { api, assertEqual, fail, log, artifacts }) {
  const admin = 'Basic ' + Buffer.from('admin:adminpw').toString('base64');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => d.accept()); // "Finalize?" — yes
  await page.goto(`${base}/contests/${cid}/admin`);
  await page.evaluate(() => localStorage.setItem('khue.lang', 'en'));
  await page.reload();
  await page.waitForSelector('#login-form:not([hidden]), #admin-main:not([hidden])');
  if (await page.$('#login-form:not([hidden])')) {
    await page.fill('#login-user', 'admin');
    await page.fill('#login-pass', 'adminpw');
    await page.click('#login-submit');
  }
  await page.waitForSelector('#admin-main:not([hidden]) #awards-panel', { timeout: 15_000 });
  const statusIs = async (kind) => {
    await page.waitForFunction((k) => document.getElementById('awards-status').className === k, kind, { timeout: 10_000 });
    return page.textContent('#awards-status');
  };
  // The panel shows the rules in force (the defaults: a winner, first to solve, no medals).
  await page.waitForFunction(() => document.getElementById('award-winner').checked, null, { timeout: 10_000 });
  // Set: 1 gold, 2 silver, honourable mentions, organization winners, no overall winner.
  await page.fill('#award-gold', '1');
  await page.fill('#award-silver', '2');
  await page.fill('#award-bronze', '0');
  await page.uncheck('#award-winner');
  await page.check('#award-honorable_mention');
  await page.check('#award-organization_winners');
  await page.click('#awards-save');
  await statusIs('ok');
  const rules = await api(base, `khue/contests/${cid}/award-rules`, admin);
  assertEqual(
    [rules.gold, rules.silver, rules.bronze, rules.winner, rules.honorable_mention, rules.organization_winners],
    [1, 2, 0, false, true, true],
    'awards console: the rules saved',
  );
  // The list shows the awards the server gives now (the public board's: frozen), citation and teams.
  const listed = async () => page.$$eval('#awards-list li', (els) => els.map((e) => e.textContent));
  const expected = async () => (await api(base, `contests/${cid}/awards`, null)).map((a) => `${a.citation} — ${a.team_ids.join(', ')}`);
  await page.waitForFunction(() => [...document.querySelectorAll('#awards-list li')].some((li) => li.textContent.startsWith('Gold medal')), null, { timeout: 10_000 });
  let want = await expected();
  if (want.some((x) => x.startsWith('Contest winner'))) fail('awards console: the winner award is still given');
  assertEqual(await listed(), want, 'awards console: the awards list');
  await page.screenshot({ path: path.join(artifacts, 'awards-console.png'), fullPage: true });
  // Finalize while frozen: refused, with the server's reason.
  await page.click('#finalize');
  const refusal = await statusIs('error');
  if (!/thaw/i.test(refusal)) fail(`awards console: finalize while frozen says "${refusal}"`);
  // Thaw (as the console's thaw button does), then finalize.
  const thaw = await fetch(`${base}/api/contests/${cid}`, {
    method: 'PATCH', headers: { Authorization: admin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: cid, scoreboard_thaw_time: new Date(Date.now() - 1000).toISOString() }),
  });
  if (!thaw.ok) fail(`thaw: HTTP ${thaw.status} ${await thaw.text()}`);
  for (let i = 0; i < 100 && !(await api(base, `contests/${cid}/state`, null)).thawed; ++i) await new Promise((r) => setTimeout(r, 100));
  await page.click('#finalize');
  await statusIs('ok');
  const state = await api(base, `contests/${cid}/state`, null);
  if (!state.finalized || !state.end_of_updates) fail(`awards console: not finalized: ${JSON.stringify(state)}`);
  // The list is now the final awards.
  want = await expected();
  await page.waitForFunction((n) => document.querySelectorAll('#awards-list li').length === n, want.length, { timeout: 10_000 });
  assertEqual(await listed(), want, 'awards console: the final awards list');
  // Fixed from now on: a change of rules is refused with the reason.
  await page.fill('#award-gold', '3');
  await page.click('#awards-save');
  const fixed = await statusIs('error');
  if (!/finalized/i.test(fixed)) fail(`awards console: a change after finalize says "${fixed}"`);
  assertEqual((await api(base, `khue/contests/${cid}/award-rules`, admin)).gold, 1, 'awards console: the rules stay');
  // In Vietnamese the list's citations are Vietnamese (the server's are English).
  await page.click('#lang-toggle');
  await page.waitForFunction(
    () => [...document.querySelectorAll('#awards-list li')].some((li) => li.textContent.startsWith('Huy chương vàng — ')),
    null, { timeout: 5_000 },
  );
  if (errors.length) fail(`awards console: page errors: ${errors.join('; ')}`);
  log('awards console:', want.length, 'awards, finalized');
  await context.close();
}

