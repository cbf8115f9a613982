/**
 * What every tensor inspection result must satisfy, checked against the graph it was made from.
 * As in invariants.ts, the expected gradient flow is worked out here from the graph alone, so a
 * slip in the sweep shows up as a violation instead of being agreed with. Broken invariants are
 * thrown as the scalar engine's `InvariantViolation`.
 */
import { InvariantViolation } from '../invariants';
import { getOwn } from '../records';
import { tensorOpRecord } from './ops';
import { sameShape, shapeText, sizeOf, type Shape } from './shape';
import type { Tensor } from './tensor';
import { tensorInputKey, type TensorGraph, type TensorNode } from './tensorIr';
import type { TensorInspectionResult, TensorStep } from './tensorResult';

type VjpStep = Extract<TensorStep, { readonly kind: 'vjp' }>;
type ReduceStep = Extract<TensorStep, { readonly kind: 'reduce' }>;

export function assertInvariantsOfTensors(
  graph: TensorGraph,
  result: TensorInspectionResult,
): void {
  const violations = tensorInspectionViolations(graph, result);
  if (violations.length > 0) {
    throw new InvariantViolation(violations);
  }
}

/** The violated invariants of `result`, one readable line each; empty when all hold. */
export function tensorInspectionViolations(
  graph: TensorGraph,
  result: TensorInspectionResult,
): string[] {
  const structure = structureViolations(graph, result);
  if (structure.length > 0) {
    // Node ids would not name the same nodes in the graph and the result: nothing else holds.
    return structure;
  }
  const receives = expectedReceivers(graph, result.output.id);
  return [
    ...shapeViolations(graph, result),
    ...gradientViolations(graph, result, receives),
    ...ruleViolations(graph, result, receives),
    ...inputViolations(graph, result, receives),
    ...(result.steps.length === 0 ? [] : stepViolations(graph, result, receives)),
  ];
}

/** Whether operand `i` of `node` lets a gradient through, as its op record says. */
function passes(node: TensorNode, i: number): boolean {
  if (node.kind !== 'op') {
    return false;
  }
  const record = tensorOpRecord(node.op);
  return record.differentiable?.(node.op, i) !== false;
}

/** 1 where a node depends on an input along edges that pass gradients and the output uses it so. */
function expectedReceivers(graph: TensorGraph, output: number): Uint8Array {
  const depends = new Uint8Array(graph.nodes.length);
  for (const node of graph.nodes) {
    const varies =
      node.kind === 'input' ||
      (node.kind === 'op' &&
        node.operands.some((operand, i) => depends[operand] === 1 && passes(node, i)));
    depends[node.id] = varies ? 1 : 0;
  }
  const receives = new Uint8Array(graph.nodes.length);
  receives[output] = depends[output] ?? 0;
  for (let id = output; id >= 0; id -= 1) {
    const node = graph.nodes[id];
    if (receives[id] !== 1 || node?.kind !== 'op') {
      continue;
    }
    node.operands.forEach((operand, i) => {
      if (depends[operand] === 1 && passes(node, i)) {
        receives[operand] = 1;
      }
    });
  }
  return receives;
}

function label(result: TensorInspectionResult, id: number): string {
  return `${result.nodes[id]?.label ?? '?'} (#${id})`;
}

function structureViolations(graph: TensorGraph, result: TensorInspectionResult): string[] {
  const violations: string[] = [];
  if (result.nodes.length !== graph.nodes.length) {
    violations.push(`the result has ${result.nodes.length} nodes, the graph ${graph.nodes.length}`);
  }
  result.nodes.forEach((view, i) => {
    if (view.id !== i || view.kind !== graph.nodes[i]?.kind) {
      violations.push(`node ${i} of the result is #${view.id}, a ${view.kind} node`);
    } else if (view.group !== graph.nodes[i]?.group) {
      violations.push(`node ${i} is in group ${view.group}, in the graph ${graph.nodes[i]?.group}`);
    }
  });
  const output = result.output.id;
  if (!Number.isInteger(output) || output < 0 || output >= graph.nodes.length) {
    violations.push(`the output #${output} is no node of the graph`);
  }
  if ((result.groups?.length ?? 0) !== (graph.groups?.length ?? 0)) {
    violations.push(
      `the result has ${result.groups?.length ?? 0} groups, the graph ${graph.groups?.length ?? 0}`,
    );
  }
  return violations;
}

/** Every value and gradient has its node's shape; the output holds one element. */
function shapeViolations(graph: TensorGraph, result: TensorInspectionResult): string[] {
  const violations: string[] = [];
  for (const view of result.nodes) {
    const shape = graph.nodes[view.id]?.shape ?? [];
    const size = sizeOf(shape);
    if (!sameShape(view.shape, shape)) {
      violations.push(
        `${label(result, view.id)} has shape ${shapeText(view.shape)}, in the graph ${shapeText(shape)}`,
      );
    }
    if (view.value.length !== size) {
      violations.push(
        `${label(result, view.id)} has ${view.value.length} values for shape ${shapeText(shape)}`,
      );
    }
    if (view.grad !== undefined && view.grad.length !== size) {
      violations.push(
        `${label(result, view.id)} has a gradient of ${view.grad.length} elements for shape ${shapeText(shape)}`,
      );
    }
  }
  const output = result.nodes[result.output.id];
  if (output !== undefined && output.value.length !== 1) {
    violations.push(
      `the output ${label(result, output.id)} holds ${output.value.length} elements, not 1`,
    );
  }
  return violations;
}

/** A gradient exactly where one is expected; constants never; the output's is 1. */
function gradientViolations(
  graph: TensorGraph,
  result: TensorInspectionResult,
  receives: Uint8Array,
): string[] {
  const violations: string[] = [];
  for (const view of result.nodes) {
    const has = view.grad !== undefined;
    if (has && graph.nodes[view.id]?.kind === 'constant') {
      violations.push(`the constant ${label(result, view.id)} has a gradient`);
    } else if (has && receives[view.id] !== 1) {
      violations.push(`${label(result, view.id)} has a gradient, but no gradient flows to it`);
    } else if (!has && receives[view.id] === 1) {
      violations.push(
        `${label(result, view.id)} depends on an input and the output uses it, but has no gradient`,
      );
    }
  }
  const outputGrad = result.nodes[result.output.id]?.grad;
  if (outputGrad !== undefined && !(outputGrad.length === 1 && outputGrad[0] === 1)) {
    violations.push(`the output's gradient is [${[...outputGrad].join(', ')}], not [1]`);
  }
  return violations;
}

/** A rule for every operand a gradient flows to, and for those only. */
function ruleViolations(
  graph: TensorGraph,
  result: TensorInspectionResult,
  receives: Uint8Array,
): string[] {
  const violations: string[] = [];
  for (const node of graph.nodes) {
    const view = result.nodes[node.id];
    if (view === undefined) {
      continue;
    }
    const expected =
      node.kind === 'op' && receives[node.id] === 1
        ? node.operands.flatMap((operand, i) =>
            receives[operand] === 1 && passes(node, i) ? [i] : [],
          )
        : [];
    const listed = view.rules.map((rule) => rule.operand);
    if (listed.join(',') !== expected.join(',')) {
      violations.push(
        `${label(result, node.id)} has rules for operands [${listed.join(', ')}], expected [${expected.join(', ')}]`,
      );
    }
  }
  return violations;
}

/** `inputs` and `unused` split the inputs; `grads` holds exactly the inputs' gradients. */
function inputViolations(
  graph: TensorGraph,
  result: TensorInspectionResult,
  receives: Uint8Array,
): string[] {
  const violations: string[] = [];
  const listed = new Map<number, 'inputs' | 'unused'>();
  const entries = [
    ...result.inputs.map((entry) => ({ entry, list: 'inputs' as const })),
    ...result.unused.map((entry) => ({ entry, list: 'unused' as const })),
  ];
  for (const { entry, list } of entries) {
    const node = graph.nodes[entry.id];
    if (node?.kind !== 'input') {
      violations.push(`${list} lists ${entry.name} as #${entry.id}, which is no input node`);
      continue;
    }
    if (entry.name !== tensorInputKey(node)) {
      violations.push(
        `${list} lists input #${entry.id} as ${entry.name}, not ${tensorInputKey(node)}`,
      );
    }
    if (listed.has(entry.id)) {
      violations.push(`${entry.name} (#${entry.id}) is listed twice in inputs and unused`);
    }
    listed.set(entry.id, list);
    if ((list === 'inputs') !== (receives[entry.id] === 1)) {
      violations.push(
        list === 'inputs'
          ? `inputs lists ${entry.name}, which receives no gradient`
          : `unused lists ${entry.name}, which receives a gradient`,
      );
    }
  }
  for (const node of graph.nodes) {
    if (node.kind === 'input' && !listed.has(node.id)) {
      violations.push(
        `the input ${tensorInputKey(node)} (#${node.id}) is in neither inputs nor unused`,
      );
    }
  }
  const names = result.inputs.map((entry) => entry.name);
  if (Object.keys(result.grads).sort().join('\n') !== [...names].sort().join('\n')) {
    violations.push(
      `grads has keys [${Object.keys(result.grads).join(', ')}], inputs [${names.join(', ')}]`,
    );
  }
  for (const entry of result.inputs) {
    const grad = getOwn(result.grads, entry.name);
    if (grad !== undefined && !sameElements(grad.data, entry.grad)) {
      violations.push(`grads.${entry.name} differs from the gradient of input #${entry.id}`);
    }
  }
  return violations;
}

/**
 * The steps: one seed at the output first; each VJP step pulls a receiving node's gradient back
 * along a real edge, in the operand's shape or followed by the reduce step that makes it so;
 * the running sums are the contributions added in order, bit for bit, and end at the gradient.
 */
function stepViolations(
  graph: TensorGraph,
  result: TensorInspectionResult,
  receives: Uint8Array,
): string[] {
  const violations: string[] = [];
  const output = result.output.id;
  const first = result.steps[0];
  if (
    first?.kind !== 'seed' ||
    first.node !== output ||
    result.steps.filter((s) => s.kind === 'seed').length !== 1
  ) {
    violations.push('the steps do not start with one seed at the output');
  }
  if (receives[output] !== 1) {
    violations.push('the output depends on no input, yet there are steps');
  }
  const sums = new Map<number, { sum: Float64Array; count: number }>();
  result.steps.forEach((step, index) => {
    if (step.index !== index) {
      violations.push(`step ${index} is numbered ${step.index}`);
    }
    if (step.kind === 'seed') {
      return;
    }
    const next = result.steps[index + 1];
    const reduce = step.kind === 'vjp' && next?.kind === 'reduce' ? next : undefined;
    if (step.kind === 'vjp') {
      violations.push(...vjpStepViolations(graph, result, step, reduce, receives));
    } else if (result.steps[index - 1]?.kind !== 'vjp') {
      violations.push(`reduce step ${index} follows no VJP step`);
    }
    if (step.kind === 'vjp' && reduce !== undefined) {
      return;
    }
    const contribution = step.kind === 'vjp' ? step.product.data : step.result.data;
    const running = sums.get(step.to);
    const sum = running === undefined ? contribution : added(running.sum, contribution);
    const count = (running?.count ?? 0) + 1;
    sums.set(step.to, { sum, count });
    if (step.contribution !== count) {
      violations.push(
        `step ${index} says contribution ${step.contribution} to ${label(result, step.to)}, it is ${count}`,
      );
    }
    const accumulated = step.accumulated;
    if (accumulated === undefined || !sameElements(accumulated.data, sum)) {
      violations.push(
        `step ${index}: the sum of ${label(result, step.to)}'s contributions so far is not what it shows`,
      );
    }
  });
  for (const view of result.nodes) {
    const running = sums.get(view.id);
    if (view.id === output) {
      continue;
    }
    if (running === undefined && receives[view.id] === 1) {
      violations.push(`no step reaches ${label(result, view.id)}, which has a gradient`);
    } else if (running !== undefined && receives[view.id] !== 1) {
      violations.push(`steps reach ${label(result, view.id)}, which receives no gradient`);
    } else if (
      running !== undefined &&
      (view.grad === undefined || !sameElements(running.sum, view.grad))
    ) {
      violations.push(
        `the gradient of ${label(result, view.id)} is not the sum of its step contributions`,
      );
    }
  }
  return violations;
}

function vjpStepViolations(
  graph: TensorGraph,
  result: TensorInspectionResult,
  step: VjpStep,
  reduce: ReduceStep | undefined,
  receives: Uint8Array,
): string[] {
  const violations: string[] = [];
  const from = graph.nodes[step.from];
  const to = graph.nodes[step.to];
  const where = `step ${step.index}`;
  if (from?.kind !== 'op' || from.operands[step.operandIndex] !== step.to || to === undefined) {
    return [`${where} follows no edge of the graph (#${step.from} → #${step.to})`];
  }
  if (receives[step.from] !== 1 || receives[step.to] !== 1 || !passes(from, step.operandIndex)) {
    violations.push(
      `${where} pulls a gradient along ${label(result, step.from)} → ${label(result, step.to)}, where none flows`,
    );
  }
  if (
    !sameShape(step.upstream.shape, from.shape) ||
    !sameElements(step.upstream.data, result.nodes[step.from]?.grad)
  ) {
    violations.push(`${where}: the upstream gradient is not ∂L/∂${label(result, step.from)}`);
  }
  violations.push(
    ...tensorShapeViolations(where, step.product, reduce === undefined ? to.shape : undefined),
  );
  if (reduce !== undefined) {
    if (
      reduce.from !== step.from ||
      reduce.to !== step.to ||
      reduce.operandIndex !== step.operandIndex
    ) {
      violations.push(`step ${reduce.index} reduces another edge than step ${step.index}`);
    }
    violations.push(...tensorShapeViolations(`step ${reduce.index}`, reduce.result, to.shape));
  }
  return violations;
}

function tensorShapeViolations(where: string, tensor: Tensor, shape: Shape | undefined): string[] {
  if (tensor.data.length !== sizeOf(tensor.shape)) {
    return [`${where}: ${tensor.data.length} elements for shape ${shapeText(tensor.shape)}`];
  }
  if (shape !== undefined && !sameShape(tensor.shape, shape)) {
    return [`${where}: shape ${shapeText(tensor.shape)}, the operand's is ${shapeText(shape)}`];
  }
  return [];
}

function added(a: Float64Array, b: Float64Array): Float64Array {
  const sum = new Float64Array(a.length);
  for (let k = 0; k < a.length; k += 1) sum[k] = a[k]! + b[k]!;
  return sum;
}

/** Equal element for element, bit for bit (NaN equals NaN, 0 differs from −0). */
function sameElements(a: Float64Array, b: Float64Array | undefined): boolean {
  if (b === undefined || a.length !== b.length) {
    return false;
  }
  for (let k = 0; k < a.length; k += 1) {
    if (!Object.is(a[k], b[k])) {
      return false;
    }
  }
  return true;
}
