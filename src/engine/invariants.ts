/**
 * What every inspection result must satisfy, checked against the graph it was made from. The
 * expectations are worked out here from the graph alone (which nodes depend on an input, which
 * have a path to the output), not taken from the passes that made the result, so that a slip
 * in those passes shows up as a violation instead of being agreed with.
 *
 * The tests run this on every inspection; at run time a debug setting does (see `inspectGraph`).
 */
import { inputKey, type Graph, type OpNode } from './ir';
import { getOwn } from './records';
import type { BackwardStep, InspectionResult, NodeView } from './result';

type EdgeStep = Extract<BackwardStep, { readonly kind: 'edge' }>;

/** The gradient flow the graph implies, per node id. */
interface Expected {
  /** 1 for inputs and ops with an operand that depends on an input. */
  readonly depends: Uint8Array;
  /** 1 for the output and every node it uses, directly or not. */
  readonly onPath: Uint8Array;
  /** How many gradient contributions each node receives: its uses by nodes that receive one. */
  readonly contributions: Int32Array;
  readonly output: number;
}

/** The violated invariants of `result`, one readable line each; empty when all hold. */
export function inspectionViolations(graph: Graph, result: InspectionResult): string[] {
  const shape = shapeViolations(graph, result);
  if (shape.length > 0) {
    // Node ids would not name the same nodes in the graph and the result: nothing else holds.
    return shape;
  }
  const expected = expectedFlow(graph, result.output.id);
  return [
    ...nodeGradientViolations(result, expected),
    ...partialViolations(graph, result, expected),
    ...inputListViolations(graph, result, expected),
    ...(result.steps.length === 0
      ? chainRuleViolations(graph, result, expected)
      : stepViolations(graph, result, expected)),
  ];
}

/** Thrown by `assertInvariants`: lists every violation, for the log and for a failing test. */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
  readonly violations: readonly string[];

  constructor(violations: readonly string[]) {
    super(violationMessage(violations));
    this.violations = violations;
  }
}

/** A whole graph can break one invariant at every node: the message names the first few. */
const LISTED_VIOLATIONS = 12;

function violationMessage(violations: readonly string[]): string {
  const listed = violations.slice(0, LISTED_VIOLATIONS).map((line) => `\n  - ${line}`);
  const more =
    violations.length > LISTED_VIOLATIONS
      ? `\n  … and ${violations.length - LISTED_VIOLATIONS} more`
      : '';
  const count = violations.length === 1 ? 'an invariant' : `${violations.length} invariants`;
  return `the inspection result breaks ${count} of the engine:${listed.join('')}${more}`;
}

export function assertInvariants(graph: Graph, result: InspectionResult): void {
  const violations = inspectionViolations(graph, result);
  if (violations.length > 0) {
    throw new InvariantViolation(violations);
  }
}

let checkedEverywhere = false;

/**
 * Checks every inspection made in this thread from now on (`inspectGraph` throws an
 * `InvariantViolation`). The tests turn it on once for the whole run; the extension asks per
 * request instead, since its engine runs in a worker thread of its own.
 */
export function checkInvariantsEverywhere(on: boolean): void {
  checkedEverywhere = on;
}

export function invariantsCheckedEverywhere(): boolean {
  return checkedEverywhere;
}

function shapeViolations(graph: Graph, result: InspectionResult): string[] {
  const violations: string[] = [];
  if (result.nodes.length !== graph.nodes.length) {
    violations.push(`the result has ${result.nodes.length} nodes, the graph ${graph.nodes.length}`);
  }
  result.nodes.forEach((view, i) => {
    if (view.id !== i || view.kind !== graph.nodes[i]?.kind) {
      violations.push(`node ${i} of the result is #${view.id}, a ${view.kind} node`);
    }
  });
  const output = result.output.id;
  if (!Number.isInteger(output) || output < 0 || output >= graph.nodes.length) {
    violations.push(`the output #${output} is no node of the graph`);
  }
  return [...violations, ...groupViolations(graph, result)];
}

/** Groups are numbered by index, nest through earlier parents, and nodes keep the graph's group. */
function groupViolations(graph: Graph, result: InspectionResult): string[] {
  const violations: string[] = [];
  const groups = result.groups ?? [];
  if (groups.length !== (graph.groups?.length ?? 0)) {
    violations.push(
      `the result has ${groups.length} groups, the graph ${graph.groups?.length ?? 0}`,
    );
  }
  groups.forEach((group, i) => {
    if (group.id !== i || (group.parent !== undefined && !(group.parent < i))) {
      violations.push(`group ${i} of the result is #${group.id} with parent ${group.parent}`);
    }
  });
  result.nodes.forEach((view, i) => {
    if (view.group !== graph.nodes[i]?.group) {
      violations.push(`node ${i} is in group ${view.group}, in the graph ${graph.nodes[i]?.group}`);
    } else if (view.group !== undefined && view.group >= groups.length) {
      violations.push(`node ${i} is in group ${view.group}, which does not exist`);
    }
  });
  return violations;
}

function expectedFlow(graph: Graph, output: number): Expected {
  const size = graph.nodes.length;
  const depends = new Uint8Array(size);
  for (const node of graph.nodes) {
    const varies =
      node.kind === 'input' ||
      (node.kind === 'op' && node.operands.some((operand) => depends[operand] === 1));
    depends[node.id] = varies ? 1 : 0;
  }
  const onPath = new Uint8Array(size);
  onPath[output] = 1;
  // Operands precede their users, so one walk down from the output finds every ancestor.
  for (let id = output; id >= 0; id -= 1) {
    const node = graph.nodes[id];
    if (onPath[id] === 1 && node?.kind === 'op') {
      node.operands.forEach((operand) => (onPath[operand] = 1));
    }
  }
  const contributions = new Int32Array(size);
  for (const node of graph.nodes) {
    if (node.kind === 'op' && receives({ depends, onPath }, node.id)) {
      for (const operand of node.operands) {
        contributions[operand] = (contributions[operand] ?? 0) + (depends[operand] ?? 0);
      }
    }
  }
  return { depends, onPath, contributions, output };
}

/** A node has a gradient exactly when it depends on an input and the output depends on it. */
function receives(expected: Pick<Expected, 'depends' | 'onPath'>, id: number): boolean {
  return expected.depends[id] === 1 && expected.onPath[id] === 1;
}

/** (d) NodeView.grad is there exactly for the nodes that receive a gradient. */
function nodeGradientViolations(result: InspectionResult, expected: Expected): string[] {
  const violations: string[] = [];
  for (const view of result.nodes) {
    const has = view.grad !== undefined;
    if (has && expected.depends[view.id] !== 1) {
      violations.push(
        `${who(result, view.id)} depends on no input but has a gradient ${num(view.grad)}`,
      );
    } else if (has && expected.onPath[view.id] !== 1) {
      violations.push(
        `${who(result, view.id)} is not used by the output but has a gradient ${num(view.grad)}`,
      );
    } else if (!has && receives(expected, view.id)) {
      violations.push(
        `${who(result, view.id)} depends on an input and the output uses it, but has no gradient`,
      );
    }
  }
  const output = result.nodes[expected.output];
  if (output?.grad !== undefined && !Object.is(output.grad, 1)) {
    violations.push(`the output's gradient is ${num(output.grad)}, not 1`);
  }
  return violations;
}

/** Local partials exist for the operands that depend on an input, and for those only. */
function partialViolations(graph: Graph, result: InspectionResult, expected: Expected): string[] {
  const violations: string[] = [];
  for (const node of graph.nodes) {
    const view = result.nodes[node.id];
    if (view === undefined) {
      continue;
    }
    const operands = node.kind === 'op' ? node.operands : [];
    const listed = new Set<number>();
    for (const partial of view.partials) {
      const operand = operands[partial.operand];
      if (operand === undefined || listed.has(partial.operand)) {
        violations.push(
          `${who(result, node.id)} has a stray local partial for operand ${partial.operand}`,
        );
      } else if (expected.depends[operand] !== 1) {
        violations.push(
          `${who(result, node.id)} has a local partial for ${who(result, operand)}, which depends on no input`,
        );
      }
      listed.add(partial.operand);
    }
    operands.forEach((operand, i) => {
      if (expected.depends[operand] === 1 && !listed.has(i)) {
        violations.push(`${who(result, node.id)} has no local partial for ${who(result, operand)}`);
      }
    });
  }
  return violations;
}

/** (c) `inputs` and `unused` split the graph's inputs; `grads` is keyed by exactly `inputs`. */
function inputListViolations(graph: Graph, result: InspectionResult, expected: Expected): string[] {
  const violations: string[] = [];
  const ids = new Set<number>();
  const keys = new Set<string>();
  const entries = [
    ...result.inputs.map((entry) => ({ entry, used: true })),
    ...result.unused.map((entry) => ({ entry, used: false })),
  ];
  for (const { entry, used } of entries) {
    const list = used ? 'inputs' : 'unused';
    const node = graph.nodes[entry.id];
    if (node?.kind !== 'input') {
      violations.push(`${list} lists ${entry.name} as #${entry.id}, which is no input node`);
      continue;
    }
    if (entry.name !== inputKey(node)) {
      violations.push(`${list} lists input #${entry.id} as ${entry.name}, not ${inputKey(node)}`);
    }
    if (ids.has(entry.id) || keys.has(entry.name)) {
      violations.push(`${entry.name} (#${entry.id}) is listed twice in inputs and unused`);
    }
    ids.add(entry.id);
    keys.add(entry.name);
    if (used !== (expected.onPath[entry.id] === 1)) {
      violations.push(
        used
          ? `inputs lists ${entry.name}, which the output does not use`
          : `unused lists ${entry.name}, which the output uses`,
      );
    }
  }
  for (const node of graph.nodes) {
    if (node.kind === 'input' && !ids.has(node.id)) {
      violations.push(`input ${inputKey(node)} (#${node.id}) is in neither inputs nor unused`);
    }
  }
  return [...violations, ...gradsKeyViolations(result)];
}

/** `grads` has a key for each used input, with its gradient, and no other key. */
function gradsKeyViolations(result: InspectionResult): string[] {
  const violations: string[] = [];
  const used = new Set(result.inputs.map((entry) => entry.name));
  for (const key of Object.keys(result.grads)) {
    if (!used.has(key)) {
      violations.push(`grads has ${key}, which is no input the output uses`);
    }
  }
  for (const entry of result.inputs) {
    const grad = getOwn(result.grads, entry.name);
    if (grad === undefined) {
      violations.push(`grads has no ${entry.name}, an input the output uses`);
    } else if (!Object.is(grad, entry.grad)) {
      violations.push(`grads[${entry.name}] is ${num(grad)} but inputs says ${num(entry.grad)}`);
    }
    const nodeGrad = result.nodes[entry.id]?.grad;
    if (nodeGrad !== undefined && !Object.is(nodeGrad, entry.grad)) {
      violations.push(
        `${entry.name}'s node has the gradient ${num(nodeGrad)} but inputs says ${num(entry.grad)}`,
      );
    }
  }
  return violations;
}

/** A node's gradient as the sweep builds it: contributions added in order, from 0. */
interface Running {
  readonly count: number;
  readonly sum: number;
}

function added(running: Running | undefined, product: number): Running {
  return { count: (running?.count ?? 0) + 1, sum: (running?.sum ?? 0) + product };
}

/** (a), (b) with steps: each step is upstream × local, and each gradient the sum of its steps. */
function stepViolations(graph: Graph, result: InspectionResult, expected: Expected): string[] {
  const violations = seedViolations(result, expected);
  const running = new Map<number, Running>();
  const seen = new Set<string>();
  result.steps.forEach((step, index) => {
    if (step.index !== index) {
      violations.push(`step ${index} says it is step ${step.index}`);
    }
    if (step.kind !== 'edge') {
      return;
    }
    const problem = edgeProblem(graph, result, expected, step, running);
    const edge = `${step.from}:${step.operandIndex}`;
    if (problem === undefined && seen.has(edge)) {
      violations.push(
        `step ${index} repeats the edge ${who(result, step.from)} → ${who(result, step.to)}`,
      );
    } else if (problem !== undefined) {
      violations.push(
        `step ${index} (${who(result, step.from)} → ${who(result, step.to)}) ${problem}`,
      );
    }
    seen.add(edge);
    const sum = added(running.get(step.to), step.product);
    running.set(step.to, sum);
    if (!Object.is(step.accumulated, sum.sum) || step.contribution !== sum.count) {
      violations.push(
        `step ${index} says ${who(result, step.to)} has ${num(step.accumulated)} after contribution ${step.contribution}, but the products so far add up to ${num(sum.sum)} after ${sum.count}`,
      );
    }
  });
  return [...violations, ...sumViolations(result, expected, running)];
}

/** The seed ∂f/∂f = 1 comes first, once, at the output, and only if the output depends on an input. */
function seedViolations(result: InspectionResult, expected: Expected): string[] {
  const violations: string[] = [];
  const seeds = result.steps.filter((step) => step.kind === 'seed');
  if (seeds.length !== 1) {
    violations.push(`the steps have ${seeds.length} seed steps, not 1`);
  }
  if (result.steps[0]?.kind !== 'seed') {
    violations.push(`the first step is no seed`);
  }
  for (const seed of seeds) {
    if (seed.node !== expected.output || seed.grad !== 1) {
      violations.push(`the seed step is at ${who(result, seed.node)} with ${num(seed.grad)}`);
    }
  }
  if (expected.depends[expected.output] !== 1) {
    violations.push(`the output depends on no input but the backward pass has steps`);
  }
  return violations;
}

/** What is wrong with one edge step, if anything. */
function edgeProblem(
  graph: Graph,
  result: InspectionResult,
  expected: Expected,
  step: EdgeStep,
  running: ReadonlyMap<number, Running>,
): string | undefined {
  const from = graph.nodes[step.from];
  if (from?.kind !== 'op' || from.operands[step.operandIndex] !== step.to) {
    return `is no edge of the graph`;
  }
  if (!receives(expected, step.from)) {
    return `comes from a node that receives no gradient`;
  }
  if (expected.depends[step.to] !== 1) {
    return `goes to a node that depends on no input`;
  }
  const fromView = result.nodes[step.from];
  const received = running.get(step.from)?.count ?? 0;
  if (step.from !== expected.output && received !== expected.contributions[step.from]) {
    return `uses ∂f/∂${fromView?.label} after ${received} of its ${expected.contributions[step.from]} contributions`;
  }
  if (!Object.is(step.upstream, fromView?.grad)) {
    return `has upstream ${num(step.upstream)}, but the gradient there is ${num(fromView?.grad)}`;
  }
  const local = fromView?.partials.find((partial) => partial.operand === step.operandIndex);
  if (local !== undefined && !Object.is(step.local, local.value)) {
    return `has local ${num(step.local)}, but the node's partial is ${num(local.value)}`;
  }
  if (!Object.is(step.product, step.upstream * step.local)) {
    return `has product ${num(step.product)}, not ${num(step.upstream)} × ${num(step.local)}`;
  }
  if (step.contributions !== expected.contributions[step.to]) {
    return `says ${step.contributions} contributions, the graph gives ${expected.contributions[step.to]}`;
  }
  return undefined;
}

/** (a), (b): every node that receives a gradient got it from its steps, bit for bit. */
function sumViolations(
  result: InspectionResult,
  expected: Expected,
  running: ReadonlyMap<number, Running>,
): string[] {
  const violations: string[] = [];
  for (const view of result.nodes) {
    if (!receives(expected, view.id) || view.id === expected.output) {
      continue;
    }
    const sum = running.get(view.id);
    if (sum === undefined) {
      violations.push(
        `no step goes to ${who(result, view.id)}, which depends on an input and is used by the output`,
      );
    } else if (view.grad !== undefined && !Object.is(view.grad, sum.sum)) {
      violations.push(
        `${who(result, view.id)} has the gradient ${num(view.grad)} but its ${sum.count} steps add up to ${num(sum.sum)}`,
      );
    }
  }
  for (const entry of result.inputs) {
    const sum = entry.id === expected.output ? { count: 0, sum: 1 } : running.get(entry.id);
    const grad = getOwn(result.grads, entry.name);
    if (sum !== undefined && (!Object.is(entry.grad, sum.sum) || !Object.is(grad, sum.sum))) {
      violations.push(
        `∂f/∂${entry.name} is ${num(entry.grad)} in inputs and ${num(grad)} in grads, but its ${sum.count} steps add up to ${num(sum.sum)}`,
      );
    }
  }
  return violations;
}

/**
 * (a) without steps: each gradient is the sum over its users of their gradient × the local
 * partial, added in the sweep's order (users from the output down, operands last to first),
 * which the tape keeps too, so the sums agree bit for bit.
 */
function chainRuleViolations(graph: Graph, result: InspectionResult, expected: Expected): string[] {
  const running = new Map<number, Running>();
  for (let id = expected.output; id >= 0; id -= 1) {
    const node = graph.nodes[id];
    const upstream = result.nodes[id]?.grad;
    if (node?.kind !== 'op' || upstream === undefined || !receives(expected, id)) {
      continue;
    }
    usedOperands(node, expected).forEach(({ operand, index }) => {
      const local = localPartial(result.nodes[id], index);
      if (local !== undefined) {
        running.set(operand, added(running.get(operand), upstream * local));
      }
    });
  }
  const violations: string[] = [];
  for (const view of result.nodes) {
    const sum = running.get(view.id);
    if (sum !== undefined && view.grad !== undefined && !Object.is(view.grad, sum.sum)) {
      violations.push(
        `${who(result, view.id)} has the gradient ${num(view.grad)} but the chain rule over its ${sum.count} uses gives ${num(sum.sum)}`,
      );
    }
  }
  return violations;
}

/** The operands that receive a contribution, in the sweep's order (last to first). */
function usedOperands(node: OpNode, expected: Expected): { operand: number; index: number }[] {
  const used: { operand: number; index: number }[] = [];
  for (let index = node.operands.length - 1; index >= 0; index -= 1) {
    const operand = node.operands[index] ?? -1;
    if (expected.depends[operand] === 1) {
      used.push({ operand, index });
    }
  }
  return used;
}

function localPartial(view: NodeView | undefined, operand: number): number | undefined {
  return view?.partials.find((partial) => partial.operand === operand)?.value;
}

/** `#3 (x + y)`, or `x (#0)` for an input. */
function who(result: InspectionResult, id: number): string {
  const view = result.nodes[id];
  if (view === undefined) {
    return `#${id}`;
  }
  return view.kind === 'input' ? `input ${view.label} (#${id})` : `#${id} (${view.label})`;
}

/** Full precision, and −0 told apart from 0: the checks compare bits. */
function num(value: number | undefined): string {
  if (value === undefined) {
    return 'none';
  }
  return Object.is(value, -0) ? '-0' : String(value);
}
