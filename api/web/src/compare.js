// Helpers of the samples runner: where a program's output first differs from the expected one, and the line
// numbers in compiler messages (gcc/clang, javac, fpc, rustc, Python, Node).

// The first difference of two texts, line by line, ignoring trailing spaces and trailing empty lines (as the
// default output validator ignores whitespace amounts). null when they agree; else {line, column} (1-based).
export function firstDifference(expected, actual) {
  const clean = (text) => {
    const lines = String(text ?? '').replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[ \t]+$/, ''));
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines;
  };
  const want = clean(expected);
  const got = clean(actual);
  const n = Math.max(want.length, got.length);
  for (let i = 0; i < n; i++) {
    const a = want[i];
    const b = got[i];
    if (a === b) continue;
    if (a !== undefined && b !== undefined && a.trim().split(/\s+/).join(' ') === b.trim().split(/\s+/).join(' ')) {
      continue; // only spacing differs: the default validator accepts that
    }
    let col = 0;
    const x = a ?? '';
    const y = b ?? '';
    while (col < x.length && col < y.length && x[col] === y[col]) col++;
    return { line: i + 1, column: col + 1, expected: a, actual: b };
  }
  return null;
}

// Compiler messages that name a line of the submitted file: [{line, column, text}], in order, at most 200.
export function compileErrors(output) {
  const patterns = [
    /^[^\s:]+\.(?:c|cc|cpp|cxx|h|hpp|java|rs|js|py|pas|pp|kt):(\d+)(?::(\d+))?:?\s*(.*)$/, // gcc, clang, javac, node
    /^[^\s(]+\.(?:pas|pp|p|inc)\((\d+),(\d+)\)\s*(.*)$/i, // fpc: main.pas(5,10) Error: ...
    /^\s*-->\s*[^\s:]+:(\d+):(\d+)()$/, // rustc: --> main.rs:5:10 (the message is on the line before)
    /^\s*File "[^"]*", line (\d+)()(.*)$/, // Python
  ];
  const out = [];
  const lines = String(output ?? '').split('\n');
  for (let i = 0; i < lines.length && out.length < 200; i++) {
    const text = lines[i].slice(0, 500);
    for (const re of patterns) {
      const m = re.exec(text);
      if (!m) continue;
      let message = m[3] ?? '';
      if (!message && i > 0) message = lines[i - 1].trim(); // rustc: "error[E0425]: ..." precedes the arrow
      if (!message && i + 1 < lines.length) message = lines[i + 1].trim();
      out.push({ line: +m[1], column: m[2] ? +m[2] : 1, text: message.slice(0, 300) });
      break;
    }
  }
  return out;
}
