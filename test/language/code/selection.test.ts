import assert from 'node:assert/strict';
import type { SourceRange } from '../../../src/engine/ir';
import {
  cursorAfter,
  javascript,
  lowerError,
  lowerOk,
  python,
  rangeOf,
  shape,
  textAt,
} from './codeHelpers';

const PYTHON = [
  'import math',
  '',
  'x = -2',
  'q = x + y',
  'f = q * z',
  '',
  'def g(a, b=2):',
  '    c = a * b',
  '    return c + math.exp(a)',
  '',
].join('\n');

function at(line: number, column: number): SourceRange {
  return { start: { line, column }, end: { line, column } };
}

describe('selections in code', () => {
  it('takes the statement at the cursor for an empty selection', async () => {
    const program = await lowerOk(python, PYTHON, { selection: cursorAfter(PYTHON, 'q = x') });
    assert.equal(shape(program.graph), '(add x y)');
    assert.equal(textAt(PYTHON, program.range), 'q = x + y');
    assert.equal(program.bindings.x?.value, -2);
  });

  it('takes the statement on the line when the cursor is in its indentation or after its end', async () => {
    const inIndent = await lowerOk(python, PYTHON, { selection: at(7, 1) });
    assert.equal(textAt(PYTHON, inIndent.range), 'c = a * b');
    const afterEnd = await lowerOk(python, PYTHON, { selection: at(4, 40) });
    assert.equal(textAt(PYTHON, afterEnd.range), 'f = q * z');
  });

  it('takes the whole function when the cursor is on its header', async () => {
    const program = await lowerOk(python, PYTHON, { selection: cursorAfter(PYTHON, 'def g(') });
    assert.equal(program.outputName, 'g');
    assert.equal(shape(program.graph), '(add (mul a b) (exp a))');
    assert.equal(program.bindings.b?.source, 'default');
  });

  it('names a return at the cursor after its function', async () => {
    const program = await lowerOk(python, PYTHON, { selection: cursorAfter(PYTHON, 'return c') });
    assert.equal(program.outputName, 'g');
    assert.deepEqual(program.unbound, ['c', 'a']);
  });

  it('widens a selection that cuts a token or a statement in half', async () => {
    const cutToken = await lowerOk(python, PYTHON, {
      selection: { start: { line: 3, column: 5 }, end: { line: 4, column: 6 } },
    });
    assert.equal(textAt(PYTHON, cutToken.range), 'q = x + y\nf = q * z');
    const source = 'f = value_one * value_two';
    const half = await lowerOk(python, source, {
      selection: { start: { line: 0, column: 7 }, end: { line: 0, column: 18 } },
    });
    assert.equal(textAt(source, half.range), 'value_one * value_two');
  });

  it('widens to the enclosing parentheses when only brackets are left out', async () => {
    const source = 'f = (x + y) * z';
    const program = await lowerOk(python, source, { selection: rangeOf(source, 'x + y)') });
    assert.equal(textAt(source, program.range), '(x + y)');
  });

  it('takes a whole expression inside a statement', async () => {
    const source = 'f = (x + y) * z';
    const program = await lowerOk(python, source, { selection: rangeOf(source, 'x + y') });
    assert.equal(shape(program.graph), '(add x y)');
    assert.equal(program.outputName, 'f');
  });

  it('takes the assignment when its target name is selected', async () => {
    const source = 'total = (x + y) * z';
    const program = await lowerOk(python, source, { selection: rangeOf(source, 'total') });
    assert.equal(textAt(source, program.range), source);
    assert.equal(program.outputName, 'total');
  });

  it('rejects a selection that is no whole expression, rather than read something else', async () => {
    const source = 'f = a + b + c';
    const error = await lowerError(python, source, { selection: rangeOf(source, 'b + c') });
    assert.equal(error.kind, 'selection');
    assert.equal(textAt(source, error.range), 'b + c');
    assert.match(error.message, /not a whole expression: it is part of `a \+ b \+ c`/);
  });

  it('rejects a blank line, a comment, and a selection outside the document', async () => {
    const blank = await lowerError(python, PYTHON, { selection: at(1, 0) });
    assert.equal(blank.kind, 'selection');
    assert.match(blank.message, /line 2 is blank/);
    const comment = await lowerError(python, 'x = 1\n# just a note\n', { selection: at(1, 3) });
    assert.equal(comment.kind, 'selection');
    assert.match(comment.message, /no statement at line 2/);
    const outside = await lowerError(python, 'x = 1', { selection: at(9, 0) });
    assert.equal(outside.kind, 'selection');
    const onlyComment = await lowerError(python, 'x = 1\n# note\ny = 2', {
      selection: rangeOf('x = 1\n# note\ny = 2', '# note'),
    });
    assert.equal(onlyComment.kind, 'selection');
  });

  it('reads a statement inside a block with the values above it', async () => {
    const source = 'k = 2\nif k > 1:\n    m = 3 * k\n    f = m * x\n';
    const program = await lowerOk(python, source, { selection: cursorAfter(source, 'f = m') });
    assert.equal(shape(program.graph), '(mul m x)');
    assert.equal(program.bindings.m?.value, 6);
    assert.deepEqual(program.unbound, ['x']);
  });

  it('takes a multi-line statement at the cursor as a whole', async () => {
    const source = 'f = (x\n     + y) * (\n    z - 1)\n';
    const program = await lowerOk(python, source, { selection: at(1, 7) });
    assert.equal(shape(program.graph), '(mul (add x y) (sub z 1))');
  });

  it('keeps ranges right after non-ASCII text (UTF-16 columns)', async () => {
    const source = '# café ☕ 😀 naïve\ns = "日本語"  # ü\nf = (x + y) * z  # 😀\n';
    const program = await lowerOk(python, source, {
      selection: rangeOf(source, 'f = (x + y) * z'),
    });
    assert.deepEqual(program.range, {
      start: { line: 2, column: 0 },
      end: { line: 2, column: 15 },
    });
    const z = program.references.find((reference) => reference.name === 'z');
    assert.deepEqual(z?.range, { start: { line: 2, column: 14 }, end: { line: 2, column: 15 } });
    const error = await lowerError(python, 'π = 3\nf = "ü" + x');
    assert.equal(error.kind, 'unsupported');
    assert.deepEqual(error.range, { start: { line: 1, column: 4 }, end: { line: 1, column: 7 } });
    const js = 'const s = "😀😀"; const f = (x + y) * z;';
    const inJs = await lowerOk(javascript, js, { selection: rangeOf(js, 'const f') });
    assert.equal(textAt(js, inJs.range), 'const f = (x + y) * z;');
  });

  it('counts a lone \\r and \\r\\n as line ends, as VS Code does', async () => {
    const source = 'const x = 1;\r\nconst y = 2;\rconst f = x * y;';
    const program = await lowerOk(javascript, source, { selection: at(2, 3) });
    assert.deepEqual(program.range, {
      start: { line: 2, column: 0 },
      end: { line: 2, column: 16 },
    });
    assert.equal(program.bindings.y?.value, 2);
  });
});
