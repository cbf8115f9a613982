/**
 * The hover over a name in code with arrays, as Markdown: the tensor's shape, its value and its
 * gradient as small tables (6 × 6 at most, `…` beyond), ‖∂L/∂x‖ and max |∂L/∂x|, and the VJP
 * step(s) that produced the gradient with their shapes (`∂L/∂W = Xᵀ · ∂L/∂Y`,
 * `(3, 5) = (3, 4) · (4, 5)`). A one-element tensor is shown as its number. Values that stand
 * in for random ones are called sample values; an input the output does not use says so, and
 * no view writes a gradient of 0 for it. Pure: the extension wraps the text in a MarkdownString.
 */
import { formatNumber } from '../engine/format';
import { partialSymbol } from '../engine/stepText';
import { shapeText, sizeOf } from '../engine/tensor/shape';
import type { Tensor } from '../engine/tensor/tensor';
import type {
  TensorInspectionResult,
  TensorNodeView,
  TensorStep,
} from '../engine/tensor/tensorResult';
import type { Reference } from '../language/frontEnd';
import { hoverPage, type HoverOptions } from './hoverContent';
import type { ViewOptions } from './inspection';
import { markdownText } from './markdownText';
import { saidAlready, sampleInputs, type TensorDocumentInspection } from './tensorInspection';
import { tensorMarkdown, tensorSummary } from './tensorText';

export function tensorHoverMarkdown(
  inspection: TensorDocumentInspection,
  reference: Reference,
  options: HoverOptions,
): string | undefined {
  const { result } = inspection;
  const node = result.nodes[reference.node];
  if (node === undefined) {
    return undefined;
  }
  const said = inspection.program.notes ?? [];
  const samples = sampleInputs(result, inspection.program.bindings);
  const blocks =
    node.id === result.output.id
      ? outputBlocks(result, samples, options)
      : nodeBlocks(result, node, { samples, said }, options);
  return hoverPage(blocks, inspection.stale, said, node.id, options);
}

/**
 * `∂loss/∂W`; a label already in parentheses, as the engine writes an expression (`(X @ W)`),
 * is not wrapped twice.
 */
export function tensorPartial(f: string, name: string): string {
  return partialSymbol(f, balancedParentheses(name) ? name.slice(1, -1) : name);
}

/** `(a) + (b)` starts and ends with a parenthesis but is not one parenthesised whole. */
function balancedParentheses(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) {
    return false;
  }
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
    if (depth === 0 && i < text.length - 1) {
      return false;
    }
  }
  return depth === 0;
}

/** `‖∂loss/∂W‖ = 0.52`, `max |∂loss/∂W| = 0.31`: the two numbers that say how large a gradient is. */
export function gradientSize(
  partial: string,
  grad: Float64Array,
  options: ViewOptions,
): { readonly norm: string; readonly maxAbs: string } {
  const summary = tensorSummary(grad);
  return {
    norm: `‖${partial}‖ = ${number(summary.norm, options)}`,
    maxAbs: `max |${partial}| = ${number(summary.maxAbs, options)}`,
  };
}

function outputBlocks(
  result: TensorInspectionResult,
  samples: ReadonlySet<string>,
  options: ViewOptions,
): string[] {
  const f = result.output.name;
  // A one-element gradient is its number; a larger one is said by its norm.
  const sizes = result.inputs.map((input) => {
    const partial = tensorPartial(f, input.name);
    return sizeOf(input.shape) === 1
      ? `${partial} = ${number(input.grad[0] ?? NaN, options)}`
      : gradientSize(partial, input.grad, options).norm;
  });
  return [
    `**${markdownText(`${f} = ${number(result.value, options)}`)}**`,
    ...(sizes.length === 0
      ? [markdownText(`${f} depends on no input`)]
      : [markdownText(sizes.join(' · '))]),
    ...sampleBlock(result.inputs.map((input) => input.name).filter((name) => samples.has(name))),
    ...unusedBlock(result),
    ...nonFiniteBlock(result),
  ];
}

/** What the whole hover knows: the sample inputs, and the notes it says anyway. */
interface HoverContext {
  readonly samples: ReadonlySet<string>;
  readonly said: readonly string[];
}

function nodeBlocks(
  result: TensorInspectionResult,
  node: TensorNodeView,
  context: HoverContext,
  options: ViewOptions,
): string[] {
  const name = nameOf(result, node);
  const value = { shape: node.shape, data: node.value };
  const sample = node.sample === true || context.samples.has(name) ? sampleBlock([name]) : [];
  if (node.grad === undefined) {
    return [
      ...noGradientBlocks(result, node, name),
      ...sample,
      ...valueBlock(name, value, options),
      ...notesBlock(node, context.said),
    ];
  }
  const partial = tensorPartial(result.output.name, name);
  const grad = { shape: node.shape, data: node.grad };
  return [
    ...gradientHeading(partial, grad, options),
    ...sample,
    ...valueBlock(name, value, options),
    ...(sizeOf(node.shape) === 1
      ? []
      : [`*Gradient* ${markdownText(partial)}:\n\n${tensorMarkdown(grad, options)}`]),
    ...vjpBlock(result, node),
    ...notesBlock(node, context.said),
  ];
}

/** The key for an input (as the table names it), the name or expression for other nodes. */
function nameOf(result: TensorInspectionResult, node: TensorNodeView): string {
  const input = [...result.inputs, ...result.unused].find((entry) => entry.id === node.id);
  return input?.name ?? node.label;
}

function gradientHeading(partial: string, grad: Tensor, options: ViewOptions): string[] {
  if (sizeOf(grad.shape) === 1) {
    const shape = grad.shape.length === 0 ? '' : ` (shape ${shapeText(grad.shape)})`;
    return [
      `**${markdownText(`${partial} = ${number(grad.data[0] ?? NaN, options)}`)}**${markdownText(shape)}`,
    ];
  }
  const size = gradientSize(partial, grad.data, options);
  return [
    `**${markdownText(partial)}**: shape ${markdownText(shapeText(grad.shape))}`,
    markdownText(`${size.norm}, ${size.maxAbs}`),
  ];
}

function valueBlock(name: string, value: Tensor, options: ViewOptions): string[] {
  if (sizeOf(value.shape) === 1) {
    return [markdownText(`${name} = ${number(value.data[0] ?? NaN, options)}`)];
  }
  return [
    `*Value* ${markdownText(`${name}, shape ${shapeText(value.shape)}`)}:\n\n${tensorMarkdown(value, options)}`,
  ];
}

/**
 * Without a gradient a node says why: an input the output does not use, a value that depends on
 * no input, or an intermediate with no path to the output.
 */
function noGradientBlocks(
  result: TensorInspectionResult,
  node: TensorNodeView,
  name: string,
): string[] {
  const f = result.output.name;
  if (result.unused.some((input) => input.id === node.id) || node.kind === 'input') {
    return [
      `**${markdownText(`${name} is not used by ${f}`)}**`,
      markdownText(`${f} does not depend on it: it has no gradient`),
    ];
  }
  if (reachesOutput(result, node.id)) {
    return [markdownText(`${name} depends on no input: it has no gradient`)];
  }
  return [markdownText(`${name} does not reach ${f}: it has no gradient`)];
}

/** Whether a path leads from the node to the output; operands always precede their users. */
function reachesOutput(result: TensorInspectionResult, id: number): boolean {
  const reaches = new Set([result.output.id]);
  for (let current = result.output.id; current > id; current -= 1) {
    if (!reaches.has(current)) {
      continue;
    }
    for (const operand of result.nodes[current]?.operands ?? []) {
      reaches.add(operand);
    }
  }
  return reaches.has(id);
}

/** A hover stays readable: past this many uses, the rest are counted, not listed. */
const LISTED_USES = 6;

type VjpStep = Extract<TensorStep, { readonly kind: 'vjp' }>;
type ReduceStep = Extract<TensorStep, { readonly kind: 'reduce' }>;

/** Each contribution to the node's gradient: its VJP rule with the shapes, and broadcasting undone. */
function vjpBlock(result: TensorInspectionResult, node: TensorNodeView): string[] {
  const contributions = gradientSteps(result.steps, node.id);
  if (contributions.length === 0) {
    return [];
  }
  const listed = contributions.slice(0, LISTED_USES);
  const lines = [
    `*Gradient step* (vector-Jacobian product, ${markdownText(`L = ${result.output.name}`)}):`,
  ];
  for (const { vjp, reduce } of listed) {
    lines.push(markdownText(`${vjp.rule}    ${vjp.shapes}`));
    if (reduce !== undefined) {
      lines.push(markdownText(`broadcasting undone: ${reduce.rule}`));
    }
  }
  if (contributions.length > listed.length) {
    lines.push(markdownText(`… and ${contributions.length - listed.length} more uses`));
  }
  if (contributions.length > 1) {
    lines.push(markdownText(`used ${contributions.length} times: the gradients add`));
  }
  return [lines.join('  \n')];
}

/** The VJP steps whose result is ∂L/∂node, each with the reduce step that follows it, if any. */
export function gradientSteps(
  steps: readonly TensorStep[],
  node: number,
): { readonly vjp: VjpStep; readonly reduce?: ReduceStep }[] {
  const found: { vjp: VjpStep; reduce?: ReduceStep }[] = [];
  steps.forEach((step, i) => {
    if (step.kind !== 'vjp' || step.to !== node) {
      return;
    }
    const next = steps[i + 1];
    const reduce =
      next?.kind === 'reduce' && next.from === step.from && next.to === node ? next : undefined;
    found.push(reduce === undefined ? { vjp: step } : { vjp: step, reduce });
  });
  return found;
}

function sampleBlock(names: readonly string[]): string[] {
  if (names.length === 0) {
    return [];
  }
  const which = names.length === 1 ? `${names[0]} holds` : `${names.join(', ')} hold`;
  return [
    `*Sample values:* ${markdownText(`${which} reproducible sample values standing in for the random values the code draws`)}`,
  ];
}

function unusedBlock(result: TensorInspectionResult): string[] {
  if (result.unused.length === 0) {
    return [];
  }
  const listed = result.unused.map((input) => `${input.name} ${shapeText(input.shape)}`).join(', ');
  return [`*Not used by ${markdownText(result.output.name)}:* ${markdownText(listed)}`];
}

/** The node's note, unless the program's notes say it already (`W: …` after `…`). */
function notesBlock(node: TensorNodeView, said: readonly string[]): string[] {
  const note = node.note;
  if (note === undefined || saidAlready(said, note)) {
    return [];
  }
  return [`*Note:* ${markdownText(note)}`];
}

function nonFiniteBlock(result: TensorInspectionResult): string[] {
  return result.firstNonFinite === undefined
    ? []
    : [`*Note:* ${markdownText(result.firstNonFinite.message)}`];
}

function number(value: number, options: ViewOptions): string {
  return formatNumber(value, { precision: options.precision });
}
