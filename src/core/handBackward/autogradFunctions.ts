/**
 * A `torch.autograd.Function` subclass (PyTorch's "Defining new autograd functions": static
 * `forward(ctx, x)` and `backward(ctx, grad_output)`) applied in the file, `y = Fn.apply(x)`,
 * checked as a layer pair: its text is rewritten, lines kept in place, into two plain
 * functions — `ctx.save_for_backward(a, b)` becomes `ctx = (a, b,)`, forward returns ctx too,
 * `ctx.saved_tensors` is ctx — and the backward is called with upstream ones after the apply.
 * Any other use of ctx (attributes, needs_input_grad, mark_dirty) is refused.
 */
import type { SourceRange } from '../../engine/ir';
import { bodyEnd, functionDefs, topLevelParts } from './functionCalls';
import { VJP, type FunctionCheck } from './functionCheck';

export type AutogradChecks =
  | { readonly ok: true; readonly checks: readonly FunctionCheck[] }
  | { readonly ok: false; readonly message: string };

const CLASS = /^class\s+(\w+)\s*\(\s*(?:torch\.)?(?:autograd\.)?Function\s*\)\s*:/;
const SAVE = /^(\s*)ctx\.save_for_backward\((.*)\)\s*(?:#.*)?$/;
const RETURN = /^(\s*)return\s+(.+?)\s*(?:#.*)?$/;

/** Undefined when the file defines no autograd Function. */
export function autogradChecks(source: string): AutogradChecks | undefined {
  const lines = source.split('\n');
  const classLine = lines.findIndex((line) => CLASS.test(line));
  if (classLine < 0) {
    return undefined;
  }
  const name = CLASS.exec(lines[classLine] ?? '')?.[1] ?? '';
  const refuse = (line: number, why: string): AutogradChecks => ({
    ok: false,
    message: `line ${line + 1}: ${name} is a torch.autograd.Function whose backward is not checked: ${why}; check it with torch.autograd.gradcheck`,
  });
  const end = bodyEnd(lines, classLine, 0);
  const other = lines.findIndex((line, at) => at > end && CLASS.test(line));
  if (other >= 0) {
    return refuse(other, 'the file defines a second one (one is read)');
  }
  const indent =
    /^\s*/.exec(lines.slice(classLine + 1).find((line) => line.trim() !== '') ?? '')?.[0] ?? '';
  const rewritten = [...lines];
  rewritten[classLine] = '';
  for (let at = classLine + 1; at <= end; at++) {
    const line = rewrittenLine(lines[at] ?? '', indent, name);
    if (line === undefined) {
      const use = /ctx\.\w+/.exec(lines[at] ?? '')?.[0] ?? 'its indentation';
      return refuse(
        at,
        `\`${use}\` is not read (only ctx.save_for_backward and ctx.saved_tensors are)`,
      );
    }
    rewritten[at] = line;
  }
  const defs = functionDefs(rewritten.join('\n'));
  const forward = defs.get(`${name}_forward`);
  const backward = defs.get(`${name}_backward`);
  if (forward === undefined || backward === undefined || forward.returnLine === undefined) {
    return refuse(
      classLine,
      'it needs a one-line static forward(ctx, …) with a return, and a backward(ctx, grad_output)',
    );
  }
  const returned = RETURN.exec(rewritten[forward.returnLine] ?? '');
  if (returned === null || topLevelParts(returned[2] ?? '').length !== 1) {
    return refuse(forward.returnLine, 'its forward returns more than one value');
  }
  rewritten[forward.returnLine] = `${returned[1] ?? ''}return (${returned[2] ?? ''}), ctx`;
  const apply = new RegExp(`^(\\w+)\\s*=\\s*${name}\\.apply\\((.*)\\)\\s*(?:#.*)?$`);
  const call = lines.findIndex((line, at) => at > end && apply.test(line));
  const match = apply.exec(lines[call] ?? '');
  const inputs = forward.params.slice(1);
  if (match === null) {
    return refuse(classLine, `no top-level \`y = ${name}.apply(x)\` gives its inputs values`);
  }
  const [, output = '', argText = ''] = match;
  const args = topLevelParts(argText);
  if (args.length !== inputs.length) {
    return refuse(
      call,
      `${name}.apply passes ${args.length} arguments to forward's ${inputs.length} inputs`,
    );
  }
  const original = lines[call] ?? '';
  const prefix = `${output}, __ctx = ${name}_forward((), `;
  rewritten[call] = `${prefix}${argText})`;
  const shift = prefix.length - (original.indexOf('.apply(') + '.apply('.length);
  const targets = inputs.map((_, at) => `__grad${at}`);
  const text = [
    ...rewritten.slice(0, call + 1),
    // An input, not a constant: a backward that only masks it (MyReLU's) still makes a value.
    `__upstream = torch.ones_like(${output}, requires_grad=True)`,
    `${targets.join(', ')} = ${name}_backward(__ctx, __upstream)`,
  ].join('\n');
  const moved: Moved = { classLine, end, indent: indent.length, call, after: prefix.length, shift };
  const toOriginal = (range: SourceRange): SourceRange => ({
    start: columnBack(range.start, moved),
    end: columnBack(range.end, moved),
  });
  return {
    ok: true,
    checks: [
      {
        convention: 'layer-backward',
        call: {
          callee: `${name}_backward`,
          targets,
          args: ['__ctx', '__upstream'],
          line: call + 2,
        },
        def: backward,
        argsCall: { callee: `${name}_forward`, targets: [output, '__ctx'], args, line: call },
        argsDef: { ...forward, params: inputs },
        output,
        readOutput: VJP,
        upstream: '__upstream',
        firstGradient: 0,
        rewritten: {
          source: text,
          gradients: inputs.map((_, at) =>
            inputs.length === 1 ? `${name}.backward` : `${name}.backward[${at}]`,
          ),
          toOriginal,
          note: `line ${call + 1}: ${name}.backward is checked against the vector-Jacobian product of ${name}.forward with grad_output = ones (the gradients of ${output}.sum()), ctx.save_for_backward and ctx.saved_tensors read as a tuple; the file is read up to line ${call + 1}`,
        },
      },
    ],
  };
}

/** One line of the class body as a plain function's: undefined for a use of ctx not read. */
function rewrittenLine(line: string, indent: string, name: string): string | undefined {
  if (line.trim() === '' || /^\s*#/.test(line)) {
    return line;
  }
  if (!line.startsWith(indent)) {
    return undefined;
  }
  if (/^\s*@staticmethod\s*$/.test(line)) {
    return '';
  }
  const text = line
    .slice(indent.length)
    .replace(/^def\s+(forward|backward)\s*\(/, `def ${name}_$1(`)
    .replace(/\bctx\.saved_(?:tensors|variables)\b/g, 'ctx');
  const save = SAVE.exec(text);
  if (save !== null) {
    return `${save[1] ?? ''}ctx = (${save[2] ?? ''},)`;
  }
  return /\bctx\./.test(text) ? undefined : text;
}

/** How the rewrite moved columns: the class body dedented, the apply's arguments shifted. */
interface Moved {
  readonly classLine: number;
  readonly end: number;
  readonly indent: number;
  readonly call: number;
  /** Where the arguments start in the rewritten call line. */
  readonly after: number;
  readonly shift: number;
}

function columnBack(position: SourceRange['start'], moved: Moved): SourceRange['start'] {
  if (position.line > moved.classLine && position.line <= moved.end) {
    return { line: position.line, column: position.column + moved.indent };
  }
  if (position.line === moved.call && position.column >= moved.after) {
    return { line: position.line, column: position.column - moved.shift };
  }
  return position;
}
