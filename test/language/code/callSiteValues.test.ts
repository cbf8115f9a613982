/**
 * A function's parameters take their values from a call of it in the file (issue 18, item 2):
 * the first call whose arguments are known, or the one the request names; through
 * `grad(f)(x)` and its kin too. Expected numbers come from PyTorch (float64 autograd) and Node.
 */
import assert from 'node:assert/strict';
import type { SourceRange } from '../../../src/engine/ir';
import { runPython } from '../../support/tensorOpChecks';
import { evaluateAt, javascript, lowerError, lowerOk, python, typescript } from './codeHelpers';

interface Expected {
  readonly value: number;
  readonly grads: Readonly<Record<string, number>>;
}

/** f(x, y) = sin(x·y)·x², its value and gradient at each point, by PyTorch. */
const TORCH = String.raw`
import json, torch
def f(x, y):
    return torch.sin(x * y) * x ** 2
def at(x, y):
    x = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = torch.tensor(y, dtype=torch.float64, requires_grad=True)
    out = f(x, y)
    out.backward()
    return {'value': out.item(), 'grads': {'x': x.grad.item(), 'y': y.grad.item()}}
def free(x, a):
    x = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    a = torch.tensor(a, dtype=torch.float64, requires_grad=True)
    out = x * a
    out.backward()
    return {'value': out.item(), 'grads': {'x': x.grad.item(), 'a': a.grad.item()}}
def tanh(x):
    x = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = torch.exp(-2.0 * x)
    out = (1.0 - y) / (1.0 + y)
    out.backward()
    return {'value': out.item(), 'grads': {'x': x.grad.item()}}
print(json.dumps({'tanh': tanh(1.0), 'free': free(3.0, 2.0), 'call': at(4.0, 0.5), 'grad': at(1.0, 2.0), 'default': at(3.0, 2.0), 'second': at(-1.5, 2.0), 'typed': at(2.0, 0.5)}))
`;

const SOURCE = [
  'import math',
  'from jax import grad',
  'def f(x, y=2.0):',
  '    z = x * y',
  '    return math.sin(z) * x ** 2',
  'a = 3.0',
  'r = f(a + 1, y=0.5)',
  'g = grad(f)(1.0)',
  '',
].join('\n');

/** Lines 3–5: the definition of f. */
const DEFINITION: SourceRange = { start: { line: 2, column: 0 }, end: { line: 4, column: 30 } };

function at(line: number, column = 0): SourceRange {
  return { start: { line, column }, end: { line, column } };
}

function assertNear(
  actual: Readonly<Record<string, number>>,
  expected: Readonly<Record<string, number>>,
): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const [name, value] of Object.entries(expected)) {
    assert.ok(
      Math.abs((actual[name] ?? NaN) - value) < 1e-12,
      `${name}: ${actual[name]} ≠ ${value}`,
    );
  }
}

describe('values from call sites', () => {
  let torch: Readonly<Record<string, Expected>>;
  before(function () {
    this.timeout(60_000);
    torch = runPython<Record<string, Expected>>(TORCH);
  });

  function expected(key: string): Expected {
    const found = torch[key];
    assert.ok(found !== undefined, key);
    return found;
  }

  describe('Python', () => {
    it('a selected function takes the first call’s arguments, keywords included, over its default', async () => {
      const program = await lowerOk(python, SOURCE, { selection: DEFINITION });
      assert.deepEqual(program.notes, ['values from the call at line 7: x = 4, y = 0.5']);
      assert.deepEqual(program.unbound, []);
      assert.equal(program.bindings['x']?.source, 'assignment');
      assert.deepEqual(program.bindings['x']?.range, {
        start: { line: 6, column: 6 },
        end: { line: 6, column: 11 },
      });
      const { value, grads } = evaluateAt(program);
      assertNear({ value, ...grads }, { value: expected('call').value, ...expected('call').grads });
    });

    it('a selection inside the function takes them too', async () => {
      const selection = { start: { line: 4, column: 4 }, end: { line: 4, column: 30 } };
      const program = await lowerOk(python, SOURCE, { selection });
      assert.match(program.notes?.[0] ?? '', /^values from the call at line 7: x = 4, y = 0\.5$/u);
      assert.equal(evaluateAt(program).value, expected('call').value);
    });

    it('typed values and `# at:` annotations win over the call', async () => {
      const typed = await lowerOk(python, SOURCE, { selection: DEFINITION, values: { x: 2 } });
      assert.deepEqual(typed.notes, ['values from the call at line 7: y = 0.5']);
      const { value, grads } = evaluateAt(typed, { x: 2 });
      assertNear(
        { value, ...grads },
        { value: expected('typed').value, ...expected('typed').grads },
      );
      const annotated = SOURCE.replace('def f', '# at: x=2, y=0.5\ndef f');
      const range = { start: { line: 2, column: 0 }, end: { line: 5, column: 30 } };
      const program = await lowerOk(python, annotated, { selection: range });
      assert.equal(program.notes, undefined);
      assert.equal(program.bindings['x']?.source, 'annotation');
    });

    it('a call that gives only typed parameters is passed over for one that gives the others', async () => {
      const source = SOURCE.replace('r = f(a + 1, y=0.5)', 'r = f(4.0)\ns = f(4.0, 0.5)');
      const program = await lowerOk(python, source, { selection: DEFINITION, values: { x: 4 } });
      assert.deepEqual(program.notes, ['values from the call at line 8: y = 0.5']);
      const { value, grads } = evaluateAt(program, { x: 4 });
      assertNear({ value, ...grads }, { value: expected('call').value, ...expected('call').grads });
      const typed = await lowerOk(python, SOURCE, { values: { x: 2, y: 0.5 } });
      assert.match(typed.notes?.[0] ?? '', /^values from the call at line 8: none needed/u);
      assert.equal(evaluateAt(typed, { x: 2, y: 0.5 }).value, expected('typed').value);
    });

    it('a parameter the call leaves out takes its default', async () => {
      const source = SOURCE.replace('r = f(a + 1, y=0.5)', 'r = f(a)');
      const program = await lowerOk(python, source, { selection: DEFINITION });
      assert.deepEqual(program.notes, ['values from the call at line 7: x = 3']);
      assert.equal(program.bindings['y']?.source, 'default');
      const { value, grads } = evaluateAt(program);
      assertNear(
        { value, ...grads },
        { value: expected('default').value, ...expected('default').grads },
      );
    });

    it('skips a call whose arguments are unknown or spread, and takes the next', async () => {
      const source = SOURCE.replace(
        'r = f(a + 1, y=0.5)',
        'r = f(unknown)\nq = f(*xs)\ns = f(-1.5)',
      );
      const program = await lowerOk(python, source, { selection: DEFINITION });
      assert.deepEqual(program.notes, ['values from the call at line 9: x = −1.5']);
      const { value, grads } = evaluateAt(program);
      assertNear(
        { value, ...grads },
        { value: expected('second').value, ...expected('second').grads },
      );
    });

    it('the call the request names is used, and a named call that cannot give values is refused', async () => {
      const program = await lowerOk(python, SOURCE, { selection: DEFINITION, callSite: at(7, 4) });
      assert.match(
        program.notes?.[0] ?? '',
        /^values from the call at line 8: x = 1 \(`grad\(f\)\(1\.0\)`/u,
      );
      const spread = SOURCE.replace('r = f(a + 1, y=0.5)', 'r = f(*xs)');
      const error = await lowerError(python, spread, { selection: DEFINITION, callSite: at(6, 4) });
      assert.equal(error.kind, 'unsupported');
      assert.match(error.message, /passes `\*xs`, whose items are not read/u);
      const nowhere = await lowerError(python, SOURCE, { selection: DEFINITION, callSite: at(5) });
      assert.equal(nowhere.kind, 'selection');
      assert.match(nowhere.message, /no call of `f` at line 6/u);
      const extra = SOURCE.replace('r = f(a + 1, y=0.5)', 'r = f(1, 2, 3)');
      const tooMany = await lowerError(python, extra, {
        selection: DEFINITION,
        callSite: at(6, 4),
      });
      assert.match(tooMany.message, /`f` takes 2 positional arguments/u);
    });

    it('a top-level function called at the top level reads its free names at the call', async () => {
      const source = 'def f(x):\n    return x * a\na = 2.0\ny = f(3.0)\na = 5.0\n';
      const range = { start: { line: 0, column: 0 }, end: { line: 1, column: 16 } };
      const program = await lowerOk(python, source, { selection: range });
      assert.deepEqual(program.notes, ['values from the call at line 4: x = 3']);
      const { value, grads } = evaluateAt(program);
      assertNear({ value, ...grads }, { value: expected('free').value, ...expected('free').grads });
    });

    it('without a call, a parameter still needs a value', async () => {
      const source = SOURCE.replace('r = f(a + 1, y=0.5)\ng = grad(f)(1.0)\n', '');
      const program = await lowerOk(python, source, { selection: DEFINITION });
      assert.deepEqual(program.unbound, ['x']);
      assert.equal(program.notes, undefined);
    });

    it('the whole file ending with `g = grad(f)(1.0)` inspects f at 1.0: g is ∂f/∂x', async () => {
      const program = await lowerOk(python, SOURCE);
      assert.equal(program.outputName, 'f');
      assert.deepEqual(program.notes, [
        'values from the call at line 8: x = 1 (`grad(f)(1.0)`: its value is ∂f/∂x, the gradient shown for x)',
      ]);
      const { value, grads } = evaluateAt(program);
      assertNear({ value, ...grads }, { value: expected('grad').value, ...expected('grad').grads });
    });

    it('a name bound to a transform is one too, and a print around the call is read through', async () => {
      const source = [
        'import math',
        'from autograd import grad',
        'def tanh(x):',
        '    y = math.exp(-2.0 * x)',
        '    return (1.0 - y) / (1.0 + y)',
        'grad_tanh = grad(tanh)',
        'print(grad_tanh(1.0))',
        '',
      ].join('\n');
      const program = await lowerOk(python, source);
      assert.equal(program.outputName, 'tanh');
      assert.deepEqual(program.notes, [
        'values from the call at line 7: x = 1 (`grad_tanh(1.0)`: its value is ∂tanh/∂x, the gradient shown for x)',
      ]);
      const { value, grads } = evaluateAt(program);
      assertNear({ value, ...grads }, { value: expected('tanh').value, ...expected('tanh').grads });
    });

    it('reads argnums and value_and_grad', async () => {
      const source = SOURCE.replace(
        'g = grad(f)(1.0)',
        'v, g = jax.value_and_grad(f, argnums=1)(1.0, 2.0)',
      );
      const program = await lowerOk(python, `import jax\n${source}`);
      assert.deepEqual(program.notes, [
        'values from the call at line 9: x = 1, y = 2 (`jax.value_and_grad(f, argnums=1)(1.0, 2.0)`: its value is (f, ∂f/∂y, the gradient shown for y): the output shown and its gradient)',
      ]);
      assert.equal(evaluateAt(program).grads['y'], expected('grad').grads['y']);
    });

    it("reads argnums written positionally, and autograd's argnum", async () => {
      for (const call of ['jax.grad(f, 1)(1.0, 2.0)', 'grad(f, argnum=1)(1.0, 2.0)']) {
        const source = SOURCE.replace('g = grad(f)(1.0)', `g = ${call}`);
        const program = await lowerOk(python, `import jax\n${source}`);
        assert.match(program.notes?.[0] ?? '', /its value is ∂f\/∂y, the gradient shown for y\)$/u);
      }
    });
  });

  describe('JavaScript and TypeScript', () => {
    it('a selected function takes the values of its call', async () => {
      const source =
        'function f(x, y = 2) {\n  return Math.sin(x * y) * x ** 2;\n}\nconst r = f(4, 0.5);\n';
      const range = { start: { line: 0, column: 0 }, end: { line: 2, column: 1 } };
      const program = await lowerOk(javascript, source, { selection: range });
      assert.deepEqual(program.notes, ['values from the call at line 4: x = 4, y = 0.5']);
      assert.equal(evaluateAt(program).value, Math.sin(4 * 0.5) * 4 ** 2);
    });

    it('`tf.grad(f)(3)` at the end inspects f at 3, also in TypeScript', async () => {
      const js = 'const f = x => x * x * Math.sin(x);\nconst g = tf.grad(f)(3);\n';
      const program = await lowerOk(javascript, js);
      assert.equal(program.outputName, 'f');
      assert.match(
        program.notes?.[0] ?? '',
        /^values from the call at line 2: x = 3 \(`tf\.grad\(f\)\(3\)`/u,
      );
      const { value, grads } = evaluateAt(program);
      assert.equal(value, 3 * 3 * Math.sin(3));
      assert.ok(Math.abs((grads['x'] ?? NaN) - (2 * 3 * Math.sin(3) + 9 * Math.cos(3))) < 1e-12);
      const ts = 'const f = (x: number): number => x * x;\nconst [v, g] = tf.valueAndGrad(f)(3);\n';
      const typed = await lowerOk(typescript, ts);
      assert.equal(evaluateAt(typed).grads['x'], 6);
      const alias = 'const f = x => x * x;\nconst df = tf.grad(f);\nconsole.log(df(3));\n';
      assert.equal(evaluateAt(await lowerOk(javascript, alias)).grads['x'], 6);
    });
  });
});
