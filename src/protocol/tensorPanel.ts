/**
 * A tensor result in the form the panel lists it (PanelTensorResult): every value, gradient
 * and step product summarized (tensorSummary.ts), each primitive written as a short text.
 */
import { assertNever } from '../engine/assertNever';
import type { Axes, TensorOp } from '../engine/tensor/tensorOp';
import type {
  TensorInspectionResult,
  TensorNodeView,
  TensorStep,
} from '../engine/tensor/tensorResult';
import type { PanelTensorNode, PanelTensorResult, PanelTensorStep } from './protocol';
import { tensorSummary } from './tensorSummary';

export function tensorPanelResult(result: TensorInspectionResult): PanelTensorResult {
  return {
    output: { id: result.output.id, name: result.output.name, value: result.output.value },
    value: result.value,
    nodes: result.nodes.map(panelNode),
    inputs: result.inputs.map((input) => ({
      id: input.id,
      name: input.name,
      value: tensorSummary(input.shape, input.value),
      grad: tensorSummary(input.shape, input.grad),
      sample: input.sample === true,
      ...(input.range === undefined ? {} : { range: input.range }),
    })),
    unused: result.unused.map((input) => ({
      id: input.id,
      name: input.name,
      value: tensorSummary(input.shape, input.value),
      ...(input.range === undefined ? {} : { range: input.range }),
    })),
    steps: result.steps.map(panelStep),
    ...(result.firstNonFinite === undefined ? {} : { firstNonFinite: result.firstNonFinite }),
    ...(result.groups === undefined ? {} : { groups: result.groups }),
  };
}

function panelNode(node: TensorNodeView): PanelTensorNode {
  return {
    id: node.id,
    kind: node.kind,
    symbol: node.symbol,
    ...(node.op === undefined ? {} : { op: tensorOpText(node.op) }),
    label: node.label,
    ...(node.name === undefined ? {} : { name: node.name }),
    operands: node.operands,
    value: tensorSummary(node.shape, node.value),
    ...(node.grad === undefined ? {} : { grad: tensorSummary(node.shape, node.grad) }),
    sample: node.sample === true,
    ...(node.note === undefined ? {} : { note: node.note }),
    ...(node.range === undefined ? {} : { range: node.range }),
    ...(node.group === undefined ? {} : { group: node.group }),
  };
}

function panelStep(step: TensorStep): PanelTensorStep {
  switch (step.kind) {
    case 'seed':
      return { kind: 'seed', index: step.index, node: step.node, shape: step.shape };
    case 'vjp':
      return {
        kind: 'vjp',
        index: step.index,
        from: step.from,
        to: step.to,
        operandIndex: step.operandIndex,
        rule: step.rule,
        shapes: step.shapes,
        upstream: tensorSummary(step.upstream.shape, step.upstream.data),
        product: tensorSummary(step.product.shape, step.product.data),
        contribution: step.contribution,
        contributions: step.contributions,
      };
    case 'reduce':
      return {
        kind: 'reduce',
        index: step.index,
        from: step.from,
        to: step.to,
        operandIndex: step.operandIndex,
        rule: step.rule,
        result: tensorSummary(step.result.shape, step.result.data),
        contribution: step.contribution,
        contributions: step.contributions,
      };
    default:
      return assertNever(step, 'tensor step');
  }
}

/** The primitive as the panel's table writes it, with the arguments that tell ops apart. */
export function tensorOpText(op: TensorOp): string {
  switch (op.kind) {
    case 'elementwise':
      return op.op;
    case 'compare':
      return `compare ${op.operator}`;
    case 'where':
      return 'where';
    case 'matmul':
      return 'matmul';
    case 'sum':
    case 'mean':
    case 'max':
    case 'min':
    case 'prod':
    case 'logsumexp':
    case 'norm':
      return call(op.kind, [axesText(op.axes), op.keepdims ? 'keepdims' : undefined]);
    case 'reshape':
    case 'broadcast_to':
      return `${op.kind} (${op.shape.join(', ')})`;
    case 'transpose':
      return `transpose (${op.axes.join(', ')})`;
    case 'concat':
    case 'stack':
    case 'softmax':
    case 'log_softmax':
      return call(op.kind, [`axis=${op.axis}`]);
    case 'gather':
      return `index ${op.text}`;
    case 'cross_entropy':
    case 'nll_loss':
    case 'mse_loss':
    case 'l1_loss':
    case 'binary_cross_entropy':
    case 'bce_with_logits':
      return call(op.kind, [`reduction=${op.reduction}`]);
    default:
      return assertNever(op, 'tensor op');
  }
}

function axesText(axes: Axes): string | undefined {
  if (axes === null) {
    return undefined;
  }
  return axes.length === 1 ? `axis=${axes[0]}` : `axis=(${axes.join(', ')})`;
}

function call(name: string, args: readonly (string | undefined)[]): string {
  const given = args.filter((arg): arg is string => arg !== undefined);
  return given.length === 0 ? name : `${name}(${given.join(', ')})`;
}
