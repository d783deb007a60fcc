// Submissions, judgements and runs as the team page and the organisers' console see them: loaded once over REST,
// then kept current from the event feed. Both pages render the same verdict badges and per-test details.
import { contestMinutes, get, h, t, verdictText } from './common.js';

export class JudgingStore {
  constructor(contestId) {
    this.cid = encodeURIComponent(contestId);
    this.submissions = new Map();
    this.judgements = new Map();
    this.runs = new Map(); // judgement_id → Map(run id → run)
    this.listeners = [];
  }

  onChange(fn) {
    this.listeners.push(fn);
  }

  changed(submissionId) {
    for (const fn of this.listeners) fn(submissionId);
  }

  async load(query = '') {
    const [subs, judgements] = await Promise.all([
      get(`contests/${this.cid}/submissions${query}`),
      get(`contests/${this.cid}/judgements`),
    ]);
    for (const s of subs) this.submissions.set(s.id, s);
    for (const j of judgements) this.judgements.set(j.id, j);
  }

  async loadRuns(judgementId) {
    const runs = await get(`contests/${this.cid}/runs?judgement_id=${encodeURIComponent(judgementId)}`);
    const map = new Map(runs.map((r) => [r.id, r]));
    this.runs.set(judgementId, map);
    return map;
  }

  // Returns the submission id the event concerns, or null when the event is not about judging.
  apply(event) {
    switch (event.type) {
      case 'submissions':
        if (event.removed) this.submissions.delete(event.id);
        else this.submissions.set(event.data.id, event.data);
        return event.id ?? event.data?.id;
      case 'judgements': {
        const old = this.judgements.get(event.id);
        if (event.removed) this.judgements.delete(event.id);
        else this.judgements.set(event.data.id, event.data);
        return event.data?.submission_id ?? old?.submission_id ?? null;
      }
      case 'runs': {
        if (event.removed || !event.data) return null;
        const jid = event.data.judgement_id;
        if (!this.runs.has(jid)) this.runs.set(jid, new Map());
        this.runs.get(jid).set(event.data.id, event.data);
        return this.judgements.get(jid)?.submission_id ?? null;
      }
      default:
        return null;
    }
  }

  // The judgement that counts: the one marked current, else the most recently started.
  currentJudgement(submissionId) {
    let best = null;
    for (const j of this.judgements.values()) {
      if (j.submission_id !== submissionId) continue;
      if (j.current === false) continue;
      if (!best || String(j.start_time ?? '') >= String(best.start_time ?? '')) best = j;
    }
    return best;
  }

  sortedSubmissions(filter = () => true) {
    return [...this.submissions.values()]
      .filter(filter)
      .sort((a, b) => String(b.time).localeCompare(String(a.time)) || compareIds(b.id, a.id));
  }
}

function compareIds(a, b) {
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : String(a).localeCompare(String(b));
}

// Scores are shown only in score contests: a pass-fail judgement's score of 0 or 1 would only confuse.
export const display = { scores: false };

export function verdictBadge(judgement) {
  const id = judgement?.judgement_type_id ?? null;
  const cls = id ? id.replace(/[^A-Za-z0-9]/g, '') : 'pending';
  const known = ['AC', 'WA', 'TLE', 'MLE', 'RTE', 'OLE', 'CE', 'JE', 'PE', 'pending'];
  const hasScore = display.scores && judgement?.score !== undefined && judgement?.score !== null && id;
  const score = hasScore ? ` (${+Number(judgement.score).toFixed(2)})` : '';
  return h(`span.verdict.${known.includes(cls) ? cls : 'rejected'}`, { title: id ?? '' }, verdictText(id) + score);
}

export function submissionTime(submission) {
  return submission.contest_time ? contestMinutes(submission.contest_time) + "'" : '';
}

// Compiler output is not part of the Contest API; servers that expose it do so under one of these names.
function compileOutput(judgement) {
  return judgement?.compile_output ?? judgement?.compiler_output ?? judgement?.compile?.output ?? null;
}

export function detailsView(store, submissionId) {
  const judgement = store.currentJudgement(submissionId);
  const parts = [];
  const compile = compileOutput(judgement);
  if (compile) {
    parts.push(h('h3', t('subs.compile')), h('pre.output.compile-output', compile));
  }
  const runs = judgement ? [...(store.runs.get(judgement.id)?.values() ?? [])] : [];
  runs.sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0));
  if (runs.length) {
    parts.push(
      h('h3', t('subs.runs')),
      h(
        'table.list.runs',
        h('thead', h('tr', h('th', t('subs.test')), h('th', t('subs.verdict')), h('th', t('subs.runtime')))),
        h(
          'tbody',
          runs.map((r) =>
            h(
              'tr',
              h('td.num', r.test_name ?? r.name ?? r.ordinal ?? ''),
              h('td', verdictBadge(r)),
              h('td.num', r.run_time !== undefined && r.run_time !== null ? `${(+r.run_time).toFixed(3)} s` : ''),
            ),
          ),
        ),
      ),
    );
  }
  if (judgement?.max_run_time !== undefined && judgement?.max_run_time !== null) {
    parts.push(h('p.muted', `max ${(+judgement.max_run_time).toFixed(3)} s`));
  }
  if (!parts.length) parts.push(h('p.muted', judgement?.judgement_type_id ? '—' : verdictText(null)));
  return parts;
}
