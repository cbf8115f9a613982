/**
 * Left-to-right layered layout of the computational graph, as the backpropagation lecture
 * draws it: inputs on the left, each op one layer right of its deepest operand (longest path
 * from the inputs) or further right next to its first consumer, constants just left of their
 * first consumer.
 *
 * Long edges get a dummy point per layer they pass (while a budget proportional to the graph
 * lasts; beyond it the longest edges are drawn as one curve). The order inside each layer and
 * the vertical positions come from a few barycenter sweeps: each item wants the mean height
 * of its neighbours in the layer before (or after), the layer is sorted by that wish, then
 * placed as close to it as the minimum spacing allows (isotonic regression, linear time).
 * Every pass is a loop over arrays: no recursion, near-linear in nodes + edges.
 *
 * Each edge ends in a horizontal run into its own port on the consumer, long enough for the
 * edge's value (above) and gradient (below) to be written on it.
 */
import { formatNumber } from '../../engine/format';
import type { InspectionResult } from '../../engine/result';
import { FONT, numberSlotWidth, SIZE, textWidth } from './metrics';
import { buildModel, type GraphModel, type ModelEdge, type ModelNode } from './model';

export interface LayoutPoint {
  readonly x: number;
  readonly y: number;
}

/** A visible node's box (top-left corner and size), in SVG user units. */
export interface LayoutNode {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * A visible edge. `from` is the consumer and `to` the operand, as in a backward step (the
 * gradient flows from → to), so `data-edge="from-to-operandIndex"` names a step's edge. The
 * points run left to right, in the forward direction: from the operand's right side to the
 * consumer's port.
 */
export interface LayoutEdge {
  readonly from: number;
  readonly to: number;
  readonly operandIndex: number;
  readonly points: readonly LayoutPoint[];
}

/**
 * An expanded group's box (a loop, an iteration, an inlined call) around its visible nodes and
 * its subgroups' boxes, with its label inside the top edge.
 */
export interface LayoutGroup {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface GraphLayout {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
  /** In the model's order (parents before their children); empty when nothing is grouped. */
  readonly groups: readonly LayoutGroup[];
  readonly width: number;
  readonly height: number;
}

export interface LayoutOptions {
  readonly hideConstants?: boolean;
  readonly hideOffPath?: boolean;
  /** Significant digits of the edge labels the layout makes room for (default 6). */
  readonly precision?: number;
  /** Make room for gradients below the edges (default true). */
  readonly showGradients?: boolean;
  /** Groups drawn collapsed, as one node each. */
  readonly collapsed?: ReadonlySet<number>;
}

export function layoutGraph(result: InspectionResult, options: LayoutOptions = {}): GraphLayout {
  return placeModel(buildModel(result, options)).layout;
}

/** Which way the layers go: left to right (the lecture's picture) or top to bottom. */
export type LayoutDirection = 'right' | 'down';

/**
 * Where an edge's texts go: centred on its horizontal run (left to right); top to bottom, the
 * value left of its vertical run and the gradient right of it, at `gradX`.
 */
export interface LabelPlace {
  readonly x: number;
  readonly valueY: number;
  readonly gradY: number;
  readonly gradX?: number;
}

/** The layout plus what only the drawing needs. */
export interface PlacedGraph {
  readonly layout: GraphLayout;
  /** Per visible node (in model order): drawn as a circle, else as a rounded box. */
  readonly circle: readonly boolean[];
  /** Per visible edge (in model order). */
  readonly labels: readonly LabelPlace[];
  /** The wire leaving the output to the right, when nothing visible consumes the output. */
  readonly outputWire?: { readonly x1: number; readonly x2: number; readonly y: number };
  /** Top to bottom: the wire leaving the output downwards instead. */
  readonly outputDrop?: { readonly x: number; readonly y1: number; readonly y2: number };
  readonly direction: LayoutDirection;
}

/** Beyond this many dummy points the longest edges are drawn without them. */
function dummyBudget(nodeCount: number): number {
  return 2 * nodeCount + 500;
}

const SWEEPS = 4;

export function placeModel(model: GraphModel): PlacedGraph {
  const band = edgeBand(model);
  const sizes = nodeSizes(model, band);
  const layering = layerItems(model, sizes.height);
  const y = placeVertically(
    layering.layerCount,
    layering.itemLayer,
    layering.half,
    layering.captioned,
    layering.key,
    model.nodes.length,
    layering.source,
    layering.target,
    layering.dummyStart,
    layering.dummyCount,
    band.spread,
  );
  const columns = placeColumns(model, layering, sizes.width, band);
  shiftBelowLegend(y, layering.half, model.nodes.length, band);
  const { layoutNodes, nodeX } = placeNodes(model, layering, columns, sizes, y);
  const portY = portHeights(model, layering, y, band);
  const routed = routeEdges(model, layering, columns, sizes, y, nodeX, portY, band);
  const wire = outputWire(model, sizes.width, y, nodeX);
  const groups = groupBoxes(model, layoutNodes);
  const groupRight = groups.reduce((most, box) => Math.max(most, box.x + box.width), 0);
  const groupBottom = groups.reduce((most, box) => Math.max(most, box.y + box.height), 0);
  const right = Math.max(
    groupRight,
    wire === undefined ? routed.right : Math.max(routed.right, wire.reach),
  );
  const legendWidth =
    SIZE.margin +
    textWidth(`forward value   gradient ∂${model.result.output.name}/∂·`, FONT.legend);
  const layout: GraphLayout = {
    nodes: layoutNodes,
    edges: routed.edges,
    groups,
    width: Math.ceil(Math.max(right + SIZE.margin, legendWidth + SIZE.margin, 2 * SIZE.margin)),
    height: Math.ceil(
      Math.max(
        routed.bottom + SIZE.margin,
        groupBottom + SIZE.margin,
        SIZE.legend + 2 * SIZE.margin,
      ),
    ),
  };
  return {
    layout,
    circle: sizes.circle,
    labels: routed.labels,
    ...(wire === undefined ? {} : { outputWire: wire.place }),
    direction: 'right',
  };
}

/**
 * The room of the edges' labels: one line of text above and below each wire, or the model's
 * edgeRoom, which spreads ports and the nodes of a layer apart by what it adds.
 */
interface EdgeBand {
  readonly above: number;
  readonly below: number;
  readonly portGap: number;
  readonly width: number;
  /** Added to the gap between two neighbours in a layer (0 for one line of text). */
  readonly spread: number;
}

function edgeBand(model: GraphModel): EdgeBand {
  const room = model.edgeRoom;
  if (room === undefined) {
    return {
      above: SIZE.labelAbove,
      below: SIZE.labelBelow,
      portGap: SIZE.portGap,
      width: 0,
      spread: 0,
    };
  }
  const above = Math.max(SIZE.labelAbove, room.above);
  const below = Math.max(SIZE.labelBelow, room.below);
  return {
    above,
    below,
    portGap: Math.max(SIZE.portGap, above + below + 1),
    width: room.width,
    spread: above + below - SIZE.labelAbove - SIZE.labelBelow,
  };
}

/** Each visible node's box, from nodeBoxes. */
export interface NodeSizes {
  readonly width: Float64Array;
  readonly height: Float64Array;
  readonly circle: boolean[];
}

/**
 * The graph in layers: per edge its ends as model positions (`source` the operand, `target`
 * the consumer) and its dummy points; per item (the visible nodes, then the dummies) its
 * layer, half height, whether it has a caption, and its sort key.
 */
export interface Layering {
  readonly source: Int32Array;
  readonly target: Int32Array;
  /** Per visible node. */
  readonly layer: Int32Array;
  readonly layerCount: number;
  readonly dummyCount: Int32Array;
  readonly dummyStart: Int32Array;
  readonly itemLayer: Int32Array;
  readonly half: Float64Array;
  readonly captioned: Uint8Array;
  readonly key: Float64Array;
}

/** Per layer: its column's width, the run for the labels of edges ending in it, its left. */
interface Columns {
  readonly column: Float64Array;
  readonly labelRun: Float64Array;
  readonly left: Float64Array;
}

/** Phase 1: layers for the nodes, dummy points for the long edges, the items to place. */
export function layerItems(model: GraphModel, height: Float64Array): Layering {
  const { nodes, edges } = model;
  const nodeCount = nodes.length;
  const edgeCount = edges.length;
  const source = new Int32Array(edgeCount);
  const target = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e += 1) {
    const edge = edges[e]!;
    source[e] = model.index[edge.to]!;
    target[e] = model.index[edge.from]!;
  }

  const layer = assignLayers(model, source, target);
  let layerCount = 0;
  for (let i = 0; i < nodeCount; i += 1) {
    layerCount = Math.max(layerCount, layer[i]! + 1);
  }

  const dummyCount = allotDummies(layer, layerCount, source, target, dummyBudget(nodeCount));
  const dummyStart = new Int32Array(edgeCount);
  let itemCount = nodeCount;
  for (let e = 0; e < edgeCount; e += 1) {
    dummyStart[e] = itemCount;
    itemCount += dummyCount[e]!;
  }

  const itemLayer = new Int32Array(itemCount);
  const half = new Float64Array(itemCount);
  const captioned = new Uint8Array(itemCount);
  const key = new Float64Array(itemCount);
  for (let i = 0; i < nodeCount; i += 1) {
    itemLayer[i] = layer[i]!;
    half[i] = height[i]! / 2;
    captioned[i] = nodes[i]!.caption === undefined ? 0 : 1;
    key[i] = nodes[i]!.id;
  }
  for (let e = 0; e < edgeCount; e += 1) {
    const from = layer[source[e]!]!;
    for (let k = 0; k < dummyCount[e]!; k += 1) {
      const item = dummyStart[e]! + k;
      itemLayer[item] = from + 1 + k;
      key[item] = nodes[source[e]!]!.id + 0.5;
    }
  }
  return {
    source,
    target,
    layer,
    layerCount,
    dummyCount,
    dummyStart,
    itemLayer,
    half,
    captioned,
    key,
  };
}

/**
 * Phase 3, horizontal placement: each layer's column as wide as its widest node, preceded by
 * room for the curves and for the labels of the edges that end in it.
 */
function placeColumns(
  model: GraphModel,
  layering: Layering,
  width: Float64Array,
  band: EdgeBand,
): Columns {
  const { layer, layerCount, target } = layering;
  const column = new Float64Array(layerCount);
  const labelRun = new Float64Array(layerCount);
  for (let i = 0; i < model.nodes.length; i += 1) {
    column[layer[i]!] = Math.max(column[layer[i]!]!, width[i]!);
  }
  for (let e = 0; e < model.edges.length; e += 1) {
    const l = layer[target[e]!]!;
    const run = Math.max(labelWidth(model.edges[e]!, model.precision), band.width);
    labelRun[l] = Math.max(labelRun[l]!, run + SIZE.labelPad);
  }
  const left = new Float64Array(layerCount);
  let x = SIZE.margin;
  for (let l = 0; l < layerCount; l += 1) {
    if (l > 0) {
      x += SIZE.curve + labelRun[l]!;
    }
    left[l] = x;
    x += column[l]!;
  }
  return { column, labelRun, left };
}

/** Phase 4: shifts every item down below the legend and the captions of the topmost nodes. */
function shiftBelowLegend(
  y: Float64Array,
  half: Float64Array,
  nodeCount: number,
  band: EdgeBand,
): void {
  const itemCount = y.length;
  let top = Infinity;
  for (let item = 0; item < itemCount; item += 1) {
    // A node's own labels may reach above its caption (a port's heat map).
    const room = item < nodeCount ? Math.max(SIZE.caption, band.above - half[item]!) : band.above;
    top = Math.min(top, y[item]! - half[item]! - room);
  }
  const shift = SIZE.margin + SIZE.legend - (itemCount === 0 ? 0 : top);
  for (let item = 0; item < itemCount; item += 1) {
    y[item] = Math.round(y[item]! + shift);
  }
}

/** Phase 5: each visible node's box; leaves sit at the right of their column. */
function placeNodes(
  model: GraphModel,
  layering: Layering,
  { column, left }: Columns,
  { width, height }: NodeSizes,
  y: Float64Array,
): { readonly layoutNodes: LayoutNode[]; readonly nodeX: Float64Array } {
  const { nodes } = model;
  const nodeCount = nodes.length;
  const layoutNodes: LayoutNode[] = [];
  const nodeX = new Float64Array(nodeCount);
  for (let i = 0; i < nodeCount; i += 1) {
    const l = layering.layer[i]!;
    const leaf = nodes[i]!.kind !== 'op';
    // Leaves sit at the right of their column, so their wires start together.
    nodeX[i] = leaf ? left[l]! + column[l]! - width[i]! : left[l]! + (column[l]! - width[i]!) / 2;
    layoutNodes.push({
      id: nodes[i]!.id,
      x: round(nodeX[i]!),
      y: round(y[i]! - layering.half[i]!),
      width: width[i]!,
      height: height[i]!,
    });
  }
  return { layoutNodes, nodeX };
}

/** Phase 6, ports: a consumer's incoming edges, ordered by the height they come from. */
function portHeights(
  model: GraphModel,
  layering: Layering,
  y: Float64Array,
  band: EdgeBand,
): Float64Array {
  const { edges } = model;
  const nodeCount = model.nodes.length;
  const edgeCount = edges.length;
  const { source, target, dummyStart, dummyCount } = layering;
  const before = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e += 1) {
    before[e] = dummyCount[e]! > 0 ? dummyStart[e]! + dummyCount[e]! - 1 : source[e]!;
  }
  const incoming = adjacency(
    nodeCount,
    target,
    Int32Array.from({ length: edgeCount }, (_, e) => e),
  );
  const portY = new Float64Array(edgeCount);
  const list: number[] = [];
  for (let i = 0; i < nodeCount; i += 1) {
    list.length = 0;
    for (let k = incoming.start[i]!; k < incoming.start[i + 1]!; k += 1) {
      list.push(incoming.list[k]!);
    }
    if (list.length > 1) {
      list.sort(
        (a, b) =>
          y[before[a]!]! - y[before[b]!]! || edges[a]!.operandIndex - edges[b]!.operandIndex,
      );
    }
    for (let k = 0; k < list.length; k += 1) {
      portY[list[k]!] = y[i]! + (k - (list.length - 1) / 2) * band.portGap;
    }
  }
  return portY;
}

/**
 * Phase 7: each edge's points through its dummies into its port, where its labels go, and how
 * far right and down the nodes and edges reach.
 */
function routeEdges(
  model: GraphModel,
  layering: Layering,
  { column, labelRun, left }: Columns,
  { width, circle }: NodeSizes,
  y: Float64Array,
  nodeX: Float64Array,
  portY: Float64Array,
  band: EdgeBand,
): {
  readonly edges: LayoutEdge[];
  readonly labels: LabelPlace[];
  readonly right: number;
  readonly bottom: number;
} {
  const { edges } = model;
  const { source, target, layer, itemLayer, dummyStart, dummyCount, half } = layering;
  let right = 0;
  let bottom = 0;
  for (let i = 0; i < model.nodes.length; i += 1) {
    right = Math.max(right, nodeX[i]! + width[i]!);
    bottom = Math.max(bottom, y[i]! + Math.max(half[i]! + SIZE.labelBelow, band.below));
  }
  const layoutEdges: LayoutEdge[] = [];
  const labels: LabelPlace[] = [];
  for (let e = 0; e < edges.length; e += 1) {
    const from = source[e]!;
    const to = target[e]!;
    const points: LayoutPoint[] = [point(nodeX[from]! + width[from]!, y[from]!)];
    for (let k = 0; k < dummyCount[e]!; k += 1) {
      const item = dummyStart[e]! + k;
      const l = itemLayer[item]!;
      extend(points, left[l]!, y[item]!);
      if (column[l]! > 0) {
        extend(points, left[l]! + column[l]!, y[item]!);
      }
      bottom = Math.max(bottom, y[item]! + SIZE.labelBelow);
    }
    const l = layer[to]!;
    const run = left[l]! - labelRun[l]!;
    const py = portY[e]!;
    extend(points, run, py);
    extend(points, portX(nodeX[to]!, y[to]!, width[to]!, circle[to]!, py), py);
    bottom = Math.max(bottom, py + band.below);
    layoutEdges.push({
      from: edges[e]!.from,
      to: edges[e]!.to,
      operandIndex: edges[e]!.operandIndex,
      points,
    });
    labels.push({
      x: round(run + labelRun[l]! / 2),
      valueY: round(py - SIZE.valueRise),
      gradY: round(py + SIZE.gradDrop),
    });
  }
  return { edges: layoutEdges, labels, right, bottom };
}

/** Phase 8: the output's own wire, when nothing drawn consumes it (long enough for its value). */
function outputWire(
  model: GraphModel,
  width: Float64Array,
  y: Float64Array,
  nodeX: Float64Array,
): { readonly place: NonNullable<PlacedGraph['outputWire']>; readonly reach: number } | undefined {
  const output = model.index[model.result.output.id]!;
  if (output < 0 || model.edges.some((edge) => edge.to === model.result.output.id)) {
    return undefined;
  }
  const node = model.nodes[output]!;
  const text = formatNumber(node.view.value, { precision: model.precision });
  const room = numberSlotWidth(text, model.precision, FONT.label);
  const x1 = nodeX[output]! + width[output]!;
  const x2 = x1 + Math.max(SIZE.outputWire, room + SIZE.labelPad + SIZE.arrow);
  return { place: { x1: round(x1), x2: round(x2), y: round(y[output]!) }, reach: x2 };
}

/** Room around a group's contents: its label goes in the top band. */
const GROUP_PAD = { side: 8, top: 30, bottom: 8 };

/**
 * Phase after the nodes: each expanded group's box around its nodes and subgroups' boxes
 * (children first, so a parent contains them). The layout is not group-aware: a box can
 * cover a node of another group that the sweeps placed between its members.
 */
export function groupBoxes(model: GraphModel, nodes: readonly LayoutNode[]): LayoutGroup[] {
  const groups = model.groups;
  const boxes = new Map<number, LayoutGroup>();
  for (let g = groups.length - 1; g >= 0; g -= 1) {
    const group = groups[g]!;
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const at of group.members) {
      const node = nodes[at]!;
      left = Math.min(left, node.x);
      top = Math.min(top, node.y);
      right = Math.max(right, node.x + node.width);
      bottom = Math.max(bottom, node.y + node.height);
    }
    for (const child of groups) {
      const box = child.parent === group.id ? boxes.get(child.id) : undefined;
      if (box !== undefined) {
        left = Math.min(left, box.x);
        top = Math.min(top, box.y);
        right = Math.max(right, box.x + box.width);
        bottom = Math.max(bottom, box.y + box.height);
      }
    }
    const x = Math.max(0, left - GROUP_PAD.side);
    const y = Math.max(0, top - GROUP_PAD.top);
    const labelWidth = textWidth(group.text, FONT.caption) + 2 * GROUP_PAD.side;
    boxes.set(group.id, {
      id: group.id,
      x: round(x),
      y: round(y),
      width: round(Math.max(right + GROUP_PAD.side - x, labelWidth)),
      height: round(bottom + GROUP_PAD.bottom - y),
    });
  }
  return groups.map((group) => boxes.get(group.id)!);
}

/** Each visible node's box left to right: an op box grows down with its operands' ports. */
function nodeSizes(model: GraphModel, band: EdgeBand): NodeSizes {
  return nodeBoxes(model, (node) => ({
    width: Math.ceil(Math.max(SIZE.circle, textWidth(node.text, FONT.symbol) + 20)),
    height: Math.max(SIZE.circle, (node.inDegree - 1) * band.portGap + 16),
  }));
}

/**
 * Each visible node's box, in both directions: short op symbols with at most two operands are
 * circles, inputs and constants boxes as wide as their text; `opBox` sizes the other ops.
 */
export function nodeBoxes(
  model: GraphModel,
  opBox: (node: ModelNode) => { readonly width: number; readonly height: number },
): NodeSizes {
  const nodes = model.nodes;
  const nodeCount = nodes.length;
  const width = new Float64Array(nodeCount);
  const height = new Float64Array(nodeCount);
  const circle: boolean[] = [];
  for (let i = 0; i < nodeCount; i += 1) {
    const node = nodes[i]!;
    const round = node.kind === 'op' && [...node.text].length <= 2 && node.inDegree <= 2;
    circle.push(round);
    if (round) {
      width[i] = SIZE.circle;
      height[i] = SIZE.circle;
    } else if (node.kind === 'op') {
      const box = opBox(node);
      width[i] = box.width;
      height[i] = box.height;
    } else if (node.kind === 'input') {
      width[i] = Math.ceil(Math.max(36, textWidth(node.text, FONT.symbol) + 20));
      height[i] = 30;
    } else {
      width[i] = Math.ceil(Math.max(32, textWidth(node.text, FONT.constant) + 16));
      height[i] = 26;
    }
  }
  return { width, height, circle };
}

/** How many dummy points each edge gets: one per layer it passes, while the budget lasts. */
function allotDummies(
  layer: Int32Array,
  layerCount: number,
  source: Int32Array,
  target: Int32Array,
  budget: number,
): Int32Array {
  const edgeCount = source.length;
  const dummyCount = new Int32Array(edgeCount);
  let extra = 0;
  for (let e = 0; e < edgeCount; e += 1) {
    extra += dummiesNeeded(layer, source, target, e);
  }
  if (extra <= budget) {
    for (let e = 0; e < edgeCount; e += 1) {
      dummyCount[e] = dummiesNeeded(layer, source, target, e);
    }
  } else {
    // The shortest edges first: count the edges by the dummies they need, find the most
    // that every edge needing no more can have, then give the next ones in edge order.
    const perNeed = new Int32Array(layerCount + 1);
    for (let e = 0; e < edgeCount; e += 1) {
      const need = dummiesNeeded(layer, source, target, e);
      perNeed[need] = perNeed[need]! + 1;
    }
    let left = budget;
    let limit = 0;
    while (limit + 1 < layerCount && left >= perNeed[limit + 1]! * (limit + 1)) {
      left -= perNeed[limit + 1]! * (limit + 1);
      limit += 1;
    }
    for (let e = 0; e < edgeCount; e += 1) {
      const need = dummiesNeeded(layer, source, target, e);
      if (need <= limit) {
        dummyCount[e] = need;
      } else if (need === limit + 1 && left >= need) {
        dummyCount[e] = need;
        left -= need;
      }
    }
  }
  return dummyCount;
}

/**
 * The layers an edge passes between its ends. None for an edge that does not go right: a
 * collapsed group that is not convex (a repeated shape with an outside node between two of its
 * members) can make one, drawn as one curve back.
 */
function dummiesNeeded(
  layer: Int32Array,
  source: Int32Array,
  target: Int32Array,
  e: number,
): number {
  return Math.max(0, layer[target[e]!]! - layer[source[e]!]! - 1);
}

/**
 * Heights of all items (nodes, then dummies): stacked in their initial order, then
 * barycenter sweeps that reorder each layer and place it near its neighbours' mean height.
 */
export function placeVertically(
  layerCount: number,
  itemLayer: Int32Array,
  half: Float64Array,
  captioned: Uint8Array,
  key: Float64Array,
  nodeCount: number,
  source: Int32Array,
  target: Int32Array,
  dummyStart: Int32Array,
  dummyCount: Int32Array,
  spread: number,
): Float64Array {
  const itemCount = itemLayer.length;
  const edgeCount = source.length;
  // Segments between consecutive items of each edge's chain, as adjacency lists both ways.
  const segmentCount = edgeCount + (itemCount - nodeCount);
  const segLeft = new Int32Array(segmentCount);
  const segRight = new Int32Array(segmentCount);
  let s = 0;
  for (let e = 0; e < edgeCount; e += 1) {
    let previous = source[e]!;
    for (let k = 0; k < dummyCount[e]!; k += 1) {
      const item = dummyStart[e]! + k;
      segLeft[s] = previous;
      segRight[s] = item;
      s += 1;
      previous = item;
    }
    segLeft[s] = previous;
    segRight[s] = target[e]!;
    s += 1;
  }
  const leftOf = adjacency(itemCount, segRight, segLeft);
  const rightOf = adjacency(itemCount, segLeft, segRight);

  // Layers of items, in the initial order (by node id; a dummy next to its source).
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let item = 0; item < itemCount; item += 1) {
    layers[itemLayer[item]!]!.push(item);
  }
  for (const items of layers) {
    items.sort((a, b) => key[a]! - key[b]! || a - b);
  }

  const y = new Float64Array(itemCount);
  const wish = new Float64Array(itemCount);
  let widest = 0;
  for (const items of layers) {
    widest = Math.max(widest, items.length);
  }
  const placer = new LayerPlacer(widest, half, captioned, nodeCount, spread);
  for (const items of layers) {
    placer.place(items, wish, y);
  }
  const sweep = (down: boolean, useLeft: boolean, useRight: boolean, reorder: boolean): void => {
    for (let n = 0; n < layerCount; n += 1) {
      const items = layers[down ? n : layerCount - 1 - n]!;
      for (const item of items) {
        let sum = 0;
        let count = 0;
        if (useLeft) {
          for (let j = leftOf.start[item]!; j < leftOf.start[item + 1]!; j += 1) {
            sum += y[leftOf.list[j]!]!;
            count += 1;
          }
        }
        if (useRight) {
          for (let j = rightOf.start[item]!; j < rightOf.start[item + 1]!; j += 1) {
            sum += y[rightOf.list[j]!]!;
            count += 1;
          }
        }
        wish[item] = count === 0 ? y[item]! : sum / count;
      }
      if (reorder && !inOrder(items, wish)) {
        items.sort((a, b) => wish[a]! - wish[b]! || y[a]! - y[b]! || a - b);
      }
      placer.place(items, wish, y);
    }
  };
  for (let round = 0; round < SWEEPS; round += 1) {
    sweep(true, true, false, true);
    sweep(false, false, true, true);
  }
  sweep(true, true, true, false);
  sweep(false, true, true, false);

  return y;
}

/**
 * Layers by longest path from the inputs: nodes are in topological order (operands first),
 * so one loop does it. Inputs stay in layer 0.
 */
function assignLayers(model: GraphModel, source: Int32Array, target: Int32Array): Int32Array {
  const nodes = model.nodes;
  const layer = new Int32Array(nodes.length);
  const deepest = new Int32Array(nodes.length).fill(-1);
  // Edges are grouped by consumer in model order, so each consumer's operands are final here.
  for (let e = 0; e < source.length; e += 1) {
    const operand = source[e]!;
    const consumer = target[e]!;
    if (nodes[operand]!.kind !== 'constant') {
      deepest[consumer] = Math.max(deepest[consumer]!, layer[operand]!);
    }
    // Final once the consumer's last operand is seen; later edges only read the layers of
    // nodes with smaller positions, which are final already.
    layer[consumer] = Math.max(1, deepest[consumer]! + 1);
  }
  // Then, consumers first, each op moves right next to its first consumer (a subexpression
  // beside the op that uses it, not stranded far left); constants go there too. Edges are
  // grouped by consumer, so walking them backwards meets every consumer's uses before its
  // own operands.
  const firstUse = new Int32Array(nodes.length).fill(-1);
  const settled = new Uint8Array(nodes.length);
  for (let e = source.length - 1; e >= 0; e -= 1) {
    const consumer = target[e]!;
    if (settled[consumer] === 0) {
      settled[consumer] = 1;
      if (firstUse[consumer]! > layer[consumer]! + 1) {
        layer[consumer] = firstUse[consumer]! - 1;
      }
    }
    const operand = source[e]!;
    const at = layer[consumer]!;
    if (firstUse[operand] === -1 || at < firstUse[operand]!) {
      firstUse[operand] = at;
    }
  }
  for (let i = 0; i < nodes.length; i += 1) {
    if (nodes[i]!.kind === 'constant') {
      layer[i] = firstUse[i] === -1 ? 0 : firstUse[i]! - 1;
    }
  }
  return layer;
}

/** True when the items already stand in the order of their wishes (no sort needed). */
function inOrder(items: readonly number[], wish: Float64Array): boolean {
  for (let k = 1; k < items.length; k += 1) {
    if (wish[items[k]!]! < wish[items[k - 1]!]!) {
      return false;
    }
  }
  return true;
}

/** Compressed adjacency: for each of `count` items, the `values` of the pairs keyed by it. */
function adjacency(
  count: number,
  keys: Int32Array,
  values: Int32Array,
): { readonly start: Int32Array; readonly list: Int32Array } {
  const start = new Int32Array(count + 1);
  for (let k = 0; k < keys.length; k += 1) {
    start[keys[k]! + 1] = start[keys[k]! + 1]! + 1;
  }
  for (let i = 0; i < count; i += 1) {
    start[i + 1] = start[i + 1]! + start[i]!;
  }
  const fill = start.slice(0, count);
  const list = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k += 1) {
    const at = fill[keys[k]!]!;
    list[at] = values[k]!;
    fill[keys[k]!] = at + 1;
  }
  return { start, list };
}

/**
 * Places one layer's items, in their order, as near their wished heights as the spacing
 * allows: with offsets o (cumulative minimum gaps), y − o must not decrease, and the least
 * squares fit of a non-decreasing sequence is pool-adjacent-violators.
 */
class LayerPlacer {
  private readonly offset: Float64Array;
  private readonly sum: Float64Array;
  private readonly weight: Float64Array;
  private readonly first: Int32Array;

  constructor(
    size: number,
    private readonly half: Float64Array,
    private readonly captioned: Uint8Array,
    private readonly nodeCount: number,
    private readonly spread: number,
  ) {
    this.offset = new Float64Array(size);
    this.sum = new Float64Array(size);
    this.weight = new Float64Array(size);
    this.first = new Int32Array(size);
  }

  place(items: readonly number[], wish: Float64Array, y: Float64Array): void {
    const { offset, sum, weight, first } = this;
    let blocks = 0;
    for (let k = 0; k < items.length; k += 1) {
      const item = items[k]!;
      offset[k] = k === 0 ? 0 : offset[k - 1]! + this.gap(items[k - 1]!, item);
      sum[blocks] = wish[item]! - offset[k]!;
      weight[blocks] = 1;
      first[blocks] = k;
      blocks += 1;
      while (
        blocks > 1 &&
        sum[blocks - 2]! / weight[blocks - 2]! >= sum[blocks - 1]! / weight[blocks - 1]!
      ) {
        sum[blocks - 2] = sum[blocks - 2]! + sum[blocks - 1]!;
        weight[blocks - 2] = weight[blocks - 2]! + weight[blocks - 1]!;
        blocks -= 1;
      }
    }
    for (let b = 0; b < blocks; b += 1) {
      const level = sum[b]! / weight[b]!;
      const end = b + 1 < blocks ? first[b + 1]! : items.length;
      for (let k = first[b]!; k < end; k += 1) {
        y[items[k]!] = level + offset[k]!;
      }
    }
  }

  /** Centre-to-centre distance of two neighbours, `upper` above `lower`. */
  private gap(upper: number, lower: number): number {
    const real = (upper < this.nodeCount ? 1 : 0) + (lower < this.nodeCount ? 1 : 0);
    const between = real === 2 ? SIZE.nodeGap : real === 1 ? SIZE.laneGap + 4 : SIZE.laneGap;
    const caption = this.captioned[lower] === 1 ? SIZE.caption - 6 : 0;
    const spread = real > 0 ? this.spread : 0;
    return this.half[upper]! + this.half[lower]! + between + caption + spread;
  }
}

/** The room of an edge's value and gradient: their number slots, not their digits. */
export function labelWidth(edge: ModelEdge, precision: number): number {
  const value = numberSlotWidth(edge.valueText, precision, FONT.label);
  return edge.gradText === undefined
    ? value
    : Math.max(value, numberSlotWidth(edge.gradText, precision, FONT.label));
}

/** Where a wire at height `py` meets the consumer's left side. */
export function portX(x: number, cy: number, width: number, round: boolean, py: number): number {
  if (!round) {
    return x;
  }
  const r = width / 2;
  const dy = Math.min(Math.abs(py - cy), r - 1);
  return x + r - Math.sqrt(r * r - dy * dy);
}

/** Appends a point; a point level with the last two replaces the last (one straight run). */
export function extend(points: LayoutPoint[], x: number, y: number): void {
  const next = point(x, y);
  const n = points.length;
  if (n >= 2 && points[n - 1]!.y === next.y && points[n - 2]!.y === next.y) {
    points[n - 1] = next;
  } else {
    points.push(next);
  }
}

export function point(x: number, y: number): LayoutPoint {
  return { x: round(x), y: round(y) };
}

/** Coordinates are whole user units: shorter SVG, and the same string on every machine. */
export function round(value: number): number {
  return Math.round(value) + 0;
}
