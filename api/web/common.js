// Shared by the scoreboard, team and admin pages: translations, the Contest API client, the event-feed reader,
// contest-time arithmetic and a tiny zip writer. Plain ES module, no dependencies: venues are often offline.

// ---------------------------------------------------------------------------------------------------------------
// Translations. Vietnamese is the default because the audience is Hanoi's; the choice is remembered per browser.

const STRINGS = {
  vi: {
    'lang.toggle': 'English',
    'title.scoreboard': 'Bảng xếp hạng',
    'title.team': 'Trang đội thi',
    'title.admin': 'Bảng điều khiển ban tổ chức',
    'col.rank': 'Hạng',
    'col.team': 'Đội',
    'col.solved': 'Số bài',
    'col.penalty': 'Phạt',
    'col.score': 'Điểm',
    'group.all': 'Tất cả các bảng',
    'group.label': 'Bảng',
    'clock.before': 'Bắt đầu sau',
    'clock.running': 'Còn lại',
    'clock.ended': 'Đã kết thúc',
    'clock.notScheduled': 'Chưa lên lịch',
    'freeze.banner': 'Bảng xếp hạng đã đóng băng — kết quả các bài nộp sau thời điểm này sẽ được công bố khi kết thúc',
    'state.final': 'Kết quả chính thức',
    'live.connected': 'Trực tiếp',
    'live.reconnecting': 'Đang kết nối lại…',
    'cell.try': 'lần',
    'cell.tries': 'lần',
    'cell.pending': 'đang chấm',
    'cell.frozen': 'đóng băng',
    'legend.solved': 'Đúng',
    'legend.first': 'Giải đầu tiên',
    'legend.failed': 'Sai',
    'legend.pending': 'Đang chấm',
    'legend.frozen': 'Đóng băng',
    'login.title': 'Đăng nhập',
    'login.username': 'Tên đăng nhập',
    'login.password': 'Mật khẩu',
    'login.submit': 'Đăng nhập',
    'login.logout': 'Đăng xuất',
    'login.failed': 'Sai tên đăng nhập hoặc mật khẩu',
    'login.notTeam': 'Tài khoản này không phải tài khoản đội thi',
    'login.notAdmin': 'Tài khoản này không có quyền quản trị',
    'submit.title': 'Nộp bài',
    'submit.problem': 'Bài',
    'submit.language': 'Ngôn ngữ',
    'submit.file': 'Tệp mã nguồn',
    'submit.orPaste': 'hoặc dán mã nguồn',
    'submit.filename': 'Tên tệp',
    'submit.send': 'Nộp',
    'submit.sent': 'Đã nộp bài',
    'submit.nothing': 'Chọn một tệp hoặc dán mã nguồn',
    'subs.title': 'Bài đã nộp',
    'subs.time': 'Thời điểm',
    'subs.problem': 'Bài',
    'subs.language': 'Ngôn ngữ',
    'subs.verdict': 'Kết quả',
    'subs.team': 'Đội',
    'subs.none': 'Chưa có bài nộp',
    'subs.runs': 'Kết quả từng test',
    'subs.compile': 'Lỗi biên dịch',
    'subs.test': 'Test',
    'subs.runtime': 'Thời gian chạy',
    'verdict.pending': 'Đang chấm',
    'verdict.AC': 'Đúng',
    'verdict.WA': 'Sai kết quả',
    'verdict.TLE': 'Quá thời gian',
    'verdict.MLE': 'Quá bộ nhớ',
    'verdict.RTE': 'Lỗi khi chạy',
    'verdict.OLE': 'Quá giới hạn xuất',
    'verdict.CE': 'Lỗi biên dịch',
    'verdict.JE': 'Lỗi hệ thống chấm',
    'verdict.PE': 'Sai định dạng',
    'problems.title': 'Đề bài',
    'problems.statement': 'Đề bài',
    'problems.samples': 'Ví dụ',
    'problems.input': 'Dữ liệu vào',
    'problems.output': 'Dữ liệu ra',
    'problems.interaction': 'Tương tác',
    'problems.limits': 'Giới hạn',
    'problems.noStatement': 'Máy chủ chưa cung cấp đề bài cho bài này',
    'problems.attachments': 'Tệp đính kèm',
    'admin.contest': 'Kỳ thi',
    'admin.startNow': 'Bắt đầu ngay',
    'admin.setStart': 'Đặt giờ bắt đầu',
    'admin.freezeNow': 'Đóng băng ngay',
    'admin.thaw': 'Mở băng',
    'admin.queue': 'Hàng đợi chấm',
    'admin.hosts': 'Máy chấm',
    'admin.queued': 'Đang chờ',
    'admin.judging': 'Đang chấm',
    'admin.rejudgeQueued': 'Chờ chấm lại',
    'admin.noHosts': 'Máy chủ không cung cấp thông tin máy chấm',
    'admin.rejudge': 'Chấm lại',
    'admin.upload': 'Tải lên gói đề',
    'admin.uploadSend': 'Tải lên',
    'admin.verifying': 'Đang kiểm tra',
    'admin.field.start_time': 'Bắt đầu',
    'admin.field.duration': 'Thời lượng',
    'admin.field.scoreboard_freeze_duration': 'Đóng băng trước khi kết thúc',
    'admin.field.scoreboard_thaw_time': 'Mở băng lúc',
    'admin.field.state': 'Trạng thái',
    'admin.verifyOk': 'mọi bài nộp mẫu đều cho kết quả như đã hứa',
    'admin.verifyFailed': 'kiểm tra thất bại',
    'admin.verifyMismatch': 'có bài nộp mẫu cho kết quả khác với đã hứa',
    'admin.timeLimit': 'Giới hạn thời gian',
    'admin.derived': 'suy ra từ các bài nộp mẫu',
    'admin.suggested': 'đề xuất',
    'admin.addTeam': 'Thêm đội',
    'admin.teamId': 'Mã đội',
    'admin.teamName': 'Tên đội',
    'admin.organization': 'Đơn vị',
    'admin.groups': 'Bảng',
    'admin.password': 'Mật khẩu',
    'admin.add': 'Thêm',
    'admin.done': 'Xong',
    'admin.allSubs': 'Tất cả bài nộp',
    'admin.filterProblem': 'Lọc theo bài',
    'admin.filterVerdict': 'Lọc theo kết quả',
  },
  en: {
    'lang.toggle': 'Tiếng Việt',
    'title.scoreboard': 'Scoreboard',
    'title.team': 'Team page',
    'title.admin': "Organisers' console",
    'col.rank': 'Rank',
    'col.team': 'Team',
    'col.solved': 'Solved',
    'col.penalty': 'Penalty',
    'col.score': 'Score',
    'group.all': 'All groups',
    'group.label': 'Group',
    'clock.before': 'Starts in',
    'clock.running': 'Remaining',
    'clock.ended': 'Contest over',
    'clock.notScheduled': 'Not scheduled',
    'freeze.banner': 'The scoreboard is frozen — results of later submissions are revealed at the end',
    'state.final': 'Final results',
    'live.connected': 'Live',
    'live.reconnecting': 'Reconnecting…',
    'cell.try': 'try',
    'cell.tries': 'tries',
    'cell.pending': 'pending',
    'cell.frozen': 'frozen',
    'legend.solved': 'Solved',
    'legend.first': 'First to solve',
    'legend.failed': 'Rejected',
    'legend.pending': 'Pending',
    'legend.frozen': 'Frozen',
    'login.title': 'Log in',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'login.logout': 'Log out',
    'login.failed': 'Wrong username or password',
    'login.notTeam': 'This account is not a team account',
    'login.notAdmin': 'This account is not an administrator',
    'submit.title': 'Submit',
    'submit.problem': 'Problem',
    'submit.language': 'Language',
    'submit.file': 'Source file',
    'submit.orPaste': 'or paste your code',
    'submit.filename': 'File name',
    'submit.send': 'Submit',
    'submit.sent': 'Submitted',
    'submit.nothing': 'Choose a file or paste some code',
    'subs.title': 'Your submissions',
    'subs.time': 'Time',
    'subs.problem': 'Problem',
    'subs.language': 'Language',
    'subs.verdict': 'Verdict',
    'subs.team': 'Team',
    'subs.none': 'No submissions yet',
    'subs.runs': 'Test results',
    'subs.compile': 'Compiler output',
    'subs.test': 'Test',
    'subs.runtime': 'Run time',
    'verdict.pending': 'Pending',
    'verdict.AC': 'Accepted',
    'verdict.WA': 'Wrong answer',
    'verdict.TLE': 'Time limit exceeded',
    'verdict.MLE': 'Memory limit exceeded',
    'verdict.RTE': 'Run-time error',
    'verdict.OLE': 'Output limit exceeded',
    'verdict.CE': 'Compile error',
    'verdict.JE': 'Judge error',
    'verdict.PE': 'Presentation error',
    'problems.title': 'Problems',
    'problems.statement': 'Statement',
    'problems.samples': 'Samples',
    'problems.input': 'Input',
    'problems.output': 'Output',
    'problems.interaction': 'Interaction',
    'problems.limits': 'Limits',
    'problems.noStatement': 'The server offers no statement for this problem',
    'problems.attachments': 'Attachments',
    'admin.contest': 'Contest',
    'admin.startNow': 'Start now',
    'admin.setStart': 'Set start time',
    'admin.freezeNow': 'Freeze now',
    'admin.thaw': 'Thaw',
    'admin.queue': 'Judging queue',
    'admin.hosts': 'Judging hosts',
    'admin.queued': 'Queued',
    'admin.judging': 'Judging',
    'admin.rejudgeQueued': 'Rejudges queued',
    'admin.noHosts': 'The server does not report judging hosts',
    'admin.rejudge': 'Rejudge',
    'admin.upload': 'Upload problem package',
    'admin.uploadSend': 'Upload',
    'admin.verifying': 'Verifying',
    'admin.field.start_time': 'Start',
    'admin.field.duration': 'Duration',
    'admin.field.scoreboard_freeze_duration': 'Frozen before the end',
    'admin.field.scoreboard_thaw_time': 'Thawed at',
    'admin.field.state': 'State',
    'admin.verifyOk': 'every example submission behaves as promised',
    'admin.verifyFailed': 'verification failed',
    'admin.verifyMismatch': 'some example submissions do not behave as promised',
    'admin.timeLimit': 'Time limit',
    'admin.derived': 'derived from the submissions',
    'admin.suggested': 'suggested',
    'admin.addTeam': 'Add team',
    'admin.teamId': 'Team id',
    'admin.teamName': 'Team name',
    'admin.organization': 'Organisation',
    'admin.groups': 'Groups',
    'admin.password': 'Password',
    'admin.add': 'Add',
    'admin.done': 'Done',
    'admin.allSubs': 'All submissions',
    'admin.filterProblem': 'Filter by problem',
    'admin.filterVerdict': 'Filter by verdict',
  },
};

const LANG_KEY = 'khue.lang';
const langListeners = [];

export function lang() {
  const stored = localStorage.getItem(LANG_KEY);
  return stored === 'en' ? 'en' : 'vi';
}

export function t(key) {
  return STRINGS[lang()][key] ?? STRINGS.en[key] ?? key;
}

// "1 lần" / "2 lần" in Vietnamese, "1 try" / "2 tries" in English.
export function tries(n) {
  return `${n} ${n === 1 ? t('cell.try') : t('cell.tries')}`;
}

export function verdictText(id) {
  if (!id) return t('verdict.pending');
  const key = 'verdict.' + id;
  return STRINGS[lang()][key] ?? id;
}

// Fills every element carrying data-i18n (text) or data-i18n-placeholder under root.
export function applyI18n(root = document) {
  document.documentElement.lang = lang();
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
}

export function onLanguageChange(fn) {
  langListeners.push(fn);
}

export function setupLanguageToggle(button) {
  button.addEventListener('click', () => {
    localStorage.setItem(LANG_KEY, lang() === 'vi' ? 'en' : 'vi');
    applyI18n();
    for (const fn of langListeners) fn();
  });
  applyI18n();
}

// ---------------------------------------------------------------------------------------------------------------
// Contest API client.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

const AUTH_KEY = 'khue.auth';

// Credentials live in sessionStorage so that closing the browser on a shared lab machine logs the team out.
export const auth = {
  get() {
    return sessionStorage.getItem(AUTH_KEY);
  },
  set(username, password) {
    const bytes = new TextEncoder().encode(`${username}:${password}`);
    sessionStorage.setItem(AUTH_KEY, 'Basic ' + bytesToBase64(bytes));
  },
  clear() {
    sessionStorage.removeItem(AUTH_KEY);
  },
};

// Server clock minus client clock, in ms; projector laptops often have a wrong clock and the contest clock must not.
let clockSkewMs = 0;

export function serverNow() {
  return Date.now() + clockSkewMs;
}

function noteServerDate(response) {
  const date = response.headers.get('Date');
  if (!date) return;
  const ms = Date.parse(date);
  // The header has one-second resolution; ignore differences that small to keep the clock from jittering.
  if (!Number.isNaN(ms) && Math.abs(ms - Date.now() - clockSkewMs) > 1500) clockSkewMs = ms - Date.now();
}

export async function api(method, path, { body, json, withAuth = true, headers = {} } = {}) {
  const h = { Accept: 'application/json', ...headers };
  const credentials = withAuth ? auth.get() : null;
  if (credentials) h.Authorization = credentials;
  let payload = body;
  if (json !== undefined) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  }
  const response = await fetch('/api/' + path.replace(/^\//, ''), { method, headers: h, body: payload });
  noteServerDate(response);
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const message = data && typeof data === 'object' ? data.message : typeof data === 'string' ? data : '';
    throw new ApiError(response.status, data?.code, message || `${method} ${path}: HTTP ${response.status}`);
  }
  return data;
}

export const get = (path, opts) => api('GET', path, opts);

// The contest to show: ?contest=<id> in the page URL, else the first (usually only) contest the server offers.
export async function findContest() {
  const wanted = new URLSearchParams(location.search).get('contest');
  if (wanted) return get(`contests/${encodeURIComponent(wanted)}`);
  const contests = await get('contests');
  if (!Array.isArray(contests) || contests.length === 0) throw new Error('The server offers no contest');
  return contests[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Event feed: fetch() streaming of NDJSON, resumed with since_token after any disconnect.

export class EventFeed {
  constructor(contestId, { onEvent, onStatus, withAuth = true, sinceToken = null, types = null }) {
    this.types = types; // only these event types, when the server supports ?types= (runs are most of a feed)
    this.contestId = contestId;
    this.onEvent = onEvent;
    this.onStatus = onStatus ?? (() => {});
    this.withAuth = withAuth;
    this.token = sinceToken;
    this.stopped = false;
    this.retryMs = 500;
    this.controller = null;
  }

  start() {
    // A phone that changes networks keeps a dead TCP connection for minutes; the browser knows sooner.
    addEventListener('offline', () => this.controller?.abort());
    addEventListener('online', () => this.wake?.());
    this.loop();
    return this;
  }

  stop() {
    this.stopped = true;
    this.controller?.abort();
  }

  async loop() {
    while (!this.stopped) {
      try {
        await this.readOnce();
        this.retryMs = 500;
      } catch (e) {
        if (this.stopped) return;
        console.warn('event feed:', e.message);
      }
      if (this.stopped) return;
      this.onStatus(false);
      await new Promise((r) => {
        // Offline, retrying is pointless: the 'online' event wakes us (the timer is only a safety net).
        const timer = setTimeout(r, navigator.onLine === false ? 60_000 : this.retryMs);
        this.wake = () => {
          clearTimeout(timer);
          this.retryMs = 500;
          r();
        };
      });
      this.wake = null;
      this.retryMs = Math.min(this.retryMs * 2, 10000);
    }
  }

  async readOnce() {
    this.controller = new AbortController();
    const query = [];
    if (this.token) query.push(`since_token=${encodeURIComponent(this.token)}`);
    if (this.types) query.push(`types=${this.types.map(encodeURIComponent).join(',')}`);
    const params = query.length ? `?${query.join('&')}` : '';
    const headers = { Accept: 'application/x-ndjson' };
    const credentials = this.withAuth ? auth.get() : null;
    if (credentials) headers.Authorization = credentials;
    const response = await fetch(`/api/contests/${encodeURIComponent(this.contestId)}/event-feed${params}`, {
      headers,
      signal: this.controller.signal,
      cache: 'no-store',
    });
    if (response.status === 400 && this.types) {
      this.types = null; // a server without the filter: take everything and ignore what we do not need
      throw new Error('event feed: ?types= refused, reading every type');
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    this.onStatus(true);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    // The server sends an empty line at least every 120 s; silence for longer means a dead connection that TCP
    // has not noticed yet (a projector's Wi-Fi roaming), so we abort and resume.
    let watchdog = null;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => this.controller.abort(), 150_000);
    };
    arm();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        arm();
        buffer += value;
        let newline;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (!line) continue;
          let event;
          try {
            event = JSON.parse(line);
          } catch {
            console.warn('event feed: unparsable line', line);
            continue;
          }
          if (event.token) this.token = event.token;
          this.onEvent(normalizeEvent(event));
        }
      }
    } finally {
      clearTimeout(watchdog);
    }
  }
}

// Accepts both the current shape {type, id, data, token} and the 2020-era {type, op, data} shape.
function normalizeEvent(event) {
  const removed = event.data === null || event.op === 'delete';
  const id = event.id ?? (event.data && !Array.isArray(event.data) ? event.data.id : null) ?? null;
  return { type: event.type, id, data: event.data, removed, token: event.token };
}

// Calls fn at most once per interval, always running it once more after the last request (trailing edge), so a
// burst of events during a busy minute costs one scoreboard fetch rather than hundreds.
export function coalesce(fn, intervalMs) {
  let timer = null;
  let again = false;
  let running = false;
  const run = async () => {
    timer = null;
    running = true;
    again = false;
    try {
      await fn();
    } finally {
      running = false;
      if (again) schedule();
    }
  };
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    if (!timer) timer = setTimeout(run, intervalMs);
  };
  return schedule;
}

// ---------------------------------------------------------------------------------------------------------------
// Time.

// RELTIME "(-)h:mm:ss(.uuu)" to milliseconds; null stays null.
export function parseRelTime(text) {
  if (text === null || text === undefined) return null;
  if (typeof text === 'number') return text * 60_000; // older contest files give penalty_time in minutes
  const m = /^(-)?(\d+):(\d\d):(\d\d)(?:\.(\d{1,3}))?$/.exec(String(text));
  if (!m) return null;
  const ms = ((+m[2] * 60 + +m[3]) * 60 + +m[4]) * 1000 + (m[5] ? +m[5].padEnd(3, '0') : 0);
  return m[1] ? -ms : ms;
}

export function formatDuration(ms) {
  const negative = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${negative ? '-' : ''}${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

// Whole contest minutes, as the scoreboard counts them.
export function contestMinutes(reltime) {
  const ms = parseRelTime(reltime);
  return ms === null ? '' : String(Math.floor(ms / 60_000));
}

export function formatClock(isoTime) {
  if (!isoTime) return '';
  const d = new Date(isoTime);
  return d.toLocaleTimeString(lang() === 'vi' ? 'vi-VN' : 'en-GB', { hour12: false });
}

// Where the contest stands at `now`: before / running / ended, with the time left to the next boundary.
export function contestPhase(contest, now = serverNow()) {
  if (!contest?.start_time) return { phase: 'unscheduled' };
  const start = Date.parse(contest.start_time);
  const end = start + (parseRelTime(contest.duration) ?? 0);
  if (now < start) return { phase: 'before', ms: start - now, start, end };
  if (now < end) return { phase: 'running', ms: end - now, elapsed: now - start, start, end };
  return { phase: 'ended', start, end };
}

export function isFrozen(contest, state, now = serverNow()) {
  if (state) return Boolean(state.frozen) && !state.thawed;
  const p = contestPhase(contest, now);
  const freeze = parseRelTime(contest?.scoreboard_freeze_duration);
  if (!freeze || p.phase === 'unscheduled' || p.phase === 'before') return false;
  return now >= p.end - freeze && !contest.scoreboard_thaw_time;
}

// ---------------------------------------------------------------------------------------------------------------
// DOM helpers.

// h('div.cls#id', {attr: v, onclick: fn}, child, 'text', …)
export function h(spec, attrs, ...children) {
  const [, tag, rest] = /^([a-z0-9]+)(.*)$/i.exec(spec);
  const el = document.createElement(tag);
  for (const part of rest.match(/[.#][^.#]+/g) ?? []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  if (attrs !== null && attrs !== undefined && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export function showError(target, error) {
  target.textContent = error ? String(error.message ?? error) : '';
  target.hidden = !error;
}

// Readable text on a problem's colour: black on light colours, white on dark ones.
export function textColorOn(rgb) {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(rgb ?? '');
  if (!m) return '#000';
  let hex = m[1];
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#000' : '#fff';
}

export function byOrdinal(a, b) {
  return (a.ordinal ?? 0) - (b.ordinal ?? 0) || String(a.label ?? a.id).localeCompare(String(b.label ?? b.id));
}

// ---------------------------------------------------------------------------------------------------------------
// Bytes: base64 and a minimal "stored" (uncompressed) zip writer, enough for the submission format.

export function bytesToBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// files: [{name, bytes: Uint8Array}] → Uint8Array of a zip holding them at its root.
export function makeZip(files) {
  const encoder = new TextEncoder();
  const chunks = [];
  const central = [];
  let offset = 0;
  for (const file of files) {
    const name = encoder.encode(file.name);
    const crc = crc32(file.bytes);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed
    local.setUint16(6, 0x0800, true); // names are UTF-8
    local.setUint16(8, 0, true); // stored
    local.setUint32(14, crc, true);
    local.setUint32(18, file.bytes.length, true);
    local.setUint32(22, file.bytes.length, true);
    local.setUint16(26, name.length, true);
    chunks.push(new Uint8Array(local.buffer), name, file.bytes);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(4, 20, true);
    entry.setUint16(6, 20, true);
    entry.setUint16(8, 0x0800, true);
    entry.setUint32(16, crc, true);
    entry.setUint32(20, file.bytes.length, true);
    entry.setUint32(24, file.bytes.length, true);
    entry.setUint16(28, name.length, true);
    entry.setUint32(42, offset, true);
    central.push(new Uint8Array(entry.buffer), name);
    offset += 30 + name.length + file.bytes.length;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
