import assert from 'node:assert/strict';
import { codeLensCandidates, codeLensLines } from '../../src/language/codeLens';

describe('CodeLens targets', () => {
  it('marks Python function definitions and top-level assignments, not comparisons or bodies', () => {
    const source = [
      'import math',
      'lr = 1e-3',
      'def loss(w, x: float = 2.0) -> float:',
      '    y = w * x',
      '    return y ** 2',
      'if lr == 1:',
      'total += loss(lr)',
      '# f = x',
    ].join('\n');
    assert.deepEqual(codeLensLines(source, 'python'), [2, 6]);
  });

  it('marks JavaScript functions, declarations and assignments, not arrows or comparisons', () => {
    const source = [
      'export function relu(x) {',
      '  return Math.max(x, 0);',
      '}',
      'const f = (x + y) * z;',
      'let g;',
      'g = f => f * 2;',
      'x === 3;',
      'async function* gen<T>(a: T) {}',
    ].join('\n');
    assert.deepEqual(codeLensLines(source, 'javascript'), [0, 3, 4, 5, 7]);
  });

  it('skips assignments of plain numbers: they give inputs their values', () => {
    const python = 'x = -2\nlr: float = 1e-3  # step\nn = 2 * k\nf = (x + y) * z';
    assert.deepEqual(codeLensLines(python, 'python'), [2, 3]);
    const script = 'const x = -2;\nlet big = 1_000_000;\nconst f = (x + y) * z;';
    assert.deepEqual(codeLensLines(script, 'javascript'), [2]);
  });

  it('marks formulas with a left-hand side in math notation', () => {
    assert.deepEqual(codeLensLines('# notes\nf(x, y) = x y\nq = 2x\n(x + y)z', 'math'), [1, 2]);
  });

  it('places each candidate at its statement, in the coordinates of the source read', () => {
    const cell = 'f = 2 * x\nif x:\n  \tdef g(w):\n        return w';
    assert.deepEqual(codeLensCandidates(cell, 'python'), [
      { line: 0, column: 0 },
      { line: 2, column: 3 },
    ]);
    // A notebook cell after three lines of earlier cells.
    assert.deepEqual(codeLensCandidates(cell, 'python', 3), [
      { line: 3, column: 0 },
      { line: 5, column: 3 },
    ]);
  });
});
