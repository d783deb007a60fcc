// Unit tests (node --test) of the statistics page's numbers (api/web/statistics_data.js).
import assert from 'node:assert/strict';
import test from 'node:test';

import { computeStatistics } from '../../api/web/statistics_data.js';

const contest = { duration: '5:00:00' };
const problems = [
  { id: 'a', label: 'A', name: 'Alpha' },
  { id: 'b', label: 'B', name: 'Beta' },
];
const submissions = [
  { id: '1', team_id: 't1', problem_id: 'a', language_id: 'cpp', contest_time: '0:12:00.000' },
  { id: '2', team_id: 't1', problem_id: 'a', language_id: 'cpp', contest_time: '0:20:30.000' },
  { id: '3', team_id: 't2', problem_id: 'a', language_id: 'python3', contest_time: '0:15:00.000' },
  { id: '4', team_id: 't2', problem_id: 'b', language_id: 'python3', contest_time: '4:30:00.000' },
  { id: '5', team_id: 't1', problem_id: 'a', language_id: 'cpp', contest_time: '0:40:00.000' },
];
const judgements = [
  { id: '1', submission_id: '1', judgement_type_id: 'WA' },
  { id: '2', submission_id: '2', judgement_type_id: 'AC' },
  { id: '3', submission_id: '3', judgement_type_id: 'TLE', current: false }, // replaced by a rejudging
  { id: '4', submission_id: '3', judgement_type_id: 'AC', current: true },
  { id: '5', submission_id: '5', judgement_type_id: 'AC' },
];

test('per problem: attempts, accepted, teams, first solve and the verdict mix', () => {
  const s = computeStatistics({ contest, problems, submissions, judgements });
  assert.deepEqual(
    s.problems.map(({ id, attempts, accepted, teamsSolved, firstSolve, verdicts }) => ({
      id, attempts, accepted, teamsSolved, firstSolve, verdicts,
    })),
    [
      { id: 'a', attempts: 4, accepted: 3, teamsSolved: 2, firstSolve: 15 * 60_000, verdicts: { WA: 1, AC: 3 } },
      { id: 'b', attempts: 1, accepted: 0, teamsSolved: 0, firstSolve: null, verdicts: { '?': 1 } },
    ],
  );
});

test('submissions over time fall in whole-minute bins covering the contest', () => {
  const s = computeStatistics({ contest, problems, submissions, judgements });
  assert.equal(s.binMs, 10 * 60_000);
  assert.equal(s.overTime.length, 30);
  assert.deepEqual(s.overTime[1], { from: 10 * 60_000, accepted: 1, rejected: 1, pending: 0 });
  assert.deepEqual(s.overTime[2], { from: 20 * 60_000, accepted: 1, rejected: 0, pending: 0 });
  assert.deepEqual(s.overTime[27], { from: 270 * 60_000, accepted: 0, rejected: 0, pending: 1 });
  const total = s.overTime.reduce((n, b) => n + b.accepted + b.rejected + b.pending, 0);
  assert.equal(total, submissions.length);
});

test('languages are counted and named, most used first', () => {
  const s = computeStatistics({
    contest, problems, submissions, judgements, languages: [{ id: 'cpp', name: 'C++' }, { id: 'python3', name: 'Python 3' }],
  });
  assert.deepEqual(s.languages, [
    { id: 'cpp', name: 'C++', count: 3 },
    { id: 'python3', name: 'Python 3', count: 2 },
  ]);
});
