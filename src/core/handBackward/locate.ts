/**
 * The first wrong line (issue 20, item 3): among the wrong hand-written gradients, those whose
 * statements read only right gradients; in each, the line that goes wrong — for a gradient
 * summed over a fork (`dx = …` then `dx += …`), the write whose contribution matches none of
 * the engine's, or the `=` that overwrote an earlier contribution; otherwise its last write.
 * The earliest such line in the code is the first wrong line.
 */
import type { SourceRange } from '../../engine/ir';
import type { Tensor } from '../../engine/tensor/tensor';
import { relativeError } from './compare';
import { explain, formatNumber } from './explain';
import type { PairedGradient } from './pairing';
import { namedConsumer, type Reading } from './reading';
import type { Explanation, FirstWrongLine, GradientComparison } from './report';
import type { Write } from './writes';

export interface Judged {
  readonly paired: PairedGradient;
  readonly comparison: GradientComparison;
  /** The reading of the pairing's output. */
  readonly reading: Reading;
  /** The node whose engine gradient the hand-written one is compared with. */
  readonly target: number;
}

const SAME = 1e-7;

export function locateFirstWrong(judged: readonly Judged[]): FirstWrongLine | undefined {
  const wrongNames = new Set(
    judged.filter((one) => isWrong(one.comparison)).map((one) => one.paired.pairing.gradient),
  );
  const wrong = judged.filter((one) => isWrong(one.comparison));
  const readsRightOnly = wrong.filter((one) => !readsAny(one.paired, wrongNames));
  const located = (readsRightOnly.length > 0 ? readsRightOnly : wrong).map((one) => {
    const at = locateIn(one);
    const skipped = reluSkipped(one, judged);
    return skipped === undefined ? at : { ...at, explanation: skipped };
  });
  located.sort((a, b) => a.range.start.line - b.range.start.line);
  return located[0];
}

/**
 * `dW = np.dot(X.T, dhidden)` where dhidden is still ∂loss/∂hidden_layer: right itself, but
 * the ReLU between them was not backpropagated (no `dhidden[hidden_layer <= 0] = 0`).
 */
function reluSkipped(one: Judged, judged: readonly Judged[]): Explanation | undefined {
  const own = one.paired.pairing.gradient;
  const reads = new Set(one.paired.writes.flatMap((write) => write.reads));
  for (const other of judged) {
    const { gradient, of } = other.paired.pairing;
    const node = other.reading.nodes[other.target];
    const isRelu = node?.op === 'max' || node?.op === 'maximum' || node?.op === 'relu';
    if (gradient === own || !reads.has(gradient) || !isRelu || isWrong(other.comparison)) {
      continue;
    }
    const line = node.range === undefined ? '' : ` (line ${node.range.start.line + 1})`;
    return {
      kind: 'mask',
      text: `${own} reads ${gradient}, the gradient of ${of}, the ReLU's output${line}: the ReLU's backward step is missing — zero ${gradient} where ${of} is 0 first (\`${gradient}[${of} <= 0] = 0\`)`,
    };
  }
  return undefined;
}

function isWrong(comparison: GradientComparison): boolean {
  return comparison.verdict === 'wrong' || comparison.verdict === 'shape';
}

function readsAny(paired: PairedGradient, names: ReadonlySet<string>): boolean {
  const own = paired.pairing.gradient;
  return paired.writes.some((write) => write.reads.some((read) => read !== own && names.has(read)));
}

/** Where inside one wrong gradient's writes it goes wrong, and how. */
export function locateIn(one: Judged): FirstWrongLine {
  const { paired, comparison } = one;
  const last = paired.writes[paired.writes.length - 1];
  const base = {
    gradient: paired.pairing.gradient,
    of: paired.pairing.of,
    ...(comparison.worst === undefined ? {} : { worst: comparison.worst }),
  };
  const overwrite = overwritten(one);
  if (overwrite !== undefined) {
    return { ...base, ...overwrite };
  }
  const stray = strayContribution(one);
  if (stray !== undefined) {
    return { ...base, ...stray };
  }
  return {
    ...base,
    range: last?.range ?? paired.pairing.range,
    explanation: comparison.explanation ?? { kind: 'other', text: `${base.gradient} is wrong` },
  };
}

/** `dx = …` a second time with no read of dx in between: the earlier contribution is lost. */
function overwritten(one: Judged): { range: SourceRange; explanation: Explanation } | undefined {
  const { paired, reading } = one;
  const name = paired.pairing.gradient;
  const writes = paired.writes;
  for (let at = 1; at < writes.length; at++) {
    const before = writes[at - 1];
    const write = writes[at];
    if (
      before === undefined ||
      write === undefined ||
      write.kind !== 'assign' ||
      write.readsItself
    ) {
      continue;
    }
    const readBetween = reading.references.some(
      (reference) =>
        reference.role === 'read' &&
        reference.name === name &&
        reference.range.start.line > before.range.start.line &&
        reference.range.start.line < write.range.start.line,
    );
    if (!readBetween) {
      const line = write.range.start.line + 1;
      const earlier = before.range.start.line + 1;
      return {
        range: write.range,
        explanation: {
          kind: 'overwritten',
          text: `\`${name} = …\` at line ${line} overwrites the contribution ${name} got at line ${earlier}: gradients add up at forks, write \`${name} += …\``,
          overwritten: before.range,
        },
      };
    }
  }
  return undefined;
}

/** A `+=` (or the first `=` of a sum) whose contribution is none of the engine's. */
function strayContribution(
  one: Judged,
): { range: SourceRange; explanation: Explanation } | undefined {
  const { paired, reading, target } = one;
  const writes = paired.writes;
  const sums = writes.length > 1 && writes.slice(1).every((write) => write.operator === '+=');
  if (!sums) {
    return undefined;
  }
  const unused = [...reading.contributions(target)];
  const strays: { write: Write; value: Tensor }[] = [];
  writes.forEach((write, at) => {
    const value = contributionOf(reading, writes, at);
    const match = unused.findIndex((candidate) => agree(candidate.value, value));
    if (match < 0) {
      strays.push({ write, value });
    } else {
      unused.splice(match, 1);
    }
  });
  const [stray] = strays;
  if (stray === undefined) {
    return undefined;
  }
  const line = stray.write.range.start.line + 1;
  const [expectedOne] = unused;
  if (strays.length !== 1 || unused.length !== 1 || expectedOne === undefined) {
    return {
      range: stray.write.range,
      explanation: {
        kind: 'other',
        text: `the contribution to ${paired.pairing.gradient} at line ${line} is none of the engine's contributions to ∂${paired.pairing.output}/∂${paired.pairing.of}`,
      },
    };
  }
  const { from, value: expected } = expectedOne;
  const how = explain({
    reading,
    gradient: `the contribution at line ${line}`,
    of: paired.pairing.of,
    output: paired.pairing.output,
    ofNode: -1,
    hand: stray.value,
    engine: expected,
  });
  if (how.kind !== 'other') {
    return { range: stray.write.range, explanation: how };
  }
  const consumer = namedConsumer(reading, from);
  const through = consumer?.name === undefined ? 'its path' : `\`${consumer.name}\``;
  return {
    range: stray.write.range,
    explanation: {
      kind: 'other',
      text: `the contribution to ${paired.pairing.gradient} at line ${line} is ${formatNumber(stray.value.data[0] ?? 0)}${stray.value.data.length === 1 ? '' : ' …'} where the gradient through ${through} is ${formatNumber(expected.data[0] ?? 0)}${expected.data.length === 1 ? '' : ' …'}`,
    },
  };
}

/** What write `at` added: its value minus the value before (the whole value for the first). */
function contributionOf(reading: Reading, writes: readonly Write[], at: number): Tensor {
  const value = reading.value(writes[at]?.node ?? -1);
  const before = at === 0 ? undefined : reading.value(writes[at - 1]?.node ?? -1);
  if (before === undefined) {
    return value;
  }
  return {
    shape: value.shape,
    data: value.data.map((element, flat) => element - (before.data[flat] ?? 0)),
  };
}

function agree(a: Tensor, b: Tensor): boolean {
  if (a.data.length !== b.data.length) {
    return false;
  }
  // Subtracting two sums loses digits: compare with the scale of the contribution.
  for (let flat = 0; flat < a.data.length; flat++) {
    if (relativeError(a.data[flat] ?? 0, b.data[flat] ?? 0) > SAME * 1e3) {
      return false;
    }
  }
  return true;
}
