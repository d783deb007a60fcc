// The statistics page's numbers, as a pure function of what the Contest API serves (no DOM, no fetch):
// per problem attempts, accepted, first solve time and the verdict mix; submissions over time; languages.
// Unit-tested with node --test (tests/browser/statistics_data.test.mjs).

function parseRelTime(text) {
  const m = /^(-)?(\d+):(\d\d):(\d\d)(?:\.(\d{1,3}))?$/.exec(String(text ?? ''));
  if (!m) return null;
  const ms = ((+m[2] * 60 + +m[3]) * 60 + +m[4]) * 1000 + (m[5] ? +m[5].padEnd(3, '0') : 0);
  return m[1] ? -ms : ms;
}

// input: {contest, problems, submissions, judgements, languages?}; judgements may hold several per submission
// (rejudgings): the current one counts. A submission without a visible judgement counts as pending ('?').
export function computeStatistics({ contest, problems, submissions, judgements, languages = [] }) {
  const current = new Map();
  for (const j of judgements ?? []) {
    if (j.current === false || j.valid === false) continue;
    current.set(j.submission_id, j);
  }
  const verdictOf = (s) => current.get(s.id)?.judgement_type_id ?? '?';
  const perProblem = (problems ?? []).map((p) => ({
    id: p.id,
    label: p.label ?? p.id,
    name: p.name ?? '',
    attempts: 0,
    accepted: 0,
    solvedBy: new Set(),
    firstSolve: null, // ms of contest time
    verdicts: {},
  }));
  const byId = new Map(perProblem.map((p) => [p.id, p]));
  const duration = parseRelTime(contest?.duration) ?? 5 * 3_600_000;
  const binMs = Math.max(60_000, Math.ceil(duration / 30 / 60_000) * 60_000); // about 30 bins, whole minutes
  const bins = Array.from({ length: Math.ceil(duration / binMs) }, (_, i) => ({
    from: i * binMs,
    accepted: 0,
    rejected: 0,
    pending: 0,
  }));
  const languageCount = new Map();
  for (const s of submissions ?? []) {
    const p = byId.get(s.problem_id);
    const verdict = verdictOf(s);
    const time = parseRelTime(s.contest_time) ?? 0;
    if (p) {
      p.attempts += 1;
      p.verdicts[verdict] = (p.verdicts[verdict] ?? 0) + 1;
      if (verdict === 'AC') {
        p.accepted += 1;
        p.solvedBy.add(s.team_id);
        if (p.firstSolve === null || time < p.firstSolve) p.firstSolve = time;
      }
    }
    if (time >= 0 && time < duration) {
      const bin = bins[Math.floor(time / binMs)];
      if (verdict === 'AC') bin.accepted += 1;
      else if (verdict === '?' || verdict === 'JE') bin.pending += 1;
      else bin.rejected += 1;
    }
    languageCount.set(s.language_id, (languageCount.get(s.language_id) ?? 0) + 1);
  }
  const languageName = new Map((languages ?? []).map((l) => [l.id, l.name ?? l.id]));
  return {
    problems: perProblem.map(({ solvedBy, ...p }) => ({ ...p, teamsSolved: solvedBy.size })),
    binMs,
    overTime: bins,
    languages: [...languageCount.entries()]
      .map(([id, count]) => ({ id, name: languageName.get(id) ?? id, count }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
    total: (submissions ?? []).length,
  };
}
