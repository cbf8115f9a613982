/**
 * Every view tells the same gradient: for real snippets in each language, the CLI's JSON and
 * table, the hover and the inlay hints give each used input the engine's gradient (formatted
 * as the engine's number is formatted), and never a gradient, not even 0, to an unused input.
 * How a view names a binding may change; the numbers it attaches may not.
 */
import assert from 'node:assert/strict';
import { resultJson } from '../../src/cli/json';
import { renderTable } from '../../src/cli/table';
import { formatNumber } from '../../src/engine/format';
import type { InputView, UnusedInput } from '../../src/engine/result';
import type { LanguageId, Reference } from '../../src/language/frontEnd';
import { hoverMarkdown } from '../../src/present/hoverContent';
import { inlayHints } from '../../src/present/inlayHints';
import type { ScalarInspection } from '../../src/present/inspection';
import { markdownText } from '../../src/present/markdownText';
import { inspectionOf, linesRange } from '../support/inspections';

interface Snippet {
  readonly title: string;
  readonly language: LanguageId;
  readonly source: string;
  readonly values?: Readonly<Record<string, number>>;
  /** Gradients the snippet is known to have, by input key, and the inputs known unused. */
  readonly grads?: Readonly<Record<string, number>>;
  readonly unused?: readonly string[];
}

const CORPUS: readonly Snippet[] = [
  {
    title: 'Python: the reference circuit',
    language: 'python',
    source: 'x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n',
    grads: { x: -4, y: -4, z: 3 },
    unused: [],
  },
  {
    title: 'Python: x bound again before the output reads it',
    language: 'python',
    source: 'x = -2\ny = 5\nf0 = x * y\nx = -2\nf = x * 3 + y\n',
    grads: { x: 3, y: 1 },
    unused: ['x (line 1)'],
  },
  {
    title: 'Python: a step size h the output does not use',
    language: 'python',
    source: 'import math\nh = 0.0001\nx = 3.0\ny = -1.5\nf = x * y + math.tanh(x)\n',
    unused: ['h'],
  },
  {
    title: 'Python: a function with defaults, x used twice',
    language: 'python',
    source: 'def f(x=1.5, y=-2.0):\n    return x * y + x ** 2\n',
    grads: { x: 1, y: 1.5 },
  },
  {
    title: 'Python: an output of constants only',
    language: 'python',
    source: 'f = 2 ** 0.5 * 3\n',
    grads: {},
  },
  {
    title: 'JavaScript: a sigmoid neuron',
    language: 'javascript',
    source:
      'const x = 1.5;\nconst w = -0.5;\nconst b = 0.1;\nconst f = 1 / (1 + Math.exp(-(w * x + b)));\n',
  },
  {
    title: 'JavaScript: fan-out and an unused h',
    language: 'javascript',
    source: 'let a = 2;\nlet h = 0.0001;\nlet f = a * a + 3 * a;\n',
    grads: { a: 7 },
    unused: ['h'],
  },
  {
    title: 'TypeScript: x bound again before the output reads it',
    language: 'typescript',
    source:
      'let x: number = -2;\nlet y: number = 5;\nconst f0 = x * y;\nx = -2;\nconst f = x * 3 + y;\n',
    grads: { x: 3, y: 1 },
    unused: ['x (line 1)'],
  },
  {
    title: 'TypeScript: binary cross-entropy',
    language: 'typescript',
    source:
      'const p: number = 0.3;\nconst t: number = 1;\nconst f: number = -(t * Math.log(p) + (1 - t) * Math.log(1 - p));\n',
  },
  {
    title: 'math: the reference circuit',
    language: 'math',
    source: 'f(x, y, z) = (x + y)z',
    values: { x: -2, y: 5, z: -4 },
    grads: { x: -4, y: -4, z: 3 },
  },
  {
    title: 'math: a LaTeX sigmoid',
    language: 'math',
    source: '$f(x) = \\frac{1}{1 + e^{-x}}$',
    values: { x: 0.5 },
  },
];

/** Settings' default precision, and the most digits a view shows (the number exactly). */
const PRECISIONS = [6, 17];

function shown(value: number, precision: number): string {
  return formatNumber(value, { precision });
}

async function inspect(snippet: Snippet): Promise<ScalarInspection> {
  const lines = snippet.source.split('\n');
  const last = snippet.source.endsWith('\n') ? lines.length - 2 : lines.length - 1;
  return inspectionOf({
    source: snippet.source,
    language: snippet.language,
    selection: linesRange(snippet.source, 0, last),
    ...(snippet.values === undefined ? {} : { values: snippet.values }),
  });
}

/** The places the document names a node (binds or reads it): where its hovers are. */
function referencesOf(inspection: ScalarInspection, id: number): Reference[] {
  return inspection.program.references.filter((reference) => reference.node === id);
}

/** The places the document reads an input: where its hints are. */
function readsOf(inspection: ScalarInspection, id: number): Reference[] {
  return referencesOf(inspection, id).filter((reference) => reference.role !== 'write');
}

/** JSON numbers: non-finite ones are written as strings. */
function jsonNumber(value: number): number | string {
  if (Number.isFinite(value)) {
    return value;
  }
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

function checkJson(inspection: ScalarInspection): void {
  const { result } = inspection;
  const json = JSON.parse(resultJson(result, inspection.values)) as {
    grads: Record<string, unknown>;
    inputs: { id: number; name: string; grad: unknown }[];
    unused: Record<string, unknown>[];
    nodes: Record<string, unknown>[];
  };
  for (const input of result.inputs) {
    const expected = jsonNumber(input.grad);
    assert.equal(json.grads[input.name], expected, `JSON grads[${input.name}]`);
    assert.equal(json.inputs.find((entry) => entry.id === input.id)?.grad, expected);
    assert.equal(json.nodes[input.id]?.grad, expected, `JSON node of ${input.name}`);
  }
  assert.deepEqual(Object.keys(json.grads).sort(), result.inputs.map((input) => input.name).sort());
  for (const input of result.unused) {
    assert.ok(!Object.hasOwn(json.grads, input.name), `JSON grads has unused ${input.name}`);
    assert.ok(!('grad' in (json.nodes[input.id] ?? {})), `JSON node of unused ${input.name}`);
    const entry = json.unused.find((candidate) => candidate.id === input.id);
    assert.ok(entry !== undefined && !('grad' in entry), `JSON unused ${input.name}`);
  }
}

/** The cells of an aligned table: columns start where the header's words do. */
function tableRows(section: string): string[][] {
  const [header = '', ...rows] = section.split('\n').map((line) => [...line]);
  const starts = [0];
  for (let i = 1; i < header.length; i += 1) {
    if (header[i] !== ' ' && header[i - 1] === ' ' && header[i - 2] === ' ') {
      starts.push(i);
    }
  }
  return rows.map((row) =>
    starts.map((start, i) =>
      row
        .slice(start, starts[i + 1] ?? row.length)
        .join('')
        .trim(),
    ),
  );
}

function checkTable(inspection: ScalarInspection, precision: number): void {
  const { result } = inspection;
  const sections = renderTable(result, precision).split('\n\n');
  const inputs = sections.find((section) => section.startsWith('input '));
  assert.ok(inputs !== undefined, 'the table has an inputs section');
  const rows = tableRows(inputs).filter((row) => !(row[0] ?? '').startsWith('('));
  assert.deepEqual(
    rows.map(([name, , grad]) => [name, grad]),
    result.inputs.map((input) => [input.name, shown(input.grad, precision)]),
    'table: input and gradient columns',
  );
  const unused = sections.find((section) => section.startsWith('not used by '));
  if (result.unused.length === 0) {
    assert.equal(unused, undefined);
    return;
  }
  assert.ok(unused !== undefined, 'the table lists the unused inputs');
  assert.deepEqual(
    tableRows(unused),
    result.unused.map((input) => [input.name, shown(input.value, precision)]),
    'table: unused inputs with their values and nothing else',
  );
}

/** The hover's headline `**∂f/∂x = 3**` gives the gradient. */
function checkHoverOfUsed(inspection: ScalarInspection, input: InputView, precision: number): void {
  for (const reference of referencesOf(inspection, input.id)) {
    const hover = hoverMarkdown(inspection, reference, { precision }) ?? '';
    const headline = hover.split('\n\n')[0] ?? '';
    const number = markdownText(shown(input.grad, precision));
    assert.ok(
      headline.startsWith('**∂') && headline.endsWith(` = ${number}**`),
      `hover of ${input.name}: expected ∂…/∂… = ${number}, got:\n${hover}`,
    );
  }
}

/** An unused input's hover gives no partial derivative at all, so no 0 either. */
function checkHoverOfUnused(
  inspection: ScalarInspection,
  input: UnusedInput,
  precision: number,
): void {
  for (const reference of referencesOf(inspection, input.id)) {
    const hover = hoverMarkdown(inspection, reference, { precision }) ?? '';
    assert.ok(!hover.includes('∂'), `hover of unused ${input.name} gives a gradient:\n${hover}`);
  }
}

/** Hovering the output lists one ∂f/∂input per used input, in order, with its gradient. */
function checkOutputHover(inspection: ScalarInspection, precision: number): void {
  const { result } = inspection;
  const reference = inspection.program.references.find((ref) => ref.node === result.output.id);
  if (reference === undefined) {
    return;
  }
  const hover = hoverMarkdown(inspection, reference, { precision }) ?? '';
  const line = hover.split('\n\n').find((block) => block.startsWith('∂'));
  const listed = line === undefined ? [] : line.split(' · ');
  assert.equal(listed.length, result.inputs.length, `output hover:\n${hover}`);
  result.inputs.forEach((input, i) => {
    const number = markdownText(shown(input.grad, precision));
    assert.ok(listed[i]?.endsWith(` = ${number}`), `output hover, ${input.name}:\n${hover}`);
  });
}

function checkHints(inspection: ScalarInspection, precision: number): void {
  const { result } = inspection;
  for (const style of ['full', 'short'] as const) {
    const hints = inlayHints(inspection, { precision, style });
    const at = (reference: Reference) =>
      hints.filter(
        (hint) =>
          hint.position.line === reference.range.end.line &&
          hint.position.column === reference.range.end.column,
      );
    for (const input of result.inputs) {
      const number = shown(input.grad, precision);
      for (const reference of readsOf(inspection, input.id)) {
        const labels = at(reference).map((hint) => hint.label);
        const expected = style === 'full' ? ` = ${number}` : `∇ ${number}`;
        assert.ok(
          labels.length === 1 && labels[0]!.endsWith(expected),
          `${style} hint of ${input.name}: ${JSON.stringify(labels)}, expected …${expected}`,
        );
      }
    }
    for (const input of result.unused) {
      for (const reference of readsOf(inspection, input.id)) {
        assert.deepEqual(at(reference), [], `a hint for unused ${input.name}`);
      }
    }
  }
}

describe('every view gives the same gradients', () => {
  it('an output of constants only: no gradient anywhere, not even ∂f/∂f, and no step', async () => {
    const snippet = CORPUS.find((entry) => entry.title.includes('constants only'));
    assert.ok(snippet);
    const inspection = await inspect(snippet);
    const { result } = inspection;
    assert.deepEqual(result.steps, []);
    assert.ok(result.nodes.every((node) => node.grad === undefined));
    assert.match(renderTable(result, 6), /^backward pass: none \(f depends on no input\)$/m);
    const json = JSON.parse(resultJson(result, inspection.values)) as { grads: object };
    assert.deepEqual(json.grads, {});
  });

  for (const snippet of CORPUS) {
    it(snippet.title, async () => {
      const inspection = await inspect(snippet);
      const { result } = inspection;
      if (snippet.grads !== undefined) {
        assert.deepEqual(result.grads, snippet.grads);
      }
      if (snippet.unused !== undefined) {
        assert.deepEqual(
          result.unused.map((input) => input.name),
          snippet.unused,
        );
      }
      for (const input of [...result.inputs, ...result.unused]) {
        assert.ok(referencesOf(inspection, input.id).length > 0, `${input.name}: nowhere to hover`);
      }
      checkJson(inspection);
      for (const precision of PRECISIONS) {
        checkTable(inspection, precision);
        for (const input of result.inputs) {
          checkHoverOfUsed(inspection, input, precision);
        }
        for (const input of result.unused) {
          checkHoverOfUnused(inspection, input, precision);
        }
        checkOutputHover(inspection, precision);
        checkHints(inspection, precision);
      }
    });
  }
});
