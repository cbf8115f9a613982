/**
 * The fast path for big graphs: the graph flattened into typed arrays (op codes, operand
 * slots, values, adjoints) and run by one forward and one reverse loop. No per-node objects
 * and no step records; the common ops are computed inline, the rest through the catalogue.
 */
import { inputKey, type Graph } from './ir';
import { OP_NAMES, type OpName } from './opName';
import { opSpec } from './ops';
import { logistic } from './ops/activation';

const INPUT = 254;
const CONSTANT = 255;

const code = (name: OpName): number => OP_NAMES.indexOf(name);
const ADD = code('add');
const SUB = code('sub');
const MUL = code('mul');
const DIV = code('div');
const NEG = code('neg');
const EXP = code('exp');
const LOG = code('log');
const SQRT = code('sqrt');
const SIN = code('sin');
const COS = code('cos');
const TANH = code('tanh');
const SIGMOID = code('sigmoid');
const RELU = code('relu');

/** Looked up once: the generic path runs per node. */
const SPECS = OP_NAMES.map((name) => opSpec(name));

export interface Tape {
  readonly size: number;
  /** Input names in slot order; `inputSlots[i]` is the node of `inputNames[i]`. */
  readonly inputNames: readonly string[];
  readonly inputSlots: Int32Array;
  readonly values: Float64Array;
  readonly adjoints: Float64Array;
  readonly codes: Uint8Array;
  readonly start: Int32Array;
  readonly operands: Int32Array;
  /** Which nodes reach `reachOf`; recomputed when the output changes. */
  reach: Uint8Array;
  reachOf: number;
}

export function compileTape(graph: Graph): Tape {
  const size = graph.nodes.length;
  const codes = new Uint8Array(size);
  const start = new Int32Array(size + 1);
  const values = new Float64Array(size);
  const inputNames: string[] = [];
  const inputSlots: number[] = [];
  let edgeCount = 0;
  for (const node of graph.nodes) {
    edgeCount += node.kind === 'op' ? node.operands.length : 0;
  }
  const operands = new Int32Array(edgeCount);
  let edge = 0;
  for (const node of graph.nodes) {
    start[node.id] = edge;
    if (node.kind === 'input') {
      codes[node.id] = INPUT;
      inputNames.push(inputKey(node));
      inputSlots.push(node.id);
    } else if (node.kind === 'constant') {
      codes[node.id] = CONSTANT;
      values[node.id] = node.value;
    } else {
      codes[node.id] = code(node.op);
      operands.set(node.operands, edge);
      edge += node.operands.length;
    }
  }
  start[size] = edge;
  return {
    size,
    inputNames,
    inputSlots: Int32Array.from(inputSlots),
    values,
    adjoints: new Float64Array(size),
    codes,
    start,
    operands,
    reach: new Uint8Array(size),
    reachOf: -1,
  };
}

/** Sets the inputs (in `tape.inputNames` order) and computes every value. */
export function runForward(tape: Tape, inputs: ArrayLike<number>): Float64Array {
  const { codes, start, operands, values, size, inputSlots } = tape;
  for (let i = 0; i < inputSlots.length; i += 1) {
    values[inputSlots[i] as number] = inputs[i] as number;
  }
  for (let id = 0; id < size; id += 1) {
    const c = codes[id] as number;
    if (c >= INPUT) {
      continue;
    }
    const s = start[id] as number;
    const a = values[operands[s] as number] as number;
    if (c === ADD) {
      values[id] = a + (values[operands[s + 1] as number] as number);
    } else if (c === MUL) {
      values[id] = a * (values[operands[s + 1] as number] as number);
    } else if (c === SUB) {
      values[id] = a - (values[operands[s + 1] as number] as number);
    } else if (c === DIV) {
      values[id] = a / (values[operands[s + 1] as number] as number);
    } else if (c === NEG) {
      values[id] = -a;
    } else if (c === EXP) {
      values[id] = Math.exp(a);
    } else if (c === TANH) {
      values[id] = Math.tanh(a);
    } else if (c === SIGMOID) {
      values[id] = logistic(a);
    } else if (c === SIN) {
      values[id] = Math.sin(a);
    } else if (c === COS) {
      values[id] = Math.cos(a);
    } else if (c === LOG) {
      values[id] = Math.log(a);
    } else if (c === SQRT) {
      values[id] = Math.sqrt(a);
    } else if (c === RELU) {
      values[id] = Math.max(a, 0);
    } else {
      values[id] = genericForward(tape, id);
    }
  }
  return values;
}

/** ∂output/∂node for every node, after `runForward`. Nodes off the output's paths get 0. */
export function runBackward(tape: Tape, output: number): Float64Array {
  const { codes, start, operands, values, adjoints } = tape;
  const reach = reachMask(tape, output);
  adjoints.fill(0);
  adjoints[output] = 1;
  for (let id = output; id >= 0; id -= 1) {
    const c = codes[id] as number;
    const g = adjoints[id] as number;
    // A zero upstream still multiplies (0·∞ is NaN, as in the step path); only nodes off
    // the output's paths are skipped.
    if (c >= INPUT || reach[id] === 0) {
      continue;
    }
    const s = start[id] as number;
    const ia = operands[s] as number;
    if (c === ADD) {
      const ib = operands[s + 1] as number;
      adjoints[ib] = (adjoints[ib] as number) + g;
      adjoints[ia] = (adjoints[ia] as number) + g;
    } else if (c === MUL) {
      const ib = operands[s + 1] as number;
      adjoints[ib] = (adjoints[ib] as number) + g * (values[ia] as number);
      adjoints[ia] = (adjoints[ia] as number) + g * (values[ib] as number);
    } else if (c === SUB) {
      const ib = operands[s + 1] as number;
      adjoints[ib] = (adjoints[ib] as number) + g * -1;
      adjoints[ia] = (adjoints[ia] as number) + g;
    } else if (c === DIV) {
      const ib = operands[s + 1] as number;
      const b = values[ib] as number;
      adjoints[ib] = (adjoints[ib] as number) + g * (-(values[ia] as number) / (b * b));
      adjoints[ia] = (adjoints[ia] as number) + g * (1 / b);
    } else if (c === NEG) {
      adjoints[ia] = (adjoints[ia] as number) + g * -1;
    } else if (c === EXP) {
      adjoints[ia] = (adjoints[ia] as number) + g * (values[id] as number);
    } else if (c === TANH) {
      const ch = Math.cosh(values[ia] as number);
      adjoints[ia] = (adjoints[ia] as number) + g * (1 / (ch * ch));
    } else if (c === SIGMOID) {
      const x = values[ia] as number;
      adjoints[ia] = (adjoints[ia] as number) + g * (logistic(x) * logistic(-x));
    } else if (c === SIN) {
      adjoints[ia] = (adjoints[ia] as number) + g * Math.cos(values[ia] as number);
    } else if (c === COS) {
      adjoints[ia] = (adjoints[ia] as number) + g * -Math.sin(values[ia] as number);
    } else if (c === LOG) {
      adjoints[ia] = (adjoints[ia] as number) + g * (1 / (values[ia] as number));
    } else if (c === SQRT) {
      adjoints[ia] = (adjoints[ia] as number) + g * (0.5 / (values[id] as number));
    } else if (c === RELU) {
      adjoints[ia] = (adjoints[ia] as number) + g * ((values[ia] as number) > 0 ? 1 : 0);
    } else {
      genericBackward(tape, id, g);
    }
  }
  return adjoints;
}

function reachMask(tape: Tape, output: number): Uint8Array {
  if (tape.reachOf === output) {
    return tape.reach;
  }
  const { reach, codes, start, operands } = tape;
  reach.fill(0);
  reach[output] = 1;
  for (let id = output; id >= 0; id -= 1) {
    if (reach[id] === 0 || (codes[id] as number) >= INPUT) {
      continue;
    }
    for (let e = start[id] as number; e < (start[id + 1] as number); e += 1) {
      reach[operands[e] as number] = 1;
    }
  }
  tape.reachOf = output;
  return reach;
}

/** Operands of a node; arrays of one and two are reused, the catalogue does not keep them. */
const ONE_ARG = [0];
const TWO_ARGS = [0, 0];

function gatherArgs(tape: Tape, id: number): number[] {
  const from = tape.start[id] as number;
  const to = tape.start[id + 1] as number;
  const { values, operands } = tape;
  if (to - from === 1) {
    ONE_ARG[0] = values[operands[from] as number] as number;
    return ONE_ARG;
  }
  if (to - from === 2) {
    TWO_ARGS[0] = values[operands[from] as number] as number;
    TWO_ARGS[1] = values[operands[from + 1] as number] as number;
    return TWO_ARGS;
  }
  const args: number[] = [];
  for (let e = from; e < to; e += 1) {
    args.push(values[operands[e] as number] as number);
  }
  return args;
}

function genericForward(tape: Tape, id: number): number {
  return specOf(tape, id).forward(gatherArgs(tape, id));
}

function genericBackward(tape: Tape, id: number, g: number): void {
  const local = specOf(tape, id).partials(gatherArgs(tape, id), tape.values[id] as number);
  const from = tape.start[id] as number;
  // Last operand first, the order the step-recording sweep uses.
  for (let i = local.length - 1; i >= 0; i -= 1) {
    const slot = tape.operands[from + i] as number;
    tape.adjoints[slot] = (tape.adjoints[slot] as number) + g * (local[i] as number);
  }
}

function specOf(tape: Tape, id: number) {
  return SPECS[tape.codes[id] as number] as (typeof SPECS)[number];
}
