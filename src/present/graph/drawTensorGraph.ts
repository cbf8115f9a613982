/**
 * A tensor result drawn as a graph (the panel's picture of code with arrays): the scalar
 * graph's layout and SVG writer on the tensor adapter's model (tensorModel.ts), decorated with
 * the heat maps of each edge's value (above the wire) and gradient (below), the reductions of
 * broadcast gradients, and node descriptions that give shapes and statistics instead of one
 * number. Same markup contract as drawGraph, plus `g.gl-heat.gl-heat--{value|grad}` (its
 * `rect.gl-heat-cell` in row-major order) and `text.gl-reduce` inside an edge's group.
 */
import { formatNumber } from '../../engine/format';
import { partialSymbol } from '../../engine/stepText';
import { shapeText } from '../../engine/tensor/shape';
import { drawModel, type Decorations, type DrawOptions, type GraphDrawing } from './drawGraph';
import type { LabelPlace } from './layout';
import { heatDefs, heatMapSvg, heatSize, heatStyles } from './heatMap';
import { SIZE } from './metrics';
import type { ModelNode } from './model';
import type { TensorStats } from './tensorGraphInput';
import {
  MARK,
  buildTensorModel,
  type GroupedTensorResult,
  type TensorGraphModel,
} from './tensorModel';
import { htmlText } from '../htmlText';

/**
 * Left to right, heat maps on the edges; top to bottom (`direction: 'down'`), whose edges have
 * one line of room, shapes and reductions only: the heat maps stay in the node details.
 */
export function drawTensorGraph(result: GroupedTensorResult, options: DrawOptions): GraphDrawing {
  const tensor = buildTensorModel(result, {
    precision: options.precision,
    showGradients: options.showGradients !== false,
    heatMaps: options.direction !== 'down',
    ...(options.hideConstants === undefined ? {} : { hideConstants: options.hideConstants }),
    ...(options.hideOffPath === undefined ? {} : { hideOffPath: options.hideOffPath }),
    ...(options.collapsed === undefined ? {} : { collapsed: options.collapsed }),
  });
  return drawModel(tensor.model, options, decorations(tensor, options));
}

function decorations(tensor: TensorGraphModel, options: DrawOptions): Decorations {
  const { precision } = options;
  const f = tensor.result.output.name;
  return {
    defs: heatDefs(),
    styles: heatStyles(options.colors),
    edge: (e, place) => edgeMarks(tensor, e, place, precision),
    describe: (node) => describe(tensor, node, f, precision),
  };
}

function edgeMarks(
  tensor: TensorGraphModel,
  e: number,
  place: LabelPlace,
  precision: number,
): string {
  const mark = tensor.marks[e]!;
  const drawn = tensor.model.nodes[tensor.model.index[mark.operand]!];
  const operand = drawn?.name ?? tensor.result.nodes[mark.operand]?.label ?? '';
  const flattened = flatteningText(tensor.result.nodes[mark.operand]?.value.shape ?? []);
  const out: string[] = [];
  if (mark.valueHeat !== undefined) {
    const size = heatSize(mark.valueHeat);
    const wire = place.valueY + SIZE.valueRise;
    const top = wire - MARK.valueHeatRise - size.height;
    const what = `${operand}${flattened}`;
    out.push(heatMapSvg(mark.valueHeat, place.x - size.width / 2, top, 'value', what, precision));
  }
  // Under a scalar's gradient number, or on the first line under a tensor's wire.
  const reduceY = mark.scalar ? place.gradY + MARK.line : place.gradY;
  if (mark.reduce !== undefined) {
    out.push(
      `<text class="gl-grad gl-reduce" x="${place.x}" y="${reduceY}">${htmlText(mark.reduce)}</text>`,
    );
  }
  if (mark.gradHeat !== undefined) {
    const size = heatSize(mark.gradHeat);
    const wire = place.gradY - SIZE.gradDrop;
    const line = mark.reduce === undefined ? 0 : MARK.line;
    const top = wire + line + MARK.gradHeatDrop;
    const what = `${partialSymbol(tensor.result.output.name, operand)} along this edge${flattened}`;
    out.push(heatMapSvg(mark.gradHeat, place.x - size.width / 2, top, 'grad', what, precision));
  }
  return out.join('');
}

/** How a tensor of rank ≥ 3 is laid out flat: ` (2, 3, 4) as 6 × 4 (every axis but the last as rows)`. */
function flatteningText(shape: readonly number[]): string {
  if (shape.length < 3) {
    return '';
  }
  const cols = shape[shape.length - 1]!;
  const rows = shape.slice(0, -1).reduce((product, length) => product * length, 1);
  return ` ${shapeText(shape)} as ${rows} × ${cols} (every axis but the last as rows)`;
}

/** `W (3, 5): −1 … 2, mean 0.4; ∂L/∂W −0.5 … 0.5, norm 1.2`, or a scalar's numbers. */
function describe(tensor: TensorGraphModel, node: ModelNode, f: string, precision: number): string {
  const view = tensor.result.nodes[node.id]!;
  const format = { precision };
  const number = (value: number) => formatNumber(value, format);
  const about = (summary: TensorStats, what: string): string =>
    summary.shape.length === 0
      ? `${what} = ${number(summary.first[0] ?? NaN)}`
      : `${what} ${shapeText(summary.shape)}: ${number(summary.min)} … ${number(summary.max)}, mean ${number(summary.mean)}, norm ${number(summary.norm)}`;
  const value = about(view.value, node.name);
  const op = view.op === undefined ? '' : ` (${view.op})`;
  const gradient =
    view.grad === undefined
      ? node.status.kind === 'unused'
        ? `not used by ${f}`
        : 'no gradient'
      : about(view.grad, partialSymbol(f, node.name));
  const sample = view.sample === true ? ' (sample values)' : '';
  return `${value}${sample}${op}; ${gradient}`;
}
