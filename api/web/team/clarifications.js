// The team page's questions and announcements: ask about a problem or in general, see the jury's answers and
// announcements arrive live over the event feed (type "clarifications"), with an unread badge in the top bar,
// a short sound and a browser notification (once the team allows it). What a team sees is decided by the
// server (its own questions, answers sent to it, broadcasts); this module only shows it.
import { api, formatClock, get, h, lang, onLanguageChange } from '../common.js';

const STRINGS = {
  vi: {
    title: 'Hỏi đáp và thông báo',
    ask: 'Đặt câu hỏi',
    about: 'Về',
    general: 'Chung (không về bài nào)',
    placeholder: 'Câu hỏi của đội cho ban giám khảo…',
    send: 'Gửi câu hỏi',
    sent: 'Đã gửi. Câu trả lời sẽ hiện ở đây.',
    none: 'Chưa có câu hỏi hay thông báo nào.',
    question: 'Câu hỏi của đội',
    answer: 'Trả lời của ban giám khảo',
    announcement: 'Thông báo',
    waiting: 'đang chờ trả lời',
    unread: 'tin mới',
    notify: 'Bật thông báo trên trình duyệt',
    notifyOn: 'Thông báo trên trình duyệt: đang bật',
    notifyDenied: 'Trình duyệt đã chặn thông báo',
    markRead: 'Đánh dấu đã đọc',
    newTitle: 'Tin mới từ ban giám khảo',
    empty: 'Hãy viết câu hỏi trước khi gửi.',
  },
  en: {
    title: 'Questions and announcements',
    ask: 'Ask a question',
    about: 'About',
    general: 'General (no problem)',
    placeholder: 'Your question to the jury…',
    send: 'Send question',
    sent: 'Sent. The answer will appear here.',
    none: 'No questions or announcements yet.',
    question: 'Your question',
    answer: 'Jury answer',
    announcement: 'Announcement',
    waiting: 'waiting for an answer',
    unread: 'new',
    notify: 'Turn on browser notifications',
    notifyOn: 'Browser notifications: on',
    notifyDenied: 'The browser blocks notifications',
    markRead: 'Mark as read',
    newTitle: 'New message from the jury',
    empty: 'Write a question before sending.',
  },
};

function tt(key) {
  return STRINGS[lang()][key] ?? STRINGS.en[key] ?? key;
}

// A short two-tone chime from the Web Audio API: no sound file to ship, nothing to fetch.
let audio = null;
function chime() {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.15 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.15 + 0.14);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.15);
      osc.stop(now + i * 0.15 + 0.15);
    }
  } catch {
    // No audio device (a lab machine without speakers): the badge and the notification remain.
  }
}

// Starts the panel. `mount`: the page's main element; `controls`: the top bar's controls (for the badge).
export function startClarifications({ contestId, teamId, problems, mount, controls }) {
  const cid = encodeURIComponent(contestId);
  const readKey = `khue.clar.read.${contestId}.${teamId}`;
  const read = new Set(JSON.parse(localStorage.getItem(readKey) ?? '[]'));
  const items = new Map(); // id -> clarification
  let ready = false;

  const badge = h('button.secondary.clar-badge#clar-badge', { type: 'button', hidden: true });
  controls?.prepend(badge);
  const problemSelect = h('select#clar-problem');
  const text = h('textarea#clar-text', { rows: 3, maxlength: 10000 });
  const status = h('span#clar-status', { role: 'status', 'aria-live': 'polite' });
  const sendButton = h('button#clar-send', { type: 'submit' });
  const notifyButton = h('button.secondary#clar-notify', { type: 'button' });
  const list = h('ol.clar-list#clar-list', { 'aria-live': 'polite' });
  const empty = h('p.muted#clar-empty');
  const heading = h('h2#clar-title');
  const aboutLabel = h('span');
  const form = h('form.clar-form#clar-form', h('label', aboutLabel, problemSelect), text,
    h('div.actions', sendButton, status));
  const markRead = h('button.secondary#clar-mark-read', { type: 'button' });
  const panel = h('section.panel#clar-panel', { 'aria-labelledby': 'clar-title' }, heading, form,
    h('div.actions', notifyButton, markRead), empty, list);
  mount.append(panel);

  const problemName = (id) => {
    const p = problems.find((x) => x.id === id);
    return p ? `${p.label ?? p.id} — ${p.name}` : id;
  };

  function labels() {
    heading.textContent = tt('title');
    aboutLabel.textContent = `${tt('about')} `;
    text.placeholder = tt('placeholder');
    sendButton.textContent = tt('send');
    markRead.textContent = tt('markRead');
    empty.textContent = tt('none');
    const keep = problemSelect.value;
    problemSelect.replaceChildren(h('option', { value: '' }, tt('general')),
      ...problems.map((p) => h('option', { value: p.id }, problemName(p.id))));
    problemSelect.value = keep;
    notifyLabel();
    render();
  }

  function notifyLabel() {
    const supported = 'Notification' in window;
    notifyButton.hidden = !supported;
    if (!supported) return;
    const state = Notification.permission;
    notifyButton.textContent = state === 'granted' ? tt('notifyOn') : state === 'denied' ? tt('notifyDenied') : tt('notify');
    notifyButton.disabled = state !== 'default';
  }

  const mine = (c) => c.from_team_id === teamId;
  const unread = () => [...items.values()].filter((c) => !mine(c) && !read.has(c.id));

  function updateBadge() {
    const n = unread().length;
    badge.hidden = n === 0;
    badge.textContent = `✉ ${n} ${tt('unread')}`;
    badge.dataset.count = String(n);
    document.title = n ? `(${n}) ${document.title.replace(/^\(\d+\) /, '')}` : document.title.replace(/^\(\d+\) /, '');
  }

  function markAllRead() {
    for (const c of items.values()) read.add(c.id);
    localStorage.setItem(readKey, JSON.stringify([...read]));
    render();
  }

  function render() {
    const sorted = [...items.values()].sort((a, b) => (b.time ?? '').localeCompare(a.time ?? ''));
    const answered = new Set(sorted.filter((c) => c.reply_to_id).map((c) => c.reply_to_id));
    list.replaceChildren(...sorted.map((c) => {
      const kind = mine(c) ? 'question' : c.reply_to_id ? 'answer' : 'announcement';
      const question = c.reply_to_id ? items.get(c.reply_to_id) : null;
      return h(`li.clar.clar-${kind}`, { dataset: { id: c.id, unread: String(!mine(c) && !read.has(c.id)) } },
        h('div.clar-head',
          h('b', tt(kind)),
          c.problem_id ? h('span.clar-problem', ` · ${problemName(c.problem_id)}`) : null,
          h('span.muted', ` · ${formatClock(c.time)}`),
          kind === 'question' && !answered.has(c.id) ? h('span.muted', ` · ${tt('waiting')}`) : null),
        question ? h('blockquote.clar-quote', question.text) : null,
        h('p.clar-text', c.text));
    }));
    empty.hidden = items.size > 0;
    updateBadge();
  }

  function arrived(c) {
    const fresh = !items.has(c.id);
    items.set(c.id, c);
    render();
    if (!ready || !fresh || mine(c)) return;
    chime();
    if ('Notification' in window && Notification.permission === 'granted') {
      try {
        const n = new Notification(tt('newTitle'), { body: c.text.slice(0, 200), tag: `khue-clar-${c.id}` });
        n.onclick = () => {
          window.focus();
          panel.scrollIntoView();
        };
      } catch {
        // Some browsers only allow notifications from a service worker; the badge and chime remain.
      }
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      status.textContent = tt('empty');
      return;
    }
    sendButton.disabled = true;
    try {
      const body = { text: text.value.trim() };
      if (problemSelect.value) body.problem_id = problemSelect.value;
      const c = await api('POST', `contests/${cid}/clarifications`, { json: body });
      items.set(c.id, c);
      text.value = '';
      status.textContent = tt('sent');
      render();
    } catch (e) {
      status.textContent = e.message;
    } finally {
      sendButton.disabled = false;
    }
  });
  notifyButton.addEventListener('click', async () => {
    await Notification.requestPermission();
    notifyLabel();
  });
  markRead.addEventListener('click', markAllRead);
  badge.addEventListener('click', () => {
    panel.scrollIntoView({ behavior: 'smooth' });
    markAllRead();
  });
  onLanguageChange(labels);
  labels();

  // What exists now, then everything new live; messages already listed do not ring.
  get(`contests/${cid}/clarifications`).then((all) => {
    for (const c of all) items.set(c.id, c);
  }).catch(() => null).finally(() => {
    ready = true;
    render();
  });
  // New messages come from the page's one event feed (session.js hands them over): a second feed per page would
  // take one more of the browser's six connections to the server, and a team with the scoreboard open in other
  // tabs would run out of them.
  const handle = (event) => {
    if (event.type === 'clarifications' && event.data) arrived(event.data);
  };
  return { markAllRead, handle };
}
