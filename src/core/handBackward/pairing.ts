/**
 * Which names are hand-written gradients and what they are gradients of (issue 20, item 1), by
 * the conventions people write: `dx`/`dW`/`dhidden` (d + a forward name, or the start of one:
 * `dhidden` for `hidden_layer`), `dfdx`/`dL_dW` (d + output + d + name), `x_grad`, `grad_x`,
 * `x_derivative`, `derivative_f_wrt_x`, and a comment `# grad-of: dW W` (or `// grad-of:`)
 * that corrects or adds one. A name is a gradient only when the forward name is assigned
 * before it; list elements pair element by element (`dx[0]` with `x[0]`).
 */
import type { GradientPairing, PairingConvention } from './report';
import type { Reading } from './reading';
import type { Write } from './writes';

export interface PairedGradient {
  readonly pairing: GradientPairing;
  /** The gradient's writes in order; the last makes its final value. */
  readonly writes: readonly Write[];
  /** The forward binding it stands for: the last one before the backward pass begins. */
  readonly ofNode: number;
}

export interface Pairings {
  /** The forward pass's output: asked for, implied by a seed `df = 1.0`, else the last forward value. */
  readonly output: string;
  readonly gradients: readonly PairedGradient[];
  readonly notes: readonly string[];
}

interface Rule {
  readonly of: string;
  /** Set when the name says what is differentiated (`dfdx`, `derivative_f_wrt_x`). */
  readonly output?: string;
  readonly convention: PairingConvention;
}

const GRAD_OF = /(?:#|\/\/)\s*grad-of:\s*([\w[\]]+)\s+([\w[\]]+)/g;

/** `# grad-of: dW W` comments: gradient name → forward name. */
export function gradOfComments(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of source.matchAll(GRAD_OF)) {
    found.set(match[1] ?? '', match[2] ?? '');
  }
  return found;
}

export function pairGradients(
  reading: Reading,
  writes: readonly Write[],
  source: string,
  requestedOutput: string | undefined,
): Pairings {
  const comments = gradOfComments(source);
  const forward = new Map<string, Write[]>();
  const gradients = new Map<string, { rule: Rule; writes: Write[] }>();
  for (const write of writes) {
    const known = gradients.get(write.name)?.writes ?? forward.get(write.name);
    if (known !== undefined) {
      known.push(write);
      continue;
    }
    const rule = ruleFor(write.name, comments, forward);
    if (rule === undefined) {
      forward.set(write.name, [write]);
    } else {
      gradients.set(write.name, { rule, writes: [write] });
    }
  }
  const notes = commentNotes(comments, gradients, forward);
  const backwardStart = Math.min(
    ...[...gradients.values()].map((gradient) => gradient.writes[0]?.range.start.line ?? Infinity),
  );
  const output =
    requestedOutput ??
    seedOutput(reading, gradients) ??
    dependentOutput(reading, forward, gradients) ??
    lastForward(forward, backwardStart);
  const paired: PairedGradient[] = [];
  for (const [name, { rule, writes: own }] of gradients) {
    const first = own[0];
    const last = own[own.length - 1];
    const binding = forwardBinding(forward.get(rule.of) ?? [], first, backwardStart);
    if (first === undefined || last === undefined || binding === undefined) {
      continue;
    }
    paired.push({
      pairing: {
        gradient: name,
        of: rule.of,
        output: rule.output ?? output,
        convention: rule.convention,
        range: last.range,
        ofRange: binding.range,
      },
      writes: own,
      ofNode: binding.node,
    });
    notes.push(...reboundNote(forward.get(rule.of) ?? [], binding, first));
  }
  return { output, gradients: paired, notes };
}

const STATEMENT_WRITE =
  /^\s*(?:const\s+|let\s+|var\s+)?([A-Za-z_][\w\s,]*?)\s*(\[[^\]]*\]\s*)?(?:\*\*|\/\/|[-+*/@%])?=(?!=)\s*(.*)$/;

/** The names a statement assigns: `x = …`, `a, b = …`, `const x = -2, y = 5`. */
function assignedNames(statement: string): { names: string[]; value: string } {
  const declaration = /^\s*(?:const|let|var)\s/.test(statement);
  const parts = declaration ? statement.split(',') : [statement];
  const names: string[] = [];
  let value = '';
  for (const part of parts) {
    const match = STATEMENT_WRITE.exec(part);
    if (match !== null) {
      names.push(...(match[1] ?? '').split(',').map((name) => name.trim()));
      value = match[3] ?? '';
    }
  }
  return { names: names.filter((name) => /^[A-Za-z_]\w*$/.test(name)), value };
}

/**
 * The output read from the text alone, before any inspection (the default output, the last
 * name assigned, is often a gradient of many elements that cannot be differentiated): the
 * name a seed `df = 1.0` names, else the last forward name assigned before the first gradient.
 */
export function guessOutput(source: string): string | undefined {
  const comments = gradOfComments(source);
  const forward = new Map<string, true>();
  const gradients = new Set<string>();
  let last: string | undefined;
  for (const line of source.split('\n')) {
    for (const statement of line.replace(/#.*$|\/\/.*$/, '').split(';')) {
      const { names, value } = assignedNames(statement);
      for (const name of names) {
        if (forward.has(name) || gradients.has(name)) {
          continue;
        }
        const rule = ruleFor(name, comments, forward);
        if (rule === undefined) {
          forward.set(name, true);
          last = gradients.size === 0 ? name : last;
          continue;
        }
        // The backward pass begins with its seed: only the first gradient written can be one.
        const first = gradients.size === 0;
        gradients.add(name);
        if (first && rule.convention === 'd-name' && /^1(?:\.0*)?$/.test(value.trim())) {
          return rule.of;
        }
      }
    }
  }
  return gradients.size === 0 ? undefined : last;
}

function ruleFor(
  name: string,
  comments: ReadonlyMap<string, string>,
  forward: ReadonlyMap<string, unknown>,
): Rule | undefined {
  const commented = comments.get(name);
  if (commented !== undefined) {
    return forward.has(commented) ? { of: commented, convention: 'comment' } : undefined;
  }
  const element = /^(\w+)((?:\[\d+\])*)$/.exec(name);
  if (element === null) {
    return undefined;
  }
  const base = element[1] ?? '';
  const suffix = element[2] ?? '';
  const rule = conventionFor(base, (candidate) => forward.has(candidate + suffix), forward);
  return rule === undefined ? undefined : { ...rule, of: rule.of + suffix };
}

function conventionFor(
  base: string,
  isForward: (name: string) => boolean,
  forward: ReadonlyMap<string, unknown>,
): Rule | undefined {
  const named =
    /^(\w+)_grad$/.exec(base)?.[1] ??
    /^grad_(\w+)$/.exec(base)?.[1] ??
    /^(\w+)_derivative$/.exec(base)?.[1];
  if (named !== undefined) {
    return isForward(named) ? { of: named, convention: 'named-grad' } : undefined;
  }
  const wrt = /^derivative_(\w+?)_wrt_(\w+)$/.exec(base);
  if (wrt !== null) {
    const [, out = '', of = ''] = wrt;
    return isForward(of) && forward.has(out)
      ? { of, output: out, convention: 'd-output-d-name' }
      : undefined;
  }
  if (!base.startsWith('d') || base.length < 2) {
    return undefined;
  }
  const rest = base.slice(1);
  if (isForward(rest)) {
    return { of: rest, convention: 'd-name' };
  }
  return outputAndName(rest, isForward, forward) ?? startOfForwardName(rest, isForward, forward);
}

/** `fdx` → output f, name x; `L_dW` → output L, name W. */
function outputAndName(
  rest: string,
  isForward: (name: string) => boolean,
  forward: ReadonlyMap<string, unknown>,
): Rule | undefined {
  for (let at = 1; at < rest.length - 1; at++) {
    if (rest[at] !== 'd') {
      continue;
    }
    const out = rest.slice(0, at).replace(/_$/, '');
    const of = rest.slice(at + 1);
    if (forward.has(out) && isForward(of)) {
      return { of, output: out, convention: 'd-output-d-name' };
    }
  }
  return undefined;
}

/** `dhidden` for `hidden_layer`: the only forward name that starts with `hidden_`. */
function startOfForwardName(
  rest: string,
  isForward: (name: string) => boolean,
  forward: ReadonlyMap<string, unknown>,
): Rule | undefined {
  const candidates = [...forward.keys()].filter(
    (name) => name.startsWith(`${rest}_`) && isForward(name),
  );
  return candidates.length === 1 && candidates[0] !== undefined
    ? { of: candidates[0], convention: 'd-name' }
    : undefined;
}

/** `df = 1.0`: the seed names the output. */
function seedOutput(
  reading: Reading,
  gradients: ReadonlyMap<string, { rule: Rule; writes: Write[] }>,
): string | undefined {
  // The backward pass begins with its seed: only the first gradient written can be one.
  const [first] = gradients.values();
  if (first !== undefined) {
    const { rule, writes } = first;
    const node = reading.nodes[writes[0]?.node ?? -1];
    const seed =
      rule.convention === 'd-name' &&
      writes.length === 1 &&
      node !== undefined &&
      node.kind !== 'op' &&
      reading.value(node.id).data[0] === 1;
    if (seed) {
      return rule.of;
    }
  }
  return undefined;
}

/**
 * The last forward value computed from a value a gradient is paired with and from no
 * hand-written gradient: `loss` after `loss += reg * np.sum(W * W)` even when the backward
 * pass is interleaved (CS231n's SVM loop), never `W += -step_size * dW` or `step_size = 1`.
 */
function dependentOutput(
  reading: Reading,
  forward: ReadonlyMap<string, Write[]>,
  gradients: ReadonlyMap<string, { rule: Rule; writes: Write[] }>,
): string | undefined {
  const ofs = new Set([...gradients.values()].map(({ rule }) => rule.of));
  const ofNodes = new Set(
    [...ofs].flatMap((name) => (forward.get(name) ?? []).map((write) => write.node)),
  );
  const made = [...gradients.values()]
    .flatMap(({ writes }) => writes)
    .filter((write) => reading.nodes[write.node]?.range?.start.line === write.range.start.line)
    .map((write) => write.node);
  const gradientNodes = new Set(made);
  const candidates = [...forward.values()]
    .flat()
    .filter((write) => !ofs.has(write.name))
    .sort(
      (a, b) =>
        b.range.start.line - a.range.start.line || b.range.start.column - a.range.start.column,
    );
  for (const write of candidates) {
    const reached = ancestors(reading, write.node);
    const fromGradient = [...gradientNodes].some((node) => reached.has(node));
    if (!fromGradient && [...ofNodes].some((node) => reached.has(node))) {
      return write.name;
    }
  }
  return undefined;
}

/** `node` and every node it is computed from. */
function ancestors(reading: Reading, node: number): Set<number> {
  const seen = new Set<number>();
  const stack = [node];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (seen.has(next)) {
      continue;
    }
    seen.add(next);
    stack.push(...(reading.nodes[next]?.operands ?? []));
  }
  return seen;
}

function lastForward(forward: ReadonlyMap<string, Write[]>, backwardStart: number): string {
  let best: Write | undefined;
  for (const writes of forward.values()) {
    for (const write of writes) {
      const before = write.range.start.line < backwardStart;
      if (before && (best === undefined || write.range.start.line >= best.range.start.line)) {
        best = write;
      }
    }
  }
  return best?.name ?? '';
}

/** The last binding before the backward pass (rebindings inside it, e.g. an update, don't count). */
function forwardBinding(
  writes: readonly Write[],
  gradientFirst: Write | undefined,
  backwardStart: number,
): Write | undefined {
  const limit = Math.min(backwardStart, gradientFirst?.range.start.line ?? backwardStart);
  const before = writes.filter((write) => write.range.start.line < limit);
  return before[before.length - 1] ?? writes[0];
}

/** `W += -step_size * dW` after the backward pass began: the check keeps W's earlier value. */
function reboundNote(writes: readonly Write[], binding: Write, gradientFirst: Write): string[] {
  const later = writes.filter(
    (write) => write.range.start.line >= gradientFirst.range.start.line && write !== binding,
  );
  const [rebound] = later;
  if (rebound === undefined) {
    return [];
  }
  return [
    `line ${rebound.range.start.line + 1}: ${rebound.name} is assigned again after the backward pass began; the check compares with its value from line ${binding.range.start.line + 1}`,
  ];
}

function commentNotes(
  comments: ReadonlyMap<string, string>,
  gradients: ReadonlyMap<string, unknown>,
  forward: ReadonlyMap<string, unknown>,
): string[] {
  const notes: string[] = [];
  for (const [gradient, of] of comments) {
    if (!forward.has(of)) {
      notes.push(
        `grad-of: ${gradient} ${of} is not used: ${of} is not assigned before ${gradient}`,
      );
    } else if (!gradients.has(gradient)) {
      notes.push(`grad-of: ${gradient} ${of} is not used: ${gradient} is not assigned`);
    }
  }
  return notes;
}
