// The console's Themis upload: a zip of a Themis task folder (or of a folder of task folders) with the time
// limit, memory and per-test points that Themis keeps outside the folder. The server converts it to packages
// (POST contests/{id}/problems/themis) and adds each problem as the package upload does; a bad folder gets the
// converter's reason, naming the task and test, and adds nothing.
import { api, t } from './common.js';

const $ = (id) => document.getElementById(id);

// `contestId()` gives the contest's id (URL-encoded); `added(problemIds)` reloads the problems and watches
// their verification.
export function setupThemisUpload(contestId, added) {
  $('themis-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = $('themis-file').files[0];
    if (!file) return;
    const out = $('themis-result');
    out.hidden = false;
    out.textContent = '…';
    out.classList.remove('failed-output');
    $('themis-send').disabled = true;
    const form = new FormData();
    form.append('zip', file, file.name);
    form.append('time_limit', $('themis-time').value);
    form.append('memory', $('themis-memory').value);
    form.append('points', $('themis-points').value);
    try {
      const result = await api('POST', `contests/${contestId()}/problems/themis`, { body: form });
      const problems = result?.problems ?? [];
      const lines = problems.map(
        (p) => `✓ ${p.label ?? ''} ${p.id} — ${p.name ?? ''} (${p.test_data_count ?? '?'} ${t('admin.themisTests')})`,
      );
      for (const note of result?.notes ?? []) lines.push(`· ${note}`);
      out.textContent = `${t('admin.themisAdded')} ${problems.length}\n${lines.join('\n')}`;
      await added(problems.map((p) => p.id));
    } catch (e) {
      out.textContent = `✗ ${e.message}`; // the converter's reason: which task, which test, which file
      out.classList.add('failed-output');
    } finally {
      $('themis-send').disabled = false;
    }
  });
}
