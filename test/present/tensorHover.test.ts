import assert from 'node:assert/strict';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import { formatNumber } from '../../src/engine/format';
import type { Reference } from '../../src/language/frontEnd';
import { tensorHoverMarkdown } from '../../src/present/tensorHover';
import type { TensorDocumentInspection } from '../../src/present/tensorInspection';
import { ISSUE_SOFTMAX } from '../support/issueSoftmax';
import { runPython } from '../support/tensorOpChecks';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';
import {
  affineEngineInspection,
  affineInspection,
  range,
  reluSquareInspection,
} from './tensorResults';

const OPTIONS = { precision: 6 };

function hover(inspection: TensorDocumentInspection, name: string, role = 'read'): string {
  const reference = inspection.program.references.find(
    (entry) => entry.name === name && entry.role === role,
  );
  assert.ok(reference !== undefined, `a reference to ${name}`);
  const text = tensorHoverMarkdown(inspection, reference, OPTIONS);
  assert.ok(text !== undefined);
  return text;
}

describe('tensor hover', () => {
  it('shows x of the torch snippet: shape, value and ∂y/∂x = [2, 0, 6] as tables, the VJP step', () => {
    const text = hover(reluSquareInspection(), 'x');
    const blocks = text.split('\n\n');
    assert.equal(blocks[0], '**∂y/∂x**: shape \\(3,\\)');
    assert.equal(
      blocks[1],
      `‖∂y/∂x‖ = ${Number(Math.sqrt(40).toPrecision(6))}, max \\|∂y/∂x\\| = 6`,
    );
    assert.match(
      text,
      /\*Value\* x, shape \\\(3,\\\):\n\n\| 0 \| 1 \| 2 \|\n\| --: \| --: \| --: \|\n\| 1 \| −2 \| 3 \|/,
    );
    assert.match(
      text,
      /\*Gradient\* ∂y\/∂x:\n\n\| 0 \| 1 \| 2 \|\n\| --: \| --: \| --: \|\n\| 2 \| 0 \| 6 \|/,
    );
    assert.match(
      text,
      /∂L\/∂x = ∂L\/∂y ⊙ 1\\\[x \\> 0\\\] {4}\\\(3,\\\) = \\\(3,\\\) ⊙ \\\(3,\\\)/,
    );
    assert.doesNotMatch(text, /[Ss]ample/);
  });

  it('shows the output as its number with the norm of each input’s gradient', () => {
    const text = hover(reluSquareInspection(), 'y', 'write');
    assert.match(text, /^\*\*y = 10\*\*\n\n‖∂y\/∂x‖ = 6\.32456$/);
  });

  it('gives W’s gradient with the matmul VJP and its shapes, cut at 6 × 6, and says the values are samples', () => {
    const text = hover(affineInspection(), 'W');
    assert.match(
      text,
      /^\*\*∂loss\/∂W\*\*: shape \\\(8, 7\\\)\n\n‖∂loss\/∂W‖ = [\d.]+, max \\\|∂loss\/∂W\\\| = 2\.4\n\n/,
    );
    assert.match(text, /\*Sample values:\* W holds reproducible sample values/);
    assert.match(text, /∂L\/∂W = Xᵀ · ∂L\/∂Y {4}\\\(8, 7\\\) = \\\(8, 2\\\) · \\\(2, 7\\\)/);
    assert.match(text, /L = loss/);
    const gradientTable = text.split('*Gradient* ∂loss/∂W:\n\n')[1]?.split('\n\n')[0] ?? '';
    const rows = gradientTable.split('\n');
    assert.equal(rows.length, 2 + 6 + 1, 'header, rule, 6 rows and the … row');
    assert.equal(rows[0], '|  | 0 | 1 | 2 | 3 | 4 | 5 | … |');
    assert.equal(rows[2], '| 0 | 1 | 1 | 1 | 1 | 1 | 1 | … |');
    assert.equal(rows[3], '| 1 | −1.2 | −1.2 | −1.2 | −1.2 | −1.2 | −1.2 | … |');
    assert.equal(rows[8], '| … | … | … | … | … | … | … | … |');
  });

  it('shows the reduction that undoes broadcasting for b', () => {
    const text = hover(affineInspection(), 'b');
    assert.match(text, /broadcasting undone\\: Σ over axis 0\\: \\\(2, 7\\\) → \\\(7,\\\)/);
    assert.match(text, /\| 2 \| 2 \| 2 \| 2 \| 2 \| 2 \| … \|/);
  });

  it('says an unused input is not used, with its value and no gradient', () => {
    const text = hover(affineInspection(), 'c');
    assert.match(
      text,
      /^\*\*c is not used by loss\*\*\n\nloss does not depend on it\\: it has no gradient/,
    );
    assert.match(text, /\| 5 \| −1 \|/);
    assert.doesNotMatch(text, /∂loss\/∂c/);
  });

  it('says a constant array has no gradient', () => {
    const text = hover(affineInspection(), 'X');
    assert.match(text, /^X depends on no input\\: it has no gradient/);
  });

  it('shows a one-element node as a number, not a table', () => {
    const inspection = affineInspection();
    const loss = inspection.result.nodes[5];
    assert.ok(loss !== undefined);
    const reference: Reference = { name: '(X @ W)', range: range(4, 8, 13), node: 2, role: 'read' };
    const scalar: TensorDocumentInspection = {
      ...inspection,
      result: {
        ...inspection.result,
        nodes: inspection.result.nodes.map((node) =>
          node.id === 2
            ? { ...node, shape: [1, 1], value: Float64Array.of(0.5), grad: Float64Array.of(-3) }
            : node,
        ),
      },
    };
    const text = tensorHoverMarkdown(scalar, reference, OPTIONS) ?? '';
    assert.match(
      text,
      /^\*\*∂loss\/∂\\\(X @ W\\\) = −3\*\* \\\(shape \\\(1, 1\\\)\\\)\n\n\\\(X @ W\\\) = 0\.5/,
    );
    assert.doesNotMatch(text, /\| --: \|/);
  });

  it('escapes every name and note from the document', () => {
    const inspection = affineInspection(['see [here](command:evil)']);
    const evil = '[x](command:evil) <img src=x>';
    const renamed: TensorDocumentInspection = {
      ...inspection,
      result: {
        ...inspection.result,
        nodes: inspection.result.nodes.map((node) =>
          node.id === 0 ? { ...node, label: evil, name: evil } : node,
        ),
      },
    };
    const text = hover(renamed, 'X');
    assert.doesNotMatch(text, /\[x\]\(command/);
    assert.doesNotMatch(text, /(?<!\\)<img/);
    assert.doesNotMatch(text, /\[here\]\(command/);
    assert.match(text, /\\\[x\\\]\\\(command\\:evil\\\) \\<img src=x\\>/);
  });

  it('adds the link to the graph when the panel can show the node', () => {
    const inspection = reluSquareInspection();
    const reference = inspection.program.references[1];
    assert.ok(reference !== undefined);
    const text = tensorHoverMarkdown(inspection, reference, {
      precision: 3,
      showNodeCommand: (node) => `command:gradientLens.showNode?${node}`,
    });
    assert.match(text ?? '', /\n\n\[Show in graph\]\(command:gradientLens\.showNode\?0\)$/);
    assert.match(text ?? '', /‖∂y\/∂x‖ = 6\.32,/);
  });
});

describe('tensor hover on the engine’s result', () => {
  it('shows the matmul VJP that produced ∂loss/∂W with its shapes, and the gradient table', () => {
    const inspection = affineEngineInspection();
    const text = hover(inspection, 'W');
    assert.match(
      text,
      /∂L\/∂W = Xᵀ · ∂L\/∂\\\(X @ W\\\) {4}\\\(3, 5\\\) = \\\(3, 4\\\) · \\\(4, 5\\\)/,
    );
    const gradW = inspection.result.inputs.find((input) => input.name === 'W')?.grad;
    assert.ok(gradW !== undefined);
    const first = Number(gradW[0]?.toPrecision(6)).toString();
    assert.ok(
      text.includes(
        `*Gradient* ∂loss/∂W:\n\n|  | 0 | 1 | 2 | 3 | 4 |\n| --: | --: | --: | --: | --: | --: |\n| 0 | ${first} |`,
      ),
      text,
    );
  });

  it('shows an intermediate array with its gradient and the VJPs into it', () => {
    const text = hover(affineEngineInspection(), 'scores');
    assert.match(text, /^\*\*∂loss\/∂scores\*\*: shape \\\(4, 5\\\)/);
    assert.match(
      text,
      /∂L\/∂scores = ∂L\/∂\\\(scores\^2\\\) ⊙ 2·scores\^\\\(2 − 1\\\) {4}\\\(4, 5\\\) = \\\(4, 5\\\) ⊙ \\\(4, 5\\\)/,
    );
  });
});

describe('tensor hover on the issue’s NumPy softmax snippet, read by the front end', () => {
  const NUMPY = [
    'import json, numpy as np',
    'np.random.seed(0)',
    'X = np.random.randn(4, 3)',
    'y = np.array([0, 2, 1, 2])',
    'W = 0.01 * np.random.randn(3, 5)',
    'scores = X @ W',
    'p = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)',
    'dscores = p.copy(); dscores[np.arange(4), y] -= 1; dscores /= 4',
    'print(json.dumps((X.T @ dscores).tolist()))',
  ].join('\n');

  it('shows W’s shape (3, 5) and ∂loss/∂W as NumPy computes it', async function () {
    this.timeout(60_000);
    const outcome = await inspectSource(createFrontEnds(wasmFromNodeModules), {
      source: ISSUE_SOFTMAX,
      language: 'python',
    });
    assert.ok(
      outcome.ok && outcome.kind === 'tensor',
      JSON.stringify(outcome.ok ? '' : outcome.error),
    );
    const inspection = { result: outcome.result, program: outcome.program };
    const text = hover(inspection, 'W');
    const expected = runPython<number[][]>(NUMPY);
    assert.match(text, /^\*\*∂loss\/∂W\*\*: shape \\\(3, 5\\\)\n/);
    const table = text.split('*Gradient* ∂loss/∂W:\n\n')[1]?.split('\n\n')[0] ?? '';
    const rows = table.split('\n').slice(2);
    assert.equal(rows.length, 3, table);
    rows.forEach((row, i) => {
      const cells = row
        .split(' | ')
        .slice(1)
        .map((cell) => cell.replace(/ \|$/, ''));
      const numpy = (expected[i] ?? []).map((value) => formatNumber(value, { precision: 6 }));
      assert.deepEqual(cells, numpy, `row ${i}`);
    });
    assert.match(
      text,
      /∂L\/∂W = Xᵀ · ∂L\/∂\\\(X @ W\\\) {4}\\\(3, 5\\\) = \\\(3, 4\\\) · \\\(4, 5\\\)/,
    );
    assert.doesNotMatch(text, /Sample values/);
  });
});

describe('tensor hover: sample values the front end drew', () => {
  it('says sample values when the binding is samples, though the engine’s views do not say so', () => {
    const inspection = reluSquareInspection();
    const sampled: TensorDocumentInspection = {
      ...inspection,
      program: {
        ...inspection.program,
        bindings: {
          x: {
            value: { shape: [3], data: Float64Array.of(1, -2, 3) },
            source: 'random',
            sample: true,
          },
        },
      },
    };
    assert.match(hover(sampled, 'x'), /\n\n\*Sample values:\* x holds reproducible sample values/);
    assert.match(
      hover(sampled, 'y', 'write'),
      /\n\n\*Sample values:\* x holds reproducible sample values/,
    );
  });

  it('does not repeat a node’s note that the program’s notes say already', () => {
    const inspection = affineInspection(['sample values for np.random.randn(8, 7)']);
    const noted: TensorDocumentInspection = {
      ...inspection,
      result: {
        ...inspection.result,
        nodes: inspection.result.nodes.map((node) =>
          node.id === 1 ? { ...node, note: 'W: sample values for np.random.randn(8, 7)' } : node,
        ),
      },
    };
    const text = hover(noted, 'W');
    assert.equal(text.split('sample values for np.random.randn').length - 1, 1, text);
  });
});

describe('tensor hover over the output', () => {
  it('gives a one-element input’s gradient as its number, a larger one’s by its norm', () => {
    const inspection = affineInspection();
    const result = {
      ...inspection.result,
      inputs: [
        ...inspection.result.inputs,
        { id: 6, name: 'c', shape: [], value: Float64Array.of(5), grad: Float64Array.of(-0.5) },
      ],
      unused: [],
    };
    const output = tensorHoverMarkdown(
      { ...inspection, result },
      { name: 'loss', range: range(5, 0, 4), node: 5, role: 'write' },
      OPTIONS,
    );
    assert.match(
      output ?? '',
      /^\*\*loss = [\d.]+\*\*\n\n‖∂loss\/∂W‖ = [\d.]+ · ‖∂loss\/∂b‖ = 5\.2915 · ∂loss\/∂c = −0\.5/,
    );
  });
});
