// The team page's run on the samples: POST /api/khue/test-runs, then read the run until it is done (not a
// submission), and show each sample's output beside the expected one with the first difference marked.
import { auth, get, h, t } from '../common.js';
import { compileErrors, firstDifference } from '../dist/beginner.js';
import { tt } from './strings.js';
import { $, model } from './state.js';
import { currentLanguage, saveDraft, setStatus, defaultFileName, editor, fileLoading } from './editor.js';
import { iconBadge, explanation } from './verdicts.js';

// ---------------------------------------------------------------------------------------------------------------
// Run on samples: POST /api/khue/test-runs, then read the run until it is done. Not a submission.

let running = false;
export async function runSamples() {
  if (running) return;
  if (fileLoading) await fileLoading;
  const code = editor.getText();
  if (!code.trim()) {
    setStatus('error', t('submit.nothing'));
    return;
  }
  saveDraft();
  setStatus('', '');
  const results = $('run-results');
  running = true;
  $('run-samples').disabled = true;
  results.replaceChildren(h('p.muted', tt('run.running')), h('p.muted', tt('run.notCounted')));
  const problemId = $('submit-problem').value;
  try {
    const headers = { 'Content-Type': 'application/json' };
    if (auth.get()) headers.Authorization = auth.get();
    const response = await fetch(`/api/khue/test-runs?contest=${encodeURIComponent(model.contest.id)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        problem_id: problemId,
        language_id: currentLanguage()?.id,
        source: code,
        filename: $('submit-filename').value.trim() || defaultFileName(currentLanguage()),
      }),
    });
    const started = await response.json().catch(() => ({}));
    if (response.status === 429) {
      const wait = response.headers.get('Retry-After') ?? '10';
      results.replaceChildren(h('p.error.run-refused', `${started.message ?? ''} ${tt('run.wait', { s: wait })}`));
      return;
    }
    if (!response.ok) throw new Error(started.message ?? `HTTP ${response.status}`);
    let run = started;
    for (let i = 0; i < 600 && (run.state === 'queued' || run.state === 'running'); i++) {
      await new Promise((r) => setTimeout(r, i < 5 ? 400 : 1000));
      run = await get(`khue/test-runs/${encodeURIComponent(started.id)}?contest=${encodeURIComponent(model.contest.id)}`);
      if (run.state === 'queued') results.firstChild.textContent = tt('run.queued');
      if (run.state === 'running') results.firstChild.textContent = tt('run.running');
    }
    if (run.state !== 'done') throw new Error(run.message ?? run.state);
    renderRun(run.result);
  } catch (e) {
    results.replaceChildren(h('p.error', tt('run.failed', { m: e.message })));
  } finally {
    running = false;
    $('run-samples').disabled = false;
  }
}

// Text with one line marked (the first difference) and, in it, the first differing character.
export function markedText(text, diff) {
  const lines = String(text ?? '').split('\n');
  if (!diff) return lines.join('\n');
  const out = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push('\n');
    if (i + 1 !== diff.line) {
      out.push(line);
      return;
    }
    const col = Math.min(diff.column - 1, line.length);
    out.push(
      h('span.diff-line', line.slice(0, col), h('mark', line.slice(col, col + 1) || ' '), line.slice(col + 1)),
    );
  });
  if (diff.line > lines.length) out.push('\n', h('span.diff-line', h('mark', ' ')));
  return out;
}

export function renderRun(result) {
  const results = $('run-results');
  const parts = [];
  const compile = result?.compile ?? {};
  if (compile.ok === false) {
    parts.push(explanation('CE'));
    const errors = compileErrors(compile.output);
    if (errors.length) {
      parts.push(
        h('p', tt('run.compileErrors')),
        h(
          'ul.compile-errors',
          errors.map((e) =>
            h(
              'li',
              h('button.secondary', { type: 'button', onclick: () => editor.gotoLine(e.line, e.column) },
                tt('run.line', { line: e.line })),
              ' ',
              e.text,
            ),
          ),
        ),
      );
    }
    parts.push(h('pre.output.compile-output', compile.output ?? ''));
    results.replaceChildren(...parts);
    results.querySelector('.compile-errors button')?.focus();
    return;
  }
  const tests = result?.tests ?? [];
  if (!tests.length) {
    results.replaceChildren(h('p.muted', tt('run.noSamples')));
    return;
  }
  const allOk = tests.every((x) => x.verdict === 'AC');
  parts.push(h(allOk ? 'p.ok.run-summary' : 'p.run-summary', iconBadge({ judgement_type_id: allOk ? 'AC' : result.verdict }),
    ' ', allOk ? tt('run.allOk') : tt('run.someWrong')));
  if (!allOk) parts.push(explanation(result.verdict));
  for (const test of tests) {
    const diff = test.verdict === 'AC' ? null : firstDifference(test.expected, test.output);
    let note = null;
    if (diff) {
      note =
        diff.actual === undefined ? tt('run.missingLine', diff)
          : diff.expected === undefined ? tt('run.extraLine', diff) : tt('run.firstDiff', diff);
    }
    parts.push(
      h(
        'section.run-sample',
        { dataset: { sample: test.name ?? '', verdict: test.verdict ?? '' } },
        h(
          'header',
          h('b', (test.name ?? '').replace(/^sample\//, '')),
          iconBadge({ judgement_type_id: test.verdict }),
          h('span.muted', test.cpu_time !== undefined ? `${(+test.cpu_time).toFixed(3)} s` : ''),
          note ? h('span.diff-note', note) : null,
        ),
        h(
          'div.run-columns',
          h('div', h('b', tt('run.input')), h('pre.sample-input', test.input ?? '')),
          h('div', h('b', tt('run.expected')), h('pre.sample-expected', markedText(test.expected, diff))),
          h('div', h('b', tt('run.yours')), h('pre.sample-output', markedText(test.output, diff))),
        ),
        test.error_output ? h('div', h('b', tt('run.stderr')), h('pre.output', test.error_output)) : null,
      ),
    );
  }
  results.replaceChildren(...parts);
  results.focus();
}
