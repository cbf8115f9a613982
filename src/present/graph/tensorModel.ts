/**
 * The adapter that lets a tensor result (the panel's PanelTensorResult) be drawn by the scalar
 * graph's model, layout and SVG writer: each tensor node becomes a node whose text is its glyph and
 * shape (`W (3, 5)`, `@ (64, 128)`), each VJP step an edge step; then the edges of tensors
 * get their shape as the text above the wire, and marks for what the drawing adds: a heat map
 * of the value above, of the gradient below, and the reduction (`Σ (4, 5) → (4, 1)`) on the
 * edge along which the backward sweep sums a broadcast gradient back to its operand's shape.
 * Scalars (shape ()) keep their numbers, as in a scalar graph.
 */
import type { GraphGroup } from '../../engine/ir';
import type { BackwardStep, InspectionResult, NodeView } from '../../engine/result';
import { shapeText } from '../../engine/tensor/shape';
import { heatSize } from './heatMap';
import { FONT, SIZE, textWidth } from './metrics';
import {
  buildModel,
  type EdgeRoom,
  type GraphModel,
  type ModelEdge,
  type ModelOptions,
} from './model';
import type {
  HeatGrid,
  TensorGraphNode,
  TensorGraphResult,
  TensorGraphStep,
  TensorStats,
} from './tensorGraphInput';

/** What is drawn on one edge besides its texts (by the edge's position in the model). */
export interface TensorEdgeMarks {
  /** The node whose value the edge carries (not the box that stands for it, when collapsed). */
  readonly operand: number;
  readonly valueHeat: HeatGrid | undefined;
  readonly gradHeat: HeatGrid | undefined;
  /** `Σ (4, 5) → (4, 1)`: the gradient was summed back to the operand's shape on this edge. */
  readonly reduce: string | undefined;
  /** The operand is a scalar: its number is the edge's text, no heat maps. */
  readonly scalar: boolean;
}

/** A node of a tensor result that may sit in a group (a layer's or function's call, an iteration). */
export interface GroupedTensorNode extends TensorGraphNode {
  /** The innermost group it is in: an id in `groups`. */
  readonly group?: number;
}

/** A tensor result with the groups its nodes were made in (the panel's PanelTensorResult fits). */
export interface GroupedTensorResult extends TensorGraphResult {
  readonly nodes: readonly GroupedTensorNode[];
  readonly groups?: readonly GraphGroup[];
}

export interface TensorGraphModel {
  readonly model: GraphModel;
  readonly marks: readonly TensorEdgeMarks[];
  readonly result: GroupedTensorResult;
}

/** Where the marks go, from the wire: the layout makes room for the tallest. */
export const MARK = {
  /** Between the value's text and the heat map above it. */
  valueHeatRise: 18,
  /** Below the wire: a heat map starts here, or under a reduction's line. */
  gradHeatDrop: 4,
  /** One line of text below the wire (a reduction's, or a scalar's gradient). */
  line: 14,
} as const;

export interface TensorModelOptions extends ModelOptions {
  /**
   * Default true: heat maps above and below the wires, which take more than a line of room.
   * False (top to bottom, whose edges have one line of room): the reduction is the gradient's
   * text and a tensor's edge carries its shape only.
   */
  readonly heatMaps?: boolean;
}

export function buildTensorModel(
  result: GroupedTensorResult,
  options: TensorModelOptions = {},
): TensorGraphModel {
  const heatMaps = options.heatMaps !== false;
  const bySite = stepsBySite(result.steps);
  const base = buildModel(scalarShaped(result, bySite), options);
  const marks: TensorEdgeMarks[] = [];
  const edges = base.edges.map((edge): ModelEdge => {
    // An edge out of a collapsed group's box stands for its members' uses of an operand
    // outside: its value is that operand's, its gradient no one step's.
    const fromBox = base.nodes[base.index[edge.from]!]?.collapsed !== undefined;
    const operandId = fromBox ? edge.to : result.nodes[edge.from]!.operands[edge.operandIndex]!;
    const operand = result.nodes[operandId]!;
    const site = fromBox ? undefined : bySite.get(siteKey(edge.from, edge.operandIndex));
    const scalar = operand.value.shape.length === 0;
    const carried = edge.gradText !== undefined && !fromBox;
    const grad = carried ? gradientOf(site) : undefined;
    const reduce =
      carried && site?.vjp !== undefined && site.reduce !== undefined
        ? `Σ ${shapeText(site.vjp.product.shape)} → ${shapeText(site.reduce.result.shape)}`
        : undefined;
    marks.push({
      operand: operandId,
      valueHeat: scalar || !heatMaps ? undefined : operand.value.heat,
      gradHeat: scalar || !heatMaps ? undefined : grad?.heat,
      reduce: heatMaps ? reduce : undefined,
      scalar,
    });
    const gradText = carried ? edge.gradText : undefined;
    if (scalar) {
      const summed = heatMaps || reduce === undefined ? '' : ` (${reduce})`;
      return { ...edge, gradText: gradText === undefined ? undefined : `${gradText}${summed}` };
    }
    const valueText = shapeText(operand.value.shape);
    return { ...edge, valueText, gradText: heatMaps ? undefined : reduce };
  });
  return {
    model: heatMaps ? { ...base, edges, edgeRoom: edgeRoom(marks) } : { ...base, edges },
    marks,
    result,
  };
}

/** The VJP step and the reduction after it, of one operand of one node. */
interface Site {
  readonly vjp?: Extract<TensorGraphStep, { kind: 'vjp' }>;
  readonly reduce?: Extract<TensorGraphStep, { kind: 'reduce' }>;
}

function siteKey(from: number, operandIndex: number): string {
  return `${from}:${operandIndex}`;
}

function stepsBySite(steps: readonly TensorGraphStep[]): Map<string, Site> {
  const sites = new Map<string, Site>();
  for (const step of steps) {
    if (step.kind === 'seed') {
      continue;
    }
    const key = siteKey(step.from, step.operandIndex);
    const site = sites.get(key) ?? {};
    sites.set(key, step.kind === 'vjp' ? { ...site, vjp: step } : { ...site, reduce: step });
  }
  return sites;
}

/** The gradient that reached the operand along the edge: reduced, when it was. */
function gradientOf(site: Site | undefined): TensorStats | undefined {
  return site?.reduce?.result ?? site?.vjp?.product;
}

/** The number of a scalar, NaN for a tensor (whose edges carry no number). */
function scalarOf(summary: TensorStats): number {
  return summary.shape.length === 0 ? (summary.first[0] ?? NaN) : NaN;
}

function nodeText(node: TensorGraphNode): string {
  const shape = node.value.shape;
  return shape.length === 0 ? node.symbol : `${node.symbol} ${shapeText(shape)}`;
}

/**
 * The result as the scalar graph's parts read it (the model, the finder, group folding): texts,
 * operands, groups, path and steps; a tensor's numbers are NaN.
 */
export function tensorAsScalars(result: GroupedTensorResult): InspectionResult {
  return scalarShaped(result, stepsBySite(result.steps));
}

function scalarShaped(result: GroupedTensorResult, bySite: Map<string, Site>): InspectionResult {
  const nodes = result.nodes.map((node): NodeView => ({
    id: node.id,
    kind: node.kind,
    symbol: nodeText(node),
    label: node.label,
    ...(node.name === undefined ? {} : { name: node.name }),
    operands: node.operands,
    value: scalarOf(node.value),
    ...(node.grad === undefined ? {} : { grad: scalarOf(node.grad) }),
    partials: [],
    gates: [],
    uses: 0,
    ...(node.note === undefined ? {} : { note: node.note }),
    ...(node.range === undefined ? {} : { range: node.range }),
    ...(node.group === undefined ? {} : { group: node.group }),
  }));
  const steps: BackwardStep[] = [];
  for (const step of result.steps) {
    if (step.kind === 'seed') {
      steps.push({ kind: 'seed', index: step.index, node: step.node, grad: 1 });
    } else if (step.kind === 'vjp') {
      const grad = gradientOf(bySite.get(siteKey(step.from, step.operandIndex)));
      steps.push({
        kind: 'edge',
        index: step.index,
        from: step.from,
        to: step.to,
        operandIndex: step.operandIndex,
        upstream: NaN,
        local: NaN,
        localFormula: step.rule,
        product: grad === undefined ? NaN : scalarOf(grad),
        accumulated: NaN,
        contribution: step.contribution,
        contributions: step.contributions,
      });
    }
  }
  return {
    output: result.output,
    value: result.value,
    grads: {},
    inputs: result.inputs.map((input) => ({
      id: input.id,
      name: input.name,
      value: scalarOf(input.value),
      grad: scalarOf(input.grad),
    })),
    unused: result.unused.map((input) => ({
      id: input.id,
      name: input.name,
      value: scalarOf(input.value),
    })),
    nodes,
    steps,
    ...(result.firstNonFinite === undefined ? {} : { firstNonFinite: result.firstNonFinite }),
    ...(result.groups === undefined ? {} : { groups: result.groups }),
  };
}

/** Room for the tallest heat maps above and below the wires, and the widest mark. */
function edgeRoom(marks: readonly TensorEdgeMarks[]): EdgeRoom {
  let above: number = SIZE.labelAbove;
  let below: number = SIZE.labelBelow;
  let width = 0;
  for (const mark of marks) {
    if (mark.valueHeat !== undefined) {
      const size = heatSize(mark.valueHeat);
      above = Math.max(above, MARK.valueHeatRise + size.height + 1);
      width = Math.max(width, size.width);
    }
    const line = mark.reduce === undefined ? 0 : MARK.line;
    if (mark.reduce !== undefined) {
      width = Math.max(width, textWidth(mark.reduce, FONT.label));
      below = Math.max(below, (mark.scalar ? 2 : 1) * MARK.line + 3);
    }
    if (mark.gradHeat !== undefined) {
      const size = heatSize(mark.gradHeat);
      below = Math.max(below, line + MARK.gradHeatDrop + size.height + 1);
      width = Math.max(width, size.width);
    }
  }
  return { above, below, width };
}
