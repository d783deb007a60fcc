// The team page: log in, read problems (Markdown with math, PDF inline), write code in the editor (a draft
// kept per problem), run it on the samples, submit, and watch verdicts arrive over the event feed, each verdict
// explained in plain words. The editor and the Markdown/math renderer come from dist/beginner.js, built from
// api/web/src at build time (no CDN).
import {
  api, ApiError, applyI18n, auth, byOrdinal, bytesToBase64, contestPhase, EventFeed, findContest, formatDuration,
  get, h, lang, makeZip, onLanguageChange, serverNow, setupLanguageToggle, showError, t, textColorOn,
} from './common.js';
import {
  compileErrors, createEditor, firstDifference, isTemplate, renderStatement, templateFor, VERDICTS, verdictInfo,
} from './dist/beginner.js';
import { detailsView, display, JudgingStore, submissionTime, verdictBadge } from './judging.js';
import { isPractice, renderMyContests } from './my_contests.js';

// The strings of this page's beginner features (common.js holds the shared ones).
const STRINGS = {
  vi: {
    'code.title': 'Viết mã và nộp bài',
    'code.hint': 'Ctrl+Enter: chạy thử với ví dụ. Trong trình soạn thảo, phím Tab thụt lề; nhấn Esc rồi Tab để rời khỏi trình soạn thảo.',
    'code.template': 'Mã mẫu',
    'code.templateConfirm': 'Thay mã hiện tại bằng mã mẫu của ngôn ngữ này?',
    'code.editor': 'Mã nguồn',
    'code.loaded': 'Đã mở tệp',
    'run.button': 'Chạy thử với ví dụ',
    'run.running': 'Đang chạy thử với ví dụ…',
    'run.queued': 'Đang chờ…',
    'run.notCounted': 'Chạy thử không tính là một lần nộp.',
    'run.wait': 'Hãy chờ {s} giây rồi thử lại.',
    'run.allOk': 'Đúng tất cả các ví dụ. Bạn có thể nộp bài.',
    'run.someWrong': 'Chưa đúng ở một số ví dụ.',
    'run.noSamples': 'Bài này không có ví dụ để chạy thử.',
    'run.input': 'Dữ liệu vào',
    'run.expected': 'Kết quả mong đợi',
    'run.yours': 'Kết quả của bạn',
    'run.stderr': 'Thông báo lỗi (stderr)',
    'run.firstDiff': 'Khác nhau đầu tiên: dòng {line}, cột {column}.',
    'run.missingLine': 'Thiếu dòng {line}.',
    'run.extraLine': 'Thừa dòng {line}.',
    'run.compileErrors': 'Lỗi biên dịch — bấm vào số dòng để đến dòng đó:',
    'run.line': 'dòng {line}',
    'run.failed': 'Không chạy thử được: {m}',
    'guide.title': 'Các kết quả chấm nghĩa là gì?',
    'guide.check': 'Nên kiểm tra:',
    'text.large': 'Chữ lớn',
  },
  en: {
    'code.title': 'Write code and submit',
    'code.hint': 'Ctrl+Enter: run on the samples. In the editor Tab indents; press Esc then Tab to leave the editor.',
    'code.template': 'Template',
    'code.templateConfirm': "Replace the code with this language's template?",
    'code.editor': 'Source code',
    'code.loaded': 'Opened the file',
    'run.button': 'Run on samples',
    'run.running': 'Running on the samples…',
    'run.queued': 'Waiting…',
    'run.notCounted': 'A run on the samples is not counted as a submission.',
    'run.wait': 'Wait {s} seconds and try again.',
    'run.allOk': 'Right on every sample. You can submit.',
    'run.someWrong': 'Not right on some samples yet.',
    'run.noSamples': 'This problem has no samples to run on.',
    'run.input': 'Input',
    'run.expected': 'Expected output',
    'run.yours': 'Your output',
    'run.stderr': 'Error output (stderr)',
    'run.firstDiff': 'First difference: line {line}, column {column}.',
    'run.missingLine': 'Line {line} is missing.',
    'run.extraLine': 'Line {line} is extra.',
    'run.compileErrors': 'Compile errors — click a line number to jump there:',
    'run.line': 'line {line}',
    'run.failed': 'Could not run on the samples: {m}',
    'guide.title': 'What do the verdicts mean?',
    'guide.check': 'What to check:',
    'text.large': 'Large text',
  },
};
function tt(key, vars = {}) {
  const text = STRINGS[lang()][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}
function applyPageI18n() {
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = tt(el.dataset.t);
  $('large-text').title = tt('text.large');
  $('large-text').setAttribute('aria-label', tt('text.large'));
}

const $ = (id) => document.getElementById(id);
const model = { contest: null, account: null, team: null, problems: [], languages: [], store: null };
const open = new Set(); // submission ids whose details are expanded
let currentProblem = null;
let feed = null;
let editor = null;
let editorProblem = null; // the problem whose draft the editor holds

// ---------------------------------------------------------------------------------------------------------------
// Login

async function tryAccount() {
  const account = await get(`contests/${encodeURIComponent(model.contest.id)}/account`);
  if (account.type !== 'team' || !account.team_id) throw new ApiError(403, 403, t('login.notTeam'));
  return account;
}

function showLogin(error) {
  $('login-form').hidden = false;
  $('team-main').hidden = true;
  $('logout').hidden = true;
  $('team-name').textContent = '';
  showError($('login-error'), error);
  $('login-user').focus();
}

async function login(event) {
  event.preventDefault();
  auth.set($('login-user').value.trim(), $('login-pass').value);
  try {
    model.account = await tryAccount();
  } catch (e) {
    // 403: the account plays in other contests of this server; it is offered their team pages.
    if (e.status === 403) await renderMyContests($('my-contests'), model.contest.id);
    else auth.clear();
    showLogin(e.status === 401 ? new Error(t('login.failed')) : e);
    return;
  }
  $('login-pass').value = '';
  await enter();
}

function logout() {
  auth.clear();
  feed?.stop();
  feed = null;
  location.reload();
}

// ---------------------------------------------------------------------------------------------------------------
// After login

async function enter() {
  const cid = encodeURIComponent(model.contest.id);
  renderMyContests($('my-contests'), model.contest.id);
  $('login-form').hidden = true;
  $('team-main').hidden = false;
  $('logout').hidden = false;
  const [team, problems, languages] = await Promise.all([
    get(`contests/${cid}/teams/${encodeURIComponent(model.account.team_id)}`).catch(() => null),
    get(`contests/${cid}/problems`).catch(() => []), // hidden before the start on some servers
    get(`contests/${cid}/languages`),
  ]);
  model.team = team;
  model.problems = [...problems].sort(byOrdinal);
  model.languages = languages;
  $('team-name').textContent = team?.display_name ?? team?.name ?? model.account.team_id;
  fillForm();
  setupEditor();
  renderProblemTabs();

  model.store = new JudgingStore(model.contest.id);
  await model.store.load(`?team_id=${encodeURIComponent(model.account.team_id)}`);
  model.store.onChange(() => renderSubmissions());
  renderSubmissions();

  feed = new EventFeed(model.contest.id, {
    types: ['contest', 'state', 'problems', 'submissions', 'judgements', 'runs'],
    onStatus: (live) => {
      $('live').dataset.state = live ? 'on' : 'off';
      $('live').textContent = live ? t('live.connected') : t('live.reconnecting');
    },
    onEvent: (event) => {
      if (event.type === 'contest' && event.data) {
        model.contest = { ...model.contest, ...event.data };
        return;
      }
      if (event.type === 'state') {
        if (event.data?.started && !model.started) reloadProblems();
        model.started = Boolean(event.data?.started);
        return;
      }
      if (event.type === 'problems') {
        reloadProblems();
        return;
      }
      // A public or shared feed may carry other teams' submissions; this page shows only ours.
      if (event.type === 'submissions' && event.data && event.data.team_id !== model.account.team_id) return;
      if (event.type === 'judgements' && event.data && !model.store.submissions.has(event.data.submission_id)) return;
      // Teams are shown the sample runs only; the secret ones stay with the jury even if a feed carries them.
      if (event.type === 'runs' && event.data?.test_name && !event.data.test_name.startsWith('sample/')) return;
      const sid = model.store.apply(event);
      if (sid !== null && sid !== undefined) model.store.changed(sid);
      // The feed carries no compiler messages; the judgement's own endpoint gives them to this team.
      if (event.type === 'judgements' && event.data?.judgement_type_id === 'CE') fetchCompileOutput(event.data.id);
    },
  }).start();
}

async function fetchCompileOutput(judgementId) {
  const cid = encodeURIComponent(model.contest.id);
  const j = await get(`contests/${cid}/judgements/${encodeURIComponent(judgementId)}`).catch(() => null);
  const known = model.store.judgements.get(judgementId);
  if (!j?.compile_output || !known) return;
  known.compile_output = j.compile_output;
  model.store.changed(known.submission_id);
}

// ---------------------------------------------------------------------------------------------------------------
// Submitting

function fillForm() {
  const problemSelect = $('submit-problem');
  const keepProblem = problemSelect.value;
  problemSelect.replaceChildren(
    ...model.problems.map((p) => h('option', { value: p.id }, `${p.label ?? p.id} — ${p.name ?? ''}`)),
  );
  if (keepProblem) problemSelect.value = keepProblem;
  const languageSelect = $('submit-language');
  const keepLanguage = languageSelect.value;
  languageSelect.replaceChildren(...model.languages.map((l) => h('option', { value: l.id }, l.name ?? l.id)));
  if (keepLanguage) languageSelect.value = keepLanguage;
}

function languageForFile(name) {
  const ext = name.includes('.') ? name.split('.').pop().toLowerCase() : '';
  return model.languages.find((l) => (l.extensions ?? []).map((e) => e.toLowerCase()).includes(ext)) ?? null;
}

function problemForFile(name) {
  // "B.cpp" or "sum.py" names the problem by label or id, as many teams do.
  const base = name.replace(/\.[^.]*$/, '').toLowerCase();
  return model.problems.find((p) => String(p.label ?? '').toLowerCase() === base || p.id.toLowerCase() === base);
}

// A file chosen from the computer: its name guesses the language and the problem (as before), and its text
// goes into the editor.
let fileLoading = null; // a chosen file being read into the editor: submitting waits for it
function onFileChosen() {
  fileLoading = loadChosenFile().finally(() => {
    fileLoading = null;
  });
}

async function loadChosenFile() {
  const file = $('submit-file').files[0];
  if (!file) return;
  $('submit-filename').value = file.name;
  const language = languageForFile(file.name);
  if (language) $('submit-language').value = language.id;
  const problem = problemForFile(file.name);
  if (problem && problem.id !== $('submit-problem').value) {
    $('submit-problem').value = problem.id;
    switchDraft();
  }
  editor.setLanguage(currentLanguage()?.id);
  if (file.size <= 512 * 1024) {
    editor.setText(await file.text());
    setStatus('ok', `${tt('code.loaded')}: ${file.name}`);
  }
  saveDraft();
}

// ---------------------------------------------------------------------------------------------------------------
// The editor and the drafts (one per problem, in this browser's localStorage)

function currentLanguage() {
  return model.languages.find((l) => l.id === $('submit-language').value) ?? null;
}

function draftKey(problemId) {
  return `khue.draft.${model.contest.id}.${model.account.team_id}.${problemId}`;
}

function loadDraft(problemId) {
  try {
    return JSON.parse(localStorage.getItem(draftKey(problemId)) ?? 'null');
  } catch {
    return null;
  }
}

function saveDraft() {
  if (!editor || !editorProblem) return;
  const code = editor.getText();
  const draft = { language: $('submit-language').value, filename: $('submit-filename').value, code };
  try {
    localStorage.setItem(draftKey(editorProblem), JSON.stringify(draft));
  } catch {
    // storage full or disabled: the code stays in the editor
  }
}

// The editor shows the chosen problem's draft, or the language's template when there is none.
function switchDraft() {
  if (editorProblem && editorProblem !== $('submit-problem').value) saveDraft();
  editorProblem = $('submit-problem').value;
  const draft = loadDraft(editorProblem);
  if (draft?.language && model.languages.some((l) => l.id === draft.language)) {
    $('submit-language').value = draft.language;
  }
  $('submit-filename').value = draft?.filename || defaultFileName(currentLanguage());
  editor.setLanguage(currentLanguage()?.id);
  editor.setText(draft?.code ?? templateFor(currentLanguage()?.id));
  $('run-results').replaceChildren();
}

let saveTimer = null;
function setupEditor() {
  if (editor) return;
  const saved = localStorage.getItem('khue.language.choice');
  if (saved && model.languages.some((l) => l.id === saved)) $('submit-language').value = saved;
  editor = createEditor($('editor'), {
    language: currentLanguage()?.id,
    label: tt('code.editor'),
    onChange: () => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveDraft, 300);
    },
  });
  editor.view.dom.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      runSamples();
    }
  });
  switchDraft();
}

function onLanguageChosen() {
  const language = currentLanguage();
  const name = $('submit-filename');
  if (!name.value || /^(main|Main)\.[^.]+$/.test(name.value)) {
    name.value = defaultFileName(language);
  } else if (language && languageForFile(name.value)?.id !== language.id) {
    // hello.cpp becomes hello.py when Python is chosen: the name's extension follows the language.
    const ext = language.extensions?.[0];
    if (ext) name.value = ext === 'java' ? 'Main.java' : `${name.value.replace(/\.[^.]*$/, '')}.${ext}`;
  }
  editor.setLanguage(language?.id);
  // An untouched template follows the language; real code stays.
  if (isTemplate(editor.getText())) editor.setText(templateFor(language?.id));
  localStorage.setItem('khue.language.choice', language?.id ?? '');
  saveDraft();
}

function resetTemplate() {
  const text = templateFor(currentLanguage()?.id);
  if (!isTemplate(editor.getText()) && !confirm(tt('code.templateConfirm'))) return;
  editor.setText(text);
  editor.focus();
}

function setStatus(kind, text) {
  const status = $('submit-status');
  status.className = kind ?? '';
  status.textContent = text ?? '';
}

function defaultFileName(language) {
  const ext = language?.extensions?.[0] ?? 'txt';
  return ext === 'java' || ext === 'kt' ? `Main.${ext}` : `main.${ext}`;
}

function entryPoint(language, fileName) {
  if (!language?.entry_point_required) return undefined;
  // JVM languages name a class; the rest name the file to run.
  return /\.(java|kt)$/i.test(fileName) ? fileName.replace(/\.[^.]*$/, '') : fileName;
}

async function submit(event) {
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
// Run on samples: POST /api/khue/test-runs, then read the run until it is done. Not a submission.

let running = false;
async function runSamples() {
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
function markedText(text, diff) {
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

function renderRun(result) {
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

// ---------------------------------------------------------------------------------------------------------------
// Verdicts: an icon and words, and what they usually mean

function iconBadge(judgement) {
  const badge = verdictBadge(judgement);
  const id = judgement?.judgement_type_id;
  const icon = VERDICTS[id]?.icon ?? (id ? '✗' : '…');
  badge.prepend(h('span.icon', { 'aria-hidden': 'true' }, icon));
  return badge;
}

function explanation(id) {
  const info = verdictInfo(id, lang());
  if (!info || id === 'AC') return null;
  return h(
    `div.explain.${id}`,
    { dataset: { verdict: id } },
    h('h4', h('span.icon', { 'aria-hidden': 'true' }, info.icon), ' ', info.name, ` (${id})`),
    h('p', info.means),
    info.check.length ? [h('p', h('b', tt('guide.check'))), h('ul', info.check.map((c) => h('li', c)))] : null,
  );
}

function renderVerdictGuide() {
  $('verdict-guide-list').replaceChildren(
    ...Object.keys(VERDICTS).map((id) => {
      const info = verdictInfo(id, lang());
      return h(
        `div.explain.${id}`,
        { dataset: { verdict: id } },
        h('h4', h('span.icon', { 'aria-hidden': 'true' }, info.icon), ' ', info.name, ` (${id})`),
        h('p', info.means),
        info.check.length ? h('ul', info.check.map((c) => h('li', c))) : null,
      );
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Own submissions

function problemLabel(id) {
  const p = model.problems.find((x) => x.id === id);
  return p ? p.label ?? p.id : id;
}

function renderSubmissions() {
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

async function toggle(id) {
  if (open.has(id)) {
    open.delete(id);
  } else {
    open.add(id);
    const judgement = model.store.currentJudgement(id);
    if (judgement) await model.store.loadRuns(judgement.id).catch(() => null);
  }
  renderSubmissions();
}

// ---------------------------------------------------------------------------------------------------------------
// Problems

function renderProblemTabs() {
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
function tabKeys(event) {
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

function apiHref(href) {
  return /^[a-z]+:|^\//i.test(href) ? href : `/api/${href}`;
}

// Statements may need credentials and an <iframe> cannot send them, so the file is fetched and shown from a blob.
// Markdown is rendered (markdown-it with KaTeX math; raw HTML in it stays text), PDF is shown inline in a frame.
async function statementFrame(file) {
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
async function loadImages(container, file) {
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

async function showProblem(id) {
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
async function loadSamples(problemId) {
  if (!sampleCache.has(problemId)) {
    const cid = encodeURIComponent(model.contest.id);
    const list = await get(`contests/${cid}/problems/${encodeURIComponent(problemId)}/samples`).catch(() => null);
    if (!Array.isArray(list)) return [];
    sampleCache.set(problemId, list);
  }
  return sampleCache.get(problemId);
}

async function downloadAttachment(event, file) {
  event.preventDefault();
  const response = await fetch(apiHref(file.href), { headers: auth.get() ? { Authorization: auth.get() } : {} });
  const url = URL.createObjectURL(await response.blob());
  h('a', { href: url, download: file.filename ?? 'attachment' }).click();
}

// ---------------------------------------------------------------------------------------------------------------

// Large-text mode: remembered in this browser.
function setupLargeText() {
  const button = $('large-text');
  const apply = (on) => {
    document.documentElement.classList.toggle('large-text', on);
    button.setAttribute('aria-pressed', String(on));
  };
  apply(localStorage.getItem('khue.largeText') === '1');
  button.addEventListener('click', () => {
    const on = !document.documentElement.classList.contains('large-text');
    localStorage.setItem('khue.largeText', on ? '1' : '0');
    apply(on);
  });
}

let lastPhase = null;

async function reloadProblems() {
  const list = await get(`contests/${encodeURIComponent(model.contest.id)}/problems`).catch(() => null);
  if (!list) return;
  model.problems = [...list].sort(byOrdinal);
  fillForm();
  renderProblemTabs();
}

function tickClock() {
  const p = contestPhase(model.contest, serverNow());
  // Problems are often published at the start: fetch them then, in case no event says so.
  if ((lastPhase === 'before' || lastPhase === 'unscheduled') && p.phase === 'running' && model.store) {
    setTimeout(reloadProblems, 1500);
  }
  lastPhase = p.phase;
  $('clock-label').textContent =
    p.phase === 'before' ? t('clock.before') : p.phase === 'running' ? t('clock.running') : p.phase === 'ended'
      ? t('clock.ended') : t('clock.notScheduled');
  $('clock-value').textContent = p.ms !== undefined ? formatDuration(p.ms) : '';
}

async function main() {
  setupLanguageToggle($('lang-toggle'));
  setupLargeText();
  applyPageI18n();
  renderVerdictGuide();
  onLanguageChange(() => {
    applyI18n();
    applyPageI18n();
    renderVerdictGuide();
    if (model.store) renderSubmissions();
    if (currentProblem) showProblem(currentProblem);
    tickClock();
  });
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('submit-form').addEventListener('submit', submit);
  $('submit-file').addEventListener('change', onFileChosen);
  $('submit-language').addEventListener('change', onLanguageChosen);
  $('submit-problem').addEventListener('change', () => {
    switchDraft();
    showProblem($('submit-problem').value);
  });
  $('submit-filename').addEventListener('change', () => {
    const language = languageForFile($('submit-filename').value);
    if (language && language.id !== $('submit-language').value) {
      $('submit-language').value = language.id;
      onLanguageChosen();
    }
    saveDraft();
  });
  $('run-samples').addEventListener('click', runSamples);
  $('reset-template').addEventListener('click', resetTemplate);
  document.addEventListener('keydown', (e) => {
    // Escape closes an open submission's details and the verdict guide.
    if (e.key === 'Escape' && !e.target.closest?.('.cm-editor')) {
      if ($('verdict-guide').open) $('verdict-guide').open = false;
      else if (open.size) {
        open.clear();
        renderSubmissions();
      }
    }
  });
  try {
    model.contest = await findContest();
  } catch (e) {
    showError($('error'), e);
    return;
  }
  $('contest-name').textContent = model.contest.formal_name ?? model.contest.name ?? model.contest.id;
  display.scores = model.contest.scoreboard_type === 'score';
  tickClock();
  setInterval(tickClock, 1000);
  if (!auth.get()) {
    showLogin(null);
    return;
  }
  try {
    model.account = await tryAccount();
  } catch (e) {
    auth.clear();
    showLogin(e.status === 401 ? null : e);
    return;
  }
  await enter();
}

main();
