/**
 * NumPy's aliasing while array code is read: names bound to one array, views from basic
 * slicing, `.T` and `reshape`, arrays passed to functions or kept in lists all see a write made
 * through any of them; copies (`.copy()`, `np.array`, fancy indexing) do not. Each case against
 * real NumPy; a write through a view that involves an input against PyTorch's autograd.
 */
import assert from 'node:assert/strict';
import { runPython } from '../../../support/tensorOpChecks';
import { inspected, lines, tensorError } from './tensorPrograms';
import { assertSame, numpyArrays, probed, probedValues } from './setupChecks';

const CASES: readonly [string, string, readonly string[]][] = [
  [
    'b = a; b[0] = 5 changes a',
    lines('import numpy as np', 'a = np.array([1.0, 2.0, 3.0])', 'b = a', 'b[0] = 5.0'),
    ['a', 'b'],
  ],
  [
    'b = a; b -= 1 and a *= 2 change both',
    lines('import numpy as np', 'a = np.array([1.0, 2.0, 3.0])', 'b = a', 'b -= 1', 'a *= 2'),
    ['a', 'b'],
  ],
  [
    'a view from basic slicing: v = a[1:]; v[0] = 7 changes a, a[2] = 9 changes v',
    lines(
      'import numpy as np',
      'a = np.arange(5.0)',
      'v = a[1:]',
      'v[0] = 7.0',
      'a[2] = 9.0',
      'w = a[::2]',
      'w += 10',
    ),
    ['a', 'v', 'w'],
  ],
  [
    'copies do not share: .copy(), np.array(a), a[[0, 1]]',
    lines(
      'import numpy as np',
      'a = np.array([1.0, 2.0, 3.0])',
      'c = a.copy()',
      'c[0] = 100.0',
      'd = np.array(a)',
      'd[1] = 200.0',
      'f = a[[0, 1]]',
      'f[0] = 300.0',
      'a[2] = -1.0',
    ),
    ['a', 'c', 'd', 'f'],
  ],
  [
    'a.T, a.reshape(…), a row m[1], np.asarray(a) and m.T[…] = are views',
    lines(
      'import numpy as np',
      'm = np.zeros((2, 3))',
      't = m.T',
      't[0, 1] = 4.0',
      'r = m.reshape(3, 2)',
      'r[2, 1] = 8.0',
      'row = m[1]',
      'row += 1',
      'd = np.asarray(m)',
      'd[0, 1] = -2.0',
      'm.T[2, 0] = 6.0',
    ),
    ['m', 't', 'r', 'row', 'd'],
  ],
  [
    'a function that writes into its argument, and a list that holds the array',
    lines(
      'import numpy as np',
      'def fill(z):',
      '    z[0] = -1.0',
      '    z[1:] *= 2',
      'W = np.array([1.0, 2.0, 3.0])',
      'params = [W]',
      'fill(W)',
      'W += 0.5',
      'first = params[0]',
    ),
    ['W', 'first'],
  ],
];

describe('array aliasing', function () {
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

  it('a write through a view of an array that depends on an input: PyTorch’s gradients', async () => {
    const source = lines(
      'import numpy as np',
      'w = np.array([1.0, -2.0, 3.0])',
      'h = w * 2',
      'v = h[1:]',
      'v *= 3',
      'g = h',
      'g[0] += w[2]',
      'loss = np.sum(h * h)',
    );
    const torch = runPython<{ loss: number; grad: number[] }>(
      lines(
        'import json, torch',
        'w = torch.tensor([1.0, -2.0, 3.0], dtype=torch.float64, requires_grad=True)',
        'h = w * 2',
        'v = h[1:]',
        'v *= 3',
        'g = h',
        'g[0] += w[2]',
        'loss = (h * h).sum()',
        'loss.backward()',
        "print(json.dumps({'loss': loss.item(), 'grad': w.grad.tolist()}))",
      ),
    );
    const { result } = await inspected(source);
    assert.equal(result.value, torch.loss);
    assertSame(
      [...(result.grads.w?.data ?? [])],
      { shape: [3], data: torch.grad, dtype: '' },
      '∂loss/∂w',
    );
  });

  it('says which other names a write changed, naming the line', async () => {
    const source = lines(
      'import numpy as np',
      'a = np.array([1.0, 2.0, 3.0])',
      'b = a',
      'v = a[1:]',
      'b[2] = 5.0',
    );
    const { program } = await inspected(probed(source, ['a']));
    assert.ok(
      program.notes?.includes(
        "line 5: `b[2] = 5.0` also changes `a`, `v`, which share its memory (NumPy's aliasing)",
      ),
      String(program.notes),
    );
  });

  it('torch.from_numpy(a) and .numpy() share memory with the array, as PyTorch gives', async () => {
    const source = lines(
      'import numpy as np',
      'import torch',
      'a = np.array([1.0, 2.0, 3.0])',
      't = torch.from_numpy(a)',
      'a[0] = 5.0',
      'back = t.numpy()',
      'back[2] = -1.0',
      'w = torch.tensor([0.5, 1.0, 2.0], dtype=torch.float64, requires_grad=True)',
      'loss = (t * w).sum() + (torch.from_numpy(a) * w).sum()',
    );
    const torch = runPython<{ loss: number; grad: number[] }>(
      `${source}loss.backward()\nimport json\nprint(json.dumps({'loss': loss.item(), 'grad': w.grad.tolist()}))\n`,
    );
    const { result } = await inspected(source);
    assert.equal(result.value, torch.loss);
    assert.deepEqual([...(result.grads.w?.data ?? [])], torch.grad);
  });

  it('refuses a write through .detach() into a tensor the graph records, naming the line', async () => {
    const error = await tensorError(
      lines(
        'import torch',
        'w = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)',
        'h = w * 2',
        'd = h.detach()',
        'd[0] = 0.0',
        'loss = h.sum()',
      ),
    );
    assert.match(error.message, /`d` is `h\.detach\(\)`, the memory of a tensor the graph records/);
    assert.equal(error.range?.start.line, 4);
  });

  it('refuses a write into np.broadcast_to’s read-only view, as NumPy does, naming the line', async () => {
    const error = await tensorError(
      lines(
        'import numpy as np',
        'a = np.array([1.0, 2.0])',
        'bb = np.broadcast_to(a, (2, 2))',
        'bb[0, 0] = 5.0',
        'f = np.sum(a)',
      ),
    );
    assert.match(error.message, /`bb` is a read-only view .*NumPy refuses writing into it/);
    assert.equal(error.range?.start.line, 3);
  });

  it('refuses a write while a reshape NumPy may or may not copy is bound, naming the line', async () => {
    const error = await tensorError(
      lines(
        'import numpy as np',
        'm = np.zeros((2, 3))',
        'flat = m.T.reshape(6)',
        'm[0, 0] = 5.0',
        'f = np.sum(m)',
      ),
    );
    assert.match(
      error.message,
      /`flat` comes from `m\.T\.reshape\(6\)`, a reshape NumPy may or may not copy/,
    );
    assert.equal(error.range?.start.line, 3);
  });
});
