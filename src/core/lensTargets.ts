/**
 * Which "∇ Inspect derivatives" lenses keep their promise: each candidate place is read by the
 * real front end as the inspect command reads a click on the lens (an empty selection at the
 * statement's first character), the values prompt answered with its prefilled default as the
 * command would ask, and kept only when the reading succeeds. Reading is enough: once a
 * program is read, what could still stop the command is a missing value (which the prompt
 * gives) or the graph's size.
 *
 * Reading code with arrays can take tens of milliseconds a place in a long file, so a job may
 * stop early (`outOfTime`): it says how many candidates it read, and the rest get no lens
 * until they are read (the caller puts the ones on screen first).
 *
 * Calls of functions ("∇ Inspect at this call") are read once every candidate is: the function
 * at that call, kept only when the call's arguments gave its values (the front end's note).
 */
import type { Position } from '../engine/ir';
import { setOwn } from '../engine/records';
import { sizeOf } from '../engine/tensor/shape';
import { tensorInputKey } from '../engine/tensor/tensorIr';
import type { CallCandidate } from '../language/codeLens';
import type { AnyProgram, FrontEnd, LanguageId, TensorProgram } from '../language/frontEnd';
import { MAX_NODES, type FrontEndLookup } from './inspectSource';

export interface LensRequest {
  readonly source: string;
  readonly language: LanguageId;
  /** Where each lens would inspect from, in the source's coordinates. */
  readonly candidates: readonly Position[];
  /** The value the prompt prefills for an input the document gives none. */
  readonly defaultValue: number;
  /** Calls whose lens would inspect their function there, read after the candidates. */
  readonly calls?: readonly CallCandidate[];
}

/** As the inspect command: the first reading, then one per round of asking for values. */
const READINGS = 3;

export interface LensAnswer {
  /** The candidates read whose click ends in a result (perhaps after the values prompt). */
  readonly kept: readonly Position[];
  /** How many candidates were read, from the first: the others are still unknown. */
  readonly read: number;
  /** When calls were asked for: those read whose click inspects their function there. */
  readonly keptCalls?: readonly CallCandidate[];
  /** When calls were asked for: how many were read, from the first (after every candidate). */
  readonly callsRead?: number;
}

/** Reads the candidates in order until all are read or `outOfTime()` says to stop. */
export async function inspectableCandidates(
  frontEndFor: FrontEndLookup,
  request: LensRequest,
  outOfTime: () => boolean = () => false,
): Promise<LensAnswer> {
  const frontEnd = frontEndFor(request.language);
  const kept: Position[] = [];
  let read = 0;
  for (const at of request.candidates) {
    if (read > 0 && outOfTime()) {
      break;
    }
    if (await readsAt(frontEnd, request, at)) {
      kept.push(at);
    }
    read += 1;
  }
  const keptCalls: CallCandidate[] = [];
  let callsRead = 0;
  for (const candidate of read < request.candidates.length ? [] : (request.calls ?? [])) {
    if (read + callsRead > 0 && outOfTime()) {
      break;
    }
    if (await readsAt(frontEnd, request, candidate.function, candidate.call)) {
      keptCalls.push(candidate);
    }
    callsRead += 1;
  }
  return request.calls === undefined ? { kept, read } : { kept, read, keptCalls, callsRead };
}

/** With `call`: read at that call, and kept only when the call gave the function's values. */
async function readsAt(
  frontEnd: FrontEnd,
  request: LensRequest,
  at: Position,
  call?: Position,
): Promise<boolean> {
  const values: Record<string, number> = {};
  for (let reading = 0; reading < READINGS; reading += 1) {
    const lowered = await frontEnd.lower({
      source: request.source,
      selection: { start: at, end: at },
      ...(call === undefined ? {} : { callSite: { start: call, end: call } }),
      values,
    });
    if (lowered.ok) {
      return (
        fits(lowered.program) &&
        unboundCanBeTyped(lowered.program) &&
        (call === undefined || valuesFromCall(lowered.program, call))
      );
    }
    const names = lowered.error.kind === 'unknown-name' ? (lowered.error.names ?? []) : [];
    if (names.length === 0) {
      return false;
    }
    // The prompt's prefilled answer: a condition's inputs, a parameter's value.
    for (const name of names) {
      setOwn(values, name, request.defaultValue);
    }
  }
  return false;
}

/** The call's note: the function took values from the call at that line. */
function valuesFromCall(program: AnyProgram, call: Position): boolean {
  const said = `values from the call at line ${call.line + 1}:`;
  return (program.notes ?? []).some((note) => note.startsWith(said));
}

function fits(program: AnyProgram): boolean {
  return program.graph.nodes.length <= MAX_NODES;
}

/**
 * A scalar input without a value is asked for; an array without one cannot be typed in the
 * prompt (only a one-element one takes a number), so its lens would end in a refusal.
 */
function unboundCanBeTyped(program: AnyProgram): boolean {
  if (program.kind !== 'tensor') {
    return true;
  }
  return program.unbound.every((key) => oneElement(program, key));
}

function oneElement(program: TensorProgram, key: string): boolean {
  const input = program.graph.nodes.find(
    (node) => node.kind === 'input' && tensorInputKey(node) === key,
  );
  return input !== undefined && sizeOf(input.shape) === 1;
}
