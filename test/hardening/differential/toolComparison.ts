/**
 * The tool's reading of a program (the extension's pipeline, nothing run) against the real
 * language's numbers. The contract checked: every binding of a name to a literal is its own
 * input; `result.inputs` lists the inputs the output depends on, keyed by the plain name or, when
 * a name has several bindings, `x (line N)`; `result.unused` lists the others, whose real
 * derivative is 0 and which are not in `result.grads`. Parameter defaults and function locals
 * may also be read as constants.
 */
import { inspectionOf } from '../../support/inspections';
import type { RealDerivative, RealResult } from './realRunners';
import type { Binding, Language, Rendered } from './straightLinePrograms';
import { instantiate } from './straightLinePrograms';

const VALUE_TOLERANCE = 1e-9;
/** Central differences are good to about h² · f''' and rounding / h. */
const GRADIENT_TOLERANCE = 1e-4;

interface ToolInput {
  readonly id?: number;
  readonly name: string;
  readonly value: number;
  readonly grad?: number;
  readonly range?: { readonly start: { readonly line: number } };
}

interface ToolReading {
  readonly value: number;
  readonly grads: Readonly<Record<string, number>>;
  readonly inputs: readonly ToolInput[];
  readonly unused: readonly ToolInput[];
  /**
   * Whether a node on the output's paths is at a non-differentiable point, where the tool
   * gives PyTorch's gradient (hypot at the origin: 0/0 = NaN) and marks the node.
   */
  readonly kinked: boolean;
}

export interface Comparison {
  /** Empty when the tool agrees with the real language. */
  readonly problems: readonly string[];
  /** The readable report: program, numbers of both sides, problems. */
  readonly report: string;
}

async function readWithTool(
  language: Language,
  source: string,
): Promise<ToolReading | { refused: string }> {
  try {
    const { result } = await inspectionOf({ source, language });
    const kinked = result.nodes.some((node) => node.kink !== undefined && node.grad !== undefined);
    return {
      value: result.value,
      grads: result.grads,
      inputs: result.inputs,
      unused: result.unused,
      kinked,
    };
  } catch (error) {
    return { refused: error instanceof Error ? error.message : String(error) };
  }
}

function close(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The identifier an input's key starts with (`x`, `x (line 4)`, or another spelling). */
function baseName(key: string): string {
  return /^[A-Za-z_$][\w$]*/.exec(key)?.[0] ?? key;
}

function lineOf(input: ToolInput): number | undefined {
  return input.range?.start.line;
}

function bindingOf(input: ToolInput, bindings: readonly Binding[]): Binding | undefined {
  const name = baseName(input.name);
  return bindings.find((binding) => binding.line === lineOf(input) && binding.name === name);
}

/** The keys the contract allows for a binding: `x`, or `x (line N)` with N 1-based. */
function allowedKeys(binding: Binding): string[] {
  return [binding.name, `${binding.name} (line ${binding.line + 1})`];
}

function realText(real: RealDerivative | undefined): string {
  if (real === undefined) return 'not run';
  if (real.central === undefined) return `run failed (${real.error ?? ''})`;
  return `${real.central}${real.kink ? ' (kink within ±h: not compared)' : ''}`;
}

export async function compareWithTool(
  language: Language,
  rendered: Rendered,
  realValue: number,
  real: RealResult,
): Promise<Comparison> {
  const source = instantiate(rendered);
  const reading = await readWithTool(language, source);
  const problems: string[] = [];
  const rows: string[] = [];
  if ('refused' in reading) {
    problems.push(`refused: ${reading.refused}`);
  } else {
    checkReading(reading, rendered, realValue, real, problems, rows);
  }
  const toolValue = 'refused' in reading ? 'refused' : String(reading.value);
  const report = [
    `${language} program:`,
    ...source
      .trimEnd()
      .split('\n')
      .map((line, i) => `  ${String(i + 1).padStart(3)} | ${line}`),
    `value: tool ${toolValue}, real ${realValue}`,
    ...rows,
    ...problems.map((problem) => `✗ ${problem}`),
  ].join('\n');
  return { problems, report };
}

function checkReading(
  reading: ToolReading,
  rendered: Rendered,
  realValue: number,
  real: RealResult,
  problems: string[],
  rows: string[],
): void {
  if (!close(reading.value, realValue, VALUE_TOLERANCE)) {
    problems.push(`value: tool ${reading.value}, real ${realValue}`);
  }
  const listed = new Map<Binding, ToolInput[]>();
  const unused = new Map<Binding, ToolInput>();
  for (const input of reading.inputs) {
    const binding = checkInput(input, rendered.bindings, reading, problems);
    if (binding !== undefined) listed.set(binding, [...(listed.get(binding) ?? []), input]);
  }
  for (const input of reading.unused) {
    const binding = checkInput(input, rendered.bindings, undefined, problems);
    if (binding !== undefined) unused.set(binding, input);
  }
  const inputKeys = new Set(reading.inputs.map((input) => input.name));
  for (const key of Object.keys(reading.grads).filter((name) => !inputKeys.has(name))) {
    problems.push(`result.grads has "${key}", which is not in result.inputs`);
  }
  for (const binding of rendered.bindings) {
    const derivative = real.derivatives.get(binding.literal.id);
    const inputs = listed.get(binding);
    const where = `${binding.name} = ${binding.literal.value} (line ${binding.line + 1})`;
    if (inputs !== undefined) {
      // A literal in a function called twice may be read as one input per call.
      const grad = inputs.reduce((sum, input) => sum + (reading.grads[input.name] ?? NaN), 0);
      rows.push(`∂f/∂${where}: tool ${grad} (${keys(inputs)}), real ${realText(derivative)}`);
      checkGradient(grad, derivative, where, problems, reading.kinked);
    } else if (unused.has(binding)) {
      rows.push(`∂f/∂${where}: tool "not used", real ${realText(derivative)}`);
      checkUnused(unused.get(binding), derivative, reading, where, problems);
    } else {
      rows.push(`∂f/∂${where}: tool -, real ${realText(derivative)}`);
      if (!binding.optional) {
        problems.push(`${where} is neither in result.inputs nor in result.unused`);
      }
    }
  }
}

function keys(inputs: readonly ToolInput[]): string {
  return inputs.map((input) => `"${input.name}"`).join(' + ');
}

/** An input must be a binding of the program, under an allowed key, at its literal's value. */
function checkInput(
  input: ToolInput,
  bindings: readonly Binding[],
  reading: ToolReading | undefined,
  problems: string[],
): Binding | undefined {
  const kind = reading === undefined ? 'result.unused' : 'result.inputs';
  const binding = bindingOf(input, bindings);
  const line = lineOf(input);
  if (binding === undefined) {
    const at = line === undefined ? 'no range' : `line ${line + 1}`;
    problems.push(`${kind} has "${input.name}" (${at}), which is no binding of a literal there`);
    return undefined;
  }
  if (!allowedKeys(binding).includes(input.name)) {
    problems.push(`${kind} key "${input.name}": expected ${allowedKeys(binding).join(' or ')}`);
  }
  // An expression of literals was evaluated here with JavaScript's Math: close, not equal.
  if (!close(input.value, binding.literal.value, binding.optional ? 1e-12 : 0)) {
    problems.push(
      `${kind} "${input.name}" has value ${input.value}, the literal is ${binding.literal.value}`,
    );
  }
  if (reading !== undefined && reading.grads[input.name] === undefined) {
    problems.push(`result.grads has no "${input.name}"`);
  }
  return binding;
}

function checkGradient(
  grad: number,
  derivative: RealDerivative | undefined,
  where: string,
  problems: string[],
  kinked: boolean,
): void {
  if (derivative?.central === undefined || derivative.kink) return;
  // At a marked non-differentiable point the tool gives PyTorch's gradient (hypot(t, t) at
  // t = 0: NaN; a tie of max/min: split evenly) even where the composite function is smooth
  // around it: the convention DESIGN.md asks for, said on the node, not a silent number.
  if (kinked) return;
  if (!close(grad, derivative.central, GRADIENT_TOLERANCE)) {
    problems.push(`∂f/∂${where}: tool ${grad}, real ${derivative.central}`);
  }
}

function checkUnused(
  input: ToolInput | undefined,
  derivative: RealDerivative | undefined,
  reading: ToolReading,
  where: string,
  problems: string[],
): void {
  if (input !== undefined && reading.grads[input.name] !== undefined) {
    problems.push(`"${input.name}" is not used but result.grads has it`);
  }
  if (derivative?.central !== undefined && !derivative.kink && derivative.central !== 0) {
    problems.push(`${where} is "not used" but its real derivative is ${derivative.central}`);
  }
}
