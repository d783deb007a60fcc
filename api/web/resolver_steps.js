// The resolver's steps, as a pure function: from the frozen public scoreboard and the judgements the freeze hid,
// the list of reveals that turns the one into the final scoreboard. No DOM, no fetch: the presenter page
// (resolver.js) draws what this computes, and node --test (tests/browser/resolver_steps.test.mjs) checks it.
//
// The order is the ICPC resolver's: take the lowest-ranked team that still has a hidden cell, reveal its leftmost
// hidden cell (one problem), rank again, repeat. A team is fixed (its final place known, its awards due) once
// neither it nor any team below it has a hidden cell left. The scoring rules are the server's
// (api/src/scoreboard/scoreboard.cpp): pass-fail counts contest time in whole minutes, compile errors carry no
// penalty, judge errors and unjudged submissions stay pending; score contests keep each problem's best score.

// RELTIME "(-)h:mm:ss(.uuu)" to milliseconds; null stays null.
export function parseRelTime(text) {
  if (text === null || text === undefined) return null;
  const m = /^(-)?(\d+):(\d\d):(\d\d)(?:\.(\d{1,3}))?$/.exec(String(text));
  if (!m) return null;
  const ms = ((+m[2] * 60 + +m[3]) * 60 + +m[4]) * 1000 + (m[5] ? +m[5].padEnd(3, '0') : 0);
  return m[1] ? -ms : ms;
}

// Milliseconds to the server's RELTIME text, "h:mm:ss.uuu".
export function formatRelTime(ms) {
  const negative = ms < 0;
  const total = Math.abs(ms);
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  const u = total % 1000;
  return `${negative ? '-' : ''}${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(u).padStart(3, '0')}`;
}

const MINUTE = 60_000;
const wholeMinutes = (ms) => (ms < 0 ? 0 : Math.floor(ms / MINUTE) * MINUTE);
const isPending = (v) => v === null || v === undefined || v === 'JE';

// One cell of the frozen board in the engine's own terms (times in ms, pass-fail penalty in ms).
function cellFrom(json, problemId) {
  return {
    problem_id: problemId,
    num_judged: json?.num_judged ?? 0,
    num_pending: json?.num_pending ?? 0,
    solved: Boolean(json?.solved),
    score: json?.score ?? 0,
    time: json?.time === undefined || json?.time === null ? null : parseRelTime(json.time),
  };
}

// The final cell: the frozen cell continued with the hidden submissions of that team and problem (time order).
function finalCell(type, penaltyMs, frozen, hidden, maxScore) {
  const out = { ...frozen };
  // Hidden submissions are pending in the frozen view; those still unjudged stay pending.
  out.num_pending = frozen.num_pending - hidden.length;
  if (type === 'pass-fail') {
    let rejected = frozen.num_judged; // every judged, unsolved attempt before the freeze carried a penalty
    for (const s of hidden) {
      if (isPending(s.verdict)) {
        out.num_pending += 1;
        continue;
      }
      if (s.verdict === 'CE') continue;
      out.num_judged += 1;
      if (s.verdict === 'AC') {
        out.solved = true;
        out.time = wholeMinutes(s.contest_time);
        return { cell: out, penalty: out.time + rejected * penaltyMs };
      }
      rejected += 1;
    }
    return { cell: out, penalty: 0 };
  }
  let best = frozen.num_judged > 0 ? frozen.score : null;
  for (const s of hidden) {
    if (isPending(s.verdict)) {
      out.num_pending += 1;
      continue;
    }
    if (s.verdict === 'CE') continue;
    out.num_judged += 1;
    const score = s.score ?? (s.verdict === 'AC' ? (maxScore ?? 1) : 0);
    if (best === null || score > best) {
      best = score;
      if (score > 0) out.time = wholeMinutes(s.contest_time);
    }
  }
  out.score = best ?? 0;
  out.solved = best !== null && (maxScore !== null && maxScore !== undefined ? best >= maxScore - 1e-9 : best > 0);
  return { cell: out, penalty: 0 };
}

function rankKey(type, row) {
  return type === 'pass-fail' ? [-row.num_solved, row.total_time, row.last_time ?? 0] : [-row.score, 0, 0];
}

function compareKeys(a, b) {
  for (let i = 0; i < a.length; ++i) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

// Ranks `rows` in place as the server does: by the contest's key, ties by team name then id, tied keys share a rank.
function rank(type, rows, names) {
  const cmpStr = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  rows.sort((a, b) => {
    const k = compareKeys(rankKey(type, a), rankKey(type, b));
    if (k !== 0) return k;
    return cmpStr(names.get(a.team_id) ?? '', names.get(b.team_id) ?? '') || cmpStr(a.team_id, b.team_id);
  });
  rows.forEach((row, i) => {
    const same = i > 0 && compareKeys(rankKey(type, row), rankKey(type, rows[i - 1])) === 0;
    row.rank = same ? rows[i - 1].rank : i + 1;
  });
}

function recomputeRow(type, row) {
  if (type === 'pass-fail') {
    row.num_solved = row.problems.filter((c) => c.solved).length;
    const times = row.problems.filter((c) => c.solved && c.time !== null).map((c) => c.time);
    row.last_time = times.length ? Math.max(...times) : null;
  } else {
    row.score = row.problems.reduce((sum, c) => sum + c.score, 0);
    row.num_solved = row.problems.filter((c) => c.solved).length;
    const times = row.problems.filter((c) => c.time !== null).map((c) => c.time);
    row.last_time = times.length ? Math.max(...times) : null;
  }
}

function cloneRows(rows) {
  return rows.map((r) => ({ ...r, problems: r.problems.map((c) => ({ ...c })) }));
}

// Builds the resolution.
//   input.type           'pass-fail' | 'score'
//   input.penaltyTime    the contest's penalty_time (RELTIME text, or minutes as a number)
//   input.problems       [{id, ordinal, max_score?}]
//   input.teams          [{id, name, display_name?}] (names break ties, as on the server)
//   input.frozen         the public scoreboard JSON while frozen ({rows: [...]})
//   input.hidden         [{team_id, problem_id, contest_time (RELTIME or ms), verdict (judgement type id or null),
//                          score?, subtasks? [{name, score}]}]: the submissions the freeze hides, with their
//                          current judgement (and, in score contests, its subtask scores)
// Returns {boards, steps}: boards[0] is the frozen board, boards[k] the board after step k; steps[k-1] says
// which cell step k revealed ({team_id, problem_id, subtask, before, after}; subtask is {index, count, name}
// when the cell is revealed subtask by subtask, else null; a cell part-way has after.subtasks {revealed, of}).
// A board is {rows, hidden, fixed}: rows ranked like the server's scoreboard (times in ms), hidden the
// "team/problem" keys still to reveal, fixed the team ids whose place is final.
export function buildResolution(input) {
  const type = input.type === 'score' ? 'score' : 'pass-fail';
  const penaltyMs =
    typeof input.penaltyTime === 'number' ? input.penaltyTime * MINUTE : (parseRelTime(input.penaltyTime) ?? 20 * MINUTE);
  const problems = [...input.problems].sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0));
  const maxScore = new Map(problems.map((p) => [p.id, p.max_score ?? null]));
  // Ties go by the name the scoreboard shows (display_name, else name), as on the server.
  const names = new Map((input.teams ?? []).map((t) => [t.id, t.display_name || t.name || t.id]));

  const rows = (input.frozen?.rows ?? []).map((r) => {
    const byProblem = new Map((r.problems ?? []).map((c) => [c.problem_id, c]));
    const row = {
      rank: r.rank,
      team_id: r.team_id,
      num_solved: r.score?.num_solved ?? 0,
      total_time: parseRelTime(r.score?.total_time) ?? 0,
      score: r.score?.score ?? 0,
      last_time: parseRelTime(r.score?.time),
      problems: problems.map((p) => cellFrom(byProblem.get(p.id), p.id)),
    };
    return row;
  });
  const rowOf = new Map(rows.map((r) => [r.team_id, r]));

  // The hidden submissions of each cell, in time order (ties by id, as the server orders them).
  const hiddenByCell = new Map();
  for (const s of input.hidden ?? []) {
    if (!rowOf.has(s.team_id) || !maxScore.has(s.problem_id)) continue; // hidden teams, unknown problems
    // A pass-fail problem solved before the freeze stays as it is: later submissions never count, nor show.
    const frozenCell = rowOf.get(s.team_id).problems.find((c) => c.problem_id === s.problem_id);
    if (type === 'pass-fail' && frozenCell.solved) continue;
    const key = `${s.team_id}/${s.problem_id}`;
    const ms = typeof s.contest_time === 'number' ? s.contest_time : parseRelTime(s.contest_time);
    if (!hiddenByCell.has(key)) hiddenByCell.set(key, []);
    hiddenByCell.get(key).push({ ...s, contest_time: ms });
  }
  for (const list of hiddenByCell.values()) {
    list.sort((a, b) => a.contest_time - b.contest_time || String(a.id ?? '').localeCompare(String(b.id ?? '')));
  }

  rank(type, rows, names);
  const pending = new Set(hiddenByCell.keys());
  const fixedOf = (rs) => {
    const fixed = [];
    for (let i = rs.length - 1; i >= 0; --i) {
      const id = rs[i].team_id;
      if (problems.some((p) => pending.has(`${id}/${p.id}`))) break;
      fixed.push(id);
    }
    return fixed;
  };
  const boards = [{ rows: cloneRows(rows), hidden: [...pending], fixed: fixedOf(rows) }];
  const steps = [];

  // Score contests reveal a cell subtask by subtask when every judged hidden submission of the cell names the same
  // subtasks (input.hidden[].subtasks): step k shows the best of the first k subtasks' sums, the score rising; the
  // cell's last step shows its final result. A cell without that reveals in one step.
  const frozenCells = new Map();
  for (const row of rows) for (const c of row.problems) frozenCells.set(`${row.team_id}/${c.problem_id}`, { ...c });
  const plans = new Map();
  if (type === 'score') {
    for (const [key, list] of hiddenByCell) {
      const judged = list.filter((s) => !isPending(s.verdict) && s.verdict !== 'CE');
      const names = judged[0]?.subtasks?.map((x) => x.name);
      const same = (s) =>
        Array.isArray(s.subtasks) && s.subtasks.length === names.length && s.subtasks.every((x, i) => x.name === names[i]);
      if (names && names.length > 1 && judged.every(same)) plans.set(key, { names, judged, revealed: 0 });
    }
  }
  const partialCell = (key, plan) => {
    const base = frozenCells.get(key);
    const k = plan.revealed;
    let best = base.num_judged > 0 ? base.score : null;
    let time = base.time;
    for (const s of plan.judged) {
      const sum = s.subtasks.slice(0, k).reduce((a, x) => a + (x.score ?? 0), 0);
      if (best === null || sum > best) {
        best = sum;
        if (sum > 0) time = wholeMinutes(s.contest_time);
      }
    }
    return { ...base, score: best ?? base.score, time, subtasks: { revealed: k, of: plan.names.length } };
  };

  for (;;) {
    let row = null;
    for (let i = rows.length - 1; i >= 0; --i) {
      if (problems.some((p) => pending.has(`${rows[i].team_id}/${p.id}`))) {
        row = rows[i];
        break;
      }
    }
    if (!row) break;
    const index = problems.findIndex((p) => pending.has(`${row.team_id}/${p.id}`));
    const problem = problems[index];
    const key = `${row.team_id}/${problem.id}`;
    const before = row.problems[index];
    const plan = plans.get(key);
    let cell;
    let subtask = null;
    if (plan && plan.revealed < plan.names.length - 1) {
      plan.revealed += 1;
      cell = partialCell(key, plan);
      subtask = { index: plan.revealed, count: plan.names.length, name: plan.names[plan.revealed - 1] };
    } else {
      const frozen = frozenCells.get(key);
      const done = finalCell(type, penaltyMs, frozen, hiddenByCell.get(key), maxScore.get(problem.id));
      cell = done.cell;
      if (type === 'pass-fail' && cell.solved && !before.solved) row.total_time += done.penalty;
      pending.delete(key);
      if (plan) subtask = { index: plan.names.length, count: plan.names.length, name: plan.names.at(-1) };
    }
    row.problems[index] = cell;
    recomputeRow(type, row);
    rank(type, rows, names);
    steps.push({ team_id: row.team_id, problem_id: problem.id, subtask, before: { ...before }, after: { ...cell } });
    boards.push({ rows: cloneRows(rows), hidden: [...pending], fixed: fixedOf(rows) });
  }
  return { boards, steps };
}

// A board in the Contest API's scoreboard shape (rows only), to compare with what the server says.
export function boardToJson(board, type) {
  return board.rows.map((r) => ({
    rank: r.rank,
    team_id: r.team_id,
    score:
      type === 'score'
        ? { score: r.score, time: r.last_time !== null ? formatRelTime(r.last_time) : null }
        : {
            num_solved: r.num_solved,
            total_time: formatRelTime(r.total_time),
            // Present and null when nothing counts yet, as the server's scoreboard (Contest API 2026-01).
            time: r.last_time !== null ? formatRelTime(r.last_time) : null,
          },
    problems: r.problems.map((c) => ({
      problem_id: c.problem_id,
      num_judged: c.num_judged,
      num_pending: c.num_pending,
      solved: c.solved,
      ...(type === 'score' ? { score: c.score } : {}),
      ...(c.time !== null && (c.solved || type === 'score') ? { time: formatRelTime(c.time) } : {}),
    })),
  }));
}

// The server's scoreboard rows without what the resolver does not reproduce: the first-to-solve flags (they
// come from /awards) — for comparing a resolved board with the thawed scoreboard.
export function comparableRows(scoreboardJson) {
  return (scoreboardJson?.rows ?? []).map((r) => ({
    ...r,
    problems: r.problems.map(({ first_to_solve: _drop, ...c }) => c),
  }));
}
