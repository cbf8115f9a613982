import { strict as assert } from 'node:assert';
import {
  indexGather,
  slicePositions,
  TORCH_MASK_REFUSAL,
  type IndexLibrary,
  type IndexPart,
} from '../../../src/engine/tensor/indexing';
import { sizeOf, type Shape } from '../../../src/engine/tensor/shape';
import { mulberry32, runPython } from '../../support/tensorOpChecks';

interface Case {
  readonly shape: Shape;
  readonly parts: IndexPart[];
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

const integerIn = (random: Random, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));

type Kind = 'integer' | 'slice' | 'newaxis' | 'ellipsis' | 'mask' | 'array';

/** How many input axes a kind consumes: a mask 1 or 2, decided up front. */
function plannedParts(random: Random, rank: number): { kind: Kind; axes: number }[] {
  const count = integerIn(random, 0, rank + 1);
  const kinds: Kind[] = ['integer', 'slice', 'slice', 'newaxis', 'mask', 'array', 'array', 'array'];
  const planned = Array.from({ length: count }, () => {
    const kind = pick(random, kinds);
    return { kind, axes: kind === 'newaxis' ? 0 : kind === 'mask' ? integerIn(random, 1, 2) : 1 };
  });
  if (random() < 0.3) {
    planned.splice(integerIn(random, 0, planned.length), 0, { kind: 'ellipsis', axes: 0 });
  }
  return planned;
}

const ARRAY_SHAPES: readonly Shape[] = [[], [1], [2], [3], [2, 1], [1, 3], [2, 3], [0]];

function randomPart(random: Random, kind: Kind, lengths: readonly number[]): IndexPart {
  const length = lengths[0] ?? 3;
  switch (kind) {
    case 'integer':
      return {
        kind,
        value: integerIn(
          random,
          -length - (random() < 0.1 ? 1 : 0),
          length - (random() < 0.9 ? 1 : 0),
        ),
      };
    case 'slice': {
      const bound = (): number | undefined =>
        random() < 0.4 ? undefined : integerIn(random, -6, 6);
      const step = pick(random, [undefined, 1, 2, 3, -1, -2, -3]);
      return {
        kind,
        ...(random() < 0.5 ? {} : { start: bound() }),
        ...(random() < 0.5 ? {} : { stop: bound() }),
        ...(step === undefined ? {} : { step }),
      };
    }
    case 'newaxis':
    case 'ellipsis':
      return { kind };
    case 'mask': {
      const shape = lengths.map((axisLength) => (random() < 0.05 ? axisLength + 1 : axisLength));
      return {
        kind,
        mask: {
          shape,
          data: Float64Array.from({ length: sizeOf(shape) }, () => (random() < 0.5 ? 1 : 0)),
        },
      };
    }
    case 'array': {
      const shape = pick(random, ARRAY_SHAPES);
      const data = Float64Array.from({ length: sizeOf(shape) }, () =>
        integerIn(random, -length - (random() < 0.03 ? 1 : 0), Math.max(length - 1, 0)),
      );
      return { kind, array: { shape, data } };
    }
  }
}

function randomCase(random: Random): Case {
  const rank = integerIn(random, 0, 4);
  const shape = Array.from({ length: rank }, () => (random() < 0.05 ? 0 : integerIn(random, 1, 4)));
  const planned = plannedParts(random, rank);
  const ellipsis = planned.findIndex((part) => part.kind === 'ellipsis');
  const after =
    ellipsis < 0 ? 0 : planned.slice(ellipsis + 1).reduce((total, part) => total + part.axes, 0);
  let axis = 0;
  const parts = planned.map((part, i) => {
    if (i === ellipsis) {
      axis = Math.max(axis, rank - after);
    }
    const lengths = shape.slice(axis, axis + part.axes);
    axis += part.axes;
    return randomPart(
      random,
      part.kind,
      lengths.length === part.axes ? lengths : [3, 3].slice(0, part.axes),
    );
  });
  return { shape, parts };
}

const ORACLE = String.raw`
import json, sys, numpy as np, torch

def numpy_part(p):
    k = p['kind']
    if k == 'integer': return p['value']
    if k == 'slice': return slice(p.get('start'), p.get('stop'), p.get('step'))
    if k == 'newaxis': return None
    if k == 'ellipsis': return Ellipsis
    if k == 'mask': return np.array(p['data'], dtype=bool).reshape(p['shape'])
    return np.array(p['data'], dtype=np.int64).reshape(p['shape'])

def torch_part(p):
    part = numpy_part(p)
    return torch.from_numpy(part) if isinstance(part, np.ndarray) else part

def run(index, base):
    try:
        y = base[index]
        return {'shape': list(y.shape), 'values': [int(v) for v in y.flatten().tolist()]}
    except (IndexError, ValueError, RuntimeError) as e:
        return {'error': str(e).strip()}

out = []
for case in json.load(sys.stdin):
    size = int(np.prod(case['shape'], dtype=np.int64))
    base = np.arange(size).reshape(case['shape'])
    numpy = run(tuple(numpy_part(p) for p in case['parts']), base)
    torch_out = run(tuple(torch_part(p) for p in case['parts']), torch.arange(size).reshape(case['shape']))
    out.append({'numpy': numpy, 'torch': torch_out})
print(json.dumps(out))
`;

type Outcome = { shape: number[]; values: number[] } | { error: string };

function jsonPart(part: IndexPart): unknown {
  switch (part.kind) {
    case 'mask':
      return { kind: part.kind, shape: part.mask.shape, data: [...part.mask.data] };
    case 'array':
      return { kind: part.kind, shape: part.array.shape, data: [...part.array.data] };
    default:
      return part;
  }
}

/** Python's text of an index, for failure messages. */
function indexText(parts: readonly IndexPart[]): string {
  return parts
    .map((part) => {
      switch (part.kind) {
        case 'integer':
          return String(part.value);
        case 'slice':
          return `${part.start ?? ''}:${part.stop ?? ''}:${part.step ?? ''}`;
        case 'newaxis':
          return 'None';
        case 'ellipsis':
          return '...';
        case 'mask':
          return `mask${JSON.stringify(part.mask.shape)}`;
        case 'array':
          return `array${JSON.stringify([...part.array.data])}.reshape${JSON.stringify(part.array.shape)}`;
      }
    })
    .join(', ');
}

/** NumPy's messages that ours repeat word for word. */
const SAME_WORDS = [
  /out of bounds for axis/,
  /too many indices/,
  /could not be broadcast/,
  /boolean index did not match/,
];

function compare(
  library: IndexLibrary,
  { shape, parts }: Case,
  expected: Outcome,
  i: number,
): void {
  const ours = indexGather(shape, parts, library);
  const what = `${library} case ${i}: x${JSON.stringify(shape)}[${indexText(parts)}]`;
  if (library === 'torch' && ours.kind === 'refused' && ours.message === TORCH_MASK_REFUSAL) {
    return;
  }
  if ('error' in expected) {
    assert.equal(ours.kind, 'refused', `${what}: ${library} refuses with "${expected.error}"`);
    if (
      library === 'numpy' &&
      SAME_WORDS.some((words) => words.test(expected.error)) &&
      ours.kind === 'refused'
    ) {
      assert.equal(ours.message, expected.error, what);
    }
    return;
  }
  // NumPy 1.24 still lets an out-of-bounds index through when the result is empty (deprecated,
  // "in the future the index error will be raised"); refusing it gives no wrong number.
  if (
    expected.values.length === 0 &&
    ours.kind === 'refused' &&
    /out of bounds/.test(ours.message)
  ) {
    return;
  }
  assert.equal(ours.kind, 'gather', `${what}: ${ours.kind === 'refused' ? ours.message : ''}`);
  if (ours.kind === 'gather') {
    assert.deepEqual([...ours.shape], expected.shape, `${what}: shape`);
    assert.deepEqual([...ours.indices], expected.values, `${what}: indices`);
  }
}

describe('NumPy indexing as a gather', () => {
  it('gives NumPy’s and PyTorch’s shapes and elements, or refuses as they do, on random indices', function () {
    this.timeout(120_000);
    const random = mulberry32(2024);
    const cases = Array.from({ length: 5000 }, () => randomCase(random));
    const oracle = runPython<{ numpy: Outcome; torch: Outcome }[]>(
      ORACLE,
      cases.map(({ shape, parts }) => ({ shape, parts: parts.map(jsonPart) })),
    );
    let gathered = 0;
    cases.forEach((one, i) => {
      const expected = oracle[i];
      assert.ok(expected !== undefined);
      compare('numpy', one, expected.numpy, i);
      compare('torch', one, expected.torch, i);
      gathered += 'error' in expected.numpy ? 0 : 1;
    });
    // The random cases must mostly index, not mostly fail.
    assert.ok(gathered > cases.length / 2, `only ${gathered} of ${cases.length} cases index`);
  });

  it('picks CS231n’s correct-class scores with p[np.arange(4), y]', () => {
    const result = indexGather(
      [4, 5],
      [
        { kind: 'array', array: { shape: [4], data: Float64Array.of(0, 1, 2, 3) } },
        { kind: 'array', array: { shape: [4], data: Float64Array.of(0, 2, 1, 2) } },
      ],
    );
    assert.deepEqual(result, { kind: 'gather', shape: [4], indices: Int32Array.of(0, 7, 11, 17) });
  });

  it('moves the integer arrays’ axes first when a slice separates them, as NumPy does', () => {
    const arrays: IndexPart = { kind: 'array', array: { shape: [2], data: Float64Array.of(1, 2) } };
    const numpy = indexGather(
      [2, 3, 4],
      [{ kind: 'integer', value: 0 }, { kind: 'slice' }, arrays],
    );
    const torch = indexGather(
      [2, 3, 4],
      [{ kind: 'integer', value: 0 }, { kind: 'slice' }, arrays],
      'torch',
    );
    assert.equal(numpy.kind === 'gather' && numpy.shape.join(), '2,3');
    assert.equal(torch.kind === 'gather' && torch.shape.join(), '3,2');
  });

  it('refuses with NumPy’s words', () => {
    assert.deepEqual(indexGather([4], [{ kind: 'integer', value: 5 }]), {
      kind: 'refused',
      message: 'index 5 is out of bounds for axis 0 with size 4',
    });
    assert.deepEqual(indexGather([4], [{ kind: 'ellipsis' }, { kind: 'ellipsis' }]), {
      kind: 'refused',
      message: "an index can only have a single ellipsis ('...')",
    });
    assert.deepEqual(indexGather([4], [{ kind: 'slice', step: 0 }]), {
      kind: 'refused',
      message: 'slice step cannot be zero',
    });
    assert.deepEqual(indexGather([4], [{ kind: 'slice', step: -1 }], 'torch'), {
      kind: 'refused',
      message:
        'step must be greater than zero (PyTorch refuses negative slice steps; use torch.flip)',
    });
    assert.deepEqual(
      indexGather([4], [{ kind: 'array', array: { shape: [1], data: Float64Array.of(0.5) } }]),
      {
        kind: 'refused',
        message: 'arrays used as indices must be of integer (or boolean) type',
      },
    );
  });

  it('refuses a result too large to inspect before allocating it', () => {
    const long: IndexPart = {
      kind: 'array',
      array: { shape: [4000, 1], data: new Float64Array(4000) },
    };
    const wide: IndexPart = {
      kind: 'array',
      array: { shape: [4000], data: new Float64Array(4000) },
    };
    const result = indexGather([3, 3], [long, wide]);
    assert.equal(result.kind, 'refused');
    assert.match(
      result.kind === 'refused' ? result.message : '',
      /\(4000, 4000\) with 16,000,000 elements/,
    );
  });

  it('clamps slice bounds as Python’s slice.indices does', () => {
    assert.deepEqual(slicePositions({ start: -10, stop: 10 }, 4), [0, 1, 2, 3]);
    assert.deepEqual(slicePositions({ step: -1 }, 4), [3, 2, 1, 0]);
    assert.deepEqual(slicePositions({ start: 10, stop: -10, step: -2 }, 4), [3, 1]);
    assert.deepEqual(slicePositions({ start: 2, stop: 2 }, 4), []);
  });
});
