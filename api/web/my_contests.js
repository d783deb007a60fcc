// The contests of the logged-in account (a student in the practice round and the real one), as links to
// their team pages; and which submissions are practice (sent after the end of the contest).
import { get, h, parseRelTime, t } from './common.js';

export async function renderMyContests(target, currentId) {
  const list = await get('khue/my-contests').catch(() => []);
  if (!Array.isArray(list) || list.length === 0 || (list.length === 1 && list[0].id === currentId)) {
    target.hidden = true;
    return;
  }
  target.replaceChildren(
    h('span.muted', t('contests.mine')),
    ...list.map((c) =>
      h(
        'a',
        { href: `/contests/${encodeURIComponent(c.id)}/team`, 'aria-current': c.id === currentId ? 'page' : null },
        c.formal_name || c.name || c.id,
      ),
    ),
  );
  target.hidden = false;
}

export function isPractice(submission, contest) {
  const at = parseRelTime(submission?.contest_time);
  const duration = parseRelTime(contest?.duration);
  return at !== null && at !== undefined && duration !== null && duration !== undefined && at >= duration;
}
