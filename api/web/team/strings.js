// The team page's own strings (Vietnamese and English) for its beginner features; common.js holds the shared ones.
import { lang } from '../common.js';
import { $ } from './state.js';

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
export function tt(key, vars = {}) {
  const text = STRINGS[lang()][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}
export function applyPageI18n() {
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = tt(el.dataset.t);
  $('large-text').title = tt('text.large');
  $('large-text').setAttribute('aria-label', tt('text.large'));
}
