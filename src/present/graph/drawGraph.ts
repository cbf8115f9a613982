/**
 * The annotated computational graph as one SVG string, shared by the CLI (`--svg`) and the
 * webview panel: every edge carries the forward value of its source above it and the
 * gradient that flowed back along it below it, as the backpropagation lecture draws it.
 *
 * Markup contract (the webview selects on it): the root `svg.gl-graph`; each node a
 * `g.gl-node.gl-node--{input|op|constant}[.gl-node--output]` with `data-node`, `tabindex`,
 * `role="button"` and an `aria-label`; each edge a `g.gl-edge` with
 * `data-edge="from-to-operandIndex"`, `data-from`, `data-to` (from = consumer, to = operand,
 * as in a backward step) holding its `path`, `text.gl-value` and `text.gl-grad`; each expanded
 * group (loop, iteration, inlined call) a `g.gl-cluster.gl-cluster--{kind}` with `data-group`
 * holding its `rect.gl-cluster-box` and a focusable `text.gl-cluster-label` (`▾ label`, click to
 * collapse); a collapsed group a node `g.gl-node.gl-node--group` with `data-group` too (click
 * to expand). Every text from the document is escaped; the same input gives the same string.
 */
import { formatNumber } from '../../engine/format';
import type { InspectionResult } from '../../engine/result';
import { gradientPhrase } from '../gradientStatus';
import { htmlText } from '../htmlText';
import {
  placeModel,
  round,
  type GraphLayout,
  type LabelPlace,
  type LayoutDirection,
  type LayoutPoint,
  type PlacedGraph,
} from './layout';
import { groupLabelTexts } from './groupLabels';
import { placeModelDown } from './layoutDown';
import { FONT, SIZE } from './metrics';
import { buildModel, type GraphModel, type ModelNode } from './model';
import { graphStyles, type GraphColors } from './styles';

export type { GraphLayout, LayoutDirection } from './layout';
export { graphStyles, type GraphColors } from './styles';

export interface DrawOptions {
  /** Significant digits of values and gradients. */
  readonly precision: number;
  /** 'theme': the VS Code theme's CSS variables (webview); 'light'/'dark': fixed palettes. */
  readonly colors: GraphColors;
  /** Constants folded into their consumer's symbol (`× 2`) instead of drawn as nodes. */
  readonly hideConstants?: boolean;
  /** Nodes that do not reach the output left out. */
  readonly hideOffPath?: boolean;
  /** Default true; false draws forward values only. */
  readonly showGradients?: boolean;
  /** Put on the `<style>` element, for a Content-Security-Policy that allows styles by nonce. */
  readonly nonce?: string;
  /** Groups (ids into result.groups) drawn collapsed, one node each. */
  readonly collapsed?: ReadonlySet<number>;
  /** Default 'right'; 'down' lays a scalar graph out top to bottom (a tall, narrow panel). */
  readonly direction?: LayoutDirection;
}

export interface GraphDrawing {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly layout: GraphLayout;
}

export function drawGraph(result: InspectionResult, options: DrawOptions): GraphDrawing {
  const showGradients = options.showGradients !== false;
  const model = buildModel(result, {
    precision: options.precision,
    showGradients,
    ...(options.hideConstants === undefined ? {} : { hideConstants: options.hideConstants }),
    ...(options.hideOffPath === undefined ? {} : { hideOffPath: options.hideOffPath }),
    ...(options.collapsed === undefined ? {} : { collapsed: options.collapsed }),
  });
  return drawModel(model, options);
}

/**
 * What a graph of another kind of result adds to the drawing of its model (the tensor graph:
 * heat maps on its edges, shapes in its nodes' descriptions).
 */
export interface Decorations {
  /** Put inside `<defs>`. */
  readonly defs: string;
  /** Appended to the stylesheet. */
  readonly styles: string;
  /** Markup added inside the edge's group, by the edge's position in the model. */
  readonly edge: (edge: number, place: LabelPlace) => string;
  /** The node's screen-reader label and the first line of its tooltip. */
  readonly describe: (node: ModelNode) => string;
}

export function drawModel(
  model: GraphModel,
  options: DrawOptions,
  decorations?: Decorations,
): GraphDrawing {
  const showGradients = model.showGradients;
  // Labels taller than a line (a tensor graph's heat maps) are laid out left to right only.
  const down = options.direction === 'down' && model.edgeRoom === undefined;
  const placed = down ? placeModelDown(model) : placeModel(model);
  const { width, height } = placed.layout;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="gl-graph${down ? ' gl-graph--down' : ''}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${htmlText(summary(model))}">`,
  );
  const nonce = options.nonce === undefined ? '' : ` nonce="${htmlText(options.nonce)}"`;
  out.push(
    `<style${nonce}>${graphStyles(options.colors, placed.direction)}${decorations?.styles ?? ''}</style>`,
  );
  out.push(
    `<defs><marker id="gl-arrow" viewBox="0 0 ${SIZE.arrow} ${SIZE.arrow}" refX="${SIZE.arrow}" refY="${SIZE.arrow / 2}" markerUnits="userSpaceOnUse" markerWidth="${SIZE.arrow}" markerHeight="${SIZE.arrow}" orient="auto"><path class="gl-arrowhead" d="M0,0L${SIZE.arrow},${SIZE.arrow / 2}L0,${SIZE.arrow}z"/></marker>${decorations?.defs ?? ''}</defs>`,
  );
  if (options.colors !== 'theme') {
    out.push(`<rect class="gl-background" x="0" y="0" width="${width}" height="${height}"/>`);
  }
  out.push(legend(model, showGradients));
  drawGroups(out, model, placed);
  out.push('<g class="gl-edges">');
  drawEdges(out, model, placed, decorations?.edge);
  out.push('</g><g class="gl-nodes">');
  drawNodes(out, model, placed, showGradients, decorations?.describe);
  out.push('</g></svg>');
  return { svg: out.join(''), width, height, layout: placed.layout };
}

function summary(model: GraphModel): string {
  const { result } = model;
  let inputs = 0;
  let ops = 0;
  for (const node of model.nodes) {
    if (node.kind === 'input') {
      inputs += 1;
    } else if (node.kind === 'op') {
      ops += 1;
    }
  }
  const value = formatNumber(result.output.value, { precision: model.precision });
  return `Computational graph of ${result.output.name} = ${value}: ${plural(inputs, 'input')}, ${plural(ops, 'operation')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function legend(model: GraphModel, showGradients: boolean): string {
  const y = SIZE.margin + FONT.legend;
  const value = `<text class="gl-legend-value" x="${SIZE.margin}" y="${y}">forward value</text>`;
  if (!showGradients) {
    return `<g class="gl-legend">${value}</g>`;
  }
  const gradX = SIZE.margin + 16 * FONT.legend * 0.6;
  const grad = `<text class="gl-legend-grad" x="${gradX}" y="${y}">gradient ${htmlText(`∂${model.result.output.name}/∂·`)}</text>`;
  return `<g class="gl-legend">${value}${grad}</g>`;
}

/** Expanded groups as labelled boxes, behind the edges and nodes. */
function drawGroups(out: string[], model: GraphModel, placed: PlacedGraph): void {
  if (model.groups.length === 0) {
    return;
  }
  out.push('<g class="gl-clusters">');
  const texts = groupLabelTexts(model, placed);
  for (let g = 0; g < model.groups.length; g += 1) {
    const group = model.groups[g]!;
    const box = placed.layout.groups[g]!;
    const label = htmlText(group.label);
    const text = htmlText(texts[g]!.text);
    out.push(
      `<g class="gl-cluster gl-cluster--${group.kind}" data-group="${group.id}">`,
      `<rect class="gl-cluster-box" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6"/>`,
      `<text class="gl-cluster-label" x="${texts[g]!.x}" y="${box.y + FONT.caption + 3}" tabindex="0" role="button" aria-expanded="true" aria-label="Collapse ${label}">${text}</text>`,
      '</g>',
    );
  }
  out.push('</g>');
}

function drawEdges(
  out: string[],
  model: GraphModel,
  placed: PlacedGraph,
  decorate: Decorations['edge'] | undefined,
): void {
  const { edges } = model;
  for (let e = 0; e < edges.length; e += 1) {
    const edge = edges[e]!;
    const points = placed.layout.edges[e]!.points;
    const label = placed.labels[e]!;
    const step = edge.step === undefined ? '' : ` data-step="${edge.step}"`;
    const offPath = edge.onPath ? '' : ' data-off-path=""';
    out.push(
      `<g class="gl-edge" data-edge="${edge.from}-${edge.to}-${edge.operandIndex}" data-from="${edge.from}" data-to="${edge.to}"${step}${offPath}>`,
      `<path class="gl-wire" d="${pathData(points, placed.direction)}"/>`,
      `<text class="gl-value" x="${label.x}" y="${label.valueY}">${htmlText(edge.valueText)}</text>`,
    );
    if (edge.gradText !== undefined) {
      out.push(
        `<text class="gl-grad" x="${label.gradX ?? label.x}" y="${label.gradY}">${htmlText(edge.gradText)}</text>`,
      );
    }
    if (decorate !== undefined) {
      out.push(decorate(e, label));
    }
    out.push('</g>');
  }
}

/**
 * Level runs as `h`, every other step as a cubic with horizontal tangents at both ends, in
 * relative coordinates (short numbers: big graphs have long paths); top to bottom, upright
 * runs as `v` and vertical tangents.
 */
function pathData(points: readonly LayoutPoint[], direction: LayoutDirection): string {
  const first = points[0]!;
  let d = `M${first.x},${first.y}`;
  for (let k = 1; k < points.length; k += 1) {
    const p = points[k - 1]!;
    const q = points[k]!;
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    if (direction === 'down') {
      const mid = round(dy / 2);
      d += dx === 0 ? `v${dy}` : `c0,${mid} ${dx},${mid} ${dx},${dy}`;
    } else if (dy === 0) {
      d += `h${dx}`;
    } else {
      const mid = round(dx / 2);
      d += `c${mid},0 ${mid},${dy} ${dx},${dy}`;
    }
  }
  return d;
}

function drawNodes(
  out: string[],
  model: GraphModel,
  placed: PlacedGraph,
  showGradients: boolean,
  describe: Decorations['describe'] | undefined,
): void {
  const format = { precision: model.precision };
  const f = model.result.output.name;
  const nonFinite = model.result.firstNonFinite?.node;
  for (let i = 0; i < model.nodes.length; i += 1) {
    const node = model.nodes[i]!;
    const box = placed.layout.nodes[i]!;
    const cx = round(box.x + box.width / 2);
    const cy = round(box.y + box.height / 2);
    const described = describe?.(node) ?? ariaLabel(node, f, format, showGradients);
    const label = htmlText(described);
    const grouped = node.collapsed === undefined ? '' : ' gl-node--group';
    const classes = `gl-node gl-node--${node.kind}${grouped}${node.output ? ' gl-node--output' : ''}`;
    const offPath = node.onPath ? '' : ' data-off-path=""';
    const group =
      node.collapsed === undefined
        ? ''
        : ` data-group="${node.collapsed.id}" aria-expanded="false"`;
    out.push(
      `<g class="${classes}" data-node="${node.id}"${group} tabindex="0" role="button" aria-label="${label}"${offPath}>`,
      `<title>${htmlText(titleOf(node, described))}</title>`,
    );
    const shapeClass = node.id === nonFinite ? 'gl-shape gl-shape--nonfinite' : 'gl-shape';
    if (placed.circle[i] === true) {
      out.push(`<circle class="${shapeClass}" cx="${cx}" cy="${cy}" r="${box.width / 2}"/>`);
    } else {
      const radius = node.kind === 'op' ? 10 : 6;
      out.push(
        `<rect class="${shapeClass}" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="${radius}"/>`,
      );
    }
    const size =
      node.collapsed !== undefined
        ? FONT.caption
        : node.kind === 'constant'
          ? FONT.constant
          : FONT.symbol;
    out.push(
      `<text class="gl-symbol" x="${cx}" y="${round(cy + size * 0.35)}">${htmlText(node.text)}</text>`,
    );
    if (node.caption !== undefined) {
      // Top to bottom the wires come in from above: the name goes on the right.
      const [x, y] =
        placed.direction === 'down'
          ? [box.x + box.width + 6, round(cy + 4)]
          : [cx, round(box.y - 6)];
      out.push(`<text class="gl-name" x="${x}" y="${y}">${htmlText(node.caption)}</text>`);
    }
    if (node.output && placed.outputDrop !== undefined) {
      drawOutputDrop(out, placed.outputDrop, formatNumber(node.view.value, format), showGradients);
    }
    if (node.output && placed.outputWire !== undefined) {
      const wire = placed.outputWire;
      const x = round((wire.x1 + wire.x2 - SIZE.arrow) / 2);
      out.push(
        `<path class="gl-wire" d="M${wire.x1},${wire.y}L${wire.x2},${wire.y}"/>`,
        `<text class="gl-value" x="${x}" y="${round(wire.y - SIZE.valueRise)}">${htmlText(formatNumber(node.view.value, format))}</text>`,
      );
      if (showGradients) {
        out.push(`<text class="gl-grad" x="${x}" y="${round(wire.y + SIZE.gradDrop)}">1</text>`);
      }
    }
    out.push('</g>');
  }
}

/** Top to bottom, the output's wire downwards, its value left and its gradient (1) right. */
function drawOutputDrop(
  out: string[],
  wire: NonNullable<PlacedGraph['outputDrop']>,
  value: string,
  showGradients: boolean,
): void {
  const y = round((wire.y1 + wire.y2 - SIZE.arrow) / 2 + FONT.label * 0.35);
  out.push(
    `<path class="gl-wire" d="M${wire.x},${wire.y1}L${wire.x},${wire.y2}"/>`,
    `<text class="gl-value" x="${wire.x - 4}" y="${y}">${htmlText(value)}</text>`,
  );
  if (showGradients) {
    out.push(`<text class="gl-grad" x="${wire.x + 4}" y="${y}">1</text>`);
  }
}

/** `x = −2, ∂f/∂x = −4`: what a screen reader says and the tooltip's first line. */
function ariaLabel(
  node: ModelNode,
  f: string,
  format: { precision: number },
  showGradients: boolean,
): string {
  const value = `${node.name} = ${formatNumber(node.view.value, format)}`;
  if (!showGradients) {
    return value;
  }
  return `${value}, ${gradientPhrase(node.status, f, node.name, format)}`;
}

function titleOf(node: ModelNode, described: string): string {
  const lines = [described];
  if (node.collapsed !== undefined) {
    lines.unshift(
      `${node.text} (${node.collapsed.members} node${node.collapsed.members === 1 ? '' : 's'}; the value is its last node's): click to expand`,
    );
  }
  if (node.view.kink !== undefined) {
    lines.push(node.view.kink);
  }
  if (node.view.note !== undefined) {
    lines.push(node.view.note);
  }
  return lines.join('\n');
}
