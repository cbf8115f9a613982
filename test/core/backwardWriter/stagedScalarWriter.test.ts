import { strict as assert } from 'node:assert';
import { writeBackward } from '../../../src/core/backwardWriter/writeBackward';
import { linesRange } from '../../support/inspections';
import {
  frontEnds,
  largestDifference,
  nodeGradients,
  pythonGradients,
  torchGradients,
  written,
} from './writtenRuns';
import {
  CIRCUIT,
  CIRCUIT_TWIN,
  STAGED,
  STAGED_TWIN,
  NEURON,
  NEURON_TWIN,
  NAMED_NEURON,
  NAMED_NEURON_TWIN,
} from './forwardPasses';

function codeLines(code: string): string[] {
  return code.split('\n').filter((line) => line !== '');
}

describe('Write the backward pass: staged scalar code as the course notes write it', function () {
  this.timeout(60_000);

  it('writes the circuit q = x + y; f = q * z as the lecture does, and it runs to PyTorch’s gradients', async () => {
    const code = await written(CIRCUIT);
    assert.equal(code.style, 'staged-scalar');
    assert.deepEqual(codeLines(code.code), [
      '# backward pass',
      'df = 1.0',
      'dq = z * df',
      'dz = q * df',
      'dx = 1.0 * dq',
      'dy = 1.0 * dq',
    ]);
    assert.deepEqual(code.insertAt, { line: 5, column: 0 });
    assert.equal(code.output, 'f');
    const got = pythonGradients(CIRCUIT, code);
    assert.ok(largestDifference(got, torchGradients(CIRCUIT_TWIN, 'f', code)) < 1e-10);
  });

  it('writes the staged example line for line as the notes, with += at the forks of x and y', async () => {
    const code = await written(STAGED);
    assert.deepEqual(codeLines(code.code), [
      '# backward pass',
      'df = 1.0',
      'dnum = invden * df',
      'dinvden = num * df',
      'dden = (-1.0 / (den ** 2)) * dinvden',
      'dsigx = 1.0 * dden',
      'dxpysqr = 1.0 * dden',
      'dxpy = (2 * xpy) * dxpysqr',
      'dx = 1.0 * dxpy',
      'dy = 1.0 * dxpy',
      'dx += ((1 - sigx) * sigx) * dsigx',
      'dx += 1.0 * dnum',
      'dsigy = 1.0 * dnum',
      'dy += ((1 - sigy) * sigy) * dsigy',
    ]);
    assert.deepEqual(code.insertAt, { line: 12, column: 0 });
    const got = pythonGradients(STAGED, code);
    assert.equal(Object.keys(got).length, 9);
    assert.ok(largestDifference(got, torchGradients(STAGED_TWIN, 'f', code)) < 1e-10);
  });

  it('writes the sigmoid neuron with lists as the notes do: ddot = (1 - f) * f, then dw and dx as lists', async () => {
    const code = await written(NEURON);
    assert.deepEqual(codeLines(code.code), [
      '# backward pass',
      'df = 1.0',
      'ddot = ((1 - f) * f) * df',
      'dw = [x[0] * ddot, x[1] * ddot, 1.0 * ddot]',
      'dx = [w[0] * ddot, w[1] * ddot]',
    ]);
    assert.deepEqual(code.gradients.map((gradient) => `${gradient.name}:${gradient.of}`).sort(), [
      'ddot:dot',
      'dw:w',
      'dx:x',
    ]);
    const got = pythonGradients(NEURON, code);
    assert.ok(largestDifference(got, torchGradients(NEURON_TWIN, 'f', code)) < 1e-10);
  });

  it('writes the sigmoid neuron with named scalars', async () => {
    const code = await written(NAMED_NEURON);
    const lines = codeLines(code.code);
    assert.ok(lines.includes('dw0 = x0 * ddot'), code.code);
    assert.ok(lines.includes('dx1 = w1 * ddot'));
    assert.ok(lines.includes('dw2 = 1.0 * ddot'));
    const got = pythonGradients(NAMED_NEURON, code);
    assert.equal(Object.keys(got).length, 6);
    assert.ok(largestDifference(got, torchGradients(NAMED_NEURON_TWIN, 'f', code)) < 1e-10);
  });

  it('writes the backward pass of the selected lines only, inserted after the selection', async () => {
    const source = `${STAGED}print(f)\n`;
    const code = await written(source, { selection: linesRange(source, 0, 11) });
    assert.deepEqual(code.insertAt, { line: 12, column: 0 });
    assert.ok(
      largestDifference(pythonGradients(source, code), torchGradients(STAGED_TWIN, 'f', code)) <
        1e-10,
    );
  });

  it('writes inside a selected function body, indented as it and above its return', async () => {
    const source =
      'import math\n\ndef neuron(w0, x0, w1):\n    dot = w0 * x0 + w1\n    f = math.tanh(dot)\n    return f\n\nneuron(0.5, -1.0, 2.0)\n';
    const code = await written(source, { selection: linesRange(source, 3, 5) });
    assert.deepEqual(code.insertAt, { line: 5, column: 0 });
    assert.equal(code.output, 'f');
    assert.deepEqual(codeLines(code.code), [
      '    # backward pass',
      '    df = 1.0',
      '    ddot = (1 - f ** 2) * df',
      '    dw0 = x0 * ddot',
      '    dx0 = w0 * ddot',
      '    dw1 = 1.0 * ddot',
    ]);
    const twin = `w0, x0, w1 = (torch.tensor(v, requires_grad=True) for v in (0.5, -1.0, 2.0))
dot = w0 * x0 + w1
f = torch.tanh(dot)`;
    const run = source
      .replace('    return f\n', '    return dict(ddot=ddot, dw0=dw0, dx0=dx0, dw1=dw1)\n')
      .replace(
        'neuron(0.5, -1.0, 2.0)\n',
        '_r = neuron(0.5, -1.0, 2.0)\nddot, dw0, dx0, dw1 = (_r[n] for n in ("ddot", "dw0", "dx0", "dw1"))\n',
      );
    const got = pythonGradients(run, code);
    assert.ok(largestDifference(got, torchGradients(twin, 'f', code)) < 1e-10);
  });

  it('refuses a forward pass that depends on no input (a function called with numbers, read whole)', async () => {
    const outcome = await writeBackward(frontEnds, {
      source:
        'import math\n\ndef neuron(w0, x0):\n    f = math.tanh(w0 * x0)\n    return f\n\nneuron(0.5, -1.0)\n',
      language: 'python',
    });
    assert.ok(!outcome.ok && outcome.error.kind === 'unwritable');
  });

  it('folds the pieces of a statement with no intermediate names into its operands’ lines (exp, tanh, sin, sqrt, log, /)', async () => {
    const source =
      'import math\na = 0.5\nb = -1.5\nf = math.exp(a * b) * math.tanh(a) * math.sin(b) / math.sqrt(a) + math.log(b * b)\n';
    const code = await written(source);
    assert.ok(codeLines(code.code).includes('db += b * ((1.0 / (b * b)) * df)'), code.code);
    const twin = `a = torch.tensor(0.5, requires_grad=True)
b = torch.tensor(-1.5, requires_grad=True)
f = torch.exp(a * b) * torch.tanh(a) * torch.sin(b) / torch.sqrt(a) + torch.log(b * b)`;
    assert.ok(
      largestDifference(pythonGradients(source, code), torchGradients(twin, 'f', code)) < 1e-10,
    );
  });

  it('writes JavaScript with let, += and the file’s semicolons, and it runs in Node to PyTorch’s gradients', async () => {
    const source =
      'const x = -2;\nconst y = 5;\nconst z = -4;\nconst q = x + y;\nconst f = q * z;\n';
    const code = await written(source, { language: 'javascript' });
    assert.deepEqual(codeLines(code.code), [
      '// backward pass',
      'let df = 1.0;',
      'let dq = z * df;',
      'let dz = q * df;',
      'let dx = 1.0 * dq;',
      'let dy = 1.0 * dq;',
    ]);
    assert.ok(
      largestDifference(nodeGradients(source, code), torchGradients(CIRCUIT_TWIN, 'f', code)) <
        1e-10,
    );
  });

  it('writes the staged example in JavaScript without semicolons when the file has none, += at forks', async () => {
    const source = `const x = 3
const y = -4
const sigy = 1.0 / (1 + Math.exp(-y))
const num = x + sigy
const sigx = 1.0 / (1 + Math.exp(-x))
const xpy = x + y
const xpysqr = xpy ** 2
const den = sigx + xpysqr
const invden = 1.0 / den
const f = num * invden
`;
    const code = await written(source, { language: 'javascript' });
    const lines = codeLines(code.code);
    assert.ok(lines.includes('dx += ((1 - sigx) * sigx) * dsigx'), code.code);
    assert.ok(lines.includes('let dsigy = 1.0 * dnum'));
    assert.ok(lines.every((line) => !line.endsWith(';')));
    assert.ok(
      largestDifference(nodeGradients(source, code), torchGradients(STAGED_TWIN, 'f', code)) <
        1e-10,
    );
  });

  it('writes TypeScript the same way', async () => {
    const source =
      'const x: number = -2;\nconst y: number = 5;\nconst z: number = -4;\nconst q = x + y;\nconst f = q * z;\n';
    const code = await written(source, { language: 'typescript' });
    assert.ok(codeLines(code.code).includes('let dq = z * df;'), code.code);
  });

  it('refuses an operation it has no plain derivative for, naming it and its line', async () => {
    const outcome = await writeBackward(frontEnds, {
      source: 'x = -2.0\ny = 3.0\nf = abs(x) * y\n',
      language: 'python',
    });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && outcome.error.kind === 'unwritable');
    assert.match(!outcome.ok ? outcome.error.message : '', /`abs`.*line 3/);
  });

  it('refuses a name assigned twice instead of writing one gradient for two values', async () => {
    const outcome = await writeBackward(frontEnds, {
      source: 'x = 2.0\ny = x * x\ny = y + x\n',
      language: 'python',
    });
    assert.ok(!outcome.ok && outcome.error.kind === 'unwritable');
    assert.match(!outcome.ok ? outcome.error.message : '', /`y` is assigned more than once/);
  });

  it('uses the names a file imports from math (from math import tanh)', async () => {
    const source = 'from math import tanh\nx = 0.5\nf = tanh(x) * x\n';
    const code = await written(source);
    assert.ok(codeLines(code.code).includes('dx += tanh(x) * df'), code.code);
    const twin = 'x = torch.tensor(0.5, requires_grad=True)\nf = torch.tanh(x) * x';
    assert.ok(
      largestDifference(pythonGradients(source, code), torchGradients(twin, 'f', code)) < 1e-10,
    );
  });

  it('refuses code that computes with micrograd Values or torch tensors, saying it writes for plain numbers', async () => {
    for (const source of [
      'from micrograd.engine import Value\na = Value(2.0)\nb = Value(-3.0)\nc = a * b + a\n',
      'import torch\nx = torch.tensor(2.0, requires_grad=True)\ny = torch.exp(x) * x\n',
    ]) {
      const outcome = await writeBackward(frontEnds, { source, language: 'python' });
      assert.ok(!outcome.ok && outcome.error.kind === 'unwritable');
      assert.match(!outcome.ok ? outcome.error.message : '', /not plain numbers/);
    }
  });

  it('never names a gradient with a reserved word (del for el, do for o)', async () => {
    const python = await written('el = 2.0\nf = el * el\n');
    assert.deepEqual(python.gradients, [{ name: 'del_2', of: 'el' }]);
    assert.deepEqual(pythonGradients('el = 2.0\nf = el * el\n', python), { del_2: 4 });
    const source = 'const o = 2;\nconst f = o * o;\n';
    const script = await written(source, { language: 'javascript' });
    assert.deepEqual(script.gradients, [{ name: 'do_2', of: 'o' }]);
    assert.deepEqual(nodeGradients(source, script), { do_2: 4 });
  });

  it('refuses math notation: there is no code to write into', async () => {
    const outcome = await writeBackward(frontEnds, {
      source: 'f = x^2',
      language: 'math',
      values: { x: 1 },
    });
    assert.ok(!outcome.ok && outcome.error.kind === 'unwritable');
  });
});
