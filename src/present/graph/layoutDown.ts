/**
 * The layered layout turned top to bottom, for a tall and narrow panel: the same layers, order
 * and sweeps as the left-to-right layout (layout.ts), with the layers stacked downwards. Text
 * stays horizontal, so the room differs: each edge ends in a short vertical run above its
 * consumer with the value left of the wire and the gradient right of it (the left-to-right
 * picture's "above" and "below" turned with it), the ports at that height are spread by those
 * labels' widths, and the wires then bend into the node's top. A node's name goes right of it.
 *
 * Computed in the layout's own axes (u down the layers, v across a layer), then turned into
 * x = v, y = u. Only graphs of one line of text per label (scalar graphs) are laid out so.
 */
import { formatNumber } from '../../engine/format';
import {
  extend,
  groupBoxes,
  labelWidth,
  layerItems,
  nodeBoxes,
  placeVertically,
  point,
  portX,
  round,
  type GraphLayout,
  type LabelPlace,
  type LayoutEdge,
  type LayoutNode,
  type LayoutPoint,
  type Layering,
  type NodeSizes,
  type PlacedGraph,
} from './layout';
import { FONT, numberSlotWidth, SIZE, textWidth } from './metrics';
import type { GraphModel } from './model';

/** The height of an edge's run: one line of label text and room around it. */
const RUN = FONT.label + 10;
/** Below the run, the wires bend from their label ports into the node's top. */
const CONVERGE = 18;
/** Between a vertical wire and the text beside it. */
const SIDE_GAP = 4;
/** Between two ports' labels side by side. */
const PORT_PAD = 8;
/** Between two ports on a box's top. */
const NODE_PORT_GAP = 24;
/** Between a node and its name on its right. */
const CAPTION_GAP = 6;

export function placeModelDown(model: GraphModel): PlacedGraph {
  const nodeCount = model.nodes.length;
  const sizes = nodeSizesDown(model);
  const layering = layerItems(model, sizes.width);
  const reach = labelReach(model, layering);
  const portGap = new Float64Array(nodeCount);
  const inDegree = countIncoming(nodeCount, layering.target);
  for (let i = 0; i < nodeCount; i += 1) {
    portGap[i] = 2 * reach[i]! + PORT_PAD;
    layering.half[i] = acrossHalf(model, i, sizes.width[i]!, inDegree[i]!, portGap[i]!, reach[i]!);
  }
  const v = placeVertically(
    layering.layerCount,
    layering.itemLayer,
    layering.half,
    new Uint8Array(layering.half.length),
    layering.key,
    nodeCount,
    layering.source,
    layering.target,
    layering.dummyStart,
    layering.dummyCount,
    0,
  );
  shiftRightOfMargin(v, layering.half);
  const rows = placeRows(model, layering, sizes.height);
  const nodeU = new Float64Array(nodeCount);
  const nodes: LayoutNode[] = [];
  for (let i = 0; i < nodeCount; i += 1) {
    const l = layering.layer[i]!;
    const leaf = model.nodes[i]!.kind !== 'op';
    // Leaves sit at the bottom of their row, so their wires start together.
    nodeU[i] = leaf
      ? rows.top[l]! + rows.row[l]! - sizes.height[i]!
      : rows.top[l]! + (rows.row[l]! - sizes.height[i]!) / 2;
    nodes.push({
      id: model.nodes[i]!.id,
      x: round(v[i]! - sizes.width[i]! / 2),
      y: round(nodeU[i]!),
      width: sizes.width[i]!,
      height: sizes.height[i]!,
    });
  }
  const runV = portPositions(model, layering, v, (i) => portGap[i]!);
  const nodeV = portPositions(model, layering, v, (i) =>
    Math.min(NODE_PORT_GAP, (sizes.width[i]! - 16) / Math.max(1, inDegree[i]! - 1)),
  );
  const routed = routeDown(model, layering, rows, sizes, v, nodeU, runV, nodeV);
  const drop = outputDrop(model, sizes.height, v, nodeU);
  const groups = groupBoxes(model, nodes);
  let right = 0;
  let bottom = drop?.y2 ?? 0;
  for (let item = 0; item < v.length; item += 1) {
    right = Math.max(right, v[item]! + layering.half[item]!);
  }
  for (const node of nodes) {
    bottom = Math.max(bottom, node.y + node.height);
  }
  for (const box of groups) {
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  const legendWidth =
    SIZE.margin +
    textWidth(`forward value   gradient ∂${model.result.output.name}/∂·`, FONT.legend);
  const layout: GraphLayout = {
    nodes,
    edges: routed.edges,
    groups,
    width: Math.ceil(Math.max(right + SIZE.margin, legendWidth + SIZE.margin)),
    height: Math.ceil(Math.max(bottom + SIZE.margin, SIZE.legend + 2 * SIZE.margin)),
  };
  return {
    layout,
    circle: sizes.circle,
    labels: routed.labels,
    ...(drop === undefined ? {} : { outputDrop: drop }),
    direction: 'down',
  };
}

/** Op boxes as wide as their symbol and their ports on top. */
function nodeSizesDown(model: GraphModel): NodeSizes {
  return nodeBoxes(model, (node) => {
    const ports = (node.inDegree - 1) * NODE_PORT_GAP + 16;
    return {
      width: Math.ceil(Math.max(SIZE.circle, textWidth(node.text, FONT.symbol) + 20, ports)),
      height: SIZE.circle,
    };
  });
}

/** Per node: how far the widest label of an edge into it reaches beside its wire. */
function labelReach(model: GraphModel, layering: Layering): Float64Array {
  const reach = new Float64Array(model.nodes.length);
  for (let e = 0; e < model.edges.length; e += 1) {
    const to = layering.target[e]!;
    reach[to] = Math.max(reach[to]!, labelWidth(model.edges[e]!, model.precision) + SIDE_GAP);
  }
  return reach;
}

function countIncoming(nodeCount: number, target: Int32Array): Int32Array {
  const count = new Int32Array(nodeCount);
  for (const to of target) {
    count[to] = count[to]! + 1;
  }
  return count;
}

/**
 * Half a node's room across its layer: its box, its ports' labels side by side, the output's
 * own labels, and its name on its right (kept symmetric: the sweeps place centres).
 */
function acrossHalf(
  model: GraphModel,
  i: number,
  width: number,
  inDegree: number,
  portGap: number,
  reach: number,
): number {
  const node = model.nodes[i]!;
  let half = width / 2;
  if (inDegree > 0) {
    half = Math.max(half, ((inDegree - 1) / 2) * portGap + reach + PORT_PAD / 2);
  }
  if (node.caption !== undefined) {
    half = Math.max(half, width / 2 + CAPTION_GAP + textWidth(node.caption, FONT.caption));
  }
  if (node.output) {
    const value = formatNumber(node.view.value, { precision: model.precision });
    half = Math.max(half, numberSlotWidth(value, model.precision, FONT.label) + 2 * SIDE_GAP);
  }
  return half;
}

/** Moves everything right so that the leftmost room starts at the margin. */
function shiftRightOfMargin(v: Float64Array, half: Float64Array): void {
  let left = Infinity;
  for (let item = 0; item < v.length; item += 1) {
    left = Math.min(left, v[item]! - half[item]!);
  }
  const shift = v.length === 0 ? 0 : SIZE.margin - left;
  for (let item = 0; item < v.length; item += 1) {
    v[item] = Math.round(v[item]! + shift);
  }
}

/** Per layer: its row's height, the room above it for runs and bends, its top. */
interface Rows {
  readonly row: Float64Array;
  readonly above: Float64Array;
  readonly top: Float64Array;
}

function placeRows(model: GraphModel, layering: Layering, height: Float64Array): Rows {
  const { layer, layerCount, target } = layering;
  const row = new Float64Array(layerCount);
  const above = new Float64Array(layerCount);
  for (let i = 0; i < model.nodes.length; i += 1) {
    row[layer[i]!] = Math.max(row[layer[i]!]!, height[i]!);
  }
  for (let e = 0; e < model.edges.length; e += 1) {
    above[layer[target[e]!]!] = RUN + CONVERGE;
  }
  const top = new Float64Array(layerCount);
  // Below the legend and room for its line.
  let u = SIZE.margin + SIZE.legend + 8;
  for (let l = 0; l < layerCount; l += 1) {
    if (l > 0) {
      u += SIZE.curve + above[l]!;
    }
    top[l] = u;
    u += row[l]!;
  }
  return { row, above, top };
}

/** Per edge: its port across the consumer, ordered by where the edge comes from. */
function portPositions(
  model: GraphModel,
  layering: Layering,
  v: Float64Array,
  gapOf: (node: number) => number,
): Float64Array {
  const { source, target, dummyStart, dummyCount } = layering;
  const edgeCount = model.edges.length;
  const incoming: number[][] = Array.from({ length: model.nodes.length }, () => []);
  for (let e = 0; e < edgeCount; e += 1) {
    incoming[target[e]!]!.push(e);
  }
  const from = (e: number): number =>
    v[dummyCount[e]! > 0 ? dummyStart[e]! + dummyCount[e]! - 1 : source[e]!]!;
  const at = new Float64Array(edgeCount);
  for (let i = 0; i < incoming.length; i += 1) {
    const list = incoming[i]!;
    list.sort(
      (a, b) => from(a) - from(b) || model.edges[a]!.operandIndex - model.edges[b]!.operandIndex,
    );
    const gap = gapOf(i);
    for (let k = 0; k < list.length; k += 1) {
      at[list[k]!] = v[i]! + (k - (list.length - 1) / 2) * gap;
    }
  }
  return at;
}

/** Each edge down its dummies to its run, its labels beside the run, then into the node. */
function routeDown(
  model: GraphModel,
  layering: Layering,
  rows: Rows,
  sizes: NodeSizes,
  v: Float64Array,
  nodeU: Float64Array,
  runV: Float64Array,
  nodeV: Float64Array,
): { readonly edges: LayoutEdge[]; readonly labels: LabelPlace[] } {
  const { source, target, layer, itemLayer, dummyStart, dummyCount } = layering;
  const edges: LayoutEdge[] = [];
  const labels: LabelPlace[] = [];
  for (let e = 0; e < model.edges.length; e += 1) {
    const from = source[e]!;
    const to = target[e]!;
    // Points as (u, v) while routing, so that `extend` merges runs along the layers.
    const points: LayoutPoint[] = [point(nodeU[from]! + sizes.height[from]!, v[from]!)];
    for (let k = 0; k < dummyCount[e]!; k += 1) {
      const item = dummyStart[e]! + k;
      const l = itemLayer[item]!;
      extend(points, rows.top[l]!, v[item]!);
      if (rows.row[l]! > 0) {
        extend(points, rows.top[l]! + rows.row[l]!, v[item]!);
      }
    }
    const l = layer[to]!;
    const runTop = rows.top[l]! - rows.above[l]!;
    const runBottom = runTop + RUN;
    extend(points, runTop, runV[e]!);
    extend(points, runBottom, runV[e]!);
    const entry = sizes.circle[to]
      ? portX(nodeU[to]!, v[to]!, sizes.width[to]!, true, nodeV[e]!)
      : nodeU[to]!;
    points.push(point(entry, nodeV[e]!));
    const edge = model.edges[e]!;
    edges.push({
      from: edge.from,
      to: edge.to,
      operandIndex: edge.operandIndex,
      points: points.map((p) => ({ x: p.y, y: p.x })),
    });
    const baseline = round((runTop + runBottom) / 2 + FONT.label * 0.35);
    labels.push({
      x: round(runV[e]! - SIDE_GAP),
      valueY: baseline,
      gradY: baseline,
      gradX: round(runV[e]! + SIDE_GAP),
    });
  }
  return { edges, labels };
}

/** The output's own wire downwards, when nothing drawn consumes it. */
function outputDrop(
  model: GraphModel,
  height: Float64Array,
  v: Float64Array,
  nodeU: Float64Array,
): NonNullable<PlacedGraph['outputDrop']> | undefined {
  const output = model.index[model.result.output.id]!;
  if (output < 0 || model.edges.some((edge) => edge.to === model.result.output.id)) {
    return undefined;
  }
  const y1 = nodeU[output]! + height[output]!;
  return { x: round(v[output]!), y1: round(y1), y2: round(y1 + SIZE.outputWire) };
}
