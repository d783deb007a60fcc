// The team page's submitting and its list of own submissions with their verdicts and details.
import { api, bytesToBase64, h, makeZip, t } from '../common.js';
import { detailsView, submissionTime } from '../judging.js';
import { $, model, open } from './state.js';
import { currentLanguage, saveDraft, setStatus, defaultFileName, entryPoint, editor, fileLoading } from './editor.js';
import { iconBadge, explanation } from './verdicts.js';
import { isPractice } from '../my_contests.js';

export async function submit(event) {
  event.preventDefault();
  setStatus('', '');
  if (fileLoading) await fileLoading;
  const code = editor.getText();
  const language = currentLanguage();
  if (!code.trim()) {
    setStatus('error', t('submit.nothing'));
    return;
  }
  const name = $('submit-filename').value.trim() || defaultFileName(language);
  const body = {
    problem_id: $('submit-problem').value,
    language_id: language?.id,
    files: [{ data: bytesToBase64(makeZip([{ name, bytes: new TextEncoder().encode(code) }])), mime: 'application/zip' }],
  };
  const ep = entryPoint(language, name);
  if (ep) body.entry_point = ep;
  saveDraft();
  $('submit-send').disabled = true;
  try {
    const created = await api('POST', `contests/${encodeURIComponent(model.contest.id)}/submissions`, { json: body });
    if (created?.id) {
      model.store.submissions.set(created.id, created);
      open.add(created.id);
      renderSubmissions();
    }
    setStatus('ok', t('submit.sent'));
    $('submit-file').value = '';
  } catch (e) {
    setStatus('error', e.message);
  } finally {
    $('submit-send').disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Own submissions

export function problemLabel(id) {
  const p = model.problems.find((x) => x.id === id);
  return p ? p.label ?? p.id : id;
}

export function renderSubmissions() {
  const tbody = $('subs').tBodies[0];
  const list = model.store.sortedSubmissions((s) => s.team_id === model.account.team_id);
  $('subs-empty').hidden = list.length > 0;
  const rows = [];
  for (const s of list) {
    const judgement = model.store.currentJudgement(s.id);
    const language = model.languages.find((l) => l.id === s.language_id);
    rows.push(
      h(
        'tr.clickable',
        {
          dataset: { submission: s.id },
          tabindex: '0',
          'aria-expanded': String(open.has(s.id)),
          onclick: () => toggle(s.id),
          onkeydown: (e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              toggle(s.id);
            }
          },
        },
        h('td.num', submissionTime(s)),
        h('td', problemLabel(s.problem_id)),
        h('td', language?.name ?? s.language_id),
        h('td', iconBadge(judgement), isPractice(s, model.contest) ? h('span.practice-tag', t('practice.tag')) : null),
      ),
    );
    if (open.has(s.id)) {
      rows.push(
        h(
          'tr.details',
          { dataset: { details: s.id } },
          h('td', { colspan: 4 }, explanation(judgement?.judgement_type_id), detailsView(model.store, s.id)),
        ),
      );
    }
  }
  const focused = document.activeElement?.dataset?.submission;
  tbody.replaceChildren(...rows);
  if (focused) tbody.querySelector(`tr[data-submission="${CSS.escape(focused)}"]`)?.focus();
}

export async function toggle(id) {
  if (open.has(id)) {
    open.delete(id);
  } else {
    open.add(id);
    const judgement = model.store.currentJudgement(id);
    if (judgement) await model.store.loadRuns(judgement.id).catch(() => null);
  }
  renderSubmissions();
}
