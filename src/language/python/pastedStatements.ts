/**
 * Statements of code pasted from notebooks and tutorials that compute nothing the inspection
 * follows: Python 2 `print "…"`, display lines (`y.grad_fn`, `print(x)`), labels
 * (`c.label = 'c'`), zeroing gradients (`x.grad.zero_()`, `optimizer.zero_grad()`), the device
 * (`torch.set_default_device(device)`, `device = 'cuda' if torch.cuda.is_available() else
 * 'cpu'`), drawing (`plt.show()`, `draw_dot(o)`: displayCalls.ts). Both Python readers skip them and say so in a note naming the line.
 */
import { assertNever } from '../../engine/assertNever';
import { excerpt, field, meaningfulChildren, type NodeLike } from '../code/syntax';
import { SourceLines } from '../sourceLines';
import { DisplayCalls } from './displayCalls';

/** What is read of a statement: a tree-sitter node or its snapshot. */
export type StatementNode = NodeLike<StatementNode>;

/** Attributes whose line only shows something about a tensor. */
const DISPLAYED = new Set(['grad_fn', 'is_leaf', 'requires_grad', 'shape', 'dtype', 'device']);

/** Calls that set how results look or where they are computed, not what they are. */
const SETTINGS = new Set([
  'torch.set_default_device',
  'torch.set_printoptions',
  'np.set_printoptions',
  'numpy.set_printoptions',
]);

/** The condition of `'cuda' if torch.cuda.is_available() else 'cpu'`. */
const AVAILABLE = /^torch\.(?:cuda|backends\.mps)\.is_available\(\)$/u;

const DEVICE_NOTE = 'it chooses the device; computed here on the CPU, in float64';
const GRADIENT_NOTE = 'it zeroes gradients; those shown are of the one `.backward()` inspected';

/** How many display lines the note lists by number. */
const LISTED_LINES = 8;

export type Skipped =
  { readonly kind: 'display' } | { readonly kind: 'skipped'; readonly why: string };

/** Why `statement` is skipped, or undefined when it is read. */
export function pastedStatement(statement: StatementNode): Skipped | undefined {
  if (statement.type === 'print_statement') {
    return { kind: 'skipped', why: "Python 2's `print` statement prints, it computes nothing" };
  }
  const parts = statement.type === 'expression_statement' ? meaningfulChildren(statement) : [];
  const [inner] = parts;
  if (inner === undefined || parts.length !== 1) {
    return undefined;
  }
  switch (inner.type) {
    case 'assignment':
      return assignment(inner);
    case 'call':
      return call(inner);
    case 'attribute':
      return DISPLAYED.has(attributeName(inner) ?? '') ? { kind: 'display' } : undefined;
    default:
      return undefined;
  }
}

function assignment(node: StatementNode): Skipped | undefined {
  const left = field(node, 'left');
  const right = field(node, 'right');
  if (left?.type === 'attribute') {
    const name = attributeName(left);
    if (name === 'label') {
      return { kind: 'skipped', why: 'a label only names the value for display' };
    }
    // `x.grad = None` (PyTorch), `p.grad = 0.0` (micrograd).
    if (name === 'grad' && right !== undefined && /^(?:None|0|0\.0*|\.0+)$/u.test(right.text)) {
      return { kind: 'skipped', why: GRADIENT_NOTE };
    }
    return undefined;
  }
  return deviceName(node) === undefined ? undefined : { kind: 'skipped', why: DEVICE_NOTE };
}

/**
 * `device = 'cuda' if torch.cuda.is_available() else 'cpu'`, `device = torch.device(…)`: the
 * name that holds the device, or undefined.
 */
export function deviceName(node: StatementNode): StatementNode | undefined {
  const assignment = node.type === 'expression_statement' ? meaningfulChildren(node)[0] : node;
  if (assignment?.type !== 'assignment') {
    return undefined;
  }
  const left = field(assignment, 'left');
  const right = field(assignment, 'right');
  return left?.type === 'identifier' && right !== undefined && choosesDevice(right)
    ? left
    : undefined;
}

/** `torch.device(…)`, or a choice by `torch.cuda.is_available()`. */
function choosesDevice(value: StatementNode): boolean {
  if (value.type === 'call') {
    return field(value, 'function')?.text === 'torch.device';
  }
  if (value.type !== 'conditional_expression') {
    return false;
  }
  // `a if condition else b`: the condition is the second of the three.
  const condition = meaningfulChildren(value)[1];
  return condition !== undefined && AVAILABLE.test(condition.text.replace(/\s+/gu, ''));
}

function call(node: StatementNode): Skipped | undefined {
  const callee = field(node, 'function');
  if (callee?.type === 'identifier' && callee.text === 'print') {
    return { kind: 'display' };
  }
  if (callee?.type !== 'attribute') {
    return undefined;
  }
  const method = attributeName(callee);
  const object = field(callee, 'object');
  if (
    method === 'zero_grad' ||
    (method === 'zero_' && object !== undefined && /\.grad(?:\.data)?$/u.test(object.text))
  ) {
    return { kind: 'skipped', why: GRADIENT_NOTE };
  }
  return SETTINGS.has(callee.text.replace(/\s+/gu, ''))
    ? {
        kind: 'skipped',
        why: callee.text.endsWith('device') ? DEVICE_NOTE : 'it sets how values are printed',
      }
    : undefined;
}

function attributeName(node: StatementNode): string | undefined {
  return field(node, 'attribute')?.text;
}

/**
 * The notes of skipped statements: one for each skipped line, and one naming all the display
 * lines. The notes are kept in `notes` (the reader's), the display one updated in place.
 */
export class PastedNotes {
  private readonly displayLines = new Set<number>();
  /** The first lines of `displayLines`, the ones the note lists. */
  private firstDisplayLines: number[] = [];
  private displayAt: number | undefined;
  private lines: SourceLines | undefined;
  private drawing: DisplayCalls | undefined;

  constructor(
    private readonly notes: string[],
    private readonly source: string,
  ) {}

  /** Reads `statement` as skipped if it is one; false when it is to be read. */
  skip(statement: StatementNode): boolean {
    this.drawing ??= new DisplayCalls(this.source);
    const skipped =
      pastedStatement(statement) ??
      (this.drawing.draws(statement) ? ({ kind: 'display' } as const) : undefined);
    if (skipped === undefined) {
      return false;
    }
    const line = this.lineOf(statement.startIndex);
    switch (skipped.kind) {
      case 'display':
        this.display(line);
        return true;
      case 'skipped':
        this.add(`line ${line}: \`${excerpt(statement.text)}\` skipped: ${skipped.why}`);
        return true;
      default:
        return assertNever(skipped, 'skipped statement');
    }
  }

  /** A line that only shows values (`print(x)`, `x.grad_fn`). */
  display(line: number): void {
    if (this.displayLines.has(line)) {
      return;
    }
    this.displayLines.add(line);
    this.firstDisplayLines = [...this.firstDisplayLines, line]
      .sort((a, b) => a - b)
      .slice(0, LISTED_LINES);
    const count = this.displayLines.size;
    const more = count > LISTED_LINES ? ` and ${count - LISTED_LINES} more` : '';
    const text = `${count === 1 ? 'line' : 'lines'} ${this.firstDisplayLines.join(', ')}${more}: display only (\`print(…)\`, \`x.grad_fn\` …), skipped: ${count === 1 ? 'it computes' : 'they compute'} nothing`;
    if (this.displayAt === undefined) {
      this.displayAt = this.notes.length;
      this.notes.push(text);
    } else {
      this.notes[this.displayAt] = text;
    }
  }

  /** The 1-based line of `offset`. */
  lineOf(offset: number): number {
    this.lines ??= new SourceLines(this.source);
    return this.lines.lineOf(offset) + 1;
  }

  add(text: string): void {
    if (!this.notes.includes(text)) {
      this.notes.push(text);
    }
  }
}
