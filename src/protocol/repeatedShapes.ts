/**
 * Repeated sub-expressions of the same shape as groups: 20 neurons written out one by one
 * (`tanh(w0 * x0 + w1 * x1 + b)` over different names) become one box
 * `20 × tanh(· × · + · × · + ·)` holding a box per neuron, labelled with its own expression, so
 * the panel can collapse what would otherwise be a hairball of 281 nodes.
 *
 * A sub-expression is a tree: a root op and, below it, the ops only it uses (one consumer, in
 * the same group); what others share, inputs and constants are its leaves. Two trees have the
 * same shape when their ops match position by position, whatever the leaves: a neuron with other
 * weights written in as numbers is the same shape (a constant stays a constant's position).
 */
import { displayName } from '../engine/labels';
import type { GroupView, InspectionResult, NodeView } from '../engine/result';

/** A tree needs this many ops to be worth a box. */
const MIN_OPS = 3;
/** Trees bigger than this are not compared (nor is any tree holding one): labels stay short. */
const MAX_OPS = 64;
/** Not a shape: too big, or holding a tree too big. */
const UNIQUE = -1;
const INNER_OP = 1;
const OWN_CONSTANT = 2;
/**
 * The cycle checks scan at most this many nodes per node of the graph: a random graph, whose
 * look-alike trees feed each other, gets fewer boxes rather than a slow panel.
 */
const SCAN_BUDGET_PER_NODE = 64;

/** How tightly each infix op binds, as in Python; a name, a number or a call binds tightest. */
const PRECEDENCE = new Map([
  ['+', 1],
  ['−', 1],
  ['×', 2],
  ['÷', 2],
  ['%', 2],
  ['//', 2],
  ['^', 3],
]);
const ATOM = 4;

/** `result` with a group per family of repeated shapes (none found: `result` itself). */
export function withRepeatedShapes(result: InspectionResult): InspectionResult {
  const shapes = shapesOf(result);
  const families = familiesOf(result, shapes);
  if (families.length === 0) {
    return result;
  }
  const groups: GroupView[] = [...(result.groups ?? [])];
  const groupOf = new Map<number, number>();
  for (const family of families) {
    const id = groups.length;
    const parent = result.nodes[family[0]!.root]?.group;
    const shape = expression(result, shapes, family[0]!.root, () => '·');
    groups.push({
      id,
      ...(parent === undefined ? {} : { parent }),
      kind: 'call',
      label: `${family.length} × ${shape}`,
    });
    for (const { root, members } of family) {
      const instance = groups.length;
      groups.push({
        id: instance,
        parent: id,
        kind: 'call',
        label: expression(result, shapes, root, (leaf) => leafName(leaf)),
      });
      for (const member of members) {
        groupOf.set(member, instance);
      }
    }
  }
  const nodes = result.nodes.map((node) => {
    const group = groupOf.get(node.id);
    return group === undefined ? node : { ...node, group };
  });
  return { ...result, nodes, groups };
}

interface Shapes {
  /** Per node: its tree's shape (an interned id), or UNIQUE. */
  readonly shape: Int32Array;
  /** Per node: how many ops its tree has. */
  readonly ops: Int32Array;
  /**
   * Per node: INNER_OP when it is inside its consumer's tree (an op only that consumer uses),
   * OWN_CONSTANT for a constant only that consumer uses (in its box, but a leaf), else 0.
   */
  readonly inner: Uint8Array;
}

function shapesOf(result: InspectionResult): Shapes {
  const count = result.nodes.length;
  const uses = new Int32Array(count);
  const consumer = new Int32Array(count).fill(-1);
  for (const node of result.nodes) {
    for (const operand of node.operands) {
      uses[operand] = uses[operand]! + 1;
      consumer[operand] = node.id;
    }
  }
  const inner = new Uint8Array(count);
  for (const node of result.nodes) {
    const by = consumer[node.id]!;
    const owner = by >= 0 ? result.nodes[by] : undefined;
    const own = uses[node.id] === 1 && owner?.group === node.group;
    inner[node.id] = !own
      ? 0
      : node.kind === 'op'
        ? INNER_OP
        : node.kind === 'constant'
          ? OWN_CONSTANT
          : 0;
  }
  const interned = new Map<string, number>();
  const shape = new Int32Array(count);
  const ops = new Int32Array(count);
  // Operands come before their consumers, so each tree's parts are known when it is reached.
  for (const node of result.nodes) {
    if (node.kind !== 'op') {
      continue;
    }
    let size = 1;
    let unique = false;
    const parts: string[] = [];
    for (const operand of node.operands) {
      const leaf = result.nodes[operand];
      if (inner[operand] === INNER_OP) {
        size += ops[operand]!;
        unique ||= shape[operand] === UNIQUE;
        parts.push(String(shape[operand]));
      } else {
        parts.push(leaf?.kind === 'constant' ? 'c' : 'l');
      }
    }
    ops[node.id] = size;
    const key = `${node.group ?? ''}|${node.symbol}(${parts.join(',')})`;
    let id = interned.get(key);
    if (id === undefined) {
      id = interned.size;
      interned.set(key, id);
    }
    shape[node.id] = unique || size > MAX_OPS ? UNIQUE : id;
  }
  return { shape, ops, inner };
}

interface Instance {
  readonly root: number;
  readonly members: readonly number[];
}

/** Families of at least two trees of one shape, biggest trees first; no node in two. */
function familiesOf(result: InspectionResult, shapes: Shapes): Instance[][] {
  const roots = new Map<number, number[]>();
  for (let id = result.nodes.length - 1; id >= 0; id -= 1) {
    const shape = shapes.shape[id]!;
    if (result.nodes[id]?.kind === 'op' && shape !== UNIQUE && shapes.ops[id]! >= MIN_OPS) {
      const list = roots.get(shape) ?? [];
      list.push(id);
      roots.set(shape, list);
    }
  }
  const claimed = new Uint8Array(result.nodes.length);
  const families: Instance[][] = [];
  const budget = { left: SCAN_BUDGET_PER_NODE * result.nodes.length };
  const order = [...roots.values()]
    .filter((list) => list.length >= 2)
    .sort((a, b) => shapes.ops[b[0]!]! - shapes.ops[a[0]!]! || b[0]! - a[0]!);
  for (const list of order) {
    if (budget.left < 0) {
      break;
    }
    const free = list.filter((root) => claimed[root] === 0);
    if (free.length < 2) {
      continue;
    }
    const family = acyclic(
      result,
      budget,
      free
        .map((root) => ({ root, members: treeOf(result, shapes, root) }))
        .sort((a, b) => a.root - b.root),
    );
    if (family.length < 2) {
      continue;
    }
    for (const { members } of family) {
      for (const member of members) {
        claimed[member] = 1;
      }
    }
    families.push(family);
  }
  return families.sort((a, b) => a[0]!.root - b[0]!.root);
}

/**
 * The instances, in order, that can share one box: an instance is left out when a path from the
 * box's nodes would leave the box and come back into it (one neuron's output, through another
 * node, feeding the next), since the collapsed box would then be a cycle.
 */
function acyclic(
  result: InspectionResult,
  budget: { left: number },
  instances: readonly Instance[],
): Instance[] {
  const kept: Instance[] = [];
  const inBox = new Set<number>();
  let first = Infinity;
  let last = -Infinity;
  for (const instance of instances) {
    const own = new Set(instance.members);
    const lowest = Math.min(first, ...instance.members);
    const highest = Math.max(last, ...instance.members);
    const inside = (id: number) => inBox.has(id) || own.has(id);
    budget.left -= highest - lowest + 1;
    if (budget.left < 0) {
      break;
    }
    if (!leavesAndReturns(result, inside, lowest, highest)) {
      kept.push(instance);
      instance.members.forEach((member) => inBox.add(member));
      first = lowest;
      last = highest;
    }
  }
  return kept;
}

/** Whether a path from the box (nodes `first`…`last` that are `inside`) leaves it and comes back. */
function leavesAndReturns(
  result: InspectionResult,
  inside: (id: number) => boolean,
  first: number,
  last: number,
): boolean {
  // Nodes outside the box that a path from it reaches; operands come before their consumers.
  const reached = new Set<number>();
  for (let id = first; id <= last; id += 1) {
    const operands = result.nodes[id]?.operands ?? [];
    if (inside(id)) {
      if (operands.some((operand) => reached.has(operand))) {
        return true;
      }
    } else if (operands.some((operand) => inside(operand) || reached.has(operand))) {
      reached.add(id);
    }
  }
  return false;
}

/** The root and the ops under it that only it uses. */
function treeOf(result: InspectionResult, shapes: Shapes, root: number): number[] {
  const members: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop()!;
    members.push(id);
    for (const operand of result.nodes[id]?.operands ?? []) {
      if (shapes.inner[operand] !== 0) {
        stack.push(operand);
      }
    }
  }
  return members;
}

/** The tree at `root` written out: `tanh(w0 × x0 + b)`, leaves as `leaf` names them. */
function expression(
  result: InspectionResult,
  shapes: Shapes,
  root: number,
  leaf: (node: NodeView) => string,
): string {
  const write = (id: number): { readonly text: string; readonly precedence: number } => {
    const node = result.nodes[id]!;
    if (node.kind !== 'op' || (id !== root && shapes.inner[id] !== INNER_OP)) {
      return { text: leaf(node), precedence: ATOM };
    }
    const precedence = PRECEDENCE.get(node.symbol);
    if (precedence === undefined || node.operands.length !== 2) {
      const parts = node.operands.map((operand) => write(operand).text);
      return { text: `${node.symbol}(${parts.join(', ')})`, precedence: ATOM };
    }
    const [left, right] = node.operands.map(write) as [Written, Written];
    // a − (b − c) and a ÷ (b × c) keep their parentheses; a + b + c and a × b × c need none;
    // ^ groups to the right: (a ^ b) ^ c keeps them.
    const leftFirst =
      left.precedence < precedence || (node.symbol === '^' && left.precedence === precedence);
    const leftText = leftFirst ? `(${left.text})` : left.text;
    const associative = node.symbol === '+' || node.symbol === '×';
    const rightText =
      right.precedence < precedence || (right.precedence === precedence && !associative)
        ? `(${right.text})`
        : right.text;
    return { text: `${leftText} ${node.symbol} ${rightText}`, precedence };
  };
  return write(root).text;
}

interface Written {
  readonly text: string;
  readonly precedence: number;
}

function leafName(node: NodeView): string {
  if (node.kind === 'constant') {
    return node.symbol;
  }
  return node.name === undefined ? node.label : displayName(node.name, node.version);
}
