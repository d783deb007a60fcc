// Contest API conformance, as the ICPC's check-api.sh (-n -e -C) checks it, against a real `khue serve` on
// loopback: every endpoint validated against the 2026-01 JSON schemas in schemas/ (written for Khue from the
// published specification; strict: no property beyond the spec's and Khue's documented extensions), non-empty
// collections, error codes for unknown ids and bad since_tokens, and REST / event-feed consistency (every object a
// REST endpoint serves is in the feed with the same content, referenced objects before the objects that name
// them). The contest has submissions, judgements, runs, awards, a freeze, a thaw and a finalization; it is checked
// frozen and again finalized, for the public, a team, the jury and an admin. Clarifications are checked when the
// server has them (the endpoint answers 200).
//
//   node check-api.mjs --khue build/khue [--problems problems]      (ctest: contest_api_conformance; root, for
//                                                                    the sandbox that judges the submissions)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const SKIP = 77;
const { values: opts } = parseArgs({
  options: {
    khue: { type: 'string' },
    problems: { type: 'string', default: path.join(repo, 'problems') },
    'judge-timeout': { type: 'string', default: '180' },
  },
});
if (!opts.khue) {
  console.error('check-api: pass --khue PATH_TO_KHUE');
  process.exit(2);
}

let Ajv2020;
try {
  const require = createRequire(path.join(here, '..', 'package.json'));
  Ajv2020 = require('ajv/dist/2020').default;
} catch {
  console.error('check-api: ajv is not installed; run `npm install` in tests/browser (contrib/setup.sh --test does)');
  process.exit(SKIP);
}

const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const failures = [];
const problem = (message) => {
  failures.push(message);
  console.log('  FAIL', message);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- schemas ---------------------------------------------------------------------------------------------------

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, multipleOfPrecision: 6 });
const schemaDir = path.join(here, 'schemas');
for (const f of fs.readdirSync(schemaDir).filter((f) => f.endsWith('.json'))) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, f), 'utf8')));
}
const schemaOf = (name) => ajv.getSchema(`https://khue.invalid/contest-api/2026-01/${name}.json`);
// Endpoint (and event type) -> the schema of one object.
const OBJECT_SCHEMA = {
  contest: 'contest',
  contests: 'contest',
  state: 'state',
  'judgement-types': 'judgement-type',
  languages: 'language',
  problems: 'problem',
  groups: 'group',
  organizations: 'organization',
  teams: 'team',
  accounts: 'account',
  account: 'account',
  submissions: 'submission',
  judgements: 'judgement',
  runs: 'run',
  clarifications: 'clarification',
  awards: 'award',
};
let validated = 0;
function validate(schemaName, value, where) {
  const v = schemaOf(schemaName);
  if (!v) throw new Error(`no schema ${schemaName}`);
  validated++;
  if (!v(value)) {
    problem(`${where}: not a valid ${schemaName}: ${ajv.errorsText(v.errors, { separator: '; ' })}\n    ${JSON.stringify(value).slice(0, 400)}`);
    return false;
  }
  return true;
}

// ---- a contest package in a temporary folder -----------------------------------------------------------------

const LEAD_S = 75; // the contest ends this long after the package is written
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'khue-conformance-'));
const contestDir = path.join(work, 'contest');
fs.mkdirSync(contestDir);
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const startMs = Math.floor((Date.now() + LEAD_S * 1000 - 60 * 60 * 1000) / 1000) * 1000;
const contestId = 'conformance';
const accounts = {
  admin: ['admin', 'admin-pw'],
  judge: ['jury', 'jury-pw'],
  team1: ['team1', 'team1-pw'],
  team4: ['team4', 'team4-pw'],
};
const files = {
  'contest.yaml': `id: ${contestId}
name: Conformance
formal_name: Contest API conformance
start_time: ${iso(startMs)}
duration: 1:00:00
scoreboard_freeze_duration: 0:30:00
scoreboard_type: pass-fail
penalty_time: 0:20:00
khue:
  awards:
    gold: 1
    silver: 1
    bronze: 1
    honorable_mention: true
    group_winners: true
    organization_winners: true
`,
  'problems.yaml': `- id: hello
  label: A
  name: Hello
  ordinal: 0
  rgb: "#E53935"
  color: red
- id: float
  label: B
  name: Walking
  ordinal: 1
  rgb: "#1E88E5"
  color: blue
`,
  'organizations.yaml': `- id: hust
  name: HUST
  country: VNM
- id: uet
  name: UET
  country: VNM
`,
  'groups.yaml': `- id: university
  name: University
- id: school
  name: School
- id: staff
  name: Staff
  hidden: true
`,
  'teams.yaml': `- {id: team1, label: "1", name: Bách khoa Bits, organization_id: hust, group_ids: [university]}
- {id: team2, label: "2", name: UET Lotus, organization_id: uet, group_ids: [university]}
- {id: team3, label: "3", name: Chu Văn An Coders, organization_id: hust, group_ids: [school]}
- {id: team4, label: "4", name: Night Owls, organization_id: uet, group_ids: [school]}
- {id: team5, label: "5", name: Testers, group_ids: [staff], hidden: true}
`,
  'accounts.yaml': Object.entries(accounts)
    .map(([id, [u, p]]) =>
      `- id: ${id}\n  username: ${u}\n  password: ${p}\n  type: ${id === 'admin' ? 'admin' : id === 'judge' ? 'judge' : 'team'}\n` +
      (id.startsWith('team') ? `  team_id: ${id}\n` : ''))
    .join(''),
};
for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(contestDir, name), text);
for (const p of ['hello', 'float']) fs.symlinkSync(path.resolve(opts.problems, p), path.join(contestDir, p));

// ---- the server ------------------------------------------------------------------------------------------------

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const args = ['serve', '--contest', contestDir, '--listen', `127.0.0.1:${port}`, '--data', path.join(work, 'data'), '--workers', '1'];
log('starting', opts.khue, args.join(' '));
const child = spawn(opts.khue, args, { stdio: ['ignore', 'pipe', 'pipe'] });
const output = [];
child.stdout.on('data', (d) => output.push(d.toString()));
child.stderr.on('data', (d) => output.push(d.toString()));
let exited = null;
child.on('exit', (code, signal) => {
  exited = { code, signal };
});

async function stopServer() {
  if (!exited) {
    child.kill('SIGTERM');
    await Promise.race([new Promise((r) => child.on('exit', r)), sleep(10000)]);
    if (!exited) child.kill('SIGKILL');
  }
  fs.rmSync(work, { recursive: true, force: true });
}

// ---- HTTP ------------------------------------------------------------------------------------------------------

const auth = (who) => (who && accounts[who] ? 'Basic ' + Buffer.from(accounts[who].join(':')).toString('base64') : undefined);
async function http(method, p, { who, json, raw } = {}) {
  const headers = { Accept: 'application/json' };
  if (auth(who)) headers.Authorization = auth(who);
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const r = await fetch(`${base}${p}`, { method, headers, body });
  const text = await r.text();
  if (raw) return { status: r.status, text };
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    problem(`${method} ${p}: the answer is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: r.status, body: parsed, text };
}
const api = (p) => `/api/contests/${contestId}${p}`;
async function getOk(p, who) {
  const r = await http('GET', p, { who });
  if (r.status !== 200) throw new Error(`GET ${p} as ${who ?? 'public'}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}
async function feed(who) {
  const r = await http('GET', api('/event-feed?stream=false'), { who, raw: true });
  if (r.status !== 200) throw new Error(`event feed as ${who ?? 'public'}: HTTP ${r.status}`);
  return r.text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}
async function until(what, predicate, timeoutS = 60) {
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (exited) throw new Error(`the server exited while waiting for ${what}:\n${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

// A zip holding one file, stored (Node has no zip writer; the format is small).
function zipOf(name, text) {
  const data = Buffer.from(text);
  const n = Buffer.from(name);
  const crc = zlib.crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(33, 12); // 1980-01-01
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(33, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + data.length, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

// ---- the checks ------------------------------------------------------------------------------------------------

const COLLECTIONS = ['judgement-types', 'languages', 'problems', 'groups', 'organizations', 'teams', 'accounts',
  'submissions', 'judgements', 'runs', 'clarifications', 'awards'];
// In the feed, in the order the specification lists the endpoints; accounts are not in Khue's (public) feed.
const IN_FEED = ['judgement-types', 'languages', 'problems', 'groups', 'organizations', 'teams', 'submissions',
  'judgements', 'runs', 'clarifications', 'awards'];
// Properties Khue's REST answers carry and its feed does not (documented in docs/contest-api.md).
const REST_ONLY = { judgements: ['compile_output'] };
let haveClarifications = false;

// Every endpoint `who` may read, validated; returns the collections by endpoint.
async function checkEndpoints(who, { nonEmpty }) {
  const seen = {};
  validate('api', await getOk('/api', who), `${who ?? 'public'} /api`);
  const contests = await getOk('/api/contests', who);
  if (!Array.isArray(contests) || contests.length !== 1) problem(`/api/contests: expected one contest, got ${JSON.stringify(contests)}`);
  for (const c of contests ?? []) validate('contest', c, '/api/contests[]');
  seen.contest = await getOk(api(''), who);
  validate('contest', seen.contest, `${who ?? 'public'} contest`);
  seen.state = await getOk(api('/state'), who);
  validate('state', seen.state, `${who ?? 'public'} state`);
  validate('access', await getOk(api('/access'), who), `${who ?? 'public'} access`);
  validate('scoreboard', await getOk(api('/scoreboard'), who), `${who ?? 'public'} scoreboard`);
  if (who === 'team1' || who === 'team4') validate('account', await getOk(api('/account'), who), `${who} account`);
  for (const endpoint of COLLECTIONS) {
    if (endpoint === 'clarifications' && !haveClarifications) continue;
    const r = await http('GET', api(`/${endpoint}`), { who });
    if (endpoint === 'accounts' && (who === undefined || who.startsWith('team'))) {
      if (r.status !== (who ? 403 : 401)) problem(`accounts as ${who ?? 'public'}: HTTP ${r.status}, expected ${who ? 403 : 401}`);
      continue;
    }
    if (endpoint === 'runs' && who === undefined && r.status !== 200) {
      continue; // runs are not public; an error answer is fine, and is checked with the error schema below
    }
    if (r.status !== 200) {
      problem(`GET ${endpoint} as ${who ?? 'public'}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      continue;
    }
    if (!Array.isArray(r.body)) {
      problem(`${endpoint} as ${who ?? 'public'}: not an array`);
      continue;
    }
    if (nonEmpty && r.body.length === 0) problem(`${endpoint} as ${who}: empty (check-api -n wants every collection filled)`);
    const ids = new Set();
    for (const o of r.body) {
      validate(OBJECT_SCHEMA[endpoint], o, `${who ?? 'public'} ${endpoint}/${o?.id}`);
      if (ids.has(o.id)) problem(`${endpoint}: id ${o.id} twice`);
      ids.add(o.id);
    }
    // One object by id is the same object.
    if (r.body.length > 0) {
      const one = r.body[r.body.length - 1];
      const single = await http('GET', api(`/${endpoint}/${encodeURIComponent(one.id)}`), { who });
      if (single.status !== 200 || !isDeepStrictEqual(single.body, one)) {
        problem(`${endpoint}/${one.id} as ${who ?? 'public'}: HTTP ${single.status}, not the object of the collection`);
      }
    }
    seen[endpoint] = r.body;
  }
  return seen;
}

// Error answers: unknown ids, an unknown contest, a bad since_token, credentials.
async function checkErrors() {
  const expect = async (method, p, who, status, what) => {
    const r = await http(method, p, { who });
    if (r.status !== status) {
      problem(`${what}: ${method} ${p} as ${who ?? 'public'} gave HTTP ${r.status}, expected ${status}`);
      return;
    }
    validate('error', r.body, `${what} (error body)`);
  };
  for (const endpoint of COLLECTIONS) {
    if (endpoint === 'clarifications' && !haveClarifications) continue;
    await expect('GET', api(`/${endpoint}/no-such-id`), 'admin', 404, `unknown ${endpoint} id`);
  }
  await expect('GET', '/api/contests/no-such-contest', undefined, 404, 'unknown contest');
  await expect('GET', '/api/contests/no-such-contest/teams', undefined, 404, 'unknown contest');
  await expect('GET', api('/event-feed?since_token=not-a-token'), undefined, 400, 'malformed since_token');
  await expect('GET', api('/event-feed?since_token=99999999999'), undefined, 400, 'since_token never given out');
  await expect('GET', api('/accounts'), undefined, 401, 'accounts without credentials');
  await expect('GET', api('/accounts'), 'team1', 403, 'accounts as a team');
  await expect('POST', api('/submissions'), undefined, 401, 'submitting without credentials');
  // A since_token the feed gave out works and resumes after it.
  const lines = await feed('admin');
  const middle = lines[Math.floor(lines.length / 2)];
  const rest = await http('GET', api(`/event-feed?stream=false&since_token=${middle.token}`), { who: 'admin', raw: true });
  const resumed = rest.text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  if (rest.status !== 200 || resumed.length !== lines.length - lines.indexOf(middle) - 1) {
    problem(`resuming after token ${middle.token}: HTTP ${rest.status}, ${resumed.length} lines`);
  }
}

// Which properties of an object name other objects (and of which endpoint).
function references(type, data) {
  const out = [];
  const one = (endpoint, id) => id != null && out.push([endpoint, id]);
  if (type === 'teams') {
    one('organizations', data.organization_id);
    for (const g of data.group_ids ?? []) one('groups', g);
  } else if (type === 'submissions') {
    one('teams', data.team_id);
    one('problems', data.problem_id);
    one('languages', data.language_id);
  } else if (type === 'judgements') {
    one('submissions', data.submission_id);
    one('judgement-types', data.judgement_type_id);
  } else if (type === 'runs') {
    one('judgements', data.judgement_id);
    one('judgement-types', data.judgement_type_id);
  } else if (type === 'awards') {
    for (const t of data.team_ids ?? []) one('teams', t);
  } else if (type === 'clarifications') {
    one('teams', data.from_team_id);
    one('problems', data.problem_id);
    one('clarifications', data.reply_to_id);
  }
  return out;
}

// The feed: every line valid, the contest first, referenced objects before the objects naming them, and, at
// the end, the same objects as REST.
function checkFeed(who, lines, rest) {
  const label = `feed as ${who ?? 'public'}`;
  if (lines.length === 0 || lines[0].type !== 'contest') problem(`${label}: the first event is not the contest`);
  const final = new Map();
  const known = (endpoint, id) => final.get(endpoint)?.has(id);
  let endOfUpdates = -1;
  lines.forEach((line, i) => {
    if (!validate('event', line, `${label} line ${i + 1}`)) return;
    if (endOfUpdates >= 0) problem(`${label}: line ${i + 1} (${line.type}) after end_of_updates`);
    if (line.data !== null) {
      validate(OBJECT_SCHEMA[line.type], line.data, `${label} line ${i + 1} (${line.type})`);
      if (line.id !== null && line.data.id !== undefined && line.data.id !== line.id) problem(`${label} line ${i + 1}: id ${line.id} but data.id ${line.data.id}`);
      for (const [endpoint, id] of references(line.type, line.data)) {
        if (!known(endpoint, id)) problem(`${label} line ${i + 1}: ${line.type} ${line.id} names ${endpoint} ${id} before the feed gave it`);
      }
    }
    if (!final.has(line.type)) final.set(line.type, new Map());
    if (line.data === null) final.get(line.type).delete(line.id);
    else final.get(line.type).set(line.id ?? '', line.data);
    if (line.type === 'state' && line.data?.end_of_updates) endOfUpdates = i;
  });
  const mismatches = [];
  const same = (a, b) => isDeepStrictEqual(a, b);
  if (!same(final.get('contest')?.get(''), rest.contest)) mismatches.push(`contest: feed ${JSON.stringify(final.get('contest')?.get(''))} REST ${JSON.stringify(rest.contest)}`);
  if (!same(final.get('state')?.get(''), rest.state)) mismatches.push(`state: feed ${JSON.stringify(final.get('state')?.get(''))} REST ${JSON.stringify(rest.state)}`);
  for (const endpoint of IN_FEED) {
    if (!rest[endpoint]) continue;
    const inFeed = final.get(endpoint) ?? new Map();
    const restIds = new Set(rest[endpoint].map((o) => o.id));
    for (const o of rest[endpoint]) {
      const copy = { ...o };
      for (const p of REST_ONLY[endpoint] ?? []) delete copy[p];
      if (!inFeed.has(o.id)) mismatches.push(`${endpoint} ${o.id} is served over REST but not in the feed`);
      else if (!same(inFeed.get(o.id), copy)) mismatches.push(`${endpoint} ${o.id}: feed ${JSON.stringify(inFeed.get(o.id))} REST ${JSON.stringify(copy)}`);
    }
    for (const id of inFeed.keys()) if (!restIds.has(id)) mismatches.push(`${endpoint} ${id} is in the feed but not served over REST`);
  }
  return { mismatches, endOfUpdates };
}

async function checkAll(phase, { final }) {
  log(`phase ${phase}: validating every endpoint for the public, a team, the jury and an admin`);
  for (const who of [undefined, 'team1', 'judge', 'admin']) {
    // REST and the feed are read one after the other; the server may write an award or state in between, so a
    // mismatch is retried a few times before it counts.
    let result;
    for (let attempt = 0; attempt < 8; attempt++) {
      const before = failures.length;
      const rest = await checkEndpoints(who, { nonEmpty: who === 'admin' });
      const lines = await feed(who);
      result = checkFeed(who, lines, rest);
      if (failures.length > before) break; // schema problems are not timing: report them once
      if (result.mismatches.length === 0) break;
      await sleep(500);
    }
    for (const m of result.mismatches) problem(`phase ${phase}, ${who ?? 'public'}: REST and feed differ: ${m}`);
    if (final && result.endOfUpdates < 0) problem(`phase ${phase}, ${who ?? 'public'}: no state with end_of_updates in the feed`);
  }
  await checkErrors();
}

// ---- the scenario ----------------------------------------------------------------------------------------------

let exitCode = 0;
try {
  await until('the server to answer', async () => {
    try {
      return (await fetch(`${base}/api/contests`)).ok;
    } catch {
      return false;
    }
  }, 90);
  log('server up at', base);
  const clar = await http('GET', api('/clarifications'), { who: 'admin' });
  haveClarifications = clar.status === 200;
  log(haveClarifications ? 'clarifications: served, checked like the rest' : `clarifications: HTTP ${clar.status}, not checked`);

  const languages = await getOk(api('/languages'));
  const languageOf = (file) => languages.find((l) => l.extensions.includes(path.extname(file).slice(1)))?.id;
  const source = (p, verdictDir, name) => {
    const file = path.join(opts.problems, p, 'submissions', verdictDir, name);
    return { p, file, text: fs.readFileSync(file, 'utf8') };
  };
  const submit = async (who, s, extra = {}) => {
    const r = await http('POST', api('/submissions'), {
      who,
      json: { problem_id: s.p, language_id: languageOf(s.file), files: [{ data: zipOf(path.basename(s.file), s.text).toString('base64') }], ...extra },
    });
    if (r.status !== 201) throw new Error(`submitting ${s.file} as ${who}: HTTP ${r.status} ${r.text}`);
    validate('submission', r.body, 'POST submissions answer');
    return r.body.id;
  };
  const at = (minute) => iso(startMs + minute * 60000);
  const accepted = source('hello', 'accepted', 'hello.c');
  await submit('admin', accepted, { team_id: 'team1', time: at(5) });
  await submit('admin', source('hello', 'wrong_answer', 'int32.c'), { team_id: 'team2', time: at(8) });
  await submit('admin', accepted, { team_id: 'team2', time: at(12) });
  await submit('admin', source('float', 'accepted', 'scientific.c'), { team_id: 'team1', time: at(20) });
  await submit('admin', source('hello', 'compile_error', 'missing_semicolon.cpp'), { team_id: 'team3', time: at(15) });
  await submit('admin', accepted, { team_id: 'team3', time: at(35) }); // during the freeze
  await submit('admin', accepted, { team_id: 'team5', time: at(9) }); // a hidden team
  await submit('team4', accepted); // now, during the freeze
  if (haveClarifications) {
    // A question, a private answer and an announcement, so that the collection is filled as check-api -n wants.
    const ask = async (who, json) => {
      const r = await http('POST', api('/clarifications'), { who, json });
      if (r.status !== 200 && r.status !== 201) throw new Error(`clarification as ${who}: HTTP ${r.status} ${r.text}`);
      validate('clarification', r.body, 'POST clarifications answer');
      return r.body.id;
    };
    const question = await ask('team1', { problem_id: 'hello', text: 'Is the input one line? Dữ liệu có một dòng?' });
    await ask('admin', { reply_to_id: question, to_team_ids: ['team1'], text: 'Yes.' });
    await ask('admin', { text: 'The contest ends in an hour.' });
  }
  const total = 8;
  log(`${total} submissions made; waiting for their verdicts`);
  await until('every verdict', async () => {
    const js = await getOk(api('/judgements'), 'admin');
    return js.filter((j) => j.current && j.judgement_type_id).length === total;
  }, +opts['judge-timeout']);

  // Phase 1: frozen. The public sees the frozen submissions as pending.
  const board = await getOk(api('/scoreboard'));
  const team3 = board.rows.find((r) => r.team_id === 'team3');
  if (!team3 || team3.problems.find((c) => c.problem_id === 'hello')?.num_pending !== 1) problem(`public scoreboard: team3's frozen submission should be pending: ${JSON.stringify(team3)}`);
  if (board.rows.some((r) => r.team_id === 'team5')) problem('public scoreboard: the hidden team is shown');
  await checkAll('1 (frozen)', { final: false });

  // Phase 2: the contest ends, the admin thaws and finalizes.
  log('waiting for the end of the contest');
  await until('the end', async () => (await getOk(api('/state'))).ended, LEAD_S + 60);
  const refused = await http('POST', `/api/khue/contests/${contestId}/finalize`, { who: 'admin' });
  if (refused.status !== 409 || !/frozen/.test(refused.body?.message ?? '')) problem(`finalize before the thaw: HTTP ${refused.status} ${refused.text}`);
  const thaw = await http('PATCH', api(''), { who: 'admin', json: { id: contestId, scoreboard_thaw_time: iso(Date.now()) } });
  if (thaw.status !== 200) throw new Error(`thaw: HTTP ${thaw.status} ${thaw.text}`);
  await until('the thaw', async () => (await getOk(api('/state'))).thawed);
  const expected = { 'gold-medal': ['team1'], 'silver-medal': ['team2'], 'bronze-medal': ['team3'], winner: ['team1'],
    'first-to-solve-hello': ['team1'], 'first-to-solve-float': ['team1'], 'group-winner-university': ['team1'],
    'group-winner-school': ['team3'], 'organization-winner-hust': ['team1'], 'organization-winner-uet': ['team2'],
    'honorable-mention': ['team4'] };
  const awardsNow = async () => Object.fromEntries((await getOk(api('/awards'))).map((a) => [a.id, [...a.team_ids].sort()]));
  await until('the final awards', async () => isDeepStrictEqual(await awardsNow(), expected), 30).catch(async () => {
    problem(`awards after the thaw: ${JSON.stringify(await awardsNow())}, expected ${JSON.stringify(expected)}`);
  });
  const done = await http('POST', `/api/khue/contests/${contestId}/finalize`, { who: 'admin' });
  if (done.status !== 200) throw new Error(`finalize: HTTP ${done.status} ${done.text}`);
  await until('end_of_updates', async () => (await getOk(api('/state'))).end_of_updates);
  await checkAll('2 (finalized)', { final: true });
} catch (e) {
  problem(`stopped: ${e.stack ?? e}`);
  console.log(output.join('').slice(-4000));
} finally {
  await stopServer();
}
log(`${validated} objects validated against the 2026-01 schemas; ${failures.length} problems`);
if (failures.length > 0) exitCode = 1;
process.exit(exitCode);
