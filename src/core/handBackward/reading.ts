/**
 * One inspection (scalar or tensor) seen the way the check needs it: every node's value and
 * ∂output/∂node as a tensor (a scalar is shape []), what each consumer contributed to a node's
 * gradient (the engine's backward steps), and the named node a value flows into.
 */
import type { SourceRange } from '../../engine/ir';
import { scalarTensor, zerosTensor, type Tensor } from '../../engine/tensor/tensor';
import type { Reference } from '../../language/frontEnd';
import type { InspectOutcome } from '../inspectSource';

type Inspected = Extract<InspectOutcome, { ok: true }>;

export interface NodeFacts {
  readonly id: number;
  readonly name?: string;
  /** The text used for the node in formulas: its name, a constant's source text, `(X @ W)`. */
  readonly label: string;
  readonly kind: 'input' | 'constant' | 'op';
  /** The operation's name: `mul`, `max`, `matmul` … (absent for leaves). */
  readonly op?: string;
  readonly operands: readonly number[];
  readonly range?: SourceRange;
}

/** One consumer's share of a node's gradient: the engine's backward step into it. */
export interface Contribution {
  /** The consumer (the step's `from`). */
  readonly from: number;
  readonly value: Tensor;
}

export interface Reading {
  readonly kind: 'scalar' | 'tensor';
  readonly output: string;
  readonly references: readonly Reference[];
  readonly nodes: readonly NodeFacts[];
  readonly notes: readonly string[];
  value(node: number): Tensor;
  /** ∂output/∂node; zeros of the node's shape when the node does not reach the output. */
  grad(node: number): Tensor;
  reachesOutput(node: number): boolean;
  contributions(node: number): readonly Contribution[];
}

export function readingOf(inspected: Inspected): Reading {
  return inspected.kind === 'scalar' ? scalarReading(inspected) : tensorReading(inspected);
}

type NodeView = Omit<NodeFacts, 'op'>;

/** A node of either engine's result, its operation already named. */
function nodeFacts(node: NodeView, op: string | undefined): NodeFacts {
  return {
    id: node.id,
    ...(node.name === undefined ? {} : { name: node.name }),
    label: node.label,
    kind: node.kind,
    ...(op === undefined ? {} : { op }),
    operands: node.operands,
    ...(node.range === undefined ? {} : { range: node.range }),
  };
}

function scalarReading(inspected: Extract<Inspected, { kind: 'scalar' }>): Reading {
  const { result, program } = inspected;
  const nodes = result.nodes.map((node) => nodeFacts(node, node.op));
  const contributions = new Map<number, Contribution[]>();
  for (const step of result.steps) {
    if (step.kind === 'edge') {
      const list = contributions.get(step.to) ?? [];
      list.push({ from: step.from, value: scalarTensor(step.product) });
      contributions.set(step.to, list);
    }
  }
  const merged = new Map([...contributions].map(([node, list]) => [node, byConsumer(list)]));
  return {
    kind: 'scalar',
    output: result.output.name,
    references: program.references,
    nodes,
    notes: program.notes ?? [],
    value: (node) => scalarTensor(result.nodes[node]?.value ?? Number.NaN),
    grad: (node) => scalarTensor(result.nodes[node]?.grad ?? 0),
    reachesOutput: (node) => result.nodes[node]?.grad !== undefined,
    contributions: (node) => merged.get(node) ?? [],
  };
}

function tensorReading(inspected: Extract<Inspected, { kind: 'tensor' }>): Reading {
  const { result, program } = inspected;
  const nodes = result.nodes.map((node) =>
    nodeFacts(node, node.op === undefined ? undefined : opName(node.op)),
  );
  return {
    kind: 'tensor',
    output: result.output.name,
    references: program.references,
    nodes,
    notes: program.notes ?? [],
    value: (node) => {
      const view = result.nodes[node];
      return view === undefined
        ? scalarTensor(Number.NaN)
        : { shape: view.shape, data: view.value };
    },
    grad: (node) => {
      const view = result.nodes[node];
      if (view === undefined) {
        return scalarTensor(0);
      }
      return view.grad === undefined
        ? zerosTensor(view.shape)
        : { shape: view.shape, data: view.grad };
    },
    reachesOutput: (node) => result.nodes[node]?.grad !== undefined,
    contributions: (node) => tensorContributions(result.steps, node),
  };
}

type TensorSteps = Extract<Inspected, { kind: 'tensor' }>['result']['steps'];

/** A VJP's product, or the reduction that follows it when broadcasting is undone. */
function tensorContributions(steps: TensorSteps, node: number): Contribution[] {
  const found: Contribution[] = [];
  steps.forEach((step, index) => {
    if (step.kind !== 'vjp' || step.to !== node) {
      return;
    }
    const next = steps[index + 1];
    const reduced = next?.kind === 'reduce' && next.to === node && next.from === step.from;
    found.push({ from: step.from, value: reduced ? next.result : step.product });
  });
  return byConsumer(found);
}

/** One contribution per consumer: `W * W` gives W two operand gradients, one path. */
function byConsumer(contributions: readonly Contribution[]): Contribution[] {
  const summed = new Map<number, Contribution>();
  for (const contribution of contributions) {
    const before = summed.get(contribution.from);
    summed.set(
      contribution.from,
      before === undefined
        ? contribution
        : {
            from: contribution.from,
            value: {
              shape: before.value.shape,
              data: before.value.data.map(
                (element, flat) => element + (contribution.value.data[flat] ?? 0),
              ),
            },
          },
    );
  }
  return [...summed.values()];
}

function opName(op: { readonly kind: string; readonly op?: string }): string {
  return op.kind === 'elementwise' && op.op !== undefined ? op.op : op.kind;
}

/** The first named node `node` flows into (itself when named): `W * W` → `reg_loss`. */
export function namedConsumer(reading: Reading, node: number): NodeFacts | undefined {
  const seen = new Set<number>();
  let current = reading.nodes[node];
  while (current !== undefined && current.name === undefined && !seen.has(current.id)) {
    seen.add(current.id);
    const id = current.id;
    current = reading.nodes.find((candidate) => candidate.operands.includes(id));
  }
  return current?.name === undefined ? undefined : current;
}
