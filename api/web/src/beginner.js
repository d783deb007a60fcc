// The team page's editor and statement renderer, bundled by build.mjs into dist/beginner.js.
//  - createEditor: a CodeMirror 6 editor with line numbers, highlighting for the seven judged languages and
//    keyboard-friendly defaults (Escape leaves the editor's Tab trap, so keyboard users can move on).
//  - renderStatement: Markdown with $math$ and $$display math$$ (markdown-it + KaTeX). Raw HTML in the statement is
//    shown as text (html: false) and links go through markdown-it's URL check (no javascript: links).
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { cpp } from '@codemirror/lang-cpp';
import { java } from '@codemirror/lang-java';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { rust } from '@codemirror/lang-rust';
import {
  bracketMatching, defaultHighlightStyle, indentOnInput, StreamLanguage, syntaxHighlighting,
} from '@codemirror/language';
import { pascal } from '@codemirror/legacy-modes/mode/pascal';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorSelection, EditorState } from '@codemirror/state';
import {
  drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers,
} from '@codemirror/view';
import markdownKatex from '@vscode/markdown-it-katex';
import MarkdownIt from 'markdown-it';

// Language ids as languages.yaml names them (and a few common aliases a server may use).
const LANGUAGE_SUPPORT = {
  c: () => cpp(),
  cpp: () => cpp(),
  'c++': () => cpp(),
  python: () => python(),
  python3: () => python(),
  java: () => java(),
  pascal: () => StreamLanguage.define(pascal),
  rust: () => rust(),
  javascript: () => javascript(),
  js: () => javascript(),
};

export function languageSupport(id) {
  const make = LANGUAGE_SUPPORT[String(id ?? '').toLowerCase()];
  return make ? make() : [];
}

export const highlightedLanguages = Object.keys(LANGUAGE_SUPPORT);

export function createEditor(parent, { doc = '', language = null, onChange = null, label = 'code' } = {}) {
  const lang = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightSelectionMatches(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
        lang.of(languageSupport(language)),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && onChange) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    getText: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setLanguage(id) {
      view.dispatch({ effects: lang.reconfigure(languageSupport(id)) });
    },
    // Puts the cursor at the start of a 1-based line (clamped) and scrolls it into view.
    gotoLine(line, column = 1) {
      const n = Math.min(Math.max(1, line | 0), view.state.doc.lines);
      const l = view.state.doc.line(n);
      const pos = Math.min(l.from + Math.max(0, (column | 0) - 1), l.to);
      view.dispatch({ selection: EditorSelection.cursor(pos), scrollIntoView: true });
      view.focus();
    },
    currentLine: () => view.state.doc.lineAt(view.state.selection.main.head).number,
    focus: () => view.focus(),
  };
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
// A CommonJS module with exports.default: under Node's rules (this package is "type": "module") the default
// import is the exports object.
const katexPlugin = markdownKatex.default ?? markdownKatex;
markdown.use(katexPlugin, { throwOnError: false, enableMathBlockInHtml: false, enableMathInlineInHtml: false });

// The statement's Markdown as HTML that is safe to insert: markdown-it escapes raw HTML, KaTeX builds its own.
export function renderStatement(source) {
  return markdown.render(String(source ?? ''));
}

export { compileErrors, firstDifference } from './compare.js';
export { isTemplate, templateFor, TEMPLATES } from './templates.js';
export { VERDICTS, verdictInfo } from './verdicts.js';
