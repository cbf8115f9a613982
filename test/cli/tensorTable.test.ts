import assert from 'node:assert/strict';
import { renderTensorTable } from '../../src/cli/tensorTable';
import { sampleInputs } from '../../src/present/tensorInspection';
import type { TensorInspectionResult, TensorNodeView } from '../../src/engine/tensor/tensorResult';
import {
  affineEngineInspection,
  affineInspection,
  reluSquareInspection,
} from '../present/tensorResults';

describe('tensor --table', () => {
  it('prints small tensors whole and the backward steps in matrix form with their products', () => {
    const text = renderTensorTable(reluSquareInspection().result, 6);
    assert.match(
      text,
      /^y = 10\n\nx {2}\(3,\)\n {2}value {2}\[ 1, −2, {2}3\]\n {2}∂y\/∂x {2}\[2, 0, 6\]\n\n/,
    );
    assert.match(
      text,
      /backward pass \(vector-Jacobian products in matrix form; L = y\)\n {2}0 {2}∂y\/∂y = 1 {4}\(\)\n/,
    );
    assert.match(
      text,
      / {2}3 {2}∂L\/∂x = ∂L\/∂y ⊙ 1\[x > 0\] {4}\(3,\) = \(3,\) ⊙ \(3,\)\n {7}= \[2, 0, 6\]\n/,
    );
  });

  it('summarises larger tensors by shape, min, max, mean, norm and first elements', () => {
    const inspection = affineInspection();
    const samples = sampleInputs(inspection.result, inspection.program.bindings);
    const text = renderTensorTable(inspection.result, 4, [], samples);
    const gradW = inspection.result.inputs[0]?.grad ?? new Float64Array();
    const norm = Number(Math.hypot(...gradW).toPrecision(4));
    assert.match(text, /\nW {2}\(8, 7\) {2}sample values\n/);
    assert.ok(
      text.includes(
        `  ∂loss/∂W  min −2.4, max 2.2, mean −0.1, norm ${norm}, first 1, 1, 1, 1, 1, 1, …\n`,
      ),
      text,
    );
    assert.match(text, /\nnot used by loss\nc {2}\(2,\)\n {2}value {2}\[ 5, −1\]\n/);
    assert.match(
      text,
      /broadcasting undone: Σ over axis 0: \(2, 7\) → \(7,\)\n {7}= min 2, max 2, mean 2/,
    );
    assert.match(text, /∂L\/∂W = Xᵀ · ∂L\/∂Y {4}\(8, 7\) = \(8, 2\) · \(2, 7\)/);
    assert.doesNotMatch(text, /\nnotes\n/);
  });

  it('says each note once: a node’s note the program’s notes say already is left out', () => {
    const inspection = affineInspection();
    const result = {
      ...inspection.result,
      nodes: inspection.result.nodes.map((node) =>
        node.id === 1 ? { ...node, note: 'sample values for np.random.randn(8, 7)' } : node,
      ),
    };
    const said = renderTensorTable(result, 4, ['W: sample values for np.random.randn(8, 7)']);
    assert.match(said, /\nnotes\n {2}W: sample values for np\.random\.randn\(8, 7\)\n$/);
    const unsaid = renderTensorTable(result, 4);
    assert.match(unsaid, /\nnotes\n {2}W: sample values for np\.random\.randn\(8, 7\)\n$/);
  });

  it('prints the sparse gradient check: index, analytic, numeric, relative error, verdict', () => {
    const result: TensorInspectionResult = {
      ...affineInspection().result,
      check: [
        {
          input: 'W',
          index: [0, 3],
          analytic: 1,
          numeric: 1.0000000001,
          relativeError: 5e-11,
          verdict: 'ok',
          step: 1e-5,
        },
        {
          input: 'b',
          index: [6],
          analytic: 2,
          numeric: 3,
          relativeError: 0.2,
          verdict: 'wrong',
          step: 1e-5,
        },
      ],
    };
    const text = renderTensorTable(result, 6);
    assert.ok(
      text.includes(
        [
          'gradient check (sparse, as CS231n: central differences at sampled elements)',
          'input  index   analytic  numeric  rel. error  verdict',
          'W      [0, 3]  1         1        5.0e-11     ok',
          'b      [6]     2         3        2.0e-1      wrong',
        ].join('\n'),
      ),
      text,
    );
  });

  it('says when the output depends on no input', () => {
    const base = reluSquareInspection().result;
    const result: TensorInspectionResult = {
      ...base,
      inputs: [],
      grads: {},
      steps: [],
      nodes: base.nodes.map(
        (node) =>
          Object.fromEntries(
            Object.entries(node).filter(([key]) => key !== 'grad'),
          ) as TensorNodeView,
      ),
    };
    const text = renderTensorTable(result, 6);
    assert.match(
      text,
      /\n\ny depends on no input\n\nbackward pass: none \(y depends on no input\)\n$/,
    );
  });
});

describe('tensor --table of the engine’s result', () => {
  it('prints W whole, the matmul VJP with its shapes, and a sparse check of every element', () => {
    const text = renderTensorTable(affineEngineInspection(true).result, 6);
    assert.match(text, /\nW {2}\(3, 5\)\n {2}value {5}\[\[ {8}1, {2}0\.540302,/);
    assert.match(
      text,
      /\n {2}\d {2}∂L\/∂W = Xᵀ · ∂L\/∂\(X @ W\) {4}\(3, 5\) = \(3, 4\) · \(4, 5\)\n/,
    );
    assert.match(text, /broadcasting undone: Σ over axis 0: \(4, 5\) → \(5,\)/);
    const checks = text.split('\n').filter((line) => /^[Wb] +\[/.test(line));
    assert.equal(checks.length, 15 + 5);
    assert.ok(
      checks.every((line) => / ok$/.test(line)),
      checks.join('\n'),
    );
  });
});
