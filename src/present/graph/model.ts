/**
 * What the graph drawing shows, before any geometry: the visible nodes with the text drawn in
 * and above them, and the visible edges with the forward value and the gradient they carry.
 * Shared by the layout (which sizes boxes from these texts) and the SVG writer.
 */
import { formatNumber } from '../../engine/format';
import { displayName } from '../../engine/labels';
import type { NodeKind } from '../../engine/ir';
import type { GroupView, InspectionResult, NodeView } from '../../engine/result';
import { gradientStatus, statusContext, type GradientStatus } from '../gradientStatus';

export interface ModelOptions {
  readonly precision?: number;
  readonly hideConstants?: boolean;
  readonly hideOffPath?: boolean;
  readonly showGradients?: boolean;
  /** Groups (ids into result.groups) drawn collapsed: one box in place of all their nodes. */
  readonly collapsed?: ReadonlySet<number>;
}

/** A collapsed group drawn as one node: `▸ for i in range(3) · 3 iterations`. */
export interface CollapsedGroup {
  readonly id: number;
  readonly kind: GroupView['kind'];
  readonly label: string;
  /** How many nodes of the graph it stands for. */
  readonly members: number;
}

export interface ModelNode {
  readonly id: number;
  readonly view: NodeView;
  readonly kind: NodeKind;
  /** Drawn inside the shape: the op symbol (with folded constants), the input name, the number. */
  readonly text: string;
  /** Drawn above the shape: an intermediate's name, or the output's. */
  readonly caption: string | undefined;
  /** The name used in `x = −2, ∂f/∂x = −4`; an unused input's key (`x (line 1)`). */
  readonly name: string;
  readonly output: boolean;
  /**
   * False when the node has no path to the output. A constant on the path is on it, though it
   * has no gradient (see `status`).
   */
  readonly onPath: boolean;
  /** Its gradient, or why it has none. */
  readonly status: GradientStatus;
  /** How many edges come in (visible operands). */
  readonly inDegree: number;
  /**
   * Set when this node stands for a collapsed group: it is the group's last node, and every
   * edge into or out of the group is drawn from or to it.
   */
  readonly collapsed?: CollapsedGroup;
}

/** An expanded group with visible nodes: drawn as a labelled box around them. */
export interface ModelGroup {
  readonly id: number;
  readonly parent?: number;
  readonly kind: GroupView['kind'];
  readonly label: string;
  /** What its box says: `▾ label`, without the parent's label (`▾ i = 2` inside `∑ i = 1…3`). */
  readonly text: string;
  /** Its visible nodes and those of its expanded subgroups, as positions in `nodes`. */
  readonly members: readonly number[];
}

export interface ModelEdge {
  /** The consumer, as in a backward step. */
  readonly from: number;
  /** The operand, as in a backward step. */
  readonly to: number;
  readonly operandIndex: number;
  /** The forward value of the operand, formatted. */
  readonly valueText: string;
  /**
   * The contribution that flowed back along this edge, formatted; undefined when none did: out
   * of a constant, an unused input, or into a node off the output's paths.
   */
  readonly gradText: string | undefined;
  /** The index of the backward step of this edge, when there is one. */
  readonly step: number | undefined;
  readonly onPath: boolean;
}

/**
 * Room an edge's labels take around its wire when they are more than a line of text above and
 * below it (a tensor graph's heat maps); the layout spaces ports and nodes by it.
 */
export interface EdgeRoom {
  /** From the wire up to the top of what is drawn above it. */
  readonly above: number;
  /** From the wire down to the bottom of what is drawn below it. */
  readonly below: number;
  /** The least width of an edge's horizontal run. */
  readonly width: number;
}

export interface GraphModel {
  readonly result: InspectionResult;
  readonly nodes: readonly ModelNode[];
  readonly edges: readonly ModelEdge[];
  /** Position in `nodes` of each node id, −1 when hidden. */
  readonly index: Int32Array;
  /** The expanded groups with visible nodes, parents before their children. */
  readonly groups: readonly ModelGroup[];
  readonly precision: number;
  readonly showGradients: boolean;
  /** Absent: one line of text above and below each wire (SIZE.labelAbove, SIZE.labelBelow). */
  readonly edgeRoom?: EdgeRoom;
}

/** Names and symbols longer than this are cut with an ellipsis (the full text is in the title). */
export const MAX_TEXT_LENGTH = 24;

const INFIX = new Set(['+', '−', '×', '÷', '^', '%', '//']);

export function buildModel(result: InspectionResult, options: ModelOptions = {}): GraphModel {
  const precision = options.precision ?? 6;
  const showGradients = options.showGradients !== false;
  const outputId = result.output.id;
  const count = result.nodes.length;
  // By path, not by gradient: a constant on the path has no gradient but is no less on it.
  const context = statusContext(result);
  const { reaches } = context;
  const visible = new Uint8Array(count);
  for (const node of result.nodes) {
    const isOutput = node.id === outputId;
    const hidden =
      !isOutput &&
      ((options.hideOffPath === true && reaches[node.id] !== 1) ||
        (options.hideConstants === true && node.kind === 'constant'));
    visible[node.id] = hidden ? 0 : 1;
  }
  const folding = foldCollapsed(result, visible, options.collapsed);
  const standIn = folding.standIn;

  // The gradient that flowed along each edge and its step, by consumer and operand position
  // (flat typed arrays: steps arrive from the output backwards, which would make a sparse
  // JavaScript array slow).
  const edgeStart = new Int32Array(count + 1);
  for (let id = 0; id < count; id += 1) {
    edgeStart[id + 1] = edgeStart[id]! + (result.nodes[id]?.operands.length ?? 0);
  }
  const product = new Float64Array(edgeStart[count]!);
  const stepOf = new Int32Array(edgeStart[count]!).fill(-1);
  for (const step of result.steps) {
    if (step.kind === 'edge') {
      const at = edgeStart[step.from]! + step.operandIndex;
      product[at] = step.product;
      stepOf[at] = step.index;
    }
  }
  const text = numberFormatter(precision);

  const index = new Int32Array(count).fill(-1);
  const nodes: ModelNode[] = [];
  const edges: ModelEdge[] = [];
  // A collapsed group's box gets each edge into it once (by box and operand).
  const inDegrees = new Int32Array(count);
  const seen = folding.boxOf.size === 0 ? undefined : new Set<number>();
  for (const view of result.nodes) {
    if (visible[view.id] !== 1) {
      continue;
    }
    const from = standIn[view.id]!;
    for (let i = 0; i < view.operands.length; i += 1) {
      const operand = view.operands[i] ?? 0;
      const to = standIn[operand]!;
      if (visible[operand] !== 1 || to === from) {
        continue;
      }
      if (seen !== undefined) {
        const key = from * count + to;
        if (seen.has(key)) {
          continue;
        }
        seen.add(key);
      }
      inDegrees[from] = inDegrees[from]! + 1;
      const at = edgeStart[view.id]! + i;
      const step = stepOf[at]!;
      const source = result.nodes[operand];
      // A gradient only where a step carried one into a node that has one: never a number (or
      // NaN) on the edge out of a constant, whatever the result says.
      const carried = step >= 0 && source?.grad !== undefined;
      // Every object of one shape (no optional keys): big graphs have thousands.
      edges.push({
        from,
        to,
        operandIndex: i,
        valueText: text(source?.value ?? NaN),
        gradText: showGradients && carried ? text(product[at]!) : undefined,
        step: step >= 0 ? step : undefined,
        onPath: reaches[view.id] === 1,
      });
    }
    if (from !== view.id) {
      continue;
    }
    index[view.id] = nodes.length;
    const isOutput = view.id === outputId;
    const status = gradientStatus(view, context);
    // An unused input is named by its key (`x (line 1)`): no partial is written with it.
    const name = isOutput
      ? result.output.name
      : status.kind === 'unused'
        ? status.key
        : nameOf(view);
    const box = folding.boxOf.get(view.id);
    const shown =
      box === undefined ? clip(nodeText(view, result, visible)) : collapsedText(box, result);
    const caption = captionOf(view, isOutput ? name : undefined);
    nodes.push({
      ...(box === undefined ? {} : { collapsed: box }),
      id: view.id,
      view,
      kind: view.kind,
      text: shown,
      caption: caption === shown ? undefined : caption,
      name,
      output: isOutput,
      onPath: reaches[view.id] === 1,
      status,
      inDegree: inDegrees[view.id]!,
    });
  }
  return {
    result,
    nodes,
    edges,
    index,
    groups: expandedGroups(result, index, standIn, options.collapsed),
    precision,
    showGradients,
  };
}

interface Folding {
  /** Per node id: itself, or the last visible node of the outermost collapsed group it is in. */
  readonly standIn: Int32Array;
  readonly boxOf: Map<number, CollapsedGroup>;
}

/** The outermost collapsed group of each node, and the node that stands for that group. */
function foldCollapsed(
  result: InspectionResult,
  visible: Uint8Array,
  collapsed: ReadonlySet<number> | undefined,
): Folding {
  const count = result.nodes.length;
  const standIn = new Int32Array(count);
  const boxOf = new Map<number, CollapsedGroup>();
  const groups = result.groups ?? [];
  if (collapsed === undefined || collapsed.size === 0 || groups.length === 0) {
    for (let id = 0; id < count; id += 1) {
      standIn[id] = id;
    }
    return { standIn, boxOf };
  }
  // The outermost collapsed group of each group (parents come before their children).
  const outermost = new Int32Array(groups.length).fill(-1);
  for (const group of groups) {
    const above = group.parent === undefined ? -1 : (outermost[group.parent] ?? -1);
    outermost[group.id] = above >= 0 ? above : collapsed.has(group.id) ? group.id : -1;
  }
  const folded = new Int32Array(count).fill(-1);
  const last = new Int32Array(groups.length).fill(-1);
  const members = new Int32Array(groups.length);
  for (const view of result.nodes) {
    const group = view.group === undefined ? -1 : (outermost[view.group] ?? -1);
    folded[view.id] = group;
    if (group >= 0) {
      members[group] = members[group]! + 1;
      if (visible[view.id] === 1) {
        last[group] = view.id;
      }
    }
  }
  for (let id = 0; id < count; id += 1) {
    const group = folded[id]!;
    const stand = group >= 0 ? last[group]! : -1;
    standIn[id] = stand >= 0 ? stand : id;
  }
  for (const group of groups) {
    const stand = last[group.id]!;
    if (outermost[group.id] === group.id && stand >= 0) {
      boxOf.set(stand, {
        id: group.id,
        kind: group.kind,
        label: group.label,
        members: members[group.id]!,
      });
    }
  }
  return { standIn, boxOf };
}

/** `▸ ∑ i = 1…3 · 3 iterations`, `▸ f(x, y)`: what a collapsed group's box says. */
export function collapsedText(box: CollapsedGroup, result: InspectionResult): string {
  const label = clip(box.label, 48);
  if (box.kind !== 'loop') {
    return `▸ ${label}`;
  }
  const iterations = (result.groups ?? []).filter(
    (group) => group.parent === box.id && group.kind === 'iteration',
  ).length;
  return `▸ ${label} · ${iterations} iteration${iterations === 1 ? '' : 's'}`;
}

/** The expanded groups with a visible node, each with its visible nodes and its subgroups'. */
function expandedGroups(
  result: InspectionResult,
  index: Int32Array,
  standIn: Int32Array,
  collapsed: ReadonlySet<number> | undefined,
): ModelGroup[] {
  const groups = result.groups ?? [];
  if (groups.length === 0) {
    return [];
  }
  const members: number[][] = groups.map(() => []);
  for (const view of result.nodes) {
    const at = index[view.id]!;
    if (view.group === undefined || at < 0 || standIn[view.id] !== view.id) {
      continue;
    }
    // A node that stands for a collapsed group belongs to the groups around that group.
    let group: number | undefined = view.group;
    while (group !== undefined && collapsed?.has(group) === true) {
      group = groups[group]?.parent;
    }
    for (let g = group; g !== undefined; g = groups[g]?.parent) {
      if (collapsed?.has(g) !== true) {
        members[g]!.push(at);
      }
    }
  }
  const hidden = (group: GroupView): boolean => {
    for (let g: number | undefined = group.id; g !== undefined; g = groups[g]?.parent) {
      if (collapsed?.has(g) === true) {
        return true;
      }
    }
    return false;
  };
  return groups
    .filter((group) => members[group.id]!.length > 0 && !hidden(group))
    .map((group) => ({
      id: group.id,
      ...(group.parent === undefined ? {} : { parent: group.parent }),
      kind: group.kind,
      label: group.label,
      text: `▾ ${clip(shortLabel(group, groups), 48)}`,
      members: members[group.id]!,
    }));
}

/** An iteration's label without its loop's (`for i in range(3) · i = 1` → `i = 1`). */
function shortLabel(group: GroupView, groups: readonly GroupView[]): string {
  const parent = group.parent === undefined ? undefined : groups[group.parent];
  const prefix = parent === undefined ? undefined : `${parent.label} · `;
  return prefix !== undefined &&
    group.label.startsWith(prefix) &&
    group.label.length > prefix.length
    ? group.label.slice(prefix.length)
    : group.label;
}

function nameOf(view: NodeView): string {
  return view.name === undefined ? view.label : displayName(view.name, view.version);
}

function captionOf(view: NodeView, outputName: string | undefined): string | undefined {
  if (outputName !== undefined) {
    return clip(outputName);
  }
  if (view.kind === 'op' && view.name !== undefined) {
    return clip(displayName(view.name, view.version));
  }
  return undefined;
}

/** The op symbol with hidden constant operands written in: `× 2`, `2 −`, `max(·, 0)`. */
function nodeText(view: NodeView, result: InspectionResult, visible: Uint8Array): string {
  if (view.kind !== 'op') {
    return view.symbol;
  }
  const parts = view.operands.map((operand) =>
    visible[operand] === 1 ? undefined : result.nodes[operand]?.symbol,
  );
  if (parts.every((part) => part === undefined)) {
    return view.symbol;
  }
  if (INFIX.has(view.symbol) && parts.length === 2) {
    const [left, right] = parts;
    return [left, view.symbol, right].filter((part) => part !== undefined).join(' ');
  }
  return `${view.symbol}(${parts.map((part) => part ?? '·').join(', ')})`;
}

/** formatNumber with a memory: values and gradients repeat a lot in big graphs. */
function numberFormatter(precision: number): (value: number) => string {
  const seen = new Map<number, string>();
  const format = { precision };
  return (value) => {
    let text = seen.get(value);
    if (text === undefined) {
      text = formatNumber(value, format);
      seen.set(value, text);
    }
    return text;
  };
}

export function clip(text: string, max: number = MAX_TEXT_LENGTH): string {
  if (text.length <= max) {
    return text;
  }
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
