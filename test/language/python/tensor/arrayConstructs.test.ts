/**
 * The constructs of array code one by one, each read and inspected, its value and gradient
 * compared with real NumPy (the value; the gradient by the engine's central differences, or by
 * a hand-derived NumPy formula where that is short), and the pipeline from source to result.
 */
import assert from 'node:assert/strict';
import { createFrontEnds } from '../../../../src/core/frontEnds';
import { inspectSource } from '../../../../src/core/inspectSource';
import { wasmFromNodeModules } from '../../../support/wasmFromNodeModules';
import {
  assertChecked,
  assertClose,
  inspected,
  lines,
  runPython,
  tensorError,
  tensorProgram,
} from './tensorPrograms';

/** The value of `name` after running `source` in NumPy. */
function numpyValue(source: string, name: string): number {
  const result = runPython(`${source}\nimport json\nprint(json.dumps(float(${name})))`);
  return result as number;
}

const CASES: [string, string][] = [
  [
    'a boolean mask (x[x > 0]) and a relu written as x * (x > 0)',
    lines(
      'import numpy as np',
      'x = np.array([1.5, -2.0, 0.5, 3.0])',
      'f = np.sum(x[x > 0] ** 2) + np.sum(x * (x > 0))',
    ),
  ],
  [
    'np.where with a comparison mask, np.clip with one bound',
    lines(
      'import numpy as np',
      'x = np.array([1.5, -2.0, 0.5, 3.0])',
      'f = np.sum(np.where(x > 1, x ** 2, -x)) + np.sum(np.clip(x, 0, None))',
    ),
  ],
  [
    'concatenate, stack, transpose and slices with steps',
    lines(
      'import numpy as np',
      'a = np.array([[1.0, 2.0], [3.0, 4.0]])',
      'b = np.array([[0.5, -1.0], [2.0, 0.25]])',
      'c = np.concatenate([a, b.T], axis=1)',
      's = np.stack([a, b], axis=0)',
      'f = np.sum(c[:, ::-2] * 2) + np.sum(s[1, :, None] * a) + c[-1, 1:3].prod()',
    ),
  ],
  [
    'augmented assignment, tuple unpacking and an if on a known value',
    lines(
      'import numpy as np',
      'w = np.array([0.5, -1.5, 2.0])',
      'n, = w.shape',
      'h = w * 2',
      'h += w ** 2',
      'if n > 2:',
      '    h = h - 1',
      'else:',
      '    h = h + 1',
      'f = np.mean(h) + np.linalg.norm(w)',
    ),
  ],
  [
    'reductions with axis and keepdims, logsumexp-style code, eye and linspace',
    lines(
      'import numpy as np',
      'x = np.array([[1.0, 2.0, 0.5], [-1.0, 0.0, 3.0]])',
      'm = x.max(axis=1, keepdims=True)',
      'lse = m + np.log(np.exp(x - m).sum(axis=1, keepdims=True))',
      'f = np.sum(lse) + np.sum(x @ np.eye(3) * np.linspace(0, 1, 3)) + x.min() * x.prod(axis=0).sum()',
    ),
  ],
  [
    'integer-array (fancy) indexing with negative indices, expand_dims and broadcast_to',
    lines(
      'import numpy as np',
      'x = np.array([[1.0, 2.0, 0.5], [-1.0, 0.25, 3.0]])',
      'idx = np.array([2, -1, 0])',
      'e = np.expand_dims(x[1, idx], 0)',
      'f = np.sum(np.broadcast_to(e, (4, 3)) * x[0]) + np.sum(np.square(x).ravel()[idx])',
    ),
  ],
];

describe('Python arrays: constructs against NumPy and central differences', function () {
  this.timeout(60_000);

  for (const [what, source] of CASES) {
    it(what, async () => {
      const { result } = await inspected(source);
      assertClose([result.value], [numpyValue(source, 'f')], 1e-12, 'f');
      assertChecked(result);
    });
  }

  it('a function defined in the file, called in a loop, with np.random.seed values', async () => {
    const source = lines(
      'import numpy as np',
      'np.random.seed(3)',
      'def layer(h, w, act=np.tanh):',
      '    return np.tanh(h @ w)',
      'W = 0.5 * np.random.randn(3, 3)',
      'h = np.random.rand(2, 3)',
      'for i in range(3):',
      '    h = layer(h, W)',
      'f = np.sum(h ** 2)',
    );
    const { result } = await inspected(source);
    assertClose([result.value], [numpyValue(source, 'f')], 1e-12, 'f');
    assertChecked(result);
  });

  it("draws above the selection that it does not need still move NumPy's stream", async () => {
    const source = lines(
      'import numpy as np',
      'np.random.seed(5)',
      'a = np.random.randn(2)',
      'for i in range(2):',
      '    noise = np.random.rand(3)',
      'idx = np.random.permutation(4)',
      'pick = np.random.choice(4, 2)',
      'W = np.random.randn(3)',
      'f = np.sum(W ** 2)',
    );
    const selection = { start: { line: 8, column: 0 }, end: { line: 8, column: 18 } };
    const program = await tensorProgram(source, { selection });
    const expected = runPython(`${source}\nimport json\nprint(json.dumps(W.tolist()))`) as number[];
    assert.deepEqual([...(program.bindings.W?.value.data ?? [])], expected);
    assert.equal(program.bindings.W?.sample, undefined);
  });

  it('a draw above that cannot be read makes the later draws samples, said in a note', async () => {
    const source = lines(
      'import numpy as np',
      'np.random.seed(5)',
      'plot(np.random.rand(3))',
      'W = np.random.randn(3)',
      'f = np.sum(W ** 2)',
    );
    const selection = { start: { line: 4, column: 0 }, end: { line: 4, column: 18 } };
    const program = await tensorProgram(source, { selection });
    assert.equal(program.bindings.W?.sample, true);
    assert.ok(
      program.notes?.some((note) =>
        note.startsWith(
          "np.random: `plot(np.random.rand(3))` draws from NumPy's seeded stream but is not read",
        ),
      ),
    );
  });

  it('assert on a shape passes when true, and is refused when it fails', async () => {
    const ok = await tensorProgram(
      lines(
        'import numpy as np',
        'X = np.array([[1, 2], [3, 4]], dtype=float)',
        'assert X.shape == (2, 2)',
        'f = np.sum(X)',
      ),
    );
    assert.deepEqual(Object.keys(ok.bindings), ['X']);
    const error = await tensorError(
      lines(
        'import numpy as np',
        'X = np.ones((2, 2))',
        'assert X.shape == (2, 3), "bad"',
        'f = np.sum(X)',
      ),
    );
    assert.match(error.message, /^`assert X\.shape == \(2, 3\), "bad"` fails at these values/);
  });

  it('an if on a value that depends on an input takes its branch at these values, with a note', async () => {
    const program = await tensorProgram(
      lines(
        'import numpy as np',
        'w = np.array([1.0, -2.0])',
        'if w.sum() > 0:',
        '    f = np.sum(w ** 2)',
        'else:',
        '    f = np.sum(-w)',
      ),
    );
    assert.ok(
      program.notes?.includes(
        '`w.sum() > 0` is false at these values, which decided the code read; the gradient does not flow through it',
      ),
    );
  });

  it("Python's tuple arithmetic for shapes: (n,) * 2 repeats, a list plus a number is refused", async () => {
    const program = await tensorProgram(
      lines('import numpy as np', 'n = 2', 'A = np.ones((n,) * 2)', 'f = np.sum(A @ A)'),
    );
    assert.deepEqual(program.bindings.A?.value.shape, [2, 2]);
    const error = await tensorError(
      lines('import numpy as np', 'w = np.ones(2)', 'f = np.sum(w * ([1, 2] + 1))'),
    );
    assert.match(error.message, /`\+` on a list or tuple is not arithmetic in Python/);
  });

  it("a selection inside a function reads the statements above it with the parameters bound; called functions see the module's names", async () => {
    const source = lines(
      'import numpy as np',
      'x = np.array([10.0, 20.0])',
      'def shift(v):',
      '    return v + x',
      '# at: W=[[1, 2], [3, 4]], x=[0.5, -1]',
      'def loss(W, x):',
      '    s = W @ x',
      '    return np.sum(shift(s) ** 2)',
    );
    const selection = { start: { line: 7, column: 4 }, end: { line: 7, column: 32 } };
    const { program, result } = await inspected(source, { selection });
    assert.equal(program.outputName, 'loss');
    // s = W @ [0.5, -1] = [-1.5, -2.5]; shift adds the module's x = [10, 20].
    assert.equal(result.value, 8.5 ** 2 + 17.5 ** 2);
    assertChecked(result);
  });

  it('a default_rng draw is a sample, its binding and note say so', async () => {
    const program = await tensorProgram(
      lines(
        'import numpy as np',
        'rng = np.random.default_rng(0)',
        'W = rng.standard_normal((3, 4))',
        'f = np.sum(W ** 2)',
      ),
    );
    assert.equal(program.bindings.W?.sample, true);
    assert.deepEqual(program.bindings.W?.value.shape, [3, 4]);
    assert.ok(
      program.notes?.some((note) =>
        note.startsWith('W: sample values for rng.standard_normal((3, 4))'),
      ),
    );
  });

  it('request.output picks another name', async () => {
    const program = await tensorProgram(
      lines('import numpy as np', 'w = np.array([1.0, 2.0])', 'a = np.sum(w)', 'b = np.sum(w * w)'),
      { output: 'a' },
    );
    assert.equal(program.outputName, 'a');
  });

  it('a name nothing assigns takes a typed array and is listed unbound', async () => {
    const program = await tensorProgram(lines('import numpy as np', 'f = np.sum(x * x)'), {
      arrays: { x: { shape: [3], data: Float64Array.from([1, 2, 3]) } },
    });
    assert.deepEqual(program.unbound, ['x']);
  });

  it('inside a function, its parameters come from a # at: comment above it', async () => {
    const source = lines(
      'import numpy as np',
      '# at: W=[[1, 2], [3, 4]], x=[0.5, -1]',
      'def loss(W, x):',
      '    s = W @ x',
      '    return np.sum(s ** 2)',
    );
    const selection = { start: { line: 3, column: 4 }, end: { line: 4, column: 25 } };
    const program = await tensorProgram(source, { selection });
    assert.equal(program.outputName, 'loss');
    assert.deepEqual(Object.keys(program.bindings).sort(), ['W', 'x']);
  });
});

describe('Python arrays through the pipeline', function () {
  this.timeout(30_000);
  const frontEnds = createFrontEnds(wasmFromNodeModules);

  it('inspectSource gives the torch relu example ∂y/∂x = [2, 0, 6]', async () => {
    const outcome = await inspectSource(frontEnds, {
      language: 'python',
      source: lines(
        'import torch',
        'x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)',
        'y = (x.relu() ** 2).sum()',
      ),
    });
    assert.ok(outcome.ok && outcome.kind === 'tensor');
    assert.deepEqual([...(outcome.result.grads.x?.data ?? [])], [2, 0, 6]);
  });

  it('the typed array wins over the one the code fixes', async () => {
    const outcome = await inspectSource(frontEnds, {
      language: 'python',
      source: lines('import numpy as np', 'w = np.array([1.0, 2.0])', 'f = np.sum(w ** 2)'),
      arrays: { w: { shape: [2], data: Float64Array.from([3, 4]) } },
    });
    assert.ok(outcome.ok && outcome.kind === 'tensor');
    assert.equal(outcome.result.value, 25);
  });
});
