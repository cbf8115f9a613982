/**
 * The host's answers to a tensor node's details: the window of a value or gradient the page
 * shows, and the chain rule of one element (engine/tensor/elementChain.ts), both read from the
 * inspection the host keeps. A request that does not fit the result (another inspection came
 * since, an axis out of range) is answered with why, never with numbers of another element.
 */
import { elementChain } from '../engine/tensor/elementChain';
import { shapeText, stridesOf } from '../engine/tensor/shape';
import type { TensorInspectionResult } from '../engine/tensor/tensorResult';
import type { HostMessage, WebviewMessage } from './protocol';
import {
  MAX_WINDOW_CELLS,
  type ElementChainRequest,
  type TensorWindow,
  type TensorWindowRequest,
} from './tensorDetailMessages';

type TensorRequest = Extract<WebviewMessage, { readonly type: 'tensorWindow' | 'elementChain' }>;

/** The answer to a request of a tensor node's details, from the inspection the host keeps. */
export function tensorDetailsReply(
  result: TensorInspectionResult | undefined,
  message: TensorRequest,
): HostMessage {
  if (result === undefined) {
    return {
      type: 'tensorRequestFailed',
      request: message.request,
      message: 'the inspection shown is no longer kept: inspect the code again',
    };
  }
  return message.type === 'tensorWindow'
    ? tensorWindowReply(result, message)
    : elementChainReply(result, message);
}

export function tensorWindowReply(
  result: TensorInspectionResult,
  request: TensorWindowRequest,
): HostMessage {
  const window = tensorWindow(result, request);
  return 'problem' in window
    ? { type: 'tensorRequestFailed', request: request.request, message: window.problem }
    : { type: 'tensorWindow', request: request.request, window };
}

export function elementChainReply(
  result: TensorInspectionResult,
  request: ElementChainRequest,
): HostMessage {
  const chain = elementChain(result, request.node, request.index);
  return 'problem' in chain
    ? { type: 'tensorRequestFailed', request: request.request, message: chain.problem }
    : { type: 'elementChain', request: request.request, chain };
}

/**
 * The elements of the window, clipped to the tensor: row r, column c is the element whose
 * index has `rows.start + r` on axes[0], `cols.start + c` on axes[1] and `fixed` elsewhere.
 */
export function tensorWindow(
  result: TensorInspectionResult,
  request: TensorWindowRequest,
): TensorWindow | { readonly problem: string } {
  const node = result.nodes[request.node];
  if (node === undefined) {
    return { problem: `there is no node #${request.node}` };
  }
  const data = request.field === 'value' ? node.value : node.grad;
  if (data === undefined) {
    return { problem: `${node.label} has no gradient` };
  }
  const shape = node.shape;
  const problem = axesProblem(shape, request);
  if (problem !== undefined) {
    return { problem: `${node.label} ${shapeText(shape)}: ${problem}` };
  }
  const [rowAxis, colAxis] = request.axes;
  const rows = clip(request.rows, rowAxis === undefined ? 1 : shape[rowAxis]!);
  const cols = clip(request.cols, colAxis === undefined ? 1 : shape[colAxis]!);
  if (rows.count * cols.count > MAX_WINDOW_CELLS) {
    return { problem: `a window of ${rows.count} × ${cols.count} cells is too big` };
  }
  const strides = stridesOf(shape);
  let base = 0;
  let k = 0;
  for (let axis = 0; axis < shape.length; axis += 1) {
    if (!request.axes.includes(axis)) {
      base += request.fixed[k]! * strides[axis]!;
      k += 1;
    }
  }
  const rowStride = rowAxis === undefined ? 0 : strides[rowAxis]!;
  const colStride = colAxis === undefined ? 0 : strides[colAxis]!;
  const values = new Array<number>(rows.count * cols.count);
  for (let r = 0; r < rows.count; r += 1) {
    for (let c = 0; c < cols.count; c += 1) {
      const at = base + (rows.start + r) * rowStride + (cols.start + c) * colStride;
      values[r * cols.count + c] = data[at] ?? NaN;
    }
  }
  const { node: id, field, axes, fixed } = request;
  return { node: id, field, axes, fixed, rows, cols, values };
}

/** The shown axes must be distinct axes of the tensor, and every other axis fixed in range. */
function axesProblem(shape: readonly number[], request: TensorWindowRequest): string | undefined {
  const shown = Math.min(shape.length, 2);
  const axes = request.axes;
  if (axes.length !== shown || new Set(axes).size !== axes.length) {
    return `shows ${shown} axes, not [${axes.join(', ')}]`;
  }
  if (axes.some((axis) => axis >= shape.length)) {
    return `has no axis ${Math.max(...axes)}`;
  }
  const others = shape.filter((_, axis) => !axes.includes(axis));
  if (request.fixed.length !== others.length) {
    return `needs an index for each of its ${others.length} other axes`;
  }
  const outside = request.fixed.findIndex((index, k) => index >= others[k]!);
  return outside < 0 ? undefined : `index ${request.fixed[outside]} is out of range`;
}

function clip(span: { readonly start: number; readonly count: number }, length: number) {
  const start = Math.min(span.start, length);
  return { start, count: Math.max(0, Math.min(span.count, length - start)) };
}
