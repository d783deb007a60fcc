// The team page's problems: the tabs, the statement (Markdown with math, or PDF inline), the samples and the
// attachments.
import { auth, byOrdinal, get, h, t, textColorOn } from '../common.js';
import { renderStatement } from '../dist/beginner.js';
import { $, model } from './state.js';
import { fillForm, switchDraft, editor } from './editor.js';

export let currentProblem = null;

// ---------------------------------------------------------------------------------------------------------------
// Problems

export function renderProblemTabs() {
  const tabs = $('problem-tabs');
  tabs.replaceChildren(
    ...model.problems.map((p) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': String(p.id === currentProblem),
          tabindex: p.id === (currentProblem ?? model.problems[0]?.id) ? '0' : '-1',
          onclick: () => showProblem(p.id),
          onkeydown: tabKeys,
        },
        h('span.balloon', { style: { background: p.rgb ?? '#ccc', color: textColorOn(p.rgb ?? '#ccc') } }, p.label),
        ' ',
        p.name ?? p.id,
      ),
    ),
  );
  if (!currentProblem && model.problems.length) showProblem(model.problems[0].id);
}

// Arrow keys, Home and End move between the problem tabs (the WAI-ARIA tabs pattern).
export function tabKeys(event) {
  const tabs = [...$('problem-tabs').children];
  const i = tabs.indexOf(event.currentTarget);
  const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: tabs.length - 1 }[
    event.key
  ];
  if (next === undefined) return;
  event.preventDefault();
  const target = tabs[(next + tabs.length) % tabs.length];
  target.focus();
  target.click();
}

export function apiHref(href) {
  return /^[a-z]+:|^\//i.test(href) ? href : `/api/${href}`;
}

// Statements may need credentials and an <iframe> cannot send them, so the file is fetched and shown from a blob.
// Markdown is rendered (markdown-it with KaTeX math; raw HTML in it stays text), PDF is shown inline in a frame.
export async function statementFrame(file) {
  const response = await fetch(apiHref(file.href), { headers: auth.get() ? { Authorization: auth.get() } : {} });
  if (!response.ok) throw new Error(`${file.filename ?? file.href}: HTTP ${response.status}`);
  const mime = file.mime ?? response.headers.get('Content-Type') ?? '';
  if (mime.startsWith('text/markdown')) {
    const div = h('div.statement-text.markdown');
    div.innerHTML = renderStatement(await response.text());
    await loadImages(div, file);
    return div;
  }
  if (mime.startsWith('text/')) return h('pre.statement-text', await response.text());
  const blob = await response.blob();
  const typed = file.mime && blob.type !== file.mime ? new Blob([blob], { type: file.mime }) : blob;
  return h('iframe.statement-frame', { src: URL.createObjectURL(typed), title: file.filename ?? 'statement' });
}

// The statement's pictures are files of the package beside it: fetched with the team's credentials (an <img>
// cannot send them) from problems/<id>/statement/<file>. Pictures from other hosts are not loaded (venues are
// offline and a statement must not make the page call out).
export async function loadImages(container, file) {
  for (const img of container.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    img.removeAttribute('src');
    if (/^[a-z]+:|^\/\//i.test(src) || !src || src.includes('..')) continue;
    const href = `${file.href.replace(/\/statement$/, '')}/statement/${src.split('/').map(encodeURIComponent).join('/')}`;
    try {
      const r = await fetch(apiHref(href), { headers: auth.get() ? { Authorization: auth.get() } : {} });
      if (r.ok) img.src = URL.createObjectURL(await r.blob());
    } catch {
      // the alt text stays
    }
  }
}

export async function showProblem(id) {
  currentProblem = id;
  [...$('problem-tabs').children].forEach((b, i) => {
    b.setAttribute('aria-selected', String(model.problems[i]?.id === id));
    b.tabIndex = model.problems[i]?.id === id ? 0 : -1;
  });
  // The code form follows the problem being read.
  if (editor && $('submit-problem').value !== id && model.problems.some((x) => x.id === id)) {
    $('submit-problem').value = id;
    switchDraft();
  }
  const p = model.problems.find((x) => x.id === id);
  const view = $('problem-view');
  const limits = [
    p.time_limit ? `${p.time_limit} s` : null,
    p.memory_limit ? `${p.memory_limit} MiB` : null,
    p.output_limit ? `output ${p.output_limit} MiB` : null,
  ].filter(Boolean);
  const parts = [h('p', h('b', t('problems.limits') + ': '), limits.join(' · '))];
  const statements = p.statement ?? [];
  if (statements.length) {
    for (const file of statements) {
      try {
        parts.push(await statementFrame(file));
      } catch (e) {
        parts.push(h('p.error', e.message));
      }
    }
  } else {
    parts.push(h('p.muted', t('problems.noStatement')));
  }
  const samples = p.samples ?? (await loadSamples(p.id));
  if (samples.length) {
    parts.push(h('h3', t('problems.samples')));
    for (const s of samples) {
      if (s.interaction) {
        parts.push(h('div.samples.interaction', { dataset: { sample: s.name ?? '' } },
          h('div', h('b', `${t('problems.interaction')} ${s.name ?? ''}`), h('pre', s.interaction))));
        continue;
      }
      parts.push(
        h(
          'div.samples',
          { dataset: { sample: s.name ?? '' } },
          h('div', h('b', t('problems.input')), h('pre', s.input ?? s.in ?? '')),
          h('div', h('b', t('problems.output')), h('pre', s.output ?? s.answer ?? s.ans ?? '')),
        ),
      );
    }
  }
  const attachments = p.attachments ?? [];
  if (attachments.length) {
    parts.push(h('h3', t('problems.attachments')));
    for (const a of attachments) {
      parts.push(
        h(
          'p',
          h('a', { href: '#', onclick: (e) => downloadAttachment(e, a) }, a.filename ?? a.href),
        ),
      );
    }
  }
  if (currentProblem === id) view.replaceChildren(...parts);
}

// Khue serves the sample cases of a problem (an extension of the Contest API); other servers may not: none then.
const sampleCache = new Map();
export async function loadSamples(problemId) {
  if (!sampleCache.has(problemId)) {
    const cid = encodeURIComponent(model.contest.id);
    const list = await get(`contests/${cid}/problems/${encodeURIComponent(problemId)}/samples`).catch(() => null);
    if (!Array.isArray(list)) return [];
    sampleCache.set(problemId, list);
  }
  return sampleCache.get(problemId);
}

export async function downloadAttachment(event, file) {
  event.preventDefault();
  const response = await fetch(apiHref(file.href), { headers: auth.get() ? { Authorization: auth.get() } : {} });
  const url = URL.createObjectURL(await response.blob());
  h('a', { href: url, download: file.filename ?? 'attachment' }).click();
}

export async function reloadProblems() {
  const list = await get(`contests/${encodeURIComponent(model.contest.id)}/problems`).catch(() => null);
  if (!list) return;
  model.problems = [...list].sort(byOrdinal);
  fillForm();
  renderProblemTabs();
}
