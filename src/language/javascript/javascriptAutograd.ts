/**
 * micrograd's `Value` as JavaScript and TypeScript ports write it, read without running it:
 * `new Value(-4.0)` is the number it holds (an input when assigned, like `a = -4.0`), its
 * methods `.add(b)`, `.mul(2)`, `.pow(3)`, `.tanh()` … are the catalogue ops with micrograd's
 * meaning, `.data` is the value as a plain number the gradient does not flow through,
 * `g.backward()` makes g the output and a later `a.grad` (alone, or in `console.log`) shows
 * ∂g/∂a. Labels (`new Value(2, { label: 'a' })`, `a.label = 'a'`) compute nothing: skipped.
 */
import type { OpName } from '../../engine/opName';
import { opExpr, type Expr, type Statement } from '../code/codeAst';
import { CodeError } from '../code/codeError';
import type { Step } from '../code/expressionParts';
import { gradientsIn, gradLine, isGrad, type GradMember } from '../code/gradReadout';
import { Expansion } from '../code/postOrder';
import type { Syntax } from '../code/snapshot';
import { excerpt, field, meaningfulChildren, missing, required } from '../code/syntax';
import { spanOf, type Span } from '../span';
import { LABELLING, type JavaScriptModules } from './javascriptModules';

/** `a.grad` as JavaScript writes it. */
const JS_GRAD: GradMember = { type: 'member_expression', property: 'property' };

/** micrograd's methods of one operand (`a.mul(b)`, `a.pow(3)`: b and 3 are the other). */
const BINARY: Readonly<Record<string, OpName>> = {
  add: 'add',
  sub: 'sub',
  mul: 'mul',
  div: 'div',
  pow: 'pow',
};

/** micrograd's methods without arguments (`a.tanh()`). */
const UNARY: Readonly<Record<string, OpName>> = {
  neg: 'neg',
  tanh: 'tanh',
  relu: 'relu',
  exp: 'exp',
  log: 'log',
  sigmoid: 'sigmoid',
};

const KNOWN_METHODS = [...Object.keys(BINARY), ...Object.keys(UNARY), 'backward'];

const ASSUMED_NOTE =
  "`Value` is neither imported nor defined in this file: read as micrograd's Value (add, sub, mul, div, pow, neg, tanh, relu, exp, log, sigmoid, backward)";

const DATA_NOTE =
  'read as a plain number (`.data`): the gradient does not flow through it, as in micrograd';

export class JavaScriptAutograd {
  /** Whether the file works with micrograd's `Value`. */
  readonly active: boolean;
  /** The lines (1-based) whose labels were skipped, and other notes. */
  private readonly labelLines = new Set<number>();
  private readonly assumed = new Set<string>();

  constructor(
    private readonly modules: JavaScriptModules,
    private readonly source: string,
  ) {
    this.active = modules.hasValue || /\bnew\s+Value\s*\(/.test(source);
  }

  notes(): string[] {
    const labels = [...this.labelLines].sort((a, b) => a - b);
    return [
      ...this.assumed,
      ...(labels.length === 0
        ? []
        : [
            `labels skipped (line${labels.length === 1 ? '' : 's'} ${labels.join(', ')}): a label names a value, it computes nothing`,
          ]),
    ];
  }

  /** Whether `class name { … }` is micrograd's Value written in the file: read as micrograd's. */
  skipsClass(name: string): boolean {
    return this.modules.valueOrigin(name)?.kind === 'class';
  }

  /** `a.label = 'a'`: nothing to compute; true when skipped. */
  skipsAssignment(left: Syntax): boolean {
    if (!this.active || left.type !== 'member_expression') {
      return false;
    }
    if (required(left, 'property').text !== 'label') {
      return false;
    }
    this.labelLines.add(this.lineOf(spanOf(left)));
    return true;
  }

  /** `new Value(-4.0)`, `new Value(x, { label: 'a' })`: the number or expression it holds. */
  newExpression(node: Syntax): Step | undefined {
    const constructor = required(node, 'constructor');
    if (!this.isValue(constructor)) {
      return undefined;
    }
    const written = meaningfulChildren(field(node, 'arguments') ?? node).filter(
      (child) => child !== constructor,
    );
    const [data, ...rest] = written;
    const refused = rest.find((child) => !LABELLING.has(child.type));
    if (data === undefined || refused !== undefined) {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(node.text)}\`: \`new ${constructor.text}(…)\` is read with one number (\`new ${constructor.text}(2.0)\`; a label or options after it are skipped)`,
        spanOf(refused ?? node),
      );
    }
    if (rest.length > 0) {
      this.labelLines.add(this.lineOf(spanOf(node)));
    }
    return new Expansion([data], ([expr = missing(node)]) => expr);
  }

  /**
   * `v(2.0)` with `const v = (x) => new Value(x)`: a Value made of the argument, a leaf of its
   * own as `new Value(2.0)` is (a call of another function is a computation).
   */
  helperCall(node: Syntax, callee: Syntax, args: readonly Syntax[]): Step | undefined {
    const maker = this.modules.valueMaker(callee.text);
    if (maker === undefined) {
      return undefined;
    }
    if (maker.rebound) {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(node.text)}\`: \`${callee.text}\` makes a Value, but the file binds \`${callee.text}\` more than once, so which function this call is cannot be told: give the helper a name of its own`,
        spanOf(callee),
      );
    }
    if (maker.from === undefined) {
      this.noteOrigin(maker.makes);
    } else {
      this.assumed.add(
        `\`${callee.text}\` from '${maker.from}' is read as micrograd-ts's v: v(x) is a Value holding x, its methods taken to mean micrograd's`,
      );
    }
    const [data, ...rest] = args;
    if (data === undefined || data.type === 'spread_element') {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(node.text)}\`: \`${callee.text}\` makes a Value of its first argument; give it a number`,
        spanOf(node),
      );
    }
    if (rest.length > 0) {
      this.labelLines.add(this.lineOf(spanOf(node)));
    }
    return new Expansion([data], ([expr = missing(node)]) => expr);
  }

  /** `a.add(b)`, `a.tanh()` …; undefined when the file has no `Value` or the callee is no method. */
  call(node: Syntax, callee: Syntax, args: readonly Syntax[]): Step | undefined {
    if (!this.active || callee.type !== 'member_expression') {
      return undefined;
    }
    const object = required(callee, 'object');
    if (object.type === 'identifier' && object.text === 'Math') {
      return undefined;
    }
    const name = required(callee, 'property').text;
    this.checkMethod(node, name);
    const binary = BINARY[name];
    const op = binary ?? UNARY[name];
    const arity = binary === undefined ? 0 : 1;
    if (op === undefined || args.length !== arity || args[0]?.type === 'spread_element') {
      throw new CodeError(
        'unsupported',
        name === 'backward'
          ? `\`${excerpt(node.text)}\`: \`.backward()\` is read as a statement of its own (\`y.backward();\`)`
          : `\`${excerpt(node.text)}\`: \`.${name}()\` takes ${arity === 0 ? 'no argument' : 'one argument'} in micrograd`,
        spanOf(node),
      );
    }
    const span = spanOf(node);
    return new Expansion([object, ...args], (exprs) => {
      const [self = missing(node), other] = exprs;
      return opExpr(op, other === undefined ? [self] : [self, other], span);
    });
  }

  /** `a.data`: the value as a plain number; `a.grad` in a computation is refused. */
  property(node: Syntax): Step | undefined {
    const object = required(node, 'object');
    const name = required(node, 'property').text;
    if (!this.active || (object.type === 'identifier' && object.text === 'Math')) {
      return undefined;
    }
    if (name === 'data') {
      return new Expansion([object], ([operand = missing(node)]): Expr => ({
        kind: 'detached',
        operand,
        note: `\`${excerpt(node.text)}\` is ${DATA_NOTE}`,
        span: spanOf(node),
      }));
    }
    if (name === 'grad') {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(node.text)}\` used in a computation is not supported: a gradient is shown on a line of its own (\`${excerpt(node.text)};\` or \`console.log(${excerpt(node.text)})\`) after \`.backward()\`, and on hover`,
        spanOf(node),
      );
    }
    return undefined;
  }

  /**
   * `g.backward()`: g is the output. `a.grad` on a line of its own, or inside `console.log`:
   * a's gradient, shown where it is written. Undefined: not such a statement.
   */
  statement(inner: Syntax, span: Span, convert: (node: Syntax) => Expr): Statement[] | undefined {
    if (!this.active) {
      return undefined;
    }
    if (isGrad(inner, JS_GRAD)) {
      return [gradLine(inner, span)];
    }
    if (inner.type !== 'call_expression') {
      return undefined;
    }
    const callee = required(inner, 'function');
    if (callee.type !== 'member_expression') {
      return undefined;
    }
    if (required(callee, 'object').text === 'console') {
      return gradientsIn(inner, JS_GRAD).map((grad) => gradLine(grad, spanOf(grad)));
    }
    if (required(callee, 'property').text !== 'backward') {
      return undefined;
    }
    if (meaningfulChildren(required(inner, 'arguments')).length > 0) {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(inner.text)}\`: \`.backward()\` with arguments is not supported; call it on a scalar without arguments`,
        spanOf(inner),
      );
    }
    return [
      {
        kind: 'expression',
        value: convert(required(callee, 'object')),
        span,
        autograd: 'backward',
      },
    ];
  }

  /**
   * Whether `constructor` (of a `new`) is micrograd's Value; a note when it is imported (ports
   * have no one package name) or only used.
   */
  private isValue(constructor: Syntax): boolean {
    if (constructor.type !== 'identifier') {
      return false;
    }
    const name = constructor.text;
    if (this.modules.valueOrigin(name) === undefined && name !== 'Value') {
      return false;
    }
    if (this.modules.definesOtherClass(name)) {
      throw new CodeError(
        'unsupported',
        `\`new ${name}(…)\`: the class ${name} in this file is not of micrograd's shape (a constructor, add, mul and backward), so its methods' meaning is not known`,
        spanOf(constructor),
      );
    }
    this.noteOrigin(name);
    return true;
  }

  /** What reading `name` as micrograd's Value assumed: an imported port's, or an unseen one's. */
  private noteOrigin(name: string): void {
    const origin = this.modules.valueOrigin(name);
    if (origin === undefined) {
      this.assumed.add(ASSUMED_NOTE);
    } else if (origin.kind === 'imported') {
      this.assumed.add(
        `\`${name}\` from '${origin.module}' is read as micrograd's Value: its methods are taken to mean micrograd's`,
      );
    }
  }

  /** A method micrograd does not have, or that the class written in the file does not define. */
  private checkMethod(node: Syntax, name: string): void {
    if (!KNOWN_METHODS.includes(name)) {
      throw new CodeError(
        'unknown-function',
        `the method \`.${name}()\` (\`${excerpt(node.text)}\`) is not known: the methods read are micrograd's Value's (${KNOWN_METHODS.map((known) => `.${known}()`).join(' ')})`,
        spanOf(node),
      );
    }
    const lacking = this.modules.valueClasses().find((origin) => !origin.methods.has(name));
    if (lacking !== undefined) {
      throw new CodeError(
        'unknown-function',
        `\`${excerpt(node.text)}\`: the class ${lacking.name} (line ${lacking.line}) defines no method \`${name}\``,
        spanOf(node),
      );
    }
  }

  private lineOf(span: Span): number {
    let line = 1;
    for (let at = this.source.indexOf('\n'); at !== -1 && at < span.from;) {
      line += 1;
      at = this.source.indexOf('\n', at + 1);
    }
    return line;
  }
}
