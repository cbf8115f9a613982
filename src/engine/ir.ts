/**
 * The expression IR: a DAG of input, constant and op nodes.
 *
 * Invariant: nodes are stored in topological order — every operand id is smaller than the id
 * of the node that uses it — so every pass over the graph is a plain loop, never recursion.
 */
import type { OpName } from './opName';

/** A zero-based position, columns in UTF-16 code units (as VS Code counts them). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

export type NodeKind = 'input' | 'constant' | 'op';

interface NodeBase {
  readonly id: number;
  /** The user-facing name: a variable for inputs, an assigned name for intermediates. */
  readonly name?: string;
  /** 1 for the first assignment of a name, 2 for the next (reassignment makes a new version). */
  readonly version?: number;
  readonly range?: SourceRange;
  /** A front end's remark, e.g. which branch of a conditional was taken at this point. */
  readonly note?: string;
  /** The innermost group (loop, iteration, inlined call) the node was made in: an id in Graph.groups. */
  readonly group?: number;
}

export interface InputNode extends NodeBase {
  readonly kind: 'input';
  readonly name: string;
  /**
   * What values and gradients are keyed by, when another binding of the same name is an input
   * too (`x (line 4)`); the name otherwise.
   */
  readonly key?: string;
}

/** The name an input's value is given by and its gradient reported under. */
export function inputKey(node: InputNode): string {
  return node.key ?? node.name;
}

export interface ConstantNode extends NodeBase {
  readonly kind: 'constant';
  readonly value: number;
  /** How the constant was written, e.g. `pi` or `1e-3`. */
  readonly text?: string;
}

export interface OpNode extends NodeBase {
  readonly kind: 'op';
  readonly op: OpName;
  readonly operands: readonly number[];
}

export type GraphNode = InputNode | ConstantNode | OpNode;

export type GraphGroupKind = 'loop' | 'iteration' | 'call';

/**
 * A box around the nodes one construct made: a loop, one of its iterations (`for i in range(3) ·
 * i = 1`) or an inlined call. Groups nest through `parent`; a parent's id is smaller than its
 * children's.
 */
export interface GraphGroup {
  readonly id: number;
  readonly parent?: number;
  readonly kind: GraphGroupKind;
  readonly label: string;
  readonly range?: SourceRange;
}

export interface Graph {
  readonly nodes: readonly GraphNode[];
  /** The node whose derivatives are wanted; any node may be chosen. */
  readonly output: number;
  /** The groups nodes point into (NodeBase.group), by id = index; absent when there are none. */
  readonly groups?: readonly GraphGroup[];
}
