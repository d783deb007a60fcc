// Contest replay client (run by contrib/bench/contest_replay.sh; never by the test suite). Node 20, no packages.
//   node contest_replay.mjs BASE_URL CONTEST_ID PROBLEM_DIR JSON_OPTIONS
// Phases:
//  1. idle: `idle` C++ A+B submissions one at a time on the idle server, each waited for: submit -> verdict.
//  2. loaded: `viewers` public event-feed clients connect and stay; `submissions` submissions by `teams` teams
//     in seven languages with a realistic verdict mix (each source made unique by a comment, so nothing is a
//     resubmission) are posted at their contest times compressed by `window` seconds (the 5-hour contest at
//     10x speed is window = 1800); a poller fetches the scoreboard every second.
// Every submission's verdict is taken from one admin event-feed connection (arrival of its judgement with a
// judgement_type_id). Prints one JSON object with the measurements.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const [base, contest, problemDir, optionsJson] = process.argv.slice(2);
const opt = JSON.parse(optionsJson);
const auth = "Basic " + Buffer.from(`${opt.user}:${opt.password}`).toString("base64");
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

// Sources by expected verdict and language, with their share of a real contest's submissions.
const S = (dir, file) => fs.readFileSync(path.join(problemDir, "submissions", dir, file), "utf8");
const mix = [
  { lang: "cpp", file: "hello.cpp", text: S("accepted", "hello.cpp"), verdict: "AC", weight: 30 },
  { lang: "python3", file: "hello.py", text: S("accepted", "hello.py"), verdict: "AC", weight: 9 },
  { lang: "java", file: "Main.java", text: S("accepted", "Main.java"), verdict: "AC", weight: 6 },
  { lang: "c", file: "hello.c", text: S("accepted", "hello.c"), verdict: "AC", weight: 4 },
  { lang: "javascript", file: "hello.js", text: S("accepted", "hello.js"), verdict: "AC", weight: 2 },
  { lang: "pascal", file: "hello.pas", text: S("accepted", "hello.pas"), verdict: "AC", weight: 2 },
  { lang: "rust", file: "hello.rs", text: S("accepted", "hello.rs"), verdict: "AC", weight: 2 },
  { lang: "c", file: "int32.c", text: S("wrong_answer", "int32.c"), verdict: "WA", weight: 14 },
  { lang: "javascript", file: "number.js", text: S("wrong_answer", "number.js"), verdict: "WA", weight: 5 },
  { lang: "pascal", file: "longint.pas", text: S("wrong_answer", "longint.pas"), verdict: "WA", weight: 4 },
  { lang: "cpp", file: "busy.cpp", text: S("time_limit_exceeded", "busy.cpp"), verdict: "TLE", weight: 8 },
  { lang: "python3", file: "two_lines.py", text: S("run_time_error", "two_lines.py"), verdict: "RTE", weight: 5 },
  { lang: "rust", file: "unwrap.rs", text: S("run_time_error", "unwrap.rs"), verdict: "RTE", weight: 2 },
  { lang: "cpp", file: "missing_semicolon.cpp", text: S("compile_error", "missing_semicolon.cpp"), verdict: "CE", weight: 7 },
];
const comment = (lang, n) =>
  lang === "python3" ? `\n# replay ${n}\n` : lang === "pascal" ? `\n{ replay ${n} }\n` : `\n// replay ${n}\n`;

let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = () => {
  const total = mix.reduce((s, m) => s + m.weight, 0);
  let r = random() * total;
  for (const m of mix) if ((r -= m.weight) < 0) return m;
  return mix[0];
};

const now = () => performance.now();
const pct = (xs, p) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))] * 10) / 10;
};

// ---- verdicts from the admin event feed
const submitted = new Map();  // submission id -> {at, lang, expected, phase}
const verdicts = new Map();   // submission id -> {at, verdict}
let waiters = [];
function watchFeed() {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/contests/${contest}/event-feed`, { headers: { Authorization: auth } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`admin event feed: HTTP ${res.statusCode}`));
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        const at = now();
        buffer += chunk;
        let nl;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (!line.includes('"judgements"')) continue;
          let event;
          try { event = JSON.parse(line); } catch { continue; }
          const d = event.data;
          if (event.type === "judgements" && d && d.judgement_type_id && !verdicts.has(d.submission_id)) {
            verdicts.set(d.submission_id, { at, verdict: d.judgement_type_id });
            const ready = waiters.filter((w) => w.id === d.submission_id);
            waiters = waiters.filter((w) => w.id !== d.submission_id);
            ready.forEach((w) => w.resolve());
          }
        }
      });
      resolve(req);
    });
    req.on("error", reject);
  });
}
const verdictOf = (id) => verdicts.has(id) ? Promise.resolve() : new Promise((resolve) => waiters.push({ id, resolve }));

// ---- API calls, timed
const apiLatency = { submit: [], scoreboard: [] };
let refused = 0;
function request(method, url, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { Authorization: auth, ...headers } }, (res) => {
      const parts = [];
      res.on("data", (c) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(parts).toString("utf8") }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}
async function submit(m, team, n, phase) {
  const boundary = "khuereplay" + n;
  const field = (name, value) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = field("problem_id", opt.problem) + field("language_id", m.lang) + field("team_id", team) +
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${m.file}"\r\n` +
    `Content-Type: text/plain\r\n\r\n${m.text}${comment(m.lang, n)}\r\n--${boundary}--\r\n`;
  for (;;) {
    const t0 = now();
    const res = await request("POST", `${base}/api/contests/${contest}/submissions`, body,
      { "Content-Type": `multipart/form-data; boundary=${boundary}` });
    apiLatency.submit.push(now() - t0);
    if (res.status === 201) {
      const id = JSON.parse(res.body).id;
      submitted.set(id, { at: t0, lang: m.lang, expected: m.verdict, phase });
      return id;
    }
    if (res.status !== 429) throw new Error(`submit: HTTP ${res.status}: ${res.body.slice(0, 200)}`);
    refused++;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

// ---- viewers: public event-feed clients that only read
let viewerBytes = 0;
const viewerSockets = [];
function connectViewers(count) {
  const plain = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  return Promise.all(Array.from({ length: count }, () => new Promise((resolve) => {
    const req = http.get(`${base}/api/contests/${contest}/event-feed`, { agent: plain }, (res) => {
      res.on("data", (c) => { viewerBytes += c.length; });
      res.on("error", () => {});
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    viewerSockets.push(req);
  })));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const summary = (phase, filter = () => true) => {
  const lat = [];
  const by = {};
  for (const [id, s] of submitted) {
    if (s.phase !== phase || !filter(s)) continue;
    const v = verdicts.get(id);
    if (v) {
      lat.push(v.at - s.at);
      by[v.verdict] = (by[v.verdict] || 0) + 1;
    }
  }
  return { judged: lat.length, p50_ms: pct(lat, 0.5), p99_ms: pct(lat, 0.99), max_ms: pct(lat, 1), verdicts: by };
};

const feed = await watchFeed();
const result = {};

// 1. idle (after one warm-up judging: the precompiled header and the package's caches are built once)
const cpp = mix[0];
await verdictOf(await submit(cpp, "team1", 2e6, "warmup"));
for (let i = 0; i < opt.idle; i++) {
  const id = await submit(cpp, "team1", 1e6 + i, "idle");
  await verdictOf(id);
}
result.idle_cpp_ab = summary("idle");

// 2. loaded
const connected = (await connectViewers(opt.viewers)).filter(Boolean).length;
result.viewers = { asked: opt.viewers, connected };
let polling = true;
const poller = (async () => {
  while (polling) {
    const t0 = now();
    const res = await request("GET", `${base}/api/contests/${contest}/scoreboard`);
    if (res.status === 200) apiLatency.scoreboard.push(now() - t0);
    await sleep(1000);
  }
})();
const schedule = Array.from({ length: opt.submissions }, () => random() * opt.window * 1000).sort((a, b) => a - b);
const start = now();
const posts = [];
for (let i = 0; i < schedule.length; i++) {
  const wait = start + schedule[i] - now();
  if (wait > 0) await sleep(wait);
  const team = "team" + (1 + Math.floor(random() * opt.teams));
  posts.push(submit(pick(), team, i, "load"));
}
const ids = await Promise.all(posts);
const allPosted = now();
const deadline = allPosted + opt.drain * 1000;
while (ids.some((id) => !verdicts.has(id)) && now() < deadline) await sleep(200);
const lastVerdict = Math.max(...ids.filter((id) => verdicts.has(id)).map((id) => verdicts.get(id).at));
polling = false;
await poller;
result.loaded_all = summary("load");
result.loaded_cpp_ab = summary("load", (s) => s.lang === "cpp" && s.expected === "AC");
result.loaded_missing = ids.filter((id) => !verdicts.has(id)).length;
result.replay_seconds = Math.round((allPosted - start) / 100) / 10;
result.judging_throughput_per_s = Math.round(result.loaded_all.judged / ((lastVerdict - start) / 1000) * 100) / 100;
result.offered_rate_per_s = Math.round(opt.submissions / opt.window * 100) / 100;
result.api = {
  submit_p50_ms: pct(apiLatency.submit, 0.5), submit_p99_ms: pct(apiLatency.submit, 0.99),
  scoreboard_p50_ms: pct(apiLatency.scoreboard, 0.5), scoreboard_p99_ms: pct(apiLatency.scoreboard, 0.99),
  refused_429: refused,
};
result.viewer_bytes = viewerBytes;
let expectedMismatch = 0;
for (const id of ids) {
  const v = verdicts.get(id);
  if (v && v.verdict !== submitted.get(id).expected) expectedMismatch++;
}
result.verdicts_not_as_expected = expectedMismatch;
console.log(JSON.stringify(result, null, 1));
viewerSockets.forEach((r) => r.destroy());
feed.destroy();
agent.destroy();
process.exit(0);
