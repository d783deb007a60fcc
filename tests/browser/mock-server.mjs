// A small stand-in for `khue serve`, shaped like the ICPC Contest API, used to develop the web pages before the
// real server exists and to exercise page logic (500 teams, freeze) cheaply. The final e2e runs against the real
// server; this file is never the thing under test.
//
//   node mock-server.mjs [--port N] [--teams N] [--freeze]    (prints "listening on http://127.0.0.1:N")
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '../../api/web');
const { values: opts } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    teams: { type: 'string', default: '8' },
    freeze: { type: 'boolean', default: false },
    random: { type: 'string', default: '0' }, // synthetic submissions to generate at start
  },
});

const CID = 'demo';
const MIN = 60_000;
const now = () => Date.now();
const iso = (ms) => new Date(ms).toISOString().replace('Z', '+00:00');
const rel = (ms) => {
  const sign = ms < 0 ? '-' : '';
  let s = Math.abs(ms) / 1000;
  const hh = Math.floor(s / 3600);
  s -= hh * 3600;
  const mm = Math.floor(s / 60);
  s -= mm * 60;
  return `${sign}${hh}:${String(mm).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0')}`;
};
const parseRel = (t) => {
  const m = /^(-)?(\d+):(\d\d):(\d\d)(?:\.(\d+))?$/.exec(t ?? '');
  if (!m) return null;
  const ms = ((+m[2] * 60 + +m[3]) * 60 + +m[4]) * 1000 + (m[5] ? +m[5].padEnd(3, '0').slice(0, 3) : 0);
  return m[1] ? -ms : ms;
};

const contest = {
  id: CID,
  name: 'Tuần lễ học tập suốt đời 2026',
  formal_name: 'Tuần lễ học tập suốt đời 2026 — Lập trình',
  start_time: iso(now() - (opts.freeze ? 170 : 30) * MIN),
  duration: '3:00:00.000',
  scoreboard_freeze_duration: '0:30:00.000',
  scoreboard_thaw_time: null,
  scoreboard_type: 'pass-fail',
  penalty_time: '0:20:00.000',
};
const problems = [
  ['hello', 'A', 'Xin chào', '#e53935'],
  ['sum', 'B', 'Tổng hai số', '#1e88e5'],
  ['maze', 'C', 'Mê cung', '#fdd835'],
  ['graph', 'D', 'Đồ thị', '#43a047'],
  ['stones', 'E', 'Bốc sỏi', '#8e24aa'],
].map(([id, label, name, rgb], i) => ({
  id, label, name, rgb, ordinal: i, color: 'x', time_limit: 1, memory_limit: 256, output_limit: 8, code_limit: 128,
  test_data_count: 3,
  samples: [{ input: '1 2\n', output: '3\n' }],
  statement: [{ href: `contests/${CID}/problems/${id}/statement`, mime: 'text/html', filename: `${label}.html` }],
}));
const groups = [
  { id: 'school', name: 'Trung học' },
  { id: 'university', name: 'Đại học' },
  { id: 'open', name: 'Mở rộng' },
];
const organizations = [
  { id: 'hust', name: 'ĐH Bách khoa Hà Nội' },
  { id: 'ams', name: 'THPT Chuyên Hà Nội – Amsterdam' },
  { id: 'vnu', name: 'ĐH Quốc gia Hà Nội' },
];
const teams = [];
const accounts = [{ id: 'admin', username: 'admin', password: 'admin', type: 'admin' }];
for (let i = 1; i <= +opts.teams; i++) {
  const g = groups[i % 3].id;
  teams.push({ id: `team${i}`, name: `Đội số ${i}`, label: String(i), organization_id: organizations[i % 3].id,
    group_ids: [g] });
  accounts.push({ id: `team${i}`, username: `team${i}`, password: `team${i}`, type: 'team', team_id: `team${i}` });
}
const languages = [
  { id: 'cpp', name: 'C++', extensions: ['cpp', 'cc', 'cxx'], entry_point_required: false },
  { id: 'c', name: 'C', extensions: ['c'], entry_point_required: false },
  { id: 'python3', name: 'Python 3', extensions: ['py'], entry_point_required: false },
  { id: 'java', name: 'Java', extensions: ['java'], entry_point_required: true },
];
const judgementTypes = [
  ['AC', 'correct', false, true], ['WA', 'wrong answer', true, false], ['TLE', 'time limit', true, false],
  ['RTE', 'run-time error', true, false], ['CE', 'compile error', false, false],
].map(([id, name, penalty, solved]) => ({ id, name, penalty, solved }));

const submissions = [];
const sources = new Map(); // submission id → source text, for rejudging
const judgements = [];
const runs = [];
const events = []; // {type, id, data, token, team_id?, hiddenFromPublic?}

function contestEnd() {
  return Date.parse(contest.start_time) + parseRel(contest.duration);
}
function frozenAt(ms) {
  const freeze = parseRel(contest.scoreboard_freeze_duration) ?? 0;
  return ms >= contestEnd() - freeze;
}
function thawed() {
  return contest.scoreboard_thaw_time && Date.parse(contest.scoreboard_thaw_time) <= now();
}
function state() {
  const start = Date.parse(contest.start_time);
  const t = now();
  return {
    started: t >= start ? contest.start_time : null,
    frozen: frozenAt(t) && t >= start ? iso(contestEnd() - parseRel(contest.scoreboard_freeze_duration)) : null,
    ended: t >= contestEnd() ? iso(contestEnd()) : null,
    thawed: thawed() ? contest.scoreboard_thaw_time : null,
    finalized: null,
    end_of_updates: null,
  };
}

const feedClients = new Set();
function emit(type, data, extra = {}) {
  const ev = { type, id: data?.id ?? null, data, token: String(events.length + 1), ...extra };
  events.push(ev);
  for (const client of feedClients) client(ev);
}

function visible(ev, who) {
  if (who.type === 'admin') return true;
  if (ev.team_id && who.type === 'team' && ev.team_id !== who.team_id) {
    return ev.type === 'submissions' || false;
  }
  if (ev.team_id && who.type === 'public' && ev.type !== 'submissions') return !ev.frozen || thawed();
  return true;
}

function judge(submission, source) {
  const j = {
    id: `j${judgements.length + 1}`, submission_id: submission.id, judgement_type_id: null, current: true,
    start_time: iso(now()), start_contest_time: rel(now() - Date.parse(contest.start_time)),
  };
  judgements.push(j);
  const extra = { team_id: submission.team_id, frozen: frozenAt(Date.parse(submission.time)) };
  emit('judgements', { ...j }, extra);
  setTimeout(() => {
    const verdict = /compile error|#error/.test(source) ? 'CE' : /WRONG/.test(source) ? 'WA' : 'AC';
    if (verdict === 'CE') j.compile_output = 'main.cpp:1:2: error: #error requested';
    for (let k = 1; k <= (verdict === 'CE' ? 0 : 3); k++) {
      const r = { id: `${j.id}-r${k}`, judgement_id: j.id, ordinal: k,
        judgement_type_id: verdict === 'WA' && k === 2 ? 'WA' : 'AC', time: iso(now()),
        contest_time: rel(now() - Date.parse(contest.start_time)), run_time: 0.01 * k };
      runs.push(r);
      emit('runs', r, extra);
      if (r.judgement_type_id !== 'AC') break;
    }
    j.judgement_type_id = verdict;
    j.end_time = iso(now());
    j.end_contest_time = rel(now() - Date.parse(contest.start_time));
    j.max_run_time = 0.03;
    emit('judgements', { ...j }, extra);
  }, 800);
}

function scoreboard(who, groupId) {
  const penalty = parseRel(contest.penalty_time) / MIN;
  const hide = who.type !== 'admin' && !thawed();
  const rows = teams
    .filter((tm) => !groupId || tm.group_ids.includes(groupId))
    .map((tm) => {
      let solved = 0;
      let total = 0;
      let last = 0;
      const cells = problems.map((p) => {
        const subs = submissions.filter((s) => s.team_id === tm.id && s.problem_id === p.id);
        let judged = 0;
        let pending = 0;
        let ok = false;
        let time = null;
        for (const s of subs.sort((a, b) => Date.parse(a.time) - Date.parse(b.time))) {
          if (ok) break;
          const j = judgements.find((x) => x.submission_id === s.id && x.current);
          const v = j?.judgement_type_id;
          if (!v || (hide && frozenAt(Date.parse(s.time)))) {
            pending++;
            continue;
          }
          if (v === 'CE') continue;
          judged++;
          if (v === 'AC') {
            ok = true;
            time = Math.floor(parseRel(s.contest_time) / MIN);
          }
        }
        if (ok) {
          solved++;
          total += time + penalty * (judged - 1);
          last = Math.max(last, time);
        }
        return { problem_id: p.id, num_judged: judged, num_pending: pending, solved: ok,
          time: ok ? rel(time * MIN) : undefined, solvedAt: ok ? time : null };
      });
      return { team_id: tm.id, score: { num_solved: solved, total_time: total }, problems: cells, last, name: tm.name };
    })
    .sort((a, b) => b.score.num_solved - a.score.num_solved || a.score.total_time - b.score.total_time ||
      a.last - b.last || a.name.localeCompare(b.name, 'en', { numeric: true }));
  const best = new Map();
  for (const r of rows) for (const c of r.problems) {
    if (c.solved && (!best.has(c.problem_id) || c.solvedAt < best.get(c.problem_id))) best.set(c.problem_id, c.solvedAt);
  }
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && prev.score.num_solved === r.score.num_solved && prev.score.total_time === r.score.total_time &&
      prev.last === r.last ? prev.rank : i + 1;
    for (const c of r.problems) {
      if (c.solved) c.first_to_solve = c.solvedAt === best.get(c.problem_id);
      delete c.solvedAt;
    }
    delete r.last;
    delete r.name;
  });
  return { time: iso(now()), contest_time: rel(now() - Date.parse(contest.start_time)), state: state(), rows };
}

function whoIs(req) {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return { type: 'public' };
  const [u, p] = Buffer.from(header.slice(6), 'base64').toString().split(':');
  const a = accounts.find((x) => x.username === u && x.password === p);
  return a ?? null;
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', Date: new Date().toUTCString(), ...headers });
  res.end(text);
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
}

// Pulls the first file's text out of a stored zip (what the team page sends) or returns the raw bytes' text.
function zipText(buf) {
  if (buf.length < 30 || buf.readUInt32LE(0) !== 0x04034b50) return buf.toString();
  const nameLen = buf.readUInt16LE(26);
  const extraLen = buf.readUInt16LE(28);
  const size = buf.readUInt32LE(18);
  return buf.subarray(30 + nameLen + extraLen, 30 + nameLen + extraLen + size).toString();
}

function createSubmission(who, problemId, languageId, source, t = now()) {
  const s = { id: String(submissions.length + 1), team_id: who.team_id, problem_id: problemId, language_id: languageId,
    time: iso(t), contest_time: rel(t - Date.parse(contest.start_time)), files: [] };
  submissions.push(s);
  sources.set(s.id, source);
  emit('submissions', s, { team_id: s.team_id });
  judge(s, source);
  return s;
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const p = url.pathname;
  const pages = { '/': 'index.html', '/team': 'team.html', '/admin': 'admin.html' };
  if (pages[p] || p.startsWith('/static/')) {
    const file = path.join(webRoot, pages[p] ?? p.slice('/static/'.length));
    if (!file.startsWith(webRoot) || !fs.existsSync(file)) return send(res, 404, { code: 404, message: 'no file' });
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[path.extname(file)];
    res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8` });
    return res.end(fs.readFileSync(file));
  }
  const who = whoIs(req);
  if (!who) return send(res, 401, { code: 401, message: 'bad credentials' }, { 'WWW-Authenticate': 'Basic' });
  const base = `/api/contests/${CID}`;
  const q = (list) => list.filter((x) => [...url.searchParams].every(([k, v]) => k === 'since_token' ||
    k === 'group_id' && p.endsWith('scoreboard') || String(x[k]) === v));
  if (p === '/api' || p === '/api/') return send(res, 200, { version: '2026-01', provider: { name: 'mock' } });
  if (p === '/api/contests') return send(res, 200, [contest]);
  if (p === base && req.method === 'GET') return send(res, 200, contest);
  if (p === base && req.method === 'PATCH') {
    if (who.type !== 'admin') return send(res, 403, { code: 403, message: 'admin only' });
    const body = JSON.parse((await readBody(req)).toString());
    for (const k of ['start_time', 'scoreboard_thaw_time', 'scoreboard_freeze_duration']) {
      if (k in body) contest[k] = body[k];
    }
    emit('contest', { ...contest });
    emit('state', state());
    return send(res, 200, contest);
  }
  if (p === `${base}/state`) return send(res, 200, state());
  if (p === `${base}/problems` && req.method === 'GET') return send(res, 200, problems);
  if (p.startsWith(`${base}/problems/`) && p.endsWith('/statement')) {
    const id = p.split('/')[5];
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    return res.end(`<h1>${id}</h1><p>Đọc hai số nguyên a, b và in ra tổng.</p>`);
  }
  if (p === `${base}/problems` && req.method === 'POST') {
    if (who.type !== 'admin') return send(res, 403, { code: 403, message: 'admin only' });
    const body = await readBody(req);
    return send(res, 201, { id: 'uploaded', verification: { ok: true, bytes: body.length } });
  }
  if (p === `${base}/teams` && req.method === 'POST') {
    if (who.type !== 'admin') return send(res, 403, { code: 403, message: 'admin only' });
    const body = JSON.parse((await readBody(req)).toString());
    const tm = { id: body.id, name: body.name, organization_id: body.organization_id ?? null,
      group_ids: body.group_ids ?? [] };
    teams.push(tm);
    if (body.password) {
      accounts.push({ id: tm.id, username: tm.id, password: body.password, type: 'team', team_id: tm.id });
    }
    emit('teams', tm);
    return send(res, 201, tm);
  }
  if (p === `${base}/teams`) return send(res, 200, q(teams));
  if (p.startsWith(`${base}/teams/`)) {
    const tm = teams.find((x) => x.id === decodeURIComponent(p.split('/')[5]));
    return tm ? send(res, 200, tm) : send(res, 404, { code: 404, message: 'no such team' });
  }
  if (p === `${base}/organizations`) return send(res, 200, organizations);
  if (p === `${base}/groups`) return send(res, 200, groups);
  if (p === `${base}/languages`) return send(res, 200, languages);
  if (p === `${base}/judgement-types`) return send(res, 200, judgementTypes);
  if (p === `${base}/awards`) return send(res, 200, []);
  if (p === `${base}/account`) {
    if (who.type === 'public') return send(res, 401, { code: 401, message: 'log in' }, { 'WWW-Authenticate': 'Basic' });
    return send(res, 200, { id: who.id, username: who.username, type: who.type, team_id: who.team_id ?? null });
  }
  const own = (list, key) => (who.type === 'admin' ? list : list.filter((x) => key(x) === who.team_id));
  const subOf = (j) => submissions.find((s) => s.id === j.submission_id)?.team_id;
  if (p === `${base}/submissions` && req.method === 'GET') return send(res, 200, q(submissions));
  if (p === `${base}/submissions` && req.method === 'POST') {
    if (who.type !== 'team') return send(res, 403, { code: 403, message: 'teams only' });
    const body = await readBody(req);
    let problemId;
    let languageId;
    let source;
    if ((req.headers['content-type'] ?? '').startsWith('application/json')) {
      const j = JSON.parse(body.toString());
      problemId = j.problem_id;
      languageId = j.language_id;
      source = zipText(Buffer.from(j.files[0].data, 'base64'));
    } else {
      const text = body.toString();
      problemId = /name="problem_id"\r\n\r\n([^\r]*)/.exec(text)?.[1];
      languageId = /name="language_id"\r\n\r\n([^\r]*)/.exec(text)?.[1];
      source = text;
    }
    if (!problems.some((x) => x.id === problemId)) return send(res, 400, { code: 400, message: 'unknown problem' });
    const s = createSubmission(who, problemId, languageId, source);
    return send(res, 201, s, { Location: `${base}/submissions/${s.id}` });
  }
  if (p === `${base}/rejudgings` && req.method === 'POST') {
    if (who.type !== 'admin') return send(res, 403, { code: 403, message: 'admin only' });
    const body = JSON.parse((await readBody(req)).toString());
    const s = submissions.find((x) => x.id === body.submission_id);
    if (!s) return send(res, 404, { code: 404, message: 'no such submission' });
    for (const j of judgements) if (j.submission_id === s.id) j.current = false;
    judge(s, sources.get(s.id) ?? '');
    return send(res, 201, { id: 'r1', submission_count: 1 });
  }
  if (p === '/api/khue/status') {
    if (who.type !== 'admin') return send(res, 403, { code: 403, message: 'admin only' });
    return send(res, 200, { queue: { queued: 0, running: 0, queued_rejudge: 0 },
      hosts: [{ host: 'mock-1', slots: 2, slot_status: [{ slot: 0, submission_id: '3' }, { slot: 1 }], last_seen: iso(now()) }] });
  }
  if (p === `${base}/judgements`) return send(res, 200, q(own(judgements, subOf)));
  if (p === `${base}/runs`) {
    return send(res, 200, q(own(runs, (r) => subOf(judgements.find((j) => j.id === r.judgement_id)))));
  }
  if (p === `${base}/scoreboard`) return send(res, 200, scoreboard(who, url.searchParams.get('group_id')));
  if (p === `${base}/event-feed`) {
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' });
    const since = +(url.searchParams.get('since_token') ?? 0);
    const viewer = who.type === 'public' ? { type: 'public' } : who;
    const write = (ev) => {
      if (!visible(ev, viewer)) return;
      const { type, id, data, token } = ev;
      res.write(JSON.stringify({ type, id, data, token }) + '\n');
    };
    write({ type: 'contest', id: CID, data: contest, token: '0' });
    for (const ev of events.slice(since)) write(ev);
    feedClients.add(write);
    const keepAlive = setInterval(() => res.write('\n'), 20_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      feedClients.delete(write);
    });
    return;
  }
  return send(res, 404, { code: 404, message: `no route ${req.method} ${p}` });
});

for (let i = 0; i < +opts.random; i++) {
  const tm = teams[Math.floor(Math.random() * teams.length)];
  const pr = problems[Math.floor(Math.random() * problems.length)];
  const at = Date.parse(contest.start_time) + Math.random() * (now() - Date.parse(contest.start_time));
  createSubmission({ team_id: tm.id }, pr.id, 'cpp', Math.random() < 0.4 ? 'WRONG' : 'ok', at);
}

server.listen(+opts.port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
