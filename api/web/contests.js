// The landing page of a server with several contests (/contests, and / when there are more than one): each
// contest under running, upcoming (with a countdown) or finished, with links to its scoreboard and team page.
import { contestPhase, formatDuration, get, h, lang, onLanguageChange, setupLanguageToggle, showError, t } from './common.js';

const $ = (id) => document.getElementById(id);
let contests = [];

function link(contest, page) {
  return `/contests/${encodeURIComponent(contest.id)}/${page}`;
}

function item(contest, phase) {
  const when = contest.start_time
    ? new Date(contest.start_time).toLocaleString(lang() === 'vi' ? 'vi-VN' : 'en-GB', { hour12: false })
    : t('clock.notScheduled');
  let status = '';
  if (phase.phase === 'before') status = `${t('clock.before')} ${formatDuration(phase.ms)}`;
  else if (phase.phase === 'running') status = `${t('clock.running')} ${formatDuration(phase.ms)}`;
  else if (phase.phase === 'ended') status = t('clock.ended');
  return h(
    'li.contest-item',
    { dataset: { contest: contest.id } },
    h('a.contest-name', { href: link(contest, '') }, contest.formal_name || contest.name || contest.id),
    ' ',
    h('span.muted', when),
    ' ',
    h('span.contest-status', status),
    ' ',
    h('a', { href: link(contest, 'team') }, t('contests.teamPage')),
    contest.practice ? [' ', h('a', { href: link(contest, 'practice') }, t('practice.title'))] : null,
  );
}

function render() {
  const lists = { before: [], unscheduled: [], running: [], ended: [] };
  for (const c of contests) {
    const phase = contestPhase(c);
    lists[phase.phase].push(item(c, phase));
  }
  $('contests-running').replaceChildren(...lists.running);
  $('contests-upcoming').replaceChildren(...lists.before, ...lists.unscheduled);
  $('contests-finished').replaceChildren(...lists.ended);
  for (const id of ['contests-running', 'contests-upcoming', 'contests-finished']) {
    if (!$(id).children.length) $(id).append(h('li.muted', t('contests.none')));
  }
}

async function main() {
  setupLanguageToggle($('lang-toggle'));
  onLanguageChange(render);
  try {
    contests = await get('khue/contests', { withAuth: false });
  } catch (e) {
    showError($('error'), e);
    return;
  }
  render();
  setInterval(render, 1000);
}

main();
