import { GraphBuilder } from '../../../src/engine/graphBuilder';
import type { Graph } from '../../../src/engine/ir';

/** Ten tanh neurons in a chain, each reading x or w again: numbers of every size on its edges. */
export function neuronChain(): Graph {
  const builder = new GraphBuilder();
  const x = builder.input('x');
  const w = builder.input('w');
  let h = builder.op('mul', [x, w]);
  for (let i = 0; i < 10; i += 1) {
    h = builder.op('tanh', [builder.op(i % 2 === 0 ? 'add' : 'mul', [h, i % 3 === 0 ? x : w])]);
  }
  return builder.build();
}
