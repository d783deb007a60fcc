// The console's clarification desk: the queue of the teams' questions (open ones first), a claim so that two
// judges never answer the same question (the claim shows who holds it), answers from canned replies or free
// text to the asking team or to everyone, and announcements to every team or to a group. The queue comes from
// Khue's /api/khue/contests/<id>/clarification-queue (with claims); new questions arrive over the event feed,
// and claims by other judges show within five seconds.
import { api, EventFeed, formatClock, get, h, lang, onLanguageChange } from '../common.js';

const STRINGS = {
  vi: {
    title: 'Câu hỏi của các đội',
    open: 'chưa trả lời',
    announce: 'Thông báo cho các đội',
    announceTo: 'Gửi tới',
    everyone: 'Tất cả các đội',
    announceSend: 'Gửi thông báo',
    announcePlaceholder: 'Nội dung thông báo…',
    none: 'Chưa có câu hỏi nào.',
    from: 'Đội',
    general: 'chung',
    claim: 'Nhận trả lời',
    release: 'Bỏ nhận',
    steal: 'Nhận thay',
    claimedBy: 'Đang được trả lời bởi',
    answered: 'Đã trả lời',
    canned: 'Câu trả lời mẫu',
    answerPlaceholder: 'Câu trả lời…',
    onlyTeam: 'Chỉ đội này',
    toAll: 'Tất cả các đội',
    send: 'Gửi trả lời',
    sent: 'Đã gửi',
    questionWas: 'Câu hỏi',
    reply: 'Trả lời',
    empty: 'Hãy viết nội dung trước khi gửi.',
  },
  en: {
    title: 'Clarification requests',
    open: 'open',
    announce: 'Announcement to the teams',
    announceTo: 'Send to',
    everyone: 'All teams',
    announceSend: 'Send announcement',
    announcePlaceholder: 'Announcement text…',
    none: 'No questions yet.',
    from: 'Team',
    general: 'general',
    claim: 'Claim',
    release: 'Release',
    steal: 'Take over',
    claimedBy: 'Being answered by',
    answered: 'Answered',
    canned: 'Canned reply',
    answerPlaceholder: 'Answer…',
    onlyTeam: 'This team only',
    toAll: 'All teams',
    send: 'Send answer',
    sent: 'Sent',
    questionWas: 'Question',
    reply: 'Reply',
    empty: 'Write something before sending.',
  },
};

// Sent in both languages: the teams read either.
const CANNED = [
  'Không có ý kiến. / No comment.',
  'Hãy đọc lại đề bài. / Read the statement again.',
  'Đề bài đã trả lời điều này. / This is answered in the statement.',
];

function tt(key) {
  return STRINGS[lang()][key] ?? STRINGS.en[key] ?? key;
}

export function startJuryClarifications({ contestId, mount, teams, problems }) {
  const cid = encodeURIComponent(contestId);
  let queue = [];
  let username = '';
  let groupList = [];
  const groups = () => groupList;
  const drafts = new Map(); // question id -> text being written, kept across re-renders
  const heading = h('h2#jury-clar-title');
  const list = h('div#jury-clar-list');
  const announceText = h('textarea#announce-text', { rows: 2 });
  const announceTo = h('select#announce-to');
  const announceSend = h('button#announce-send', { type: 'submit' });
  const announceStatus = h('span#announce-status', { role: 'status' });
  const announceTitle = h('h3');
  const announceLabel = h('span');
  const announceForm = h('form#announce-form', announceTitle, announceText,
    h('div.actions', h('label', announceLabel, ' ', announceTo), announceSend, announceStatus));
  const panel = h('section.panel#jury-clar-panel', { 'aria-labelledby': 'jury-clar-title' }, heading, list, announceForm);
  mount.append(panel);

  const teamName = (id) => teams().get(id)?.display_name ?? teams().get(id)?.name ?? id;
  const problemName = (id) => {
    const p = problems().find((x) => x.id === id);
    return p ? `${p.label ?? p.id} — ${p.name}` : id;
  };

  async function refresh() {
    try {
      queue = await get(`khue/contests/${cid}/clarification-queue`);
      render();
    } catch (e) {
      list.replaceChildren(h('p.error', e.message));
    }
  }

  async function claim(id, body) {
    try {
      await api('POST', `khue/contests/${cid}/clarifications/${encodeURIComponent(id)}/claim`, { json: body });
    } catch (e) {
      if (e.status !== 409) throw e; // 409: someone else holds it; the refresh shows who
    }
    await refresh();
  }

  async function answer(question, text, toAll, status) {
    if (!text.trim()) {
      status.textContent = tt('empty');
      return;
    }
    const body = { reply_to_id: question.id, text: text.trim() };
    if (toAll) {
      // The other teams never saw the question: quote it.
      body.text = `${tt('questionWas')}: ${question.text}\n\n${tt('reply')}: ${text.trim()}`;
    } else {
      body.to_team_ids = [question.from_team_id];
    }
    try {
      await api('POST', `contests/${cid}/clarifications`, { json: body });
      drafts.delete(question.id);
      status.textContent = tt('sent');
      await refresh();
    } catch (e) {
      status.textContent = e.message;
    }
  }

  function questionView(q, replies) {
    const mine = q.claimed_by === username;
    const state = q.answered ? h('span.badge.ok', tt('answered'))
      : q.claimed_by ? h('span.badge.claimed', `${tt('claimedBy')} ${q.claimed_by}`) : h('span.badge.open', tt('open'));
    const buttons = [];
    if (!q.answered) {
      if (!q.claimed_by) buttons.push(h('button.claim', { type: 'button', onclick: () => claim(q.id, {}) }, tt('claim')));
      else if (mine) buttons.push(h('button.secondary.release', { type: 'button', onclick: () => claim(q.id, { release: true }) }, tt('release')));
      else buttons.push(h('button.secondary.steal', { type: 'button', onclick: () => claim(q.id, { steal: true }) }, tt('steal')));
    }
    const text = h('textarea.answer-text', { rows: 2, placeholder: tt('answerPlaceholder') });
    text.value = drafts.get(q.id) ?? '';
    text.addEventListener('input', () => drafts.set(q.id, text.value));
    const canned = h('select.canned', h('option', { value: '' }, `— ${tt('canned')} —`),
      ...CANNED.map((c) => h('option', { value: c }, c)));
    canned.addEventListener('change', () => {
      if (canned.value) {
        text.value = canned.value;
        drafts.set(q.id, text.value);
      }
    });
    const scope = `scope-${q.id}`;
    const onlyTeam = h('input', { type: 'radio', name: scope, value: 'team', checked: true });
    const toAll = h('input', { type: 'radio', name: scope, value: 'all' });
    const status = h('span.answer-status', { role: 'status' });
    const send = h('button.answer-send', { type: 'button', onclick: () => answer(q, text.value, toAll.checked, status) }, tt('send'));
    const canAnswer = !q.answered || replies.length > 0;
    return h('article.jury-clar', { dataset: { id: q.id, answered: String(q.answered), claimed: q.claimed_by ?? '' } },
      h('div.clar-head', h('b', `${tt('from')} ${teamName(q.from_team_id)}`),
        ` · ${q.problem_id ? problemName(q.problem_id) : tt('general')} · ${formatClock(q.time)} `, state, ' ', ...buttons),
      h('p.clar-text', q.text),
      ...replies.map((r) => h('p.clar-reply', `↳ ${formatClock(r.time)} ${r.to_team_ids ? '' : `[${tt('toAll')}] `}${r.text}`)),
      canAnswer ? h('div.answer', canned, text,
        h('div.actions', h('label', onlyTeam, ` ${tt('onlyTeam')}`), h('label', toAll, ` ${tt('toAll')}`), send, status)) : null);
  }

  function render() {
    const focused = document.activeElement?.closest?.('.jury-clar')?.dataset.id;
    const questions = queue.filter((c) => c.from_team_id);
    const repliesOf = (id) => queue.filter((c) => c.reply_to_id === id && !c.from_team_id);
    // Open questions first (oldest first: they waited longest), then the answered ones, newest first.
    const open = questions.filter((q) => !q.answered).sort((a, b) => a.time.localeCompare(b.time));
    const done = questions.filter((q) => q.answered).sort((a, b) => b.time.localeCompare(a.time));
    heading.textContent = `${tt('title')} (${open.length} ${tt('open')})`;
    if (focused && document.activeElement?.tagName === 'TEXTAREA') return; // do not steal a judge's typing
    list.replaceChildren(...(questions.length ? [...open, ...done].map((q) => questionView(q, repliesOf(q.id)))
      : [h('p.muted', tt('none'))]));
  }

  function labels() {
    announceTitle.textContent = tt('announce');
    announceLabel.textContent = tt('announceTo');
    announceText.placeholder = tt('announcePlaceholder');
    announceSend.textContent = tt('announceSend');
    const keep = announceTo.value;
    announceTo.replaceChildren(h('option', { value: '' }, tt('everyone')),
      ...groups().map((g) => h('option', { value: g.id }, g.name ?? g.id)));
    announceTo.value = keep;
    render();
  }

  announceForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!announceText.value.trim()) {
      announceStatus.textContent = tt('empty');
      return;
    }
    const body = { text: announceText.value.trim() };
    if (announceTo.value) body.to_group_ids = [announceTo.value];
    try {
      await api('POST', `contests/${cid}/clarifications`, { json: body });
      announceText.value = '';
      announceStatus.textContent = tt('sent');
      await refresh();
    } catch (e) {
      announceStatus.textContent = e.message;
    }
  });
  onLanguageChange(labels);
  labels();
  get(`contests/${cid}/account`).then((a) => {
    username = a.username;
    render();
  }).catch(() => null);
  get(`contests/${cid}/groups`).then((g) => {
    groupList = g;
    labels();
  }).catch(() => null);
  refresh();
  setInterval(refresh, 5000);
  new EventFeed(contestId, {
    types: ['clarifications'],
    onEvent: (event) => {
      if (event.type === 'clarifications') refresh();
    },
  }).start();
  return { refresh, labels };
}
