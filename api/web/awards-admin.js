// The console's awards panel: which awards the contest gives (gold/silver/bronze by count, honourable mention,
// group and organization winners, first to solve, the overall winner), the awards as they stand, and Finalize,
// which the server allows only once every submission is judged and the scoreboard is thawed.
import { awardCitation } from './award_citations.js';
import { api, get, h, lang, onLanguageChange, t } from './common.js';

const $ = (id) => document.getElementById(id);
const COUNTS = ['gold', 'silver', 'bronze'];
const FLAGS = ['winner', 'first_to_solve', 'honorable_mention', 'group_winners', 'organization_winners'];

function say(kind, text) {
  const status = $('awards-status');
  status.className = kind;
  status.textContent = text;
}

function fill(rules) {
  for (const k of COUNTS) $(`award-${k}`).value = rules[k] ?? 0;
  for (const k of FLAGS) $(`award-${k}`).checked = !!rules[k];
}

async function renderAwards(cid) {
  const awards = await get(`contests/${cid}/awards`).catch(() => []);
  const list = $('awards-list');
  if (!awards.length) {
    list.replaceChildren(h('li.muted', t('awards.none')));
    return;
  }
  list.replaceChildren(...awards.map((a) => h('li', h('strong', awardCitation(a, lang())), ' — ', a.team_ids.join(', '))));
}

async function save(cid, refresh) {
  const rules = {};
  for (const k of COUNTS) rules[k] = Math.max(0, parseInt($(`award-${k}`).value, 10) || 0);
  for (const k of FLAGS) rules[k] = $(`award-${k}`).checked;
  say('', '…');
  try {
    fill(await api('PUT', `khue/contests/${cid}/award-rules`, { json: rules }));
    say('ok', t('admin.done'));
    await renderAwards(cid); // the server has given the awards anew before answering the PUT
  } catch (e) {
    say('error', e.message);
  }
  refresh();
}

async function finalize(cid, refresh) {
  if (!window.confirm(t('awards.finalizeConfirm'))) return;
  say('', '…');
  try {
    await api('POST', `khue/contests/${cid}/finalize`);
    say('ok', t('awards.finalized'));
    await renderAwards(cid);
  } catch (e) {
    say('error', e.message); // the server names what is missing (verdicts, the thaw, the end)
  }
  refresh();
}

// `refresh` re-reads the contest state in the console after a change.
export async function setupAwards(cid, refresh) {
  try {
    fill(await get(`khue/contests/${cid}/award-rules`));
  } catch (e) {
    say('error', e.message);
  }
  $('awards-save').addEventListener('click', () => save(cid, refresh));
  $('finalize').addEventListener('click', () => finalize(cid, refresh));
  onLanguageChange(() => renderAwards(cid)); // the citations follow the page's language
  await renderAwards(cid);
  return () => renderAwards(cid);
}
