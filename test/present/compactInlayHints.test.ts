import assert from 'node:assert/strict';
import { cutLine, LINE_HINT_LENGTH } from '../../src/present/compactHints';
import { inlayHints } from '../../src/present/inlayHints';
import { tensorInlayHints } from '../../src/present/tensorInlayHints';
import { inspectionOf } from '../support/inspections';
import { affineInspection } from './tensorResults';

/**
 * CS231n's sigmoid neuron; gradients from PyTorch (float64): w0 −0.19661193, x0 0.39322387,
 * w1 −0.39322387, x1 −0.58983580, w2 0.19661193.
 */
const NEURON = [
  'w0 = 2.0',
  'x0 = -1.0',
  'w1 = -3.0',
  'x1 = -2.0',
  'w2 = -3.0',
  'd = w0 * x0 + w1 * x1 + w2',
  'f = 1 / (1 + math.exp(-d)) + 0 * w0',
  '',
].join('\n');

async function neuron() {
  return inspectionOf({ source: `import math\n${NEURON}`, language: 'python' });
}

describe('compact inlay hints', () => {
  it('gives each line one hint, inputs in order of first occurrence, 3 digits, U+2212 minus', async () => {
    const hints = inlayHints(await neuron(), { precision: 6, style: 'line' });
    assert.deepEqual(
      hints.map((hint) => [hint.position.line, hint.label, hint.atLineEnd]),
      [
        [6, '∇ w0 −0.197 · x0 0.393 · w1 −0.393 · …', true],
        [7, '∇ w0 −0.197', true],
      ],
    );
  });

  it('lists every input of a line with all its digits in the tooltip', async () => {
    const [line6] = inlayHints(await neuron(), { precision: 6, style: 'line' });
    assert.deepEqual(line6?.tooltip.split('\n'), [
      '∂f/∂w0 = −0.196612',
      '∂f/∂x0 = 0.393224',
      '∂f/∂w1 = −0.393224',
      '∂f/∂x1 = −0.589836',
      '∂f/∂w2 = 0.196612',
    ]);
  });

  it('puts a line hint after the last read of its line (the editor moves it to the end)', async () => {
    const inspection = await inspectionOf({
      source: 'f = x * y + x',
      language: 'python',
      values: { x: 1, y: 1 },
    });
    const hints = inlayHints(inspection, { precision: 6, style: 'line' });
    assert.deepEqual(
      hints.map((hint) => [hint.position.column, hint.label]),
      [[13, '∇ x 2 · y 1']],
    );
  });

  it('first: one hint after each input’s first occurrence, whatever lines are asked for', async () => {
    const inspection = await neuron();
    const hints = inlayHints(inspection, { precision: 6, style: 'first' });
    assert.deepEqual(
      hints.map((hint) => [hint.position.line, hint.position.column, hint.label, hint.tooltip]),
      [
        [6, 6, '∇ −0.197', '∂f/∂w0 = −0.196612'],
        [6, 11, '∇ 0.393', '∂f/∂x0 = 0.393224'],
        [6, 16, '∇ −0.393', '∂f/∂w1 = −0.393224'],
        [6, 21, '∇ −0.59', '∂f/∂x1 = −0.589836'],
        [6, 26, '∇ 0.197', '∂f/∂w2 = 0.196612'],
      ],
    );
    const line7 = inlayHints(inspection, {
      precision: 6,
      style: 'first',
      lines: { first: 7, last: 7 },
    });
    assert.deepEqual(line7, [], 'w0 on line 7 is not its first occurrence');
  });

  it('gives the line style only the lines asked for', async () => {
    const hints = inlayHints(await neuron(), {
      precision: 6,
      style: 'line',
      lines: { first: 7, last: 9 },
    });
    assert.deepEqual(
      hints.map((hint) => hint.label),
      ['∇ w0 −0.197'],
    );
  });

  it('keeps fewer digits when the precision setting asks for fewer', async () => {
    const hints = inlayHints(await neuron(), { precision: 2, style: 'line' });
    assert.equal(hints[1]?.label, '∇ w0 −0.2');
  });

  it('cuts a long line to whole items and …, never past its length', () => {
    const items = Array.from({ length: 20 }, (_, i) => `w${i} −0.197`);
    const label = cutLine(items);
    assert.ok(label.length <= LINE_HINT_LENGTH, label);
    assert.ok(label.endsWith(' · …'), label);
    assert.ok(label.startsWith('∇ w0 −0.197 · w1 −0.197'), label);
    assert.equal(cutLine(['a 1', 'b 2']), '∇ a 1 · b 2');
    assert.equal(
      cutLine([`${'x'.repeat(60)} 1`]),
      `∇ ${'x'.repeat(60)} 1`,
      'one item is never cut',
    );
  });

  it('code with arrays: one line hint with shapes and norms', () => {
    const inspection = affineInspection();
    const [hint, ...rest] = tensorInlayHints(inspection, { precision: 6, style: 'line' });
    assert.equal(rest.length, 0);
    const normW = Math.hypot(...(inspection.result.inputs[0]?.grad ?? []));
    assert.equal(hint?.position.line, 4);
    assert.equal(hint?.label, `∇ W (8, 7) ‖${Number(normW.toPrecision(3))}‖ · b (7,) ‖5.29‖`);
    assert.equal(hint?.tooltip.split('\n').length, 2);
  });

  it('code with arrays: first occurrences only', () => {
    const hints = tensorInlayHints(affineInspection(), { precision: 2, style: 'first' });
    assert.deepEqual(
      hints.map((hint) => hint.position.column),
      [13, 17],
    );
    assert.match(hints[0]?.label ?? '', /^∇ \(8, 7\) ‖[\d.]+‖$/);
    assert.equal(hints[1]?.label, '∇ (7,) ‖5.3‖');
  });
});
