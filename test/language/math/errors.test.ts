import assert from 'node:assert/strict';
import type { FrontEndErrorKind } from '../../../src/language/frontEnd';
import { MAX_DEPTH } from '../../../src/language/math/mathError';
import { lowerError, textAt } from './helpers';

/** Asserts the kind, the text the range covers, and words the message must contain. */
function assertError(
  source: string,
  kind: FrontEndErrorKind,
  covers: string,
  ...words: string[]
): void {
  const error = lowerError(source);
  assert.equal(error.kind, kind, `${source}: ${error.message}`);
  assert.equal(textAt(source, error.range), covers, `${source}: range of ${error.message}`);
  for (const word of words) {
    assert.ok(error.message.includes(word), `${source}: "${error.message}" should mention ${word}`);
  }
}

describe('math front end: errors', () => {
  it('points at an unclosed bracket', () => {
    assertError('(x + y', 'syntax', '(', 'never closed', ')');
    assertError('f = max(x, (y + 1)', 'syntax', '(', 'never closed');
    assertError('\\frac{a}{b', 'syntax', '{', 'never closed', '}');
  });

  it('points at a closing bracket with no opener, or the wrong one', () => {
    assertError('x + y)', 'syntax', ')', 'no opening');
    assertError('(x + y]', 'syntax', ']', 'does not match', 'line 1, column 1');
  });

  it('points at an unexpected token and says what was expected', () => {
    assertError('x * * y', 'syntax', '*', 'unexpected');
    assertError('2 3', 'syntax', '3', 'operator');
    assertError('x + y = z', 'syntax', '=', 'assigned');
    assertError('x, y', 'syntax', ',', 'arguments');
    assertError('x @ y', 'syntax', '@', 'U+0040');
    assertError('()', 'syntax', '()', 'empty');
    assertError('|x', 'syntax', '|', 'never closed');
    assertError('x_', 'syntax', '_', 'subscript');
    assertError('sin = 3', 'syntax', 'sin', 'function name');
    assertError('f(x, x) = x', 'syntax', 'x', 'twice');
  });

  it('points at the last token when the formula ends too early', () => {
    assertError('x +', 'syntax', '+', 'ends after');
    assertError('f = ', 'syntax', '=', 'ends after');
    assertError('\\frac{1}', 'syntax', '\\frac', '\\frac{a}{b}');
    assertError('sin', 'syntax', 'sin', 'argument', 'sin(x)');
  });

  it('reports empty input as a syntax error over the whole selection', () => {
    assertError('', 'syntax', '', 'nothing to inspect');
    assertError('  # at: x=1\n', 'syntax', '  # at: x=1\n', 'nothing to inspect');
  });

  it('names unknown functions and lists the supported ones', () => {
    assertError('cot(x) + 1', 'unknown-function', 'cot', '`cot`', 'Supported', 'sigmoid');
    assertError('\\cot x', 'unknown-function', '\\cot', 'Supported');
    assertError('g(x, y)', 'unknown-function', 'g');
    assertError('\\operatorname{foo}(x)', 'unknown-function', '\\operatorname{foo}');
  });

  it('checks the number of arguments', () => {
    assertError('atan2(x)', 'syntax', 'atan2(x)', 'takes 2 arguments', '1 is given');
    assertError('1 + sin(x, y)', 'syntax', 'sin(x, y)', 'takes 1 argument,');
    assertError('max()', 'syntax', 'max()', 'takes at least 1 argument,', '0 are given');
    assertError('clamp(x, 0)', 'syntax', 'clamp(x, 0)', 'takes 3 arguments');
    assertError('max x', 'syntax', 'max', 'max(a, b)');
  });

  it('refuses constructs it does not support', () => {
    assertError('\\partial x', 'unsupported', '\\partial', 'LaTeX command');
    assertError('\\sin^{-1} x', 'unsupported', '\\sin^{-1}', 'arcsin');
    assertError('f(x) = x^2\ny = f(3)', 'unsupported', 'f(', 'calling');
    assertError('x = 1\nf(x) = x', 'unsupported', 'x', 'already assigned');
  });

  it('refuses nesting beyond the limit at the bracket that goes too deep', () => {
    const source = `${'('.repeat(MAX_DEPTH + 1)}x${')'.repeat(MAX_DEPTH + 1)}`;
    const error = lowerError(source);
    assert.equal(error.kind, 'too-deep');
    assert.deepEqual(error.range, {
      start: { line: 0, column: MAX_DEPTH },
      end: { line: 0, column: MAX_DEPTH + 1 },
    });
    assert.match(error.message, new RegExp(`${MAX_DEPTH} levels`));
    const sines = `${'sin('.repeat(MAX_DEPTH + 1)}x${')'.repeat(MAX_DEPTH + 1)}`;
    assert.equal(lowerError(sines).range.start.column, 4 * MAX_DEPTH + 3);
    assert.equal(lowerError(`${'√'.repeat(5000)}x`).kind, 'too-deep');
  });

  it('refuses input over a million characters', () => {
    const source = 'x + '.repeat(250_001) + 'x';
    const error = lowerError(source);
    assert.equal(error.kind, 'too-large');
    assert.match(error.message, /1000000/);
  });

  it('reports an output name that is not in the formula', () => {
    const source = 'q = x + y\nf = q z';
    const error = lowerError(source, { output: 'r' });
    assert.equal(error.kind, 'no-output');
    assert.equal(textAt(source, error.range), source);
    assert.match(error.message, /`r`.*q, f/);
  });
});
