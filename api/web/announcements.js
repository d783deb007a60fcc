// The public scoreboard's announcements: the jury's broadcasts (clarifications sent to every team, which the
// Contest API shows to the public too), newest first under the top bar, arriving live over the event feed.
import { formatClock, get, h, lang, onLanguageChange } from './common.js';

const TITLE = { vi: 'Thông báo', en: 'Announcements' };
const SHOWN = 3;

export function startAnnouncements({ contestId, before }) {
  const cid = encodeURIComponent(contestId);
  const items = new Map();
  const title = h('b');
  const list = h('ul');
  const box = h('aside.announcements#announcements', { hidden: true, 'aria-live': 'polite' }, title, list);
  before.before(box);
  const broadcast = (c) => !c.from_team_id && !c.to_team_ids && !c.to_group_ids;

  function render() {
    title.textContent = TITLE[lang()] ?? TITLE.en;
    const newest = [...items.values()].sort((a, b) => b.time.localeCompare(a.time)).slice(0, SHOWN);
    list.replaceChildren(...newest.map((c) => h('li', h('span.when', formatClock(c.time)), ' ', h('span.text', c.text))));
    box.hidden = newest.length === 0;
  }
  function add(c) {
    if (c && broadcast(c)) {
      items.set(c.id, c);
      render();
    }
  }
  onLanguageChange(render);
  get(`contests/${cid}/clarifications`, { withAuth: false }).then((all) => all.forEach(add)).catch(() => null);
  // New announcements come from the scoreboard's one event feed (scoreboard.js hands them over), so that the page
  // holds one connection to the server, not two.
  return {
    handle: (event) => {
      if (event.type === 'clarifications') add(event.data);
    },
  };
}
