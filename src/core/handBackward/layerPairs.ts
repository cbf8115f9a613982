/**
 * Function-shaped backward passes (issue 20, items 1–2), checked from a call in the file:
 * - a layer pair, `dx, dw, db = affine_backward(dout, cache)` after
 *   `out, cache = affine_forward(x, w, b)`: each returned gradient is compared with the
 *   vector-Jacobian product of the forward function with upstream dout, the engine's
 *   ∂sum(out * dout)/∂x — the file is read (never run) up to the backward call with that sum
 *   appended as the output, so the hand-written gradients are values of the same reading;
 * - a function returning its gradients, `loss, dW = softmax_loss_vectorized(W, X, y, reg)`:
 *   each value after the first is compared with the first's gradient with respect to the
 *   parameter it is named after (dW ↔ W), else the parameter in its position.
 * The gradient is paired with the argument the call passes, and a wrong one is located in the
 * function's body, where the returned name is written.
 */
import type { SourceRange } from '../../engine/ir';
import type { InspectionRequest } from '../../language/frontEnd';
import { inspectSource, type FrontEndLookup } from '../inspectSource';
import { explainedComparison } from './explain';
import {
  functionDefs,
  unpackingCalls,
  type FunctionDef,
  type UnpackingCall,
} from './functionCalls';
import { autogradChecks } from './autogradFunctions';
import { VJP, type FunctionCheck } from './functionCheck';
import { locateFirstWrong, type Judged } from './locate';
import { readingOf, type Reading } from './reading';
import type { BackwardCheckOutcome, GradientPairing } from './report';
import { writesOf, type Write } from './writes';

/** Undefined when the file has no function-shaped backward pass. */
export async function checkFunctionGradients(
  frontEndFor: FrontEndLookup,
  request: InspectionRequest,
): Promise<BackwardCheckOutcome | undefined> {
  if (request.language !== 'python') {
    return undefined;
  }
  const autograd = autogradChecks(request.source);
  if (autograd !== undefined && !autograd.ok) {
    return { ok: false, error: { kind: 'no-backward', message: autograd.message } };
  }
  const checks = (autograd?.checks ?? functionChecks(request.source)).filter((check) =>
    inSelection(check, request),
  );
  if (checks.length === 0) {
    return undefined;
  }
  const judged: Judged[] = [];
  const notes: string[] = [];
  let kind: 'scalar' | 'tensor' = 'tensor';
  for (const check of checks) {
    const outcome = await readingOfCheck(frontEndFor, request, check);
    if (!outcome.ok) {
      if (checks.length === 1) {
        return { ok: false, error: outcome.error };
      }
      notes.push(
        `line ${check.call.line + 1}: ${check.call.callee}'s gradients are not checked: ${outcome.error.message}`,
      );
      continue;
    }
    kind = outcome.reading.kind;
    judged.push(...judgeCheck(outcome.reading, outcome.source, check, notes));
    notes.push(...outcome.reading.notes.filter((note) => !notes.includes(note)));
  }
  if (judged.length === 0) {
    return {
      ok: false,
      error: { kind: 'no-backward', message: notes.join('; ') || 'no gradient could be paired' },
    };
  }
  const firstWrong = locateFirstWrong(judged);
  return {
    ok: true,
    report: {
      kind,
      output: checks[0]?.output ?? '',
      comparisons: judged.map((one) => one.comparison),
      ...(firstWrong === undefined ? {} : { firstWrong }),
      notes,
    },
  };
}

/** With a selection, only a check whose functions or calls it touches (the rest is left to the straight-code pairing). */
function inSelection(check: FunctionCheck, request: InspectionRequest): boolean {
  const { selection } = request;
  if (selection === undefined) {
    return true;
  }
  const spans = [check.def, check.argsDef].map((def) => [def.line, def.end]);
  spans.push([check.argsCall.line, check.call.line]);
  return spans.some(
    ([from = 0, to = 0]) => from <= selection.end.line && to >= selection.start.line,
  );
}

function functionChecks(source: string): FunctionCheck[] {
  const defs = functionDefs(source);
  const calls = unpackingCalls(source);
  const checks: FunctionCheck[] = [];
  for (const call of calls) {
    const def = defs.get(call.callee);
    if (def === undefined) {
      continue;
    }
    const check = call.callee.endsWith('_backward')
      ? layerCheck(call, def, defs, calls)
      : returnedCheck(call, def);
    if (check !== undefined) {
      checks.push(check);
    }
  }
  return checks;
}

/** `dx, dw, db = affine_backward(dout, cache)` after `out, cache = affine_forward(…)`. */
function layerCheck(
  call: UnpackingCall,
  def: FunctionDef,
  defs: ReadonlyMap<string, FunctionDef>,
  calls: readonly UnpackingCall[],
): FunctionCheck | undefined {
  const forwardName = call.callee.replace(/_backward$/, '_forward');
  const argsDef = defs.get(forwardName);
  const [upstream, cache] = call.args;
  if (argsDef === undefined || upstream === undefined || cache === undefined) {
    return undefined;
  }
  const argsCall = calls
    .filter((one) => one.callee === forwardName && one.line < call.line)
    .reverse()
    .find((one) => one.targets.includes(cache));
  const output = argsCall?.targets.find((target) => target !== cache);
  if (argsCall === undefined || output === undefined) {
    return undefined;
  }
  return {
    convention: 'layer-backward',
    call,
    def,
    argsCall,
    argsDef,
    output,
    readOutput: VJP,
    upstream,
    firstGradient: 0,
  };
}

/** `loss, dW = f(W, …)` where f ends with `return loss, dW`. */
function returnedCheck(call: UnpackingCall, def: FunctionDef): FunctionCheck | undefined {
  const [output] = call.targets;
  if (
    output === undefined ||
    def.returns.length < 2 ||
    call.targets.length !== def.returns.length ||
    call.callee.endsWith('_forward')
  ) {
    return undefined;
  }
  // A function returning two values is not a gradient's: the names must say so.
  const named = call.targets.slice(1).every((target, at) => {
    const returned = def.returns[at + 1];
    return [target, returned].some(
      (name) =>
        name !== undefined && (GENERIC_GRADIENT.test(name) || namedParameter(def, name) >= 0),
    );
  });
  if (!named) {
    return undefined;
  }
  return {
    convention: 'returned',
    call,
    def,
    argsCall: call,
    argsDef: def,
    output,
    readOutput: output,
    firstGradient: 1,
  };
}

type ReadingOutcome =
  | { readonly ok: true; readonly reading: Reading; readonly source: string }
  | Extract<BackwardCheckOutcome, { ok: false }>;

/** The file read up to the call (what follows cannot change its values), one output. */
async function readingOfCheck(
  frontEndFor: FrontEndLookup,
  request: InspectionRequest,
  check: FunctionCheck,
): Promise<ReadingOutcome> {
  const lines = (check.rewritten?.source ?? request.source)
    .split('\n')
    .slice(0, check.call.line + 1);
  if (check.upstream !== undefined) {
    lines.push(`${VJP} = (${check.output} * (${check.upstream})).sum()`);
  }
  const source = lines.join('\n');
  const outcome = await inspectSource(frontEndFor, {
    source,
    language: request.language,
    output: check.readOutput,
  });
  return outcome.ok
    ? { ok: true, reading: readingOf(outcome), source }
    : { ok: false, error: outcome.error };
}

function judgeCheck(
  reading: Reading,
  text: string,
  check: FunctionCheck,
  notes: string[],
): Judged[] {
  const judged: Judged[] = [];
  const source = reading.references;
  const writes = writesOf(reading, text);
  const checked: string[] = [];
  const toOriginal = check.rewritten?.toOriginal ?? ((range: SourceRange) => range);
  check.call.targets.forEach((target, at) => {
    if (at < check.firstGradient) {
      return;
    }
    const gradient = check.rewritten?.gradients[at] ?? target;
    const returned = check.def.returns[at];
    const param = parameterOf(check.argsDef, [returned, target], at - check.firstGradient);
    const argument = param === undefined ? undefined : check.argsCall.args[param];
    const hand = source.find(
      (one) =>
        one.role === 'write' && one.name === target && one.range.start.line === check.call.line,
    );
    const of =
      argument === undefined
        ? undefined
        : source.find(
            (one) =>
              one.role === 'read' &&
              one.name === argument &&
              one.range.start.line === check.argsCall.line,
          );
    if (hand === undefined && argument !== undefined) {
      notes.push(
        `line ${check.call.line + 1}: ${gradient} from ${check.call.callee} is not checked: its value depends on no input (make the upstream gradient an array the code fixes, e.g. np.random.randn)`,
      );
      return;
    }
    if (hand === undefined || of === undefined || argument === undefined) {
      notes.push(
        `line ${check.call.line + 1}: ${gradient} from ${check.call.callee} is not checked: no argument of ${check.argsCall.callee} (line ${check.argsCall.line + 1}) that is a plain name pairs with it`,
      );
      return;
    }
    const own = bodyWrites(writes, check.def, returned ?? target, hand.node).map((write) => ({
      ...write,
      name: gradient,
      range: toOriginal(write.range),
    }));
    const ownWrites = own.length > 0 ? own : [returnWrite(check, hand.node, gradient, text)];
    const pairing: GradientPairing = {
      gradient,
      of: argument,
      output: check.output,
      convention: check.convention,
      range: ownWrites[ownWrites.length - 1]?.range ?? toOriginal(hand.range),
      ofRange: toOriginal(of.range),
    };
    const handValue = reading.value(hand.node);
    const engine = reading.grad(of.node);
    const comparison = explainedComparison(pairing, {
      reading,
      gradient,
      of: argument,
      output: outputLabel(check),
      ofNode: of.node,
      hand: handValue,
      engine,
    });
    judged.push({
      paired: { pairing, writes: ownWrites, ofNode: of.node },
      comparison,
      reading,
      target: of.node,
    });
    checked.push(`${gradient} ↔ ${argument}`);
  });
  if (checked.length > 0) {
    notes.push(checkNote(check, checked));
  }
  return judged;
}

/** A gradient named for no parameter: taken as the parameter in its position. */
const GENERIC_GRADIENT = /^(?:grad|grads|gradient|gradients|g|d|df|dL|dJ|dloss)$/;

/** dw ↔ w by name (also w_grad, grad_w), else the parameter in the gradient's position. */
function parameterOf(
  def: FunctionDef,
  names: readonly (string | undefined)[],
  position: number,
): number | undefined {
  for (const name of names) {
    const named = name === undefined ? -1 : namedParameter(def, name);
    if (named >= 0) {
      return named;
    }
  }
  return position < def.params.length ? position : undefined;
}

function namedParameter(def: FunctionDef, name: string): number {
  return def.params.findIndex(
    (param) => name === `d${param}` || name === `${param}_grad` || name === `grad_${param}`,
  );
}

/** The writes of the returned name in the function's body, for this call only. */
function bodyWrites(
  writes: readonly Write[],
  def: FunctionDef,
  name: string,
  upTo: number,
): Write[] {
  const byLine = new Map<number, Write>();
  for (const write of writes) {
    const line = write.range.start.line;
    if (write.name === name && line > def.line && line <= def.end && write.node <= upTo) {
      byLine.set(line, write);
    }
  }
  return [...byLine.values()].sort((a, b) => a.range.start.line - b.range.start.line);
}

/** `return dout * (x > 0)`: the gradient is made on the function's return line. */
function returnWrite(check: FunctionCheck, node: number, name: string, text: string): Write {
  const line = check.def.returnLine ?? check.call.line;
  const statement = text.split('\n')[line] ?? '';
  const start = statement.length - statement.trimStart().length;
  const range = {
    start: { line, column: start },
    end: { line, column: statement.trimEnd().length },
  };
  return {
    name,
    range: check.rewritten?.toOriginal(range) ?? range,
    node,
    kind: 'assign',
    operator: '=',
    readsItself: false,
    reads: [],
  };
}

function outputLabel(check: FunctionCheck): string {
  if (check.upstream === undefined) {
    return check.output;
  }
  // An autograd Function's upstream is ones: the VJP is the gradient of the output's sum.
  return check.rewritten === undefined
    ? `sum(${check.output} * ${check.upstream})`
    : `sum(${check.output})`;
}

function checkNote(check: FunctionCheck, checked: readonly string[]): string {
  if (check.rewritten !== undefined) {
    return `${check.rewritten.note} (${checked.join(', ')})`;
  }
  const where = `line ${check.call.line + 1}`;
  if (check.upstream === undefined) {
    return `${where}: ${check.call.callee} returns ${check.output} and gradients, each checked against the gradient of ${check.output} with respect to the argument the call passes for the parameter it is named after, else in its position (${checked.join(', ')}); the file is read up to line ${check.call.line + 1}`;
  }
  return `${where}: ${check.call.callee} is checked against the vector-Jacobian product of ${check.argsCall.callee} (line ${check.argsCall.line + 1}) with upstream ${check.upstream}: the engine's gradients of sum(${check.output} * ${check.upstream}) (${checked.join(', ')}); the file is read up to line ${check.call.line + 1}`;
}
