// Seeded graph generators for the benchmark, and the conversions of one graph into what the
// peers take (a mathjs expression string, a tfjs function). Everything is deterministic.
import { mulberry32 } from '../scripts/lib/random.cjs';

/** The number of inputs every benchmark graph has (x0 … x7). */
export const INPUT_COUNT = 8;

/** Input values in [−2, 2], in input order (x0, x1, …). */
export function inputValues(seed) {
  const random = mulberry32(seed);
  return Array.from({ length: INPUT_COUNT }, () => Math.round((random() * 4 - 2) * 1000) / 1000);
}

/** A positive constant in [0.1, 1.5] with one decimal, so it prints exactly and without a sign. */
const constantValue = (random) => Math.round(1 + random() * 14) / 10;

function addInputs(builder) {
  return Array.from({ length: INPUT_COUNT }, (_, i) => builder.input(`x${i}`));
}

/**
 * A random DAG of about `size` nodes. Every op takes the previous node as its first operand,
 * so the output (the last node) depends on every op; the second operand is an earlier node,
 * biased towards recent ones but reaching back anywhere (fan-out), or a fresh constant.
 * Ops: add, sub, mul, tanh, sigmoid, sin, exp∘tanh. Multiplication only takes a bounded
 * second operand (a squashed node, an input or a constant) so values stay finite at 10⁶ nodes.
 */
export function randomDag(GraphBuilder, size, seed) {
  const random = mulberry32(seed);
  const builder = new GraphBuilder();
  const inputs = addInputs(builder);
  const bounded = [...inputs];
  // One operand in ten is an input, so every input is used and fans out across the graph.
  const earlier = () => {
    if (random() < 0.1) {
      return inputs[Math.floor(random() * INPUT_COUNT)];
    }
    const last = builder.size - 1;
    return last - Math.floor(random() ** 3 * (last + 1));
  };
  const boundedEarlier = () => {
    const k = bounded.length - 1 - Math.floor(random() ** 3 * bounded.length);
    return bounded[k];
  };
  while (builder.size < size) {
    const prev = builder.size - 1;
    const r = random();
    if (r < 0.22) {
      builder.op('add', [
        prev,
        random() < 0.15 ? builder.constant(constantValue(random)) : earlier(),
      ]);
    } else if (r < 0.34) {
      builder.op('sub', [
        prev,
        random() < 0.15 ? builder.constant(constantValue(random)) : earlier(),
      ]);
    } else if (r < 0.52) {
      const other = random() < 0.2 ? builder.constant(constantValue(random)) : boundedEarlier();
      builder.op('mul', [prev, other]);
    } else {
      const u = random();
      if (u < 0.27) {
        bounded.push(builder.op('tanh', [prev]));
      } else if (u < 0.54) {
        bounded.push(builder.op('sigmoid', [prev]));
      } else if (u < 0.8) {
        bounded.push(builder.op('sin', [prev]));
      } else {
        bounded.push(builder.op('exp', [builder.op('tanh', [prev])]));
      }
    }
  }
  return builder.build();
}

/**
 * A random expression tree of about `size` nodes over add, sub, mul, tanh, sin, exp∘tanh (ops
 * that mathjs differentiates): no intermediate result is used twice, so it prints as one
 * expression of the same size. Only the inputs are shared leaves.
 */
export function randomTree(GraphBuilder, size, seed) {
  // Input leaves are shared nodes, so a budget of n leaves and ops makes fewer than n nodes:
  // the first call grows a tree once to learn the budget that lands near `size`.
  const key = `${size}/${seed}`;
  let budget = treeBudgets.get(key);
  if (budget === undefined) {
    const first = growTree(GraphBuilder, size - INPUT_COUNT, seed);
    const scale = (size - INPUT_COUNT) / (first.nodes.length - INPUT_COUNT);
    budget = Math.round((size - INPUT_COUNT) * scale);
    treeBudgets.set(key, budget);
  }
  return growTree(GraphBuilder, budget, seed);
}

const treeBudgets = new Map();

function growTree(GraphBuilder, budget, seed) {
  const random = mulberry32(seed);
  const builder = new GraphBuilder();
  const inputs = addInputs(builder);
  // `budget` counts the op and constant nodes still to create in this subtree. Recursion
  // depth is the tree depth, which random splits keep near O(log size).
  const grow = (budget, squash) => {
    if (squash && budget >= 2) {
      const u = random();
      if (u < 0.4) {
        return builder.op('tanh', [grow(budget - 1, false)]);
      }
      if (u < 0.8 || budget < 3) {
        return builder.op('sin', [grow(budget - 1, false)]);
      }
      return builder.op('exp', [builder.op('tanh', [grow(budget - 2, false)])]);
    }
    if (budget <= 1) {
      return random() < 0.75
        ? inputs[Math.floor(random() * INPUT_COUNT)]
        : builder.constant(constantValue(random));
    }
    if (random() < 0.3) {
      return grow(budget, true);
    }
    const op = ['add', 'add', 'sub', 'mul', 'mul'][Math.floor(random() * 5)];
    const left = 1 + Math.floor(random() * (budget - 2));
    const a = grow(left, false);
    // A product takes a squashed (or constant) right operand so values stay bounded.
    const b = grow(budget - 1 - left, op === 'mul');
    return builder.op(op, [a, b]);
  };
  grow(budget, false);
  return builder.build();
}

/**
 * A chain `depth` ops deep: every op takes the previous node, and binary ops an input or a
 * constant as the other operand. Ops: add, sub, mul, tanh, sin, exp∘tanh (all mathjs knows).
 */
export function deepChain(GraphBuilder, depth, seed) {
  const random = mulberry32(seed);
  const builder = new GraphBuilder();
  const inputs = addInputs(builder);
  let prev = builder.op('add', [inputs[0], inputs[1]]);
  for (let i = 1; i < depth; i += 1) {
    const r = random();
    const x = inputs[Math.floor(random() * INPUT_COUNT)];
    if (r < 0.2) {
      prev = builder.op('add', [prev, x]);
    } else if (r < 0.3) {
      prev = builder.op('sub', [prev, x]);
    } else if (r < 0.5) {
      prev = builder.op('mul', [prev, builder.constant(constantValue(random))]);
    } else if (r < 0.7) {
      prev = builder.op('tanh', [prev]);
    } else if (r < 0.9) {
      prev = builder.op('sin', [prev]);
    } else {
      prev = builder.op('exp', [builder.op('tanh', [prev])]);
      i += 1;
    }
  }
  return builder.build();
}

/**
 * Σ cᵢ·x_(i mod 8) over `terms` terms, folded left as a parser reads `c0*x0 + c1*x1 + …`:
 * a constant, a product and a sum per term.
 */
export function wideSum(GraphBuilder, terms, seed) {
  const random = mulberry32(seed);
  const builder = new GraphBuilder();
  const inputs = addInputs(builder);
  const term = (i) =>
    builder.op('mul', [builder.constant(constantValue(random)), inputs[i % INPUT_COUNT]]);
  let sum = term(0);
  for (let i = 1; i < terms; i += 1) {
    sum = builder.op('add', [sum, term(i)]);
  }
  return builder.build();
}

const PRECEDENCE = { add: 1, sub: 1, mul: 2 };
const INFIX = { add: ' + ', sub: ' - ', mul: ' * ' };

/**
 * The graph as one mathjs expression string, or undefined when an op node is used twice (a
 * DAG would print with every shared subexpression repeated: exponential in the worst case).
 * Parentheses only where needed, so a left-folded sum prints flat.
 */
export function toMathString(graph) {
  const uses = new Int32Array(graph.nodes.length);
  for (const node of graph.nodes) {
    if (node.kind === 'op') {
      for (const operand of node.operands) {
        uses[operand] += 1;
      }
    }
  }
  const text = new Array(graph.nodes.length);
  const precedence = new Int8Array(graph.nodes.length).fill(9);
  for (const node of graph.nodes) {
    if (node.kind === 'input') {
      text[node.id] = node.name;
    } else if (node.kind === 'constant') {
      text[node.id] = String(node.value);
    } else {
      if (
        node.operands.some((operand) => uses[operand] > 1 && graph.nodes[operand].kind === 'op')
      ) {
        return undefined;
      }
      const [a, b] = node.operands;
      const p = PRECEDENCE[node.op];
      if (p === undefined) {
        text[node.id] = `${node.op}(${text[a]})`;
      } else {
        const left = precedence[a] >= p ? text[a] : `(${text[a]})`;
        const right = precedence[b] > p ? text[b] : `(${text[b]})`;
        text[node.id] = left + INFIX[node.op] + right;
        precedence[node.id] = p;
      }
      // Each op operand is used once: free its string.
      for (const operand of node.operands) {
        if (graph.nodes[operand].kind === 'op') {
          text[operand] = undefined;
        }
      }
    }
  }
  return text[graph.output];
}

/**
 * The graph as a tfjs function of the input tensors (in input order), one scalar tensor per
 * node, as define-by-run code computes it.
 */
export function toTfFunction(tf, graph) {
  const nodes = graph.nodes;
  const unary = { tanh: tf.tanh, sin: tf.sin, sigmoid: tf.sigmoid, exp: tf.exp };
  const binary = { add: tf.add, sub: tf.sub, mul: tf.mul };
  for (const node of nodes) {
    if (node.kind === 'op' && unary[node.op] === undefined && binary[node.op] === undefined) {
      throw new Error(`no tfjs mapping for ${node.op}`);
    }
  }
  return (...inputs) => {
    const t = new Array(nodes.length);
    let k = 0;
    for (const node of nodes) {
      if (node.kind === 'input') {
        t[node.id] = inputs[k];
        k += 1;
      } else if (node.kind === 'constant') {
        t[node.id] = tf.scalar(node.value);
      } else if (node.operands.length === 1) {
        t[node.id] = unary[node.op](t[node.operands[0]]);
      } else {
        t[node.id] = binary[node.op](t[node.operands[0]], t[node.operands[1]]);
      }
    }
    return t[graph.output];
  };
}

/** A small network's loss, as `bench/views.ts` writes it in Python: tanh layers and a square. */
export function network(GraphBuilder, size) {
  const builder = new GraphBuilder();
  const w = builder.input('w');
  const b = builder.input('b');
  const x = builder.input('x');
  const y = builder.input('y');
  let h = builder.op('add', [builder.op('mul', [w, x]), b], { name: 'h0' });
  for (let i = 1; builder.size < size - 3; i += 1) {
    const inner = builder.op('add', [builder.op('mul', [h, w]), x]);
    const damped = builder.op('mul', [builder.constant(0.1, { text: '0.1' }), h]);
    h = builder.op('sub', [builder.op('add', [builder.op('tanh', [inner]), damped]), y], {
      name: `h${i}`,
    });
  }
  const d = builder.op('sub', [h, y]);
  builder.op('pow', [d, builder.constant(2, { text: '2' })], { name: 'loss' });
  return { graph: builder.build(), values: { w: 0.5, b: -0.25, x: 1.5, y: 0.75 } };
}

/** A graph with its inputs x0, x1, … at the seed's values. */
export function named(graph, seed) {
  const values = {};
  inputValues(seed).forEach((value, i) => {
    values[`x${i}`] = value;
  });
  return { graph, values };
}
