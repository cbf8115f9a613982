/**
 * Builds a Graph node by node. Operands must already exist, which keeps the nodes in
 * topological order by construction.
 */
import type {
  ConstantNode,
  Graph,
  GraphGroup,
  GraphGroupKind,
  GraphNode,
  InputNode,
  OpNode,
  SourceRange,
} from './ir';
import type { OpName } from './opName';
import { opSpec } from './ops';

export interface NodeMeta {
  readonly name?: string;
  readonly version?: number;
  readonly range?: SourceRange;
  readonly note?: string;
}

export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly inputsByName = new Map<string, number>();
  private readonly groups: GraphGroup[] = [];
  /** The open groups, innermost last. */
  private readonly openGroups: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  node(id: number): GraphNode {
    const node = this.nodes[id];
    if (node === undefined) {
      throw new RangeError(`no node ${id}`);
    }
    return node;
  }

  /**
   * The input named `name`, created on first use: a variable used twice is one node. A `key`
   * makes another input of the same name (another binding of it, `x (line 4)`).
   */
  input(name: string, meta: NodeMeta & { readonly key?: string } = {}): number {
    const key = meta.key ?? name;
    const existing = this.inputsByName.get(key);
    if (existing !== undefined) {
      return existing;
    }
    // Fixed keys first, then meta: V8 gives every node the same hidden-class prefix (much faster).
    const node: InputNode = { id: this.nodes.length, kind: 'input', ...meta, name };
    this.nodes.push(node);
    this.inputsByName.set(key, node.id);
    return node.id;
  }

  /** Sets the key an input's value and gradient go by; its name when `key` is the name. */
  setKey(id: number, key: string): void {
    const node = this.node(id);
    if (node.kind !== 'input') {
      throw new RangeError(`node ${id} is not an input`);
    }
    const keyed: { -readonly [K in keyof InputNode]: InputNode[K] } = { ...node };
    if (key === node.name) {
      delete keyed.key;
    } else {
      keyed.key = key;
    }
    this.nodes[id] = keyed;
  }

  /** Forgets the nodes made from `size` on (a constant expression folded into one value). */
  truncate(size: number): void {
    for (let id = size; id < this.nodes.length; id += 1) {
      const node = this.node(id);
      if (node.kind === 'input') {
        this.inputsByName.delete(node.key ?? node.name);
      }
    }
    this.nodes.length = size;
  }

  /**
   * Opens a group (a loop, one iteration, an inlined call) inside the innermost open one: the
   * constants and ops made until the matching closeGroup() belong to it. Inputs never do (an
   * input is shared by every iteration that reads it). Returns the group's id.
   */
  openGroup(kind: GraphGroupKind, label: string, range?: SourceRange): number {
    const id = this.groups.length;
    const parent = this.openGroups[this.openGroups.length - 1];
    this.groups.push({
      id,
      kind,
      label,
      ...(parent === undefined ? {} : { parent }),
      ...(range === undefined ? {} : { range }),
    });
    this.openGroups.push(id);
    return id;
  }

  /** Closes the innermost open group. */
  closeGroup(): void {
    if (this.openGroups.pop() === undefined) {
      throw new RangeError('closeGroup without an open group');
    }
  }

  /** The innermost open group, if any. */
  get currentGroup(): number | undefined {
    return this.openGroups[this.openGroups.length - 1];
  }

  constant(value: number, meta: NodeMeta & { readonly text?: string } = {}): number {
    const group = this.currentGroup;
    const node: ConstantNode = {
      id: this.nodes.length,
      kind: 'constant',
      value,
      ...meta,
      ...(group === undefined ? {} : { group }),
    };
    this.nodes.push(node);
    return node.id;
  }

  op(op: OpName, operands: readonly number[], meta: NodeMeta = {}): number {
    const spec = opSpec(op);
    if (operands.length < spec.arity.min || operands.length > spec.arity.max) {
      throw new RangeError(`${op} takes ${describeArity(spec.arity)}, got ${operands.length}`);
    }
    for (const operand of operands) {
      if (!Number.isInteger(operand) || operand < 0 || operand >= this.nodes.length) {
        throw new RangeError(`${op}: operand ${operand} does not exist yet`);
      }
    }
    const group = this.currentGroup;
    const node: OpNode = {
      id: this.nodes.length,
      kind: 'op',
      op,
      operands: [...operands],
      ...meta,
      ...(group === undefined ? {} : { group }),
    };
    this.nodes.push(node);
    return node.id;
  }

  /** Gives an existing node a user-facing name (e.g. the target of an assignment). */
  rename(id: number, meta: NodeMeta): void {
    this.nodes[id] = { ...this.node(id), ...meta } as GraphNode;
  }

  build(output: number = this.nodes.length - 1): Graph {
    if (this.nodes.length === 0) {
      throw new RangeError('an empty graph has no output');
    }
    this.node(output);
    return this.groups.length === 0
      ? { nodes: [...this.nodes], output }
      : { nodes: [...this.nodes], output, groups: [...this.groups] };
  }
}

function describeArity(arity: { min: number; max: number }): string {
  if (arity.min === arity.max) {
    return `${arity.min} operand${arity.min === 1 ? '' : 's'}`;
  }
  if (arity.max === Infinity) {
    return `at least ${arity.min} operands`;
  }
  return `${arity.min} to ${arity.max} operands`;
}
