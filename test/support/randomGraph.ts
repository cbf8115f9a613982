/**
 * Seeded random expression DAGs over smooth ops on safe domains, for property tests: every
 * op node draws its operands from earlier nodes, so sharing (fan-out) happens naturally.
 */
import { GraphBuilder } from '../../src/engine/graphBuilder';
import type { Graph } from '../../src/engine/ir';
import type { OpName } from '../../src/engine/opName';

/** The seeded generator shared with the benchmarks and scripts. */
export { mulberry32 } from '../../scripts/lib/random.cjs';

export interface RandomGraph {
  readonly graph: Graph;
  readonly values: Record<string, number>;
}

/** Ops whose results stay well conditioned for operands in roughly [−3, 3]. */
const UNARY: readonly OpName[] = [
  'neg',
  'exp',
  'tanh',
  'sigmoid',
  'sin',
  'cos',
  'softplus',
  'atan',
  'sinh',
  'erf',
  'gelu',
];
const BINARY: readonly OpName[] = ['add', 'sub', 'mul', 'add', 'mul'];

export function randomGraph(
  random: () => number,
  inputCount: number,
  opCount: number,
): RandomGraph {
  const builder = new GraphBuilder();
  const values: Record<string, number> = {};
  const ids: number[] = [];
  for (let i = 0; i < inputCount; i += 1) {
    const name = `x${i}`;
    values[name] = Math.round((random() * 4 - 2) * 1000) / 1000;
    ids.push(builder.input(name));
  }
  const pick = (): number => ids[Math.floor(random() * ids.length)] ?? 0;
  for (let i = 0; i < opCount; i += 1) {
    // Bias towards recent nodes so graphs get deep, while older ones still fan out.
    const recent = (): number => ids[Math.max(0, ids.length - 1 - Math.floor(random() * 4))] ?? 0;
    if (random() < 0.4) {
      const op = UNARY[Math.floor(random() * UNARY.length)] ?? 'neg';
      // Squash first so exp/sinh of a deep sum cannot overflow.
      const squashed = op === 'exp' || op === 'sinh' ? builder.op('tanh', [recent()]) : recent();
      ids.push(builder.op(op, [squashed]));
    } else {
      const op = BINARY[Math.floor(random() * BINARY.length)] ?? 'add';
      const left = recent();
      const right = random() < 0.2 ? builder.constant(Math.round(random() * 30) / 10) : pick();
      ids.push(builder.op(op, [left, op === 'mul' ? builder.op('tanh', [right]) : right]));
    }
  }
  return { graph: builder.build(), values };
}
