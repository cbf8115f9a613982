/**
 * Checks a hand-written backward pass without running it (issue 20, items 1–3): one reading of
 * the file gives every value, the backward pass's too; each hand-written gradient is paired
 * with a forward value, compared with the engine's gradient of the output, and the first line
 * whose result is wrong while everything it reads is right is located and explained.
 */
import type { InspectionRequest } from '../../language/frontEnd';
import { inspectSource, type FrontEndLookup } from '../inspectSource';
import { explainedComparison } from './explain';
import { locateFirstWrong, type Judged } from './locate';
import { checkFunctionGradients } from './layerPairs';
import { guessOutput, pairGradients, type PairedGradient, type Pairings } from './pairing';
import { readingOf, type Reading } from './reading';
import type { BackwardCheckOutcome } from './report';
import { writesOf } from './writes';

export async function checkBackward(
  frontEndFor: FrontEndLookup,
  request: InspectionRequest,
): Promise<BackwardCheckOutcome> {
  const functionShaped = await checkFunctionGradients(frontEndFor, request);
  if (functionShaped !== undefined) {
    return functionShaped;
  }
  const guess = request.output ?? guessOutput(selectedText(request));
  let first = await readingFor(frontEndFor, request, guess);
  if (!first.ok && request.output === undefined && guess !== undefined) {
    // A wrong guess may be what failed: the front end's own output may still read.
    const fallback = await readingFor(frontEndFor, request, undefined);
    first = fallback.ok ? fallback : first;
  }
  if (!first.ok) {
    return first;
  }
  // The text's guess only had to make the file readable: the references decide the output.
  let pairings = pairingsOf(first.reading, request);
  if (pairings.gradients.length === 0) {
    return { ok: false, error: noBackward('no hand-written gradient found') };
  }
  const readings = new Map<string, Reading>([[first.reading.output, first.reading]]);
  const notes: string[] = [];
  const outputs = [pairings.output, ...pairings.gradients.map((paired) => paired.pairing.output)];
  for (const output of new Set(outputs)) {
    if (readings.has(output)) {
      continue;
    }
    const next = await readingFor(frontEndFor, request, output);
    if (next.ok && next.reading.nodes.length === first.reading.nodes.length) {
      readings.set(output, next.reading);
    } else if (output === pairings.output) {
      return next.ok ? { ok: false, error: noBackward(`${output} could not be read`) } : next;
    } else {
      notes.push(`${output} could not be differentiated: its gradients are not checked`);
    }
  }
  const main = readings.get(pairings.output) ?? first.reading;
  if (main !== first.reading) {
    pairings = pairingsOf(main, request);
  }
  if (pairings.gradients.length === 0) {
    return { ok: false, error: noBackward('no hand-written gradient found') };
  }
  const judged: Judged[] = [];
  for (const paired of pairings.gradients) {
    const reading = readings.get(paired.pairing.output);
    if (reading !== undefined) {
      judged.push(judge(reading, paired, request.source, notes));
    }
  }
  const firstWrong = locateFirstWrong(judged);
  return {
    ok: true,
    report: {
      kind: main.kind,
      output: pairings.output,
      comparisons: judged.map((one) => one.comparison),
      ...(firstWrong === undefined ? {} : { firstWrong }),
      notes: [...main.notes, ...pairings.notes, ...notes],
    },
  };
}

type ReadingOutcome =
  { readonly ok: true; readonly reading: Reading } | Extract<BackwardCheckOutcome, { ok: false }>;

async function readingFor(
  frontEndFor: FrontEndLookup,
  request: InspectionRequest,
  output: string | undefined,
): Promise<ReadingOutcome> {
  // The pairing's output is differentiated, not a node the request may have chosen.
  const outcome = await inspectSource(frontEndFor, {
    ...request,
    outputNode: undefined,
    output,
  });
  return outcome.ok
    ? { ok: true, reading: readingOf(outcome) }
    : { ok: false, error: outcome.error };
}

/** The selected lines (the whole source without a selection): the guess looks only there. */
function selectedText(request: InspectionRequest): string {
  const { selection } = request;
  if (selection === undefined) {
    return request.source;
  }
  return request.source
    .split('\n')
    .slice(selection.start.line, selection.end.line + 1)
    .join('\n');
}

function pairingsOf(reading: Reading, request: InspectionRequest): Pairings {
  return pairGradients(reading, writesOf(reading, request.source), request.source, request.output);
}

function noBackward(why: string): { kind: 'no-backward'; message: string } {
  return {
    kind: 'no-backward',
    message: `${why}: name gradients dx, dW, dfdx, x_grad … after the forward value, or add a comment \`# grad-of: dW W\``,
  };
}

function judge(reading: Reading, paired: PairedGradient, source: string, notes: string[]): Judged {
  const { pairing, writes } = paired;
  const last = writes[writes.length - 1];
  const hand = reading.value(last?.node ?? -1);
  const target = reluTarget(reading, paired, source, notes) ?? paired.ofNode;
  const engine = reading.grad(target);
  if (!reading.reachesOutput(target)) {
    notes.push(
      `${pairing.of} does not reach ${pairing.output}: its gradient is 0, and ${pairing.gradient} is compared with 0`,
    );
  }
  const comparison = explainedComparison(pairing, {
    reading,
    gradient: pairing.gradient,
    of: pairing.of,
    output: pairing.output,
    ofNode: target,
    hand,
    engine,
  });
  return { paired, comparison, reading, target };
}

const ZERO_MASK = /^\s*[\w.]+\s*\[.*\]\s*=\s*0(?:\.0*)?\s*(?:#.*)?$/;

/**
 * `dhidden[hidden_layer <= 0] = 0` after `dhidden = …` backpropagates through the ReLU in
 * place, as the course notes write it: from then on dhidden is the gradient of the ReLU's
 * input, so that is what it is compared with.
 */
function reluTarget(
  reading: Reading,
  paired: PairedGradient,
  source: string,
  notes: string[],
): number | undefined {
  const node = reading.nodes[paired.ofNode];
  const isRelu = node?.op === 'max' || node?.op === 'maximum' || node?.op === 'relu';
  if (node === undefined || !isRelu) {
    return undefined;
  }
  const input = node.operands.filter((operand) => reading.nodes[operand]?.kind !== 'constant');
  const lines = source.split('\n');
  const masking = paired.writes
    .slice(1)
    .find(
      (write) => write.kind === 'subscript' && ZERO_MASK.test(lines[write.range.start.line] ?? ''),
    );
  const [pre] = input;
  if (masking === undefined || input.length !== 1 || pre === undefined) {
    return undefined;
  }
  const text = reading.nodes[pre]?.label ?? 'its input';
  const label = text.includes(' ') ? `(${text})` : text;
  notes.push(
    `line ${masking.range.start.line + 1}: after the mask, ${paired.pairing.gradient} is the gradient of the ReLU's input ${label}, so it is compared with ∂${paired.pairing.output}/∂${label}`,
  );
  return pre;
}
