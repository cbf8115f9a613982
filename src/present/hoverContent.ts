/**
 * The hover over a name inside an inspected range, as Markdown: ∂f/∂name at the point, the
 * chain-rule step(s) that produced it (upstream gradient · local gradient), the symbolic
 * derivative, the numeric check, and a link to the node in the graph panel. An input the output
 * does not use says so, with its value, and a node without a gradient says why: no view writes
 * a gradient of 0 for them. Pure: the extension only wraps the text in a MarkdownString.
 */
import { formatNumber } from '../engine/format';
import type { BackwardStep, InputView, InspectionResult, NodeView } from '../engine/result';
import { describeStep, partialSymbol } from '../engine/stepText';
import type { Reference } from '../language/frontEnd';
import { bindingName, bindingPartial, usedInput } from './bindingName';
import { gradientStatus, statusContext } from './gradientStatus';
import type { ScalarInspection, ViewOptions } from './inspection';
import { markdownText } from './markdownText';
import { assertNever } from '../engine/assertNever';

export interface HoverOptions extends ViewOptions {
  /** The command link that selects a node in the panel; omitted when there is no panel. */
  readonly showNodeCommand?: (node: number) => string;
}

export function hoverMarkdown(
  inspection: ScalarInspection,
  reference: Reference,
  options: HoverOptions,
): string | undefined {
  const { result } = inspection;
  const node = result.nodes[reference.node];
  if (node === undefined) {
    return undefined;
  }
  const blocks =
    reference.role === 'condition'
      ? conditionBlocks(result, node, options)
      : node.id === result.output.id
        ? outputBlocks(result, options)
        : nodeBlocks(result, node, options);
  return hoverPage(blocks, inspection.stale, inspection.program.notes ?? [], node.id, options);
}

/**
 * A hover's blocks in their frame, for scalar code and code with arrays alike: why the values
 * are stale first, then the blocks, the program's notes and the link to the node in the graph.
 */
export function hoverPage(
  blocks: readonly string[],
  stale: string | undefined,
  notes: readonly string[],
  node: number,
  options: HoverOptions,
): string {
  const noted = notes.map((note) => `*Note:* ${markdownText(note)}`);
  const staleBlock = stale === undefined ? [] : [`*Stale:* ${markdownText(stale)}`];
  const link =
    options.showNodeCommand === undefined
      ? []
      : [`[Show in graph](${options.showNodeCommand(node)})`];
  return [...staleBlock, ...blocks, ...noted, ...link].join('\n\n');
}

/**
 * A condition of an `if`/`while`/`switch`: which way it went at this point, and that the
 * gradient does not flow through it (its node's note says both), never "no gradient".
 */
function conditionBlocks(result: InspectionResult, node: NodeView, options: ViewOptions): string[] {
  const said = node.note ?? `the condition is ${node.value === 0 ? 'false' : 'true'} at this point`;
  return [`**Condition:** ${markdownText(said)}`, markdownText(pointText(result, options))];
}

function outputBlocks(result: InspectionResult, options: ViewOptions): string[] {
  const f = result.output.name;
  const lines = result.inputs.map(
    (input) => `${bindingPartial(f, input.name)} = ${number(input.grad, options)}`,
  );
  return [
    `**${markdownText(`${f} = ${number(result.value, options)}`)}**`,
    markdownText(pointText(result, options)),
    ...(lines.length === 0 ? [] : [markdownText(lines.join(' · '))]),
    ...unusedBlock(result, options),
    ...nonFiniteBlock(result),
  ];
}

/** Inputs the output does not use, apart from the gradients: they have none, not even 0. */
function unusedBlock(result: InspectionResult, options: ViewOptions): string[] {
  if (result.unused.length === 0) {
    return [];
  }
  const listed = result.unused
    .map((input) => `${input.name} = ${number(input.value, options)}`)
    .join(', ');
  return [`*Not used by ${markdownText(result.output.name)}:* ${markdownText(listed)}`];
}

function nodeBlocks(result: InspectionResult, node: NodeView, options: ViewOptions): string[] {
  const f = result.output.name;
  const point = markdownText(pointText(result, options));
  if (node.grad === undefined) {
    return [...noGradientBlocks(result, node, options), point, ...notesBlock(node)];
  }
  const input = usedInput(result, node.id);
  const binding = input === undefined ? undefined : bindingName(result, input);
  const partial = binding === undefined ? partialSymbol(f, node.label) : bindingPartial(f, binding);
  const value =
    node.kind === 'input' ? [] : [markdownText(`${node.label} = ${number(node.value, options)}`)];
  return [
    `**${markdownText(`${partial} = ${number(node.grad, options)}`)}**`,
    point,
    ...value,
    ...graphLabelBlock(node, binding),
    ...chainRuleBlock(result, node, options),
    ...symbolicBlock(result, input),
    ...checkBlock(result, input, options),
    ...notesBlock(node),
  ];
}

/**
 * A node without a gradient says why, and never writes a gradient of 0: an input the output
 * does not use, a value that depends on no input, or an intermediate the output does not use.
 */
function noGradientBlocks(
  result: InspectionResult,
  node: NodeView,
  options: ViewOptions,
): string[] {
  const status = gradientStatus(node, statusContext(result));
  const f = result.output.name;
  const value = (name: string) => `${name} = ${number(node.value, options)}`;
  switch (status.kind) {
    case 'unused':
      return [
        `**${markdownText(`${status.key} is not used by ${f}`)}**`,
        markdownText(`${value(status.key)}: ${f} does not depend on it`),
      ];
    case 'constant':
      return [markdownText(`${value(node.label)} depends on no input: it has no gradient`)];
    case 'off-path':
      return [markdownText(`${value(node.label)} does not reach ${f}: it has no gradient`)];
    case 'gradient':
      return [];
    default:
      return assertNever(status);
  }
}

/** When the graph and the steps call the binding otherwise (`x₂`), says so. */
function graphLabelBlock(node: NodeView, binding: string | undefined): string[] {
  if (binding === undefined || binding === node.label) {
    return [];
  }
  return [markdownText(`${node.label} in the graph and the steps`)];
}

/** A hover stays readable: past this many uses, the rest are counted, not listed. */
const LISTED_USES = 6;

/** Each contribution as upstream · local = product; at fan-out, their sum too. */
function chainRuleBlock(result: InspectionResult, node: NodeView, options: ViewOptions): string[] {
  const steps = result.steps.filter(
    (step): step is BackwardStep & { kind: 'edge' } => step.kind === 'edge' && step.to === node.id,
  );
  if (steps.length === 0) {
    return [];
  }
  const format = { precision: options.precision };
  const listed = steps.slice(0, LISTED_USES);
  const equations = listed.map(
    (step) => describeStep({ ...step, contribution: 1, contributions: 1 }, result, format).equation,
  );
  const lines = [
    `*Chain rule* (upstream gradient · local gradient):`,
    ...equations.map(markdownText),
  ];
  if (steps.length > listed.length) {
    lines.push(markdownText(`… and ${steps.length - listed.length} more uses`));
  }
  if (steps.length > 1) {
    lines.push(markdownText(sumLine(result, node, steps, options)));
  }
  return [lines.join('  \n')];
}

function sumLine(
  result: InspectionResult,
  node: NodeView,
  steps: readonly (BackwardStep & { kind: 'edge' })[],
  options: ViewOptions,
): string {
  const total = number(node.grad ?? NaN, options);
  const partial = partialSymbol(result.output.name, node.label);
  const uses = `used ${steps.length} times: the gradients add`;
  if (steps.length > LISTED_USES) {
    return `${partial} = sum of the ${steps.length} contributions = ${total} (${uses})`;
  }
  const sum = steps.map((step) => factor(step.product, options)).join(' + ');
  return `${partial} = ${sum} = ${total} (${uses})`;
}

function symbolicBlock(result: InspectionResult, input: InputView | undefined): string[] {
  if (input?.symbolic === undefined) {
    return [];
  }
  const partial = bindingPartial(result.output.name, bindingName(result, input));
  return [`*Symbolic:* ${markdownText(`${partial} = ${input.symbolic.text}`)}`];
}

/** The check of this binding: checks are keyed by input key, as the inputs are. */
function checkBlock(
  result: InspectionResult,
  input: InputView | undefined,
  options: ViewOptions,
): string[] {
  const check =
    input === undefined ? undefined : result.check?.find((entry) => entry.input === input.name);
  if (check === undefined) {
    return [];
  }
  const verdict = { ok: 'ok', 'check-kinks': 'check the kinks', wrong: 'WRONG' }[check.verdict];
  const error = formatNumber(check.relativeError, { precision: 2 });
  const note = check.note === undefined ? '' : ` (${check.note})`;
  return [
    `*Numeric check:* ${markdownText(`${number(check.numeric, options)}, relative error ${error}: ${verdict}${note}`)}`,
  ];
}

function notesBlock(node: NodeView): string[] {
  const notes = [node.kink, node.note].filter((note): note is string => note !== undefined);
  return notes.map((note) => `*Note:* ${markdownText(note)}`);
}

function nonFiniteBlock(result: InspectionResult): string[] {
  return result.firstNonFinite === undefined
    ? []
    : [`*Note:* ${markdownText(result.firstNonFinite.message)}`];
}

function pointText(result: InspectionResult, options: ViewOptions): string {
  if (result.inputs.length === 0) {
    return 'no inputs';
  }
  return `at ${result.inputs.map((input) => `${input.name} = ${number(input.value, options)}`).join(', ')}`;
}

function number(value: number, options: ViewOptions): string {
  return formatNumber(value, { precision: options.precision });
}

function factor(value: number, options: ViewOptions): string {
  const text = number(value, options);
  return value < 0 ? `(${text})` : text;
}
