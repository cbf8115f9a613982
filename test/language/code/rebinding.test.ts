/**
 * Every binding of a name to a value the code fixes is an input of its own, and the input a
 * user means by `x` is the binding the output reads: the lecture's circuit pasted cell by cell
 * (x bound again before the output uses it) must give the real gradients, never 0. The numbers
 * are those of the real languages (see test/hardening/differential for the fuzzed comparison).
 */
import assert from 'node:assert/strict';
import { inspectSource } from '../../../src/core/inspectSource';
import { createFrontEnds } from '../../../src/core/frontEnds';
import type { InspectionResult } from '../../../src/engine/result';
import type { LanguageId } from '../../../src/language/frontEnd';
import { wasmFromNodeModules } from '../../support/wasmFromNodeModules';

const frontEnds = createFrontEnds(wasmFromNodeModules);

interface Inspected {
  readonly result: InspectionResult;
  readonly valueTargets: Readonly<Record<string, string>>;
  readonly ignoredValues: readonly string[];
}

async function inspect(
  language: LanguageId,
  source: string,
  values: Readonly<Record<string, number>> = {},
): Promise<Inspected> {
  const outcome = await inspectSource(frontEnds, { source, language, values });
  if (!outcome.ok) {
    assert.fail(`${outcome.error.kind}: ${outcome.error.message}`);
  }
  if (outcome.kind === 'tensor') {
    assert.fail('expected a scalar inspection, got a tensor one');
  }
  return {
    result: outcome.result,
    valueTargets: outcome.program.valueTargets,
    ignoredValues: outcome.ignoredValues,
  };
}

async function refusal(language: LanguageId, source: string): Promise<string> {
  const outcome = await inspectSource(frontEnds, { source, language });
  assert.ok(!outcome.ok, 'expected a refusal');
  return outcome.error.message;
}

function unusedNames(result: InspectionResult): string[] {
  return result.unused.map((input) => input.name);
}

const REDUCED: Readonly<Record<'python' | 'javascript' | 'typescript', string>> = {
  python: 'x = -2\ny = 5\nf0 = x * y\nx = -2\nf = x * 3 + y\n',
  javascript: 'var x = -2, y = 5;\nvar f0 = x * y;\nvar x = -2;\nvar f = x * 3 + y;\n',
  typescript: 'let x = -2;\nlet y = 5;\nconst f0 = x * y;\nx = -2;\nconst f = x * 3 + y;\n',
};

describe('rebound names: each binding is an input of its own', () => {
  for (const [language, source] of Object.entries(REDUCED)) {
    it(`${language}: the binding the output reads is x, the first one is not used`, async () => {
      const { result } = await inspect(language as LanguageId, source);
      assert.equal(result.value, -1);
      assert.deepEqual(result.grads, { y: 1, x: 3 });
      assert.deepEqual(unusedNames(result), ['x (line 1)']);
      assert.equal(Object.hasOwn(result.grads, 'x (line 1)'), false);
    });
  }

  it('names both bindings by line when the output reads both', async () => {
    const { result } = await inspect(
      'javascript',
      'let x = 2;\nlet y = x;\nx = 3;\nlet f = x * y;\n',
    );
    assert.equal(result.value, 6);
    assert.deepEqual(result.grads, { 'x (line 1)': 3, 'x (line 3)': 2 });
    assert.deepEqual(unusedNames(result), []);
    const labels = result.inputs.map((input) => result.nodes[input.id]?.label);
    assert.deepEqual(labels, ['x', 'x₂']);
  });

  it('tells two bindings on one line apart by column', async () => {
    const { result } = await inspect('python', 'x = 1.5; y = x; x = 2.5\nf = x * y\n');
    assert.deepEqual(Object.keys(result.grads).sort(), [
      'x (line 1, column 1)',
      'x (line 1, column 17)',
    ]);
    assert.equal(result.grads['x (line 1, column 1)'], 2.5);
    assert.equal(result.grads['x (line 1, column 17)'], 1.5);
  });

  it('a typed x sets the binding the output reads, and says so when it is not the plain x', async () => {
    const reduced = await inspect('python', REDUCED.python, { x: 7 });
    assert.equal(reduced.result.value, 26);
    assert.deepEqual(reduced.result.unused, [
      { id: 0, name: 'x (line 1)', value: -2, range: reduced.result.unused[0]?.range },
    ]);
    assert.deepEqual(reduced.ignoredValues, []);
    const both = await inspect('javascript', 'let x = 2;\nlet y = x;\nx = 3;\nlet f = x * y;\n', {
      x: 10,
    });
    // Both bindings feed f: the typed x sets the one read first.
    assert.equal(both.result.value, 30);
    assert.deepEqual(both.valueTargets, { x: 'x (line 1)' });
  });

  it('a value typed for one binding by its key sets only that binding', async () => {
    const { result } = await inspect(
      'javascript',
      'let x = 2;\nlet y = x;\nx = 3;\nlet f = x * y;\n',
      {
        'x (line 3)': 4,
      },
    );
    assert.equal(result.value, 8);
    assert.equal(result.inputs.find((input) => input.name === 'x (line 3)')?.value, 4);
  });

  it('reports typed names that are no input instead of ignoring them', async () => {
    const { ignoredValues } = await inspect('python', REDUCED.python, { z: 5, y: 2 });
    assert.deepEqual(ignoredValues, ['z']);
  });
});

describe('unused inputs and constants', () => {
  it('lists a name the output never reads as not used, never with a gradient of 0', async () => {
    const { result } = await inspect('python', 'x = 2\nh = 0.0001\nf0 = x + h\nf = x ** 3\n');
    assert.deepEqual(result.grads, { x: 12 });
    assert.deepEqual(unusedNames(result), ['h']);
    assert.equal(
      result.inputs.some((input) => input.name === 'h'),
      false,
    );
  });

  it('a name bound to a constant expression is an input with its folded value', async () => {
    const { result } = await inspect(
      'python',
      'import math\nc = math.sqrt(2) * 3\nx = 1.5\nf = c * x\n',
    );
    assert.equal(result.inputs.find((input) => input.name === 'c')?.value, Math.sqrt(2) * 3);
    assert.equal(result.grads.c, 1.5);
  });

  it('an output computed from constants only keeps its graph', async () => {
    const { result } = await inspect('python', 'f = 2 ** 0.5 * 3\n');
    assert.deepEqual(result.grads, {});
    assert.ok(result.nodes.some((node) => node.op === 'pow'));
  });

  it('gives a constant exponent no gradient: no NaN on its edge, no step into it', async () => {
    const { result } = await inspect(
      'python',
      'w = 0.5\nx = -3\nb = 0.1\nt = 2\nf = (w * x + b - t) ** 2\n',
    );
    const constants = result.nodes.filter((node) => node.kind === 'constant');
    assert.ok(constants.length > 0);
    for (const node of constants) {
      assert.equal(node.grad, undefined, `constant ${node.label}`);
    }
    const constantIds = new Set(constants.map((node) => node.id));
    for (const step of result.steps) {
      assert.ok(step.kind === 'seed' || !constantIds.has(step.to), `a step goes into a constant`);
    }
    const power = result.nodes.find((node) => node.op === 'pow');
    assert.deepEqual(
      power?.partials.map((partial) => partial.operand),
      [0],
    );
    for (const node of result.nodes) {
      assert.ok(
        node.grad === undefined || Number.isFinite(node.grad),
        `${node.label}: ${node.grad}`,
      );
    }
    assert.equal(result.grads.w, 2 * (0.5 * -3 + 0.1 - 2) * -3);
  });
});

describe('defaults where the language computes them', () => {
  it('Python computes a default when def runs, not at the call', async () => {
    const { result } = await inspect(
      'python',
      'c = 2.0\ndef g(k=c):\n    return k * 3\nc = 5.0\nf = g()\n',
    );
    assert.equal(result.value, 6);
    assert.deepEqual(result.grads, { c: 3 });
    assert.deepEqual(unusedNames(result), ['c (line 4)']);
  });

  it('a lambda default too, and the argument reads the later binding', async () => {
    const { result } = await inspect(
      'python',
      'x = 1.5\ng = lambda t, k=x: t * k\nx = 3.0\nf = g(x)\n',
    );
    assert.equal(result.value, 4.5);
    assert.deepEqual(result.grads, { 'x (line 1)': 3, 'x (line 3)': 1.5 });
  });

  it('refuses a default of a function defined above the selection whose name was rebound', async () => {
    const source = 'c = 2.0\ndef g(k=c):\n    return k * 3\nc = 5.0\nf = g()\n';
    const outcome = await inspectSource(frontEnds, {
      source,
      language: 'python',
      selection: { start: { line: 4, column: 0 }, end: { line: 4, column: 7 } },
    });
    assert.ok(!outcome.ok);
    assert.match(outcome.error.message, /default for `k` was computed when `g` was defined/);
    const passed = await inspectSource(frontEnds, {
      source: source.replace('g()', 'g(c)'),
      language: 'python',
      selection: { start: { line: 4, column: 0 }, end: { line: 4, column: 8 } },
    });
    assert.ok(passed.ok && passed.result.value === 15);
  });

  it('JavaScript computes a default outside the body, where the body’s own x is not seen', async () => {
    const { result } = await inspect(
      'javascript',
      'var x = 0.75;\nfunction g(t = x) {\n  const x = t;\n  return t;\n}\nvar f = g();\n',
    );
    assert.equal(result.value, 0.75);
    assert.deepEqual(result.grads, { x: 1 });
  });

  it('a JavaScript default reads the parameters before it', async () => {
    const { result } = await inspect(
      'javascript',
      'var a = 2;\nconst g = (s, t = s * 3) => s + t;\nvar f = g(a);\n',
    );
    assert.equal(result.value, 8);
    assert.deepEqual(result.grads, { a: 4 });
  });

  it('refuses nothing silently: a name read before any binding still needs a value', async () => {
    const message = await refusal('python', 'f = q * 2\nq = 3\n');
    assert.match(message, /`q` is read before it is assigned/);
  });
});
