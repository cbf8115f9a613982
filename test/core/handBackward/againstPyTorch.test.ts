/**
 * The softmax classifier run for real: NumPy runs the file (its hand-written backward pass
 * too) and PyTorch's autograd gives the true gradients. The check's verdicts and numbers agree.
 */
import assert from 'node:assert/strict';
import { runPython } from '../../support/tensorOpChecks';
import { reportOf } from './backwardReport';
import { mutate, SOFTMAX } from './backwardSources';

interface Run {
  /** Hand-written by the file, as NumPy computes them. */
  readonly hand: Record<string, number[][]>;
  /** PyTorch's ∂loss/∂…, float64. */
  readonly torch: Record<string, number[][]>;
}

const RUN = `
import json, sys
import numpy as np, torch
source = json.load(sys.stdin)['source']
space = {}
exec(source, space)
X = torch.tensor(space['X']); W = torch.tensor(space['W'], requires_grad=True)
b = torch.tensor(space['b'], requires_grad=True); y = torch.tensor(space['y'])
N = X.shape[0]
scores = X @ W + b
scores.retain_grad()
probs = torch.softmax(scores, dim=1)
loss = -torch.log(probs[torch.arange(N), y]).sum() / N + 0.5 * space['reg'] * (W * W).sum()
loss.backward()
print(json.dumps({
  'hand': {name: np.atleast_2d(space[name]).tolist() for name in ('dscores', 'dW', 'db')},
  'torch': {'dscores': scores.grad.tolist(), 'dW': W.grad.tolist(), 'db': b.grad.tolist()},
}))
`;

function maxRelativeError(a: number[][], b: number[][]): number {
  let worst = 0;
  a.forEach((row, i) =>
    row.forEach((value, j) => {
      const other = b[i]?.[j] ?? Number.NaN;
      const scale = Math.max(Math.abs(value), Math.abs(other));
      worst = Math.max(worst, scale === 0 ? 0 : Math.abs(value - other) / scale);
    }),
  );
  return worst;
}

describe('the hand-written backward check against NumPy and PyTorch', function () {
  this.timeout(60_000);
  it('calls correct what PyTorch confirms: the softmax classifier’s dscores, dW, db', async () => {
    const run = runPython<Run>(RUN, { source: SOFTMAX });
    const report = await reportOf(SOFTMAX);
    for (const name of ['dscores', 'dW', 'db']) {
      assert.ok(maxRelativeError(run.hand[name] ?? [], run.torch[name] ?? []) < 1e-12, name);
      const comparison = report.comparisons.find((one) => one.pairing.gradient === name);
      assert.equal(comparison?.verdict, 'correct', name);
    }
  });

  it('gives PyTorch’s and NumPy’s numbers at the worst element of a wrong dW', async () => {
    const source = mutate(SOFTMAX, 'dW += reg * W', '');
    const run = runPython<Run>(RUN, { source });
    const report = await reportOf(source);
    const dW = report.comparisons.find((one) => one.pairing.gradient === 'dW');
    assert.equal(dW?.verdict, 'wrong');
    const [i = -1, j = -1] = dW?.worst?.index ?? [];
    const want = run.torch.dW?.[i]?.[j] ?? Number.NaN;
    const hand = run.hand.dW?.[i]?.[j] ?? Number.NaN;
    assert.ok(Math.abs((dW?.worst?.engine ?? 0) - want) <= 1e-12 * Math.abs(want));
    assert.ok(Math.abs((dW?.worst?.handWritten ?? 0) - hand) <= 1e-12 * Math.abs(hand));
    assert.ok(
      Math.abs(
        (dW?.maxRelativeError ?? 0) - maxRelativeError(run.hand.dW ?? [], run.torch.dW ?? []),
      ) < 1e-9,
    );
  });
});
