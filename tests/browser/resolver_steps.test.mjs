// Unit tests (node --test) of the resolver's step list (api/web/resolver_steps.js): the order of reveals, the
// scoring rules it continues the frozen board with, and that the last board is the final scoreboard.
import assert from 'node:assert/strict';
import test from 'node:test';

import { boardToJson, buildResolution, formatRelTime, parseRelTime } from '../../api/web/resolver_steps.js';

const min = (m) => formatRelTime(m * 60_000);
const problems = [
  { id: 'a', ordinal: 0 },
  { id: 'b', ordinal: 1 },
];
const teams = [
  { id: 't1', name: 'Alpha' },
  { id: 't2', name: 'Bình Minh' },
  { id: 't3', name: 'Cầu Giấy' },
];
const cell = (problem_id, extra = {}) => ({ problem_id, num_judged: 0, num_pending: 0, solved: false, ...extra });

// Frozen at minute 240: t1 solved a at 10 (one WA before); t2 nothing visible, 2 hidden on a, 1 hidden on b;
// t3 one WA on b before the freeze and 2 hidden on b.
const frozen = {
  rows: [
    {
      rank: 1,
      team_id: 't1',
      score: { num_solved: 1, total_time: min(30), time: min(10) },
      problems: [cell('a', { num_judged: 2, solved: true, time: min(10) }), cell('b')],
    },
    {
      rank: 2,
      team_id: 't2',
      score: { num_solved: 0, total_time: min(0) },
      problems: [cell('a', { num_pending: 2 }), cell('b', { num_pending: 1 })],
    },
    {
      rank: 2,
      team_id: 't3',
      score: { num_solved: 0, total_time: min(0) },
      problems: [cell('a'), cell('b', { num_judged: 1, num_pending: 2 })],
    },
  ],
};
const hidden = [
  { id: '5', team_id: 't2', problem_id: 'a', contest_time: min(241), verdict: 'CE' },
  { id: '6', team_id: 't2', problem_id: 'a', contest_time: min(250) + '', verdict: 'AC' },
  { id: '7', team_id: 't2', problem_id: 'b', contest_time: min(260), verdict: 'AC' },
  { id: '8', team_id: 't3', problem_id: 'b', contest_time: min(245), verdict: 'TLE' },
  { id: '9', team_id: 't3', problem_id: 'b', contest_time: min(290), verdict: 'AC' },
];

function changedCells(before, after) {
  const changes = [];
  for (const row of after.rows) {
    const old = before.rows.find((r) => r.team_id === row.team_id);
    row.problems.forEach((c, i) => {
      if (JSON.stringify(c) !== JSON.stringify(old.problems[i])) changes.push(`${row.team_id}/${c.problem_id}`);
    });
  }
  return changes;
}

test('RELTIME texts round-trip in the server format', () => {
  assert.equal(formatRelTime(0), '0:00:00.000');
  assert.equal(formatRelTime(parseRelTime('4:05:06.007')), '4:05:06.007');
  assert.equal(parseRelTime('1:00:00'), 3_600_000);
});

test('pass-fail: the last board is the final scoreboard, with penalties and no penalty for a compile error', () => {
  const { boards, steps } = buildResolution({ type: 'pass-fail', penaltyTime: '0:20:00', problems, teams, frozen, hidden });
  assert.equal(steps.length, 3);
  const final = boardToJson(boards.at(-1), 'pass-fail');
  assert.deepEqual(final, [
    {
      rank: 1,
      team_id: 't2',
      score: { num_solved: 2, total_time: min(250 + 260), time: min(260) },
      problems: [
        { problem_id: 'a', num_judged: 1, num_pending: 0, solved: true, time: min(250) },
        { problem_id: 'b', num_judged: 1, num_pending: 0, solved: true, time: min(260) },
      ],
    },
    {
      rank: 2,
      team_id: 't1',
      score: { num_solved: 1, total_time: min(30), time: min(10) },
      problems: [
        { problem_id: 'a', num_judged: 2, num_pending: 0, solved: true, time: min(10) },
        { problem_id: 'b', num_judged: 0, num_pending: 0, solved: false },
      ],
    },
    {
      rank: 3,
      team_id: 't3',
      score: { num_solved: 1, total_time: min(290 + 40), time: min(290) },
      problems: [
        { problem_id: 'a', num_judged: 0, num_pending: 0, solved: false },
        { problem_id: 'b', num_judged: 3, num_pending: 0, solved: true, time: min(290) },
      ],
    },
  ]);
});

test('reveals go from the lowest team with a hidden cell upwards, leftmost problem first', () => {
  const { steps, boards } = buildResolution({ type: 'pass-fail', penaltyTime: 20, problems, teams, frozen, hidden });
  // t3 is last (tied with t2, after it by name); solving b lifts it above t2, which then reveals a, then b.
  assert.deepEqual(
    steps.map((s) => `${s.team_id}/${s.problem_id}`),
    ['t3/b', 't2/a', 't2/b'],
  );
  assert.deepEqual(boards[1].rows.map((r) => r.team_id), ['t1', 't3', 't2']);
});

test('each step changes exactly one cell, the one it names', () => {
  const { steps, boards } = buildResolution({ type: 'pass-fail', penaltyTime: 20, problems, teams, frozen, hidden });
  steps.forEach((step, k) => {
    assert.deepEqual(changedCells(boards[k], boards[k + 1]), [`${step.team_id}/${step.problem_id}`]);
  });
});

test('a team is fixed once neither it nor any team below has a hidden cell', () => {
  const { boards } = buildResolution({ type: 'pass-fail', penaltyTime: 20, problems, teams, frozen, hidden });
  assert.deepEqual(boards[0].fixed, []);
  assert.deepEqual(boards[1].fixed, []); // t2 is last now and still hidden
  assert.deepEqual(boards.at(-1).fixed.sort(), ['t1', 't2', 't3']);
});

test('an unjudged or judge-error submission stays pending after its reveal', () => {
  const { boards } = buildResolution({
    type: 'pass-fail',
    penaltyTime: 20,
    problems,
    teams,
    frozen,
    hidden: [
      { team_id: 't3', problem_id: 'b', contest_time: min(245), verdict: 'JE' },
      { team_id: 't3', problem_id: 'b', contest_time: min(246), verdict: 'WA' },
    ],
  });
  const t3 = boardToJson(boards.at(-1), 'pass-fail').find((r) => r.team_id === 't3');
  assert.deepEqual(t3.problems[1], { problem_id: 'b', num_judged: 2, num_pending: 1, solved: false });
});

test('a pass-fail problem solved before the freeze has nothing to reveal', () => {
  const { steps } = buildResolution({
    type: 'pass-fail',
    penaltyTime: 20,
    problems,
    teams,
    frozen,
    hidden: [{ team_id: 't1', problem_id: 'a', contest_time: min(241), verdict: 'WA' }],
  });
  assert.equal(steps.length, 0);
});

test('score contests reveal the best score per problem and rank by the total', () => {
  const scoreProblems = [
    { id: 'a', ordinal: 0, max_score: 100 },
    { id: 'b', ordinal: 1, max_score: 50 },
  ];
  const scoreFrozen = {
    rows: [
      {
        rank: 1,
        team_id: 't1',
        score: { score: 60, time: min(30) },
        problems: [
          { problem_id: 'a', num_judged: 1, num_pending: 1, solved: false, score: 60, time: min(30) },
          { problem_id: 'b', num_judged: 0, num_pending: 0, solved: false, score: 0 },
        ],
      },
      {
        rank: 2,
        team_id: 't2',
        score: { score: 20, time: min(50) },
        problems: [
          { problem_id: 'a', num_judged: 1, num_pending: 0, solved: false, score: 20, time: min(50) },
          { problem_id: 'b', num_judged: 0, num_pending: 2, solved: false, score: 0 },
        ],
      },
    ],
  };
  const { boards, steps } = buildResolution({
    type: 'score',
    problems: scoreProblems,
    teams,
    frozen: scoreFrozen,
    hidden: [
      { team_id: 't1', problem_id: 'a', contest_time: min(250), verdict: 'WA', score: 40 },
      { team_id: 't2', problem_id: 'b', contest_time: min(245), verdict: 'WA', score: 30 },
      { team_id: 't2', problem_id: 'b', contest_time: min(255), verdict: 'AC', score: 50 },
    ],
  });
  assert.deepEqual(
    steps.map((s) => `${s.team_id}/${s.problem_id}`),
    ['t2/b', 't1/a'],
  );
  assert.deepEqual(boardToJson(boards.at(-1), 'score'), [
    {
      rank: 1,
      team_id: 't2',
      score: { score: 70, time: min(255) },
      problems: [
        { problem_id: 'a', num_judged: 1, num_pending: 0, solved: false, score: 20, time: min(50) },
        { problem_id: 'b', num_judged: 2, num_pending: 0, solved: true, score: 50, time: min(255) },
      ],
    },
    {
      rank: 2,
      team_id: 't1',
      score: { score: 60, time: min(30) },
      problems: [
        { problem_id: 'a', num_judged: 2, num_pending: 0, solved: false, score: 60, time: min(30) },
        { problem_id: 'b', num_judged: 0, num_pending: 0, solved: false, score: 0 },
      ],
    },
  ]);
});

test('a board without a freeze has no steps and is its own final board', () => {
  const { boards, steps } = buildResolution({ type: 'pass-fail', penaltyTime: 20, problems, teams, frozen, hidden: [] });
  assert.equal(steps.length, 0);
  assert.equal(boards.length, 1);
});

// A score contest with subtasks (20 + 30 + 50): each step reveals one team's one problem's next subtask, the
// score rising; the cell's last step gives its final result, and the last board is the one a whole-cell reveal
// gives.
test('score contests reveal subtask by subtask, the score rising, to the same final board', () => {
  const subProblems = [{ id: 'a', ordinal: 0, max_score: 100 }];
  const subtasks = (...scores) => scores.map((score, i) => ({ name: `group${i + 1}`, score }));
  const subFrozen = {
    rows: [
      {
        rank: 1,
        team_id: 't1',
        score: { score: 20, time: min(30) },
        problems: [{ problem_id: 'a', num_judged: 1, num_pending: 1, solved: false, score: 20, time: min(30) }],
      },
      {
        rank: 2,
        team_id: 't2',
        score: { score: 0, time: null },
        problems: [{ problem_id: 'a', num_judged: 0, num_pending: 2, solved: false, score: 0 }],
      },
    ],
  };
  const hidden = [
    { id: '1', team_id: 't1', problem_id: 'a', contest_time: min(250), verdict: 'WA', score: 50, subtasks: subtasks(20, 30, 0) },
    { id: '2', team_id: 't2', problem_id: 'a', contest_time: min(245), verdict: 'WA', score: 20, subtasks: subtasks(20, 0, 0) },
    { id: '3', team_id: 't2', problem_id: 'a', contest_time: min(260), verdict: 'AC', score: 100, subtasks: subtasks(20, 30, 50) },
  ];
  const input = { type: 'score', problems: subProblems, teams, frozen: subFrozen, hidden };
  const { boards, steps } = buildResolution(input);
  assert.deepEqual(
    steps.map((s) => `${s.team_id}#${s.subtask.index}/${s.subtask.count}`),
    ['t2#1/3', 't2#2/3', 't1#1/3', 't1#2/3', 't2#3/3', 't1#3/3'],
  );
  // Each step changes exactly its cell, and a cell's score never falls.
  steps.forEach((step, k) => {
    assert.deepEqual(changedCells(boards[k], boards[k + 1]), [`${step.team_id}/${step.problem_id}`]);
    assert.ok(step.after.score >= step.before.score, `step ${k + 1}: ${step.before.score} -> ${step.after.score}`);
  });
  assert.deepEqual(
    steps.map((s) => s.after.score),
    [20, 50, 20, 50, 100, 50],
  );
  // Part-way, the cell is still pending and says how far the reveal is; at its last step it is final.
  assert.deepEqual(steps[1].after.subtasks, { revealed: 2, of: 3 });
  assert.equal(steps[1].after.num_pending, 2);
  assert.equal(steps[4].after.subtasks, undefined);
  assert.equal(steps[4].after.num_pending, 0);
  assert.equal(steps[4].after.solved, true);
  // The last board is the whole-cell reveal's.
  const whole = buildResolution({ ...input, hidden: hidden.map(({ subtasks: _s, ...s }) => s) });
  assert.equal(whole.steps.length, 2);
  assert.deepEqual(boardToJson(boards.at(-1), 'score'), boardToJson(whole.boards.at(-1), 'score'));
  // A cell where one judged submission has no subtask scores is revealed in one step.
  const mixed = buildResolution({ ...input, hidden: hidden.map((s) => (s.id === '2' ? { ...s, subtasks: undefined } : s)) });
  assert.deepEqual(
    mixed.steps.map((s) => `${s.team_id}:${s.subtask?.index ?? '-'}`),
    ['t2:-', 't1:1', 't1:2', 't1:3'],
  );
});
