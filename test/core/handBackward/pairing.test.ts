/** Which names are hand-written gradients, of what, by which convention. */
import assert from 'node:assert/strict';
import { guessOutput } from '../../../src/core/handBackward/pairing';
import { refusalOf, reportOf } from './backwardReport';
import { STAGED } from './backwardSources';

function pairings(report: Awaited<ReturnType<typeof reportOf>>): string[] {
  return report.comparisons.map(
    (one) =>
      `${one.pairing.gradient}:${one.pairing.of}:${one.pairing.output}:${one.pairing.convention}`,
  );
}

describe('pairing hand-written gradients with forward values', () => {
  it('reads x_grad, grad_x, x_derivative and derivative_f_wrt_x', async () => {
    const source = [
      'x = 3.0',
      'y = x * x',
      'f = y + 2 * x',
      'y_grad = 1.0',
      'grad_x = 2 * x * y_grad + 2',
      'x_derivative = 2 * x + 2',
      'derivative_y_wrt_x = 2 * x',
      '',
    ].join('\n');
    const report = await reportOf(source);
    assert.equal(report.output, 'f');
    assert.deepEqual(pairings(report), [
      'y_grad:y:f:named-grad',
      'grad_x:x:f:named-grad',
      'x_derivative:x:f:named-grad',
      'derivative_y_wrt_x:x:y:d-output-d-name',
    ]);
    assert.ok(report.comparisons.every((one) => one.verdict === 'correct'));
  });

  it('takes the output a seed df = 1.0 names, and dhidden for hidden_layer', async () => {
    const source = [
      'x = 2.0',
      'hidden_layer = x * x',
      'f = 3 * hidden_layer',
      'g = f + 1',
      'df = 1.0',
      'dhidden = 3 * df',
      'dx = 2 * x * dhidden',
      '',
    ].join('\n');
    assert.equal(guessOutput(source), 'f');
    const report = await reportOf(source);
    assert.equal(report.output, 'f');
    assert.deepEqual(pairings(report), [
      'df:f:f:d-name',
      'dhidden:hidden_layer:f:d-name',
      'dx:x:f:d-name',
    ]);
    assert.ok(report.comparisons.every((one) => one.verdict === 'correct'));
  });

  it('lets a grad-of comment pair a name no convention knows', async () => {
    const source = [
      'w = 1.5',
      'loss = w * w * w',
      'slope = 3 * w * w  # grad-of: slope w',
      '',
    ].join('\n');
    const report = await reportOf(source);
    assert.deepEqual(pairings(report), ['slope:w:loss:comment']);
    assert.equal(report.comparisons[0]?.verdict, 'correct');
  });

  it('says when a grad-of comment names nothing assigned', async () => {
    const source = ['w = 1.5', 'loss = w * w', 'dw = 2 * w  # grad-of: dv v', ''].join('\n');
    const report = await reportOf(source);
    assert.deepEqual(pairings(report), ['dw:w:loss:d-name']);
    assert.ok(report.notes.includes('grad-of: dv v is not used: v is not assigned before dv'));
  });

  it('compares with 0 a gradient of a value that does not reach the output, and says so', async () => {
    const source = ['a = 2.0', 'b = 3.0', 'f = a * a', 'df = 1.0', 'db = 0.5', ''].join('\n');
    const report = await reportOf(source);
    const db = report.comparisons.find((one) => one.pairing.gradient === 'db');
    assert.equal(db?.verdict, 'wrong');
    assert.equal(db?.worst?.engine, 0);
    assert.ok(report.notes.some((note) => note.startsWith('b does not reach f')));
  });

  it('reads JavaScript: declarations with commas, let dx then dx +=, a // grad-of: comment', async () => {
    const source = [
      'const x = -2, y = 5, z = -4;',
      'const q = x * y;',
      'const f = q + x;',
      'const df = 1.0;',
      'const dq = df;',
      'let dx = y * dq;',
      'dx += 1.0;',
      'const slope = x * dq; // grad-of: slope y',
      '',
    ].join('\n');
    const report = await reportOf(source, undefined, 'javascript');
    assert.equal(report.output, 'f');
    assert.deepEqual(pairings(report), [
      'df:f:f:d-name',
      'dq:q:f:d-name',
      'dx:x:f:d-name',
      'slope:y:f:comment',
    ]);
    assert.ok(report.comparisons.every((one) => one.verdict === 'correct'));
  });

  it('checks only the selected lines when there is a selection', async () => {
    const before = ['a = 2.0', 'b = a * a', 'db = 1.0', 'da = 2 * a * db', ''];
    const source = [...before, STAGED].join('\n');
    const lines = source.split('\n');
    const selection = {
      start: { line: before.length, column: 0 },
      end: { line: lines.length - 1, column: (lines[lines.length - 1] ?? '').length },
    };
    const report = await reportOf(source, undefined, 'python', selection);
    assert.equal(report.output, 'f');
    assert.equal(report.comparisons.length, 9);
    assert.ok(report.comparisons.every((one) => one.verdict === 'correct'));
  });

  it('compares with the forward value, not one an update after the backward pass assigns', async () => {
    const source = [
      'W = 2.0',
      'x = 3.0',
      'loss = W * W * x',
      'dW = 2 * W * x',
      'W += -0.1 * dW',
      '',
    ];
    const report = await reportOf(source.join('\n'));
    assert.equal(report.output, 'loss');
    assert.equal(report.comparisons[0]?.verdict, 'correct');
    assert.equal(report.comparisons[0]?.worst?.engine, 12);
    assert.ok(
      report.notes.includes(
        'line 5: W is assigned again after the backward pass began; the check compares with its value from line 1',
      ),
    );
  });

  it('refuses code with no hand-written gradient', async () => {
    const error = await refusalOf('x = 2.0\nf = x * x\n');
    assert.equal(error.kind, 'no-backward');
    assert.match(error.message, /grad-of: dW W/);
  });
});
