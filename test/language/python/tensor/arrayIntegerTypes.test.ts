/**
 * Sized integer dtypes (`dtype='uint8'`, `np.int8`, `np.int32`, `.astype(np.uint8)`): exact
 * integers that wrap around their type's range as NumPy's fixed-width arithmetic does, against
 * real NumPy; Python numbers NumPy's versions treat differently are refused, naming the line.
 */
import assert from 'node:assert/strict';
import { runPython } from '../../../support/tensorOpChecks';
import { inspected, lines, tensorError } from './tensorPrograms';
import { assertSame, numpyArrays, probed, probedValues } from './setupChecks';

const CASES: readonly [string, string, readonly string[]][] = [
  [
    "dtype='uint8' and np.uint8: + and - wrap around 256, unary minus too",
    lines(
      'import numpy as np',
      "a = np.array([250, 5], dtype='uint8')",
      'up = a + 10',
      'down = a - 6',
      'neg = -a',
      'b = np.zeros(3, dtype=np.uint8)',
      'b[1] = 255',
      'b += 1',
    ),
    ['up', 'down', 'neg', 'b'],
  ],
  [
    'np.int8 wraps at ±128; uint8 + int8 promotes to int16 (no wrap)',
    lines(
      'import numpy as np',
      'c = np.array([100, 20, -100], dtype=np.int8)',
      'c += 100',
      'u = np.array([200, 1], dtype=np.uint8)',
      'i = np.array([100, -2], dtype=np.int8)',
      'mixed = u + i',
      'twice = mixed * 200',
    ),
    ['c', 'mixed', 'twice'],
  ],
  [
    '.astype(np.uint8) wraps integers; int32, i4 and int64 labels; ints with an int64 array widen',
    lines(
      'import numpy as np',
      'w = np.array([300, -1, 7]).astype(np.uint8)',
      "k = np.zeros(3, dtype='i4')",
      'k[0] = 2147483647',
      'wide = np.array([250, 5], dtype=np.uint8) + np.array([10, 10])',
      'same = np.zeros_like(w)',
      'same -= 1',
      "labels = np.array([0, 2, 1], dtype='int64')",
    ),
    ['w', 'k', 'wide', 'same', 'labels'],
  ],
];

describe('sized integer dtypes', function () {
  this.timeout(120_000);

  for (const [title, source, names] of CASES) {
    it(`${title}: as NumPy gives`, async () => {
      const { result } = await inspected(probed(source, names));
      const numpy = numpyArrays(source, names);
      const values = probedValues(result);
      names.forEach((name, i) => {
        assertSame(values[i] ?? [], numpy[name] ?? assert.fail(name), name);
      });
    });
  }

  it('uint8 labels index as integers: the loss and gradient PyTorch gives', async () => {
    const source = lines(
      'import numpy as np',
      "y = np.array([2, 0, 1], dtype='uint8')",
      'p = np.array([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25], [0.3, 0.3, 0.4]])',
      'loss = -np.sum(np.log(p[range(3), y]))',
    );
    const torch = runPython<{ loss: number; grad: number[] }>(
      lines(
        'import json, torch',
        'y = torch.tensor([2, 0, 1])',
        'p = torch.tensor([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25], [0.3, 0.3, 0.4]], dtype=torch.float64, requires_grad=True)',
        'loss = -torch.log(p[torch.arange(3), y]).sum()',
        'loss.backward()',
        "print(json.dumps({'loss': loss.item(), 'grad': p.grad.flatten().tolist()}))",
      ),
    );
    const { result } = await inspected(source);
    assert.ok(Math.abs(result.value - torch.loss) <= 1e-15 * torch.loss);
    assertSame(
      [...(result.grads.p?.data ?? [])],
      { shape: [9], data: torch.grad, dtype: '' },
      '∂loss/∂p',
    );
  });

  it('refuses a Python int that does not fit (NumPy 1.x wraps with a warning, NumPy 2 raises)', async () => {
    const created = await tensorError(
      lines(
        'import numpy as np',
        'a = np.array([1, 300], dtype=np.uint8)',
        's = 1.0',
        'f = np.sum(a * s)',
      ),
    );
    assert.match(created.message, /300 does not fit uint8/);
    assert.equal(created.range?.start.line, 1);
    const written = await tensorError(
      lines(
        'import numpy as np',
        "a = np.zeros(2, dtype='uint8')",
        'a[0] = -1',
        's = 1.0',
        'f = np.sum(a * s)',
      ),
    );
    assert.match(written.message, /a\[0\] = -1.*-1 does not fit uint8/);
    assert.equal(written.range?.start.line, 2);
    const added = await tensorError(
      lines(
        'import numpy as np',
        "a = np.zeros(2, dtype='uint8')",
        'b = a + 300',
        's = 1.0',
        'f = np.sum(b * s)',
      ),
    );
    assert.match(added.message, /a \+ 300.*300 does not fit the array's type uint8/);
    assert.equal(added.range?.start.line, 2);
  });
});
