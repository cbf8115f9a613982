/** The reference example f(x, y, z) = (x + y)·z built by hand, with q named. */
import { GraphBuilder } from '../../src/engine/graphBuilder';
import type { Graph } from '../../src/engine/ir';

export const REFERENCE_VALUES = { x: -2, y: 5, z: -4 } as const;

export function referenceGraph(): Graph {
  const builder = new GraphBuilder();
  const x = builder.input('x');
  const y = builder.input('y');
  const q = builder.op('add', [x, y], { name: 'q' });
  const z = builder.input('z');
  builder.op('mul', [q, z], { name: 'f' });
  return builder.build();
}
