/**
 * Code as people paste it from notebooks and tutorial pages: notebook magics, shell lines,
 * Python 2 `print` statements, display lines, labels, `requires_grad` set after the tensor is
 * made. Each is read as what it means or skipped with a note naming its line. The expected
 * numbers come from running the same code (minus the lines that are not Python 3) in real
 * Python with PyTorch (/usr/bin/python3, via runPython): the tests run code, the tool never does.
 */
import assert from 'node:assert/strict';
import { runPython } from '../../support/tensorOpChecks';
import { inspectionOf, linesRange } from '../../support/inspections';
import { lowerError, python } from '../code/codeHelpers';

interface Ran {
  readonly value: number;
  readonly grads: Readonly<Record<string, number>>;
}

/** Runs `source` in Python 3 with torch; `output` and the `.grad` of each of `names`. */
function ranInPython(source: string, output: string, names: readonly string[]): Ran {
  return runPython<Ran>(
    `import contextlib, io, json, sys
case = json.load(sys.stdin)
env = {}
with contextlib.redirect_stdout(io.StringIO()):
    exec(case['source'], env)
num = lambda v: float(v.item()) if hasattr(v, 'item') else float(v)
print(json.dumps({'value': num(env[case['output']]), 'grads': {n: num(env[n].grad) for n in case['names']}}))
`,
    { source, output, names },
  );
}

async function inspected(source: string, range?: { from: number; to: number }) {
  const selection =
    range === undefined ? {} : { selection: linesRange(source, range.from, range.to) };
  const { result, program } = await inspectionOf({ source, language: 'python', ...selection });
  const grads: Record<string, number> = {};
  for (const input of result.inputs) {
    grads[input.name] = input.grad;
  }
  return { value: result.value, grads, output: result.output.name, notes: program.notes ?? [] };
}

function assertClose(actual: number | undefined, expected: number | undefined, what: string): void {
  assert.ok(actual !== undefined && expected !== undefined, `${what}: missing`);
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
}

/** The CS231n backprop notes' staged sigmoid example, with a Python 2 print added after it. */
const CS231N = `import math
x = 3 # example values
y = -4

# forward pass
sigy = 1.0 / (1 + math.exp(-y)) # sigmoid in numerator   #(1)
num = x + sigy # numerator                               #(2)
sigx = 1.0 / (1 + math.exp(-x)) # sigmoid in denominator #(3)
xpy = x + y                                              #(4)
xpysqr = xpy**2                                          #(5)
den = sigx + xpysqr # denominator                        #(6)
invden = 1.0 / den                                       #(7)
f = num * invden # done!                                 #(8)
print "f is", f
`;

/** The same computation in PyTorch, inputs as tensors, for the gradients. */
const CS231N_TORCH = `import torch
x = torch.tensor(3.0, dtype=torch.float64, requires_grad=True)
y = torch.tensor(-4.0, dtype=torch.float64, requires_grad=True)
sigy = 1.0 / (1 + torch.exp(-y))
num = x + sigy
sigx = 1.0 / (1 + torch.exp(-x))
xpy = x + y
xpysqr = xpy**2
den = sigx + xpysqr
invden = 1.0 / den
f = num * invden
f.backward()
`;

describe('pasted notebooks and pages (Python)', function () {
  this.timeout(60_000);

  describe('a Python 2 print statement', () => {
    it('inside the inspected code is skipped with a note, and the numbers are PyTorch’s', async () => {
      const got = await inspected(CS231N);
      const want = ranInPython(CS231N_TORCH, 'f', ['x', 'y']);
      assert.equal(got.output, 'f');
      assertClose(got.value, want.value, 'f');
      assertClose(got.grads.x, want.grads.x, '∂f/∂x');
      assertClose(got.grads.y, want.grads.y, '∂f/∂y');
      assert.ok(
        got.notes.includes(
          'line 14: `print "f is", f` skipped: Python 2\'s `print` statement prints, it computes nothing',
        ),
        got.notes.join('\n'),
      );
    });

    it('outside the selection does not stop it', async () => {
      const source = `print "start"\n${CS231N}`;
      const got = await inspected(source, { from: 2, to: 13 });
      const want = ranInPython(CS231N_TORCH, 'f', ['x', 'y']);
      assertClose(got.value, want.value, 'f');
      assertClose(got.grads.x, want.grads.x, '∂f/∂x');
    });
  });

  describe('notebook magics, shell and help lines', () => {
    const CELL = `%matplotlib inline\n!pip install torch\nx = 2.0\ny = x * x + 3 * x  # why?\nnp.sum?\n`;

    it('are skipped with a note naming each line, keeping every range exact', async () => {
      const result = await python.lower({ source: CELL });
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      const program = result.program;
      assert.deepEqual(program.notes, [
        'line 1: `%matplotlib inline` (a notebook magic) skipped: not Python, it computes nothing',
        'line 2: `!pip install torch` (a shell command) skipped: not Python, it computes nothing',
        'line 5: `np.sum?` (a help request) skipped: not Python, it computes nothing',
      ]);
      assert.ok(program.kind !== 'tensor');
      const xs = program.references.filter((reference) => reference.name === 'x');
      assert.deepEqual(
        xs.map((reference) => reference.range.start),
        [
          { line: 2, column: 0 },
          { line: 3, column: 4 },
          { line: 3, column: 8 },
          { line: 3, column: 16 },
        ],
      );
    });

    it('outside the selection are not named', async () => {
      const result = await python.lower({ source: CELL, selection: linesRange(CELL, 2, 3) });
      assert.ok(result.ok);
      assert.equal(result.program.notes, undefined);
    });

    it('a % that continues an expression in brackets is Python, and an error elsewhere still is one', async () => {
      const source = 'x = 7\ny = (x\n     % 4)\nz = y +\n';
      const error = await lowerError(python, source);
      assert.equal(error.kind, 'syntax');
      assert.deepEqual(error.range.start.line, 3);
    });

    it('a % line inside a string is left alone', async () => {
      const source = 'x = 2\ns = """\n%not a magic\n"""\ny = x * x +\n';
      const error = await lowerError(python, source);
      assert.equal(error.kind, 'syntax');
      assert.equal(error.range.start.line, 4);
    });
  });
});
