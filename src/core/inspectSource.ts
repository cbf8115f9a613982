/**
 * The pipeline every surface shares (CLI, extension, library): source → front end → engine.
 * Pure: the caller supplies the front ends, so nothing here touches the file system.
 */
import { inputKey, type SourceRange } from '../engine/ir';
import { inspectGraph } from '../engine/inspect';
import { InvariantViolation } from '../engine/invariants';
import { getOwn, setOwn } from '../engine/records';
import type { InspectionResult } from '../engine/result';
import type { Tensor } from '../engine/tensor/tensor';
import type { TensorInspectionResult } from '../engine/tensor/tensorResult';
import type {
  FrontEnd,
  FrontEndErrorKind,
  InspectionRequest,
  LanguageId,
  Program,
  TensorProgram,
} from '../language/frontEnd';
import { inspectTensorProgram } from './inspectTensors';
import { readableMessage } from '../language/messageText';

/** Above this many nodes an inspection is refused: the result would not fit a view anyway. */
export const MAX_NODES = 1_000_000;

/** 'invariant': the engine's own result broke one of its invariants (a bug, not the document). */
export type InspectErrorKind = FrontEndErrorKind | 'unbound' | 'invariant';

export interface InspectError {
  readonly kind: InspectErrorKind;
  readonly message: string;
  readonly range?: SourceRange;
  /** For 'unbound': the inputs that still need a value. */
  readonly names?: readonly string[];
}

export type InspectOutcome =
  | {
      readonly ok: true;
      readonly kind: 'scalar';
      readonly result: InspectionResult;
      readonly program: Program;
      /** The value used for every input, by input key. */
      readonly values: Readonly<Record<string, number>>;
      /** Typed values whose name is no input of this code (the CLI refuses them). */
      readonly ignoredValues: readonly string[];
    }
  | TensorOutcome
  | {
      readonly ok: false;
      readonly error: InspectError;
      readonly program?: Program | TensorProgram;
    };

/** Code with arrays: the tensor engine's result (engine/tensor/tensorResult.ts). */
export interface TensorOutcome {
  readonly ok: true;
  readonly kind: 'tensor';
  readonly result: TensorInspectionResult;
  readonly program: TensorProgram;
  /** The value used for every input, by input key. */
  readonly values: Readonly<Record<string, Tensor>>;
  readonly ignoredValues: readonly string[];
}

export type FrontEndLookup = (language: LanguageId) => FrontEnd;

export async function inspectSource(
  frontEndFor: FrontEndLookup,
  request: InspectionRequest,
): Promise<InspectOutcome> {
  const lowered = await frontEndFor(request.language).lower({
    source: request.source,
    ...(request.selection === undefined ? {} : { selection: request.selection }),
    ...(request.callSite === undefined ? {} : { callSite: request.callSite }),
    ...(request.output === undefined ? {} : { output: request.output }),
    ...(request.values === undefined ? {} : { values: request.values }),
    ...(request.arrays === undefined ? {} : { arrays: request.arrays }),
  });
  if (!lowered.ok) {
    return { ok: false, error: lowered.error };
  }
  if (lowered.program.kind === 'tensor') {
    return inspectTensorProgram(lowered.program, request);
  }
  const program = lowered.program;
  const size = program.graph.nodes.length;
  if (size > MAX_NODES) {
    return {
      ok: false,
      program,
      error: {
        kind: 'too-large',
        message: `the selection makes a graph of ${size} nodes; at most ${MAX_NODES} can be inspected`,
        range: program.range,
      },
    };
  }
  const values = resolveValues(program, request.values ?? {});
  const missing = inputKeys(program).filter((key) => getOwn(values, key) === undefined);
  if (missing.length > 0) {
    return { ok: false, program, error: unboundError(program, missing) };
  }
  const output = chosenNode(program, request.outputNode);
  const options = {
    steps: request.steps !== false,
    check: request.check === true,
    ...(output === undefined ? {} : { output }),
  };
  const ignored = ignoredValues(program, request);
  return answerInvariants(program, request, (check) => ({
    ok: true,
    kind: 'scalar',
    result: inspectGraph(program.graph, values, { ...options, ...check }),
    program,
    values,
    ignoredValues: ignored,
  }));
}

/**
 * Runs an engine. With `checkInvariants` asked for by the request, a broken invariant is an
 * answer to show, not a crash to log; otherwise the engine's default applies and it throws.
 */
export function answerInvariants(
  program: Program | TensorProgram,
  request: InspectionRequest,
  run: (check: { readonly checkInvariants?: true }) => InspectOutcome,
): InspectOutcome {
  if (request.checkInvariants !== true) {
    return run({});
  }
  try {
    return run({ checkInvariants: true });
  } catch (error) {
    if (!(error instanceof InvariantViolation)) {
      throw error;
    }
    return { ok: false, program, error: invariantFailure(program, error) };
  }
}

/** One line for a notification: the first violation, how many more (all are in the error). */
export function invariantFailure(
  program: Program | TensorProgram,
  error: InvariantViolation,
): InspectError {
  const [first = '?', ...others] = error.violations;
  const more = others.length === 0 ? '' : ` (and ${others.length} more)`;
  return {
    kind: 'invariant',
    message: readableMessage(
      `internal check failed: ${first}${more}; this is a bug of Gradient Lens, not of the code`,
    ),
    range: program.range,
  };
}

/** Typed names that set no input: neither an input's key nor a name that sets one. */
function ignoredValues(program: Program, request: InspectionRequest): string[] {
  const keys = new Set(inputKeys(program));
  return Object.keys(request.values ?? {}).filter(
    (name) =>
      !keys.has(name) &&
      getOwn(program.valueTargets, name) === undefined &&
      !(program.valuesRead ?? []).includes(name),
  );
}

/** The chosen node if the graph has it; an edit may have made the graph smaller since. */
function chosenNode(program: Program, node: number | undefined): number | undefined {
  if (node === undefined || !Number.isInteger(node) || node < 0) {
    return undefined;
  }
  return node < program.graph.nodes.length ? node : undefined;
}

function inputKeys(program: Program): string[] {
  const keys: string[] = [];
  for (const node of program.graph.nodes) {
    if (node.kind === 'input') {
      keys.push(inputKey(node));
    }
  }
  return keys;
}

/** Per input key: typed for that key, typed by the plain name that sets it, else found. */
function resolveValues(
  program: Program,
  given: Readonly<Record<string, number>>,
): Record<string, number> {
  const setBy = new Map<string, string>();
  for (const [name, key] of Object.entries(program.valueTargets)) {
    setBy.set(key, name);
  }
  const values: Record<string, number> = {};
  for (const key of inputKeys(program)) {
    const name = setBy.get(key);
    const value =
      getOwn(given, key) ??
      (name === undefined ? undefined : getOwn(given, name)) ??
      getOwn(program.bindings, key)?.value;
    if (value !== undefined) {
      setOwn(values, key, value);
    }
  }
  return values;
}

const MAX_NAMED = 10;

function unboundError(program: Program, missing: readonly string[]): InspectError {
  const firstNode = program.graph.nodes.find(
    (node) => node.kind === 'input' && inputKey(node) === missing[0],
  );
  const first = program.references.find((reference) => reference.node === firstNode?.id);
  // The message names the first few; `names` lists them all.
  const named = missing.slice(0, MAX_NAMED);
  const more = missing.length > MAX_NAMED ? ` and ${missing.length - MAX_NAMED} more` : '';
  return {
    kind: 'unbound',
    message: readableMessage(
      `no value for ${named.join(', ')}${more}: give ${missing.length === 1 ? 'it' : 'them'} a value (e.g. ${named.map((name) => `${name}=1`).join(', ')})`,
    ),
    range: first?.range ?? program.range,
    names: missing,
  };
}
