// The team page's code form: the editor, the drafts (one per problem, in this browser's localStorage), the
// language and file name, and a file chosen from the computer.
import { h } from '../common.js';
import { createEditor, isTemplate, templateFor } from '../dist/beginner.js';
import { tt } from './strings.js';
import { $, model } from './state.js';
import { runSamples } from './samples.js';

export let editor = null;
let editorProblem = null; // the problem whose draft the editor holds

// ---------------------------------------------------------------------------------------------------------------
// Submitting

export function fillForm() {
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

export function languageForFile(name) {
  const ext = name.includes('.') ? name.split('.').pop().toLowerCase() : '';
  return model.languages.find((l) => (l.extensions ?? []).map((e) => e.toLowerCase()).includes(ext)) ?? null;
}

export function problemForFile(name) {
  // "B.cpp" or "sum.py" names the problem by label or id, as many teams do.
  const base = name.replace(/\.[^.]*$/, '').toLowerCase();
  return model.problems.find((p) => String(p.label ?? '').toLowerCase() === base || p.id.toLowerCase() === base);
}

// A file chosen from the computer: its name guesses the language and the problem (as before), and its text
// goes into the editor.
export let fileLoading = null; // a chosen file being read into the editor: submitting waits for it
export function onFileChosen() {
  fileLoading = loadChosenFile().finally(() => {
    fileLoading = null;
  });
}

export async function loadChosenFile() {
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

export function currentLanguage() {
  return model.languages.find((l) => l.id === $('submit-language').value) ?? null;
}

export function draftKey(problemId) {
  return `khue.draft.${model.contest.id}.${model.account.team_id}.${problemId}`;
}

export function loadDraft(problemId) {
  try {
    return JSON.parse(localStorage.getItem(draftKey(problemId)) ?? 'null');
  } catch {
    return null;
  }
}

export function saveDraft() {
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
export function switchDraft() {
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
export function setupEditor() {
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

export function onLanguageChosen() {
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

export function resetTemplate() {
  const text = templateFor(currentLanguage()?.id);
  if (!isTemplate(editor.getText()) && !confirm(tt('code.templateConfirm'))) return;
  editor.setText(text);
  editor.focus();
}

export function setStatus(kind, text) {
  const status = $('submit-status');
  status.className = kind ?? '';
  status.textContent = text ?? '';
}

export function defaultFileName(language) {
  const ext = language?.extensions?.[0] ?? 'txt';
  return ext === 'java' || ext === 'kt' ? `Main.${ext}` : `main.${ext}`;
}

export function entryPoint(language, fileName) {
  if (!language?.entry_point_required) return undefined;
  // JVM languages name a class; the rest name the file to run.
  return /\.(java|kt)$/i.test(fileName) ? fileName.replace(/\.[^.]*$/, '') : fileName;
}
