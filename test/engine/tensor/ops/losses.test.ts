import { strict as assert } from 'node:assert';
import {
  binaryCrossEntropy,
  crossEntropy,
  mseLoss,
} from '../../../../src/engine/tensor/ops/losses';
import { tensorOpRecord } from '../../../../src/engine/tensor/ops';
import type { Tensor } from '../../../../src/engine/tensor/tensor';
import type { ClassLossOp, PairLossOp, Reduction } from '../../../../src/engine/tensor/tensorOp';
import {
  assertClose,
  checkDerivatives,
  mulberry32,
  outputOf,
  randomTensor,
  runPython,
} from '../../../support/tensorOpChecks';

type LossOp = ClassLossOp | PairLossOp;

const REDUCTIONS: readonly Reduction[] = ['mean', 'sum', 'none'];

interface Case {
  readonly op: LossOp;
  readonly args: Tensor[];
}

function classCase(random: () => number, i: number): Case {
  const kind = i % 2 === 0 ? 'cross_entropy' : 'nll_loss';
  const rows = 1 + Math.floor(random() * 4);
  const classes = 1 + Math.floor(random() * 5);
  const oneRow = i % 5 === 0;
  const targets = Int32Array.from({ length: oneRow ? 1 : rows }, (_, n) =>
    n > 0 && random() < 0.2 ? -100 : Math.floor(random() * classes),
  );
  const shape = oneRow ? [classes] : [rows, classes];
  const reduction = REDUCTIONS[i % 3] ?? 'mean';
  return { op: { kind, targets, reduction }, args: [randomTensor(random, shape, -4, 4)] };
}

function pairCase(random: () => number, i: number): Case {
  const kinds = ['mse_loss', 'l1_loss', 'binary_cross_entropy', 'bce_with_logits'] as const;
  const kind = kinds[i % 4] ?? 'mse_loss';
  const shape = Array.from({ length: i % 3 }, () => 1 + Math.floor(random() * 4));
  const input =
    kind === 'binary_cross_entropy'
      ? randomTensor(random, shape, 0.05, 0.95)
      : randomTensor(random, shape, -4, 4);
  const target = kind.includes('b')
    ? randomTensor(random, shape, 0, 1)
    : randomTensor(random, shape, -4, 4);
  return {
    op: { kind, reduction: REDUCTIONS[Math.floor(i / 4) % 3] ?? 'mean' },
    args: [input, target],
  };
}

function randomCases(count: number, seed: number): Case[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0 ? classCase(random, i / 2) : pairCase(random, (i - 1) / 2),
  );
}

const tensor = (shape: number[], values: number[]): Tensor => ({
  shape,
  data: Float64Array.from(values),
});

/** PyTorch's corners: BCE's clamped logs at 0 and 1, huge logits, ignored rows. */
const CORNERS: Case[] = [
  {
    op: { kind: 'binary_cross_entropy', reduction: 'sum' },
    args: [tensor([4], [0, 1, 1e-50, 0.5]), tensor([4], [1, 0, 0.3, 0.5])],
  },
  {
    op: { kind: 'binary_cross_entropy', reduction: 'mean' },
    args: [tensor([2], [0, 1]), tensor([2], [0, 1])],
  },
  {
    op: { kind: 'bce_with_logits', reduction: 'none' },
    args: [tensor([4], [1000, -1000, 40, -40]), tensor([4], [0, 1, 0.5, 0.25])],
  },
  {
    op: { kind: 'cross_entropy', targets: Int32Array.of(1, 0), reduction: 'mean' },
    args: [tensor([2, 3], [1000, 0, -1000, 5, 5, 5])],
  },
  {
    op: { kind: 'cross_entropy', targets: Int32Array.of(-100, 2), reduction: 'mean' },
    args: [tensor([2, 3], [1, 2, 3, 4, 5, 6])],
  },
  {
    op: { kind: 'nll_loss', targets: Int32Array.of(-100, -100), reduction: 'mean' },
    args: [tensor([2, 3], [1, 2, 3, 4, 5, 6])],
  },
  {
    op: { kind: 'l1_loss', reduction: 'sum' },
    args: [tensor([3], [1, 2, 3]), tensor([3], [1, 0, 5])],
  },
];

const TORCH = String.raw`
import json, math, sys, torch
import torch.nn.functional as F
LOSSES = {'cross_entropy': F.cross_entropy, 'nll_loss': F.nll_loss, 'mse_loss': F.mse_loss,
          'l1_loss': F.l1_loss, 'binary_cross_entropy': F.binary_cross_entropy,
          'bce_with_logits': F.binary_cross_entropy_with_logits}
def wire(values):
    return [v if math.isfinite(v) else str(v) for v in values.flatten().tolist()]
def t(a):
    return torch.tensor(a['data'], dtype=torch.float64).reshape(a['shape']).requires_grad_()
out = []
for case in json.load(sys.stdin):
    args = [t(a) for a in case['args']]
    if 'targets' in case:
        targets = torch.tensor(case['targets'], dtype=torch.int64)
        if args[0].dim() == 1:
            targets = targets.reshape(())
        y = LOSSES[case['kind']](args[0], targets, reduction=case['reduction'])
    else:
        y = LOSSES[case['kind']](args[0], args[1], reduction=case['reduction'])
    u = torch.tensor(case['u'], dtype=torch.float64).reshape(y.shape)
    y.backward(u)
    out.append({'y': wire(y.detach()), 'grads': [wire(a.grad) for a in args]})
print(json.dumps(out))
`;

/** Non-finite numbers cross JSON as the strings `nan`, `inf`, `-inf`. */
type Wire = number | string;

const FROM_WIRE: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };

const fromWire = (values: readonly Wire[]): number[] =>
  values.map((value) => (typeof value === 'number' ? value : (FROM_WIRE[value] ?? NaN)));

function torchRun(
  cases: readonly (Case & { upstream: Tensor })[],
): { y: number[]; grads: number[][] }[] {
  const outcomes = runPython<{ y: Wire[]; grads: Wire[][] }[]>(
    TORCH,
    cases.map(({ op, args, upstream }) => ({
      kind: op.kind,
      reduction: op.reduction,
      ...('targets' in op ? { targets: [...op.targets] } : {}),
      args: args.map((arg) => ({ shape: arg.shape, data: [...arg.data] })),
      u: [...upstream.data],
    })),
  );
  return outcomes.map(({ y, grads }) => ({ y: fromWire(y), grads: grads.map(fromWire) }));
}

/** Close where finite, and the same NaN or infinity where not. */
function assertLike(actual: Float64Array, expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((value, k) => {
    const wanted = expected[k] ?? NaN;
    if (Number.isFinite(wanted)) {
      assertClose([value], [wanted], 1e-12, `${what}[${k}]`);
    } else {
      assert.ok(Object.is(value, wanted), `${what}[${k}]: ${value} ≠ ${wanted}`);
    }
  });
}

describe('tensor losses', () => {
  it('VJP (input and target) and JVP agree with central differences', () => {
    const random = mulberry32(31);
    for (const { op, args } of randomCases(60, 8)) {
      checkDerivatives(tensorOpRecord(op), op, args, random);
    }
  });

  it('values and gradients match PyTorch, its corners included', function () {
    this.timeout(60_000);
    const random = mulberry32(32);
    const cases = [...randomCases(120, 9), ...CORNERS].map((one) => {
      const out = outputOf(tensorOpRecord(one.op), one.op, one.args);
      return { ...one, out, upstream: randomTensor(random, out.shape) };
    });
    const torch = torchRun(cases);
    cases.forEach(({ op, args, out, upstream }, i) => {
      const expected = torch[i];
      assert.ok(expected !== undefined);
      const what = `${op.kind} (${op.reduction}), case ${i}`;
      assertLike(out.data, expected.y, `${what} value`);
      args.forEach((_, operand) => {
        const gradient = tensorOpRecord(op).vjp(op, operand, upstream, args, out);
        assertLike(gradient.data, expected.grads[operand] ?? [], `${what} gradient ${operand}`);
      });
    });
  });

  it('refuses class indices out of range, scores of the wrong rank and unequal pair shapes', () => {
    const op: ClassLossOp = {
      kind: 'cross_entropy',
      targets: Int32Array.of(0, 3),
      reduction: 'mean',
    };
    assert.deepEqual(crossEntropy.shape(op, [[2, 3]]), {
      mismatch: 'target 3 (at 1) is out of bounds for 3 classes',
    });
    assert.deepEqual(crossEntropy.shape(op, [[2, 3, 4]]), {
      mismatch: 'cross_entropy takes scores of shape (N, C) or (C,), not (2, 3, 4)',
    });
    assert.deepEqual(crossEntropy.shape(op, [[3, 4]]), {
      mismatch: 'scores (3, 4) and 2 targets do not fit: 3 ≠ 2',
    });
    assert.deepEqual(mseLoss.shape({ kind: 'mse_loss', reduction: 'mean' }, [[3], [3, 1]]), {
      mismatch: 'shapes (3,) and (3, 1) do not fit: they must be equal',
    });
  });

  it('refuses binary_cross_entropy of values outside [0, 1], as PyTorch does', () => {
    const op: PairLossOp = { kind: 'binary_cross_entropy', reduction: 'mean' };
    assert.throws(
      () => outputOf(binaryCrossEntropy, op, [tensor([2], [0.5, 1.5]), tensor([2], [1, 0])]),
      /all elements of input should be between 0 and 1, but element 1 is 1.5/,
    );
  });

  it('writes the VJPs with the reduction’s count', () => {
    const ce: ClassLossOp = {
      kind: 'cross_entropy',
      targets: Int32Array.of(0, 2, 1, 2),
      reduction: 'mean',
    };
    assert.deepEqual(crossEntropy.formula(ce, 0, ['scores'], 'loss', [[4, 5]], []), {
      rule: '∂L/∂scores = (softmax(scores) − onehot(targets)) / 4 ⊙ ∂L/∂loss',
      shapes: '(4, 5) = (4, 5) ⊙ ()',
    });
    assert.deepEqual(
      mseLoss.formula(
        { kind: 'mse_loss', reduction: 'sum' },
        1,
        ['pred', 'y'],
        'loss',
        [[3], [3]],
        [],
      ),
      {
        rule: '∂L/∂y = −2(pred − y) ⊙ ∂L/∂loss',
        shapes: '(3,) = (3,) ⊙ ()',
      },
    );
  });
});
