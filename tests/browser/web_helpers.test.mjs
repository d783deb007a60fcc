// Unit tests (node --test) of the team page's pure helpers in api/web/src: the first difference of two outputs,
// the line numbers in compiler messages, the templates and the verdict explanations.
import assert from 'node:assert/strict';
import test from 'node:test';

import { compileErrors, firstDifference } from '../../api/web/src/compare.js';
import { isTemplate, templateFor } from '../../api/web/src/templates.js';
import { VERDICTS, verdictInfo } from '../../api/web/src/verdicts.js';

test('equal outputs, up to trailing spaces, spacing and final newlines, have no difference', () => {
  assert.equal(firstDifference('3\n', '3'), null);
  assert.equal(firstDifference('1 2\n3\n', '1   2  \n3\n\n\n'), null);
  assert.equal(firstDifference('a\r\nb\r\n', 'a\nb'), null);
});

test('the first differing line and column are found', () => {
  assert.deepEqual(firstDifference('1\n22\n3\n', '1\n25\n4\n'), { line: 2, column: 2, expected: '22', actual: '25' });
  assert.deepEqual(firstDifference('7\n', '-1\n'), { line: 1, column: 1, expected: '7', actual: '-1' });
});

test('a missing or an extra line is a difference on that line', () => {
  const missing = firstDifference('1\n2\n', '1\n');
  assert.equal(missing.line, 2);
  assert.equal(missing.actual, undefined);
  const extra = firstDifference('1\n', '1\n2\n');
  assert.equal(extra.line, 2);
  assert.equal(extra.expected, undefined);
});

test("line numbers are read from each compiler's messages", () => {
  const gcc = compileErrors("main.cpp: In function 'int main()':\nmain.cpp:3:14: error: expected ';' before 'printf'\n");
  assert.deepEqual(gcc, [{ line: 3, column: 14, text: "error: expected ';' before 'printf'" }]);
  const javac = compileErrors('Main.java:5: error: cannot find symbol\n        foo();\n');
  assert.equal(javac[0].line, 5);
  const fpc = compileErrors('main.pas(7,3) Error: Identifier not found "x"\n');
  assert.deepEqual(fpc[0], { line: 7, column: 3, text: 'Error: Identifier not found "x"' });
  const rust = compileErrors('error[E0425]: cannot find value `y` in this scope\n --> main.rs:4:20\n');
  assert.deepEqual(rust[0], { line: 4, column: 20, text: 'error[E0425]: cannot find value `y` in this scope' });
  const python = compileErrors('  File "main.py", line 2\n    print(\n         ^\nSyntaxError: never closed\n');
  assert.equal(python[0].line, 2);
  assert.deepEqual(compileErrors('collect2: ld returned 1 exit status\n'), []);
});

test('every judged language has a template, and templates are recognised as untouched', () => {
  for (const id of ['c', 'cpp', 'python3', 'java', 'pascal', 'rust', 'javascript']) {
    assert.ok(templateFor(id).length > 20, id);
    assert.ok(isTemplate(templateFor(id)), id);
  }
  assert.equal(templateFor('cobol'), '');
  assert.ok(isTemplate('   \n'));
  assert.ok(!isTemplate('print(1)\n'));
});

test('each verdict has its own icon and an explanation in Vietnamese and English', () => {
  const ids = ['AC', 'WA', 'TLE', 'RTE', 'MLE', 'OLE', 'CE', 'JE'];
  const icons = new Set();
  for (const id of ids) {
    for (const lang of ['vi', 'en']) {
      const info = verdictInfo(id, lang);
      assert.ok(info.name && info.means.length > 20, `${id} ${lang}`);
      if (id !== 'AC') assert.ok(info.check.length > 0, `${id} ${lang} says what to check`);
    }
    icons.add(VERDICTS[id].icon);
  }
  assert.equal(icons.size, ids.length);
  assert.notEqual(verdictInfo('WA', 'vi').means, verdictInfo('WA', 'en').means);
  assert.equal(verdictInfo('XX', 'en'), null);
});
