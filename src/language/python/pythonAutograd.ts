/**
 * Autograd libraries as their users write them, read without running them: micrograd's `Value`
 * (imported from `micrograd.engine`, or a class of micrograd's shape defined in the file) and
 * PyTorch scalar tensors. `Value(-4.0)` and `torch.tensor(2.0, requires_grad=True)` are the
 * number they hold (an input when assigned, like `a = -4.0`); `.relu()`, `.tanh()`, `.exp()` …
 * are the catalogue ops (the methods of `torch`'s functions of the same name); `.data` and
 * `.item()` are the value as a plain number, which the gradient does not flow through;
 * `g.backward()` makes g the output and a later `a.grad` shows ∂g/∂a.
 */
import type { Expr, Statement } from '../code/codeAst';
import { CodeError } from '../code/codeError';
import type { Step } from '../code/expressionParts';
import { applyFunction, type Argument } from '../code/libraryFunctions';
import { gradientsIn, gradLine, isGrad, type GradMember } from '../code/gradReadout';
import { Expansion } from '../code/postOrder';
import type { Syntax } from '../code/snapshot';
import { spanOf } from '../span';
import { excerpt, field, meaningfulChildren, missing, required } from '../code/syntax';
import { PYTHON_FUNCTIONS } from './pythonLibrary';
import { dottedPath, type PythonModules } from './pythonModules';
import { DEVICE_METHODS, methodDtype, precisionNote, tensorDtype } from './torchPrecision';

/** `a.grad` as Python writes it. */
const PY_GRAD: GradMember = { type: 'attribute', property: 'attribute' };

const DATA_NOTE =
  'read as a plain number (`.data`, `.item()`): the gradient does not flow through it, as in micrograd and PyTorch';
const CONSTANT_NOTE =
  'a tensor without `requires_grad=True`: a constant, PyTorch computes no gradient for it';

/** Methods that give the tensor back as it is (float64 throughout). */
const SAME_VALUE = new Set(['double', 'float', 'clone', 'squeeze']);

/** `Value(x)`, `torch.tensor(x, requires_grad=True)`, `t.relu()`, `t.item()`; undefined: not one. */
export function autogradCall(
  modules: PythonModules,
  node: Syntax,
  callee: Syntax,
  written: readonly Syntax[],
  note: (text: string) => void,
): Step | undefined {
  if (callee.type === 'identifier') {
    return modules.isAutogradValue(callee.text) ? wrapped(node, callee, written) : undefined;
  }
  if (callee.type !== 'attribute') {
    return undefined;
  }
  const object = required(callee, 'object');
  const path = dottedPath(callee);
  if (path !== undefined && modules.qualify(path) === 'torch.tensor') {
    notePrecision(tensorDtype(keyword(written, 'dtype')?.text), note);
    return tensor(node, written);
  }
  if (path !== undefined && modules.qualify(path) === 'torch.Tensor') {
    return refuseLegacyTensor(node);
  }
  if (!modules.autograd || (path !== undefined && modules.qualify(path) !== undefined)) {
    return undefined;
  }
  const name = required(callee, 'attribute').text;
  if (DEVICE_METHODS.has(name)) {
    notePrecision(
      methodDtype(
        name,
        written.map((arg) => arg.text),
      ),
      note,
    );
    return new Expansion([object], ([expr = missing(node)]) => expr);
  }
  return method(node, object, name, written);
}

/**
 * `torch.Tensor(3, 4)` (sizes: uninitialised memory) or `torch.Tensor(data)` of a name: the
 * legacy constructor is read from a list written in the call, by the array reader.
 */
function refuseLegacyTensor(node: Syntax): never {
  throw new CodeError(
    'unsupported',
    `\`${excerpt(node.text)}\`: the legacy constructor \`torch.Tensor\` is read with a list of numbers written in the call (\`torch.Tensor([2.0])\`, a float32 tensor); given sizes (\`torch.Tensor(3, 4)\`) it makes uninitialised memory, which has no value to read: write \`torch.zeros(3, 4)\` or \`torch.tensor(data)\``,
    spanOf(node),
  );
}

function notePrecision(dtype: string | undefined, note: (text: string) => void): void {
  const text = dtype === undefined ? undefined : precisionNote(dtype);
  if (text !== undefined) {
    note(text);
  }
}

function keyword(written: readonly Syntax[], name: string): Syntax | undefined {
  const found = written.find(
    (child) => child.type === 'keyword_argument' && required(child, 'name').text === name,
  );
  return found === undefined ? undefined : required(found, 'value');
}

/** `a.data`: the value as a plain number; undefined for any other attribute. */
export function autogradAttribute(modules: PythonModules, node: Syntax): Step | undefined {
  const name = required(node, 'attribute').text;
  const object = required(node, 'object');
  if (
    !modules.autograd ||
    (object.type === 'identifier' && modules.qualify([object.text, name]) !== undefined)
  ) {
    return undefined;
  }
  if (name === 'data') {
    return detached(node, object);
  }
  if (name === 'grad') {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\` used in a computation is not supported: a gradient is shown on a line of its own (\`${excerpt(node.text)}\`) after \`.backward()\`, and on hover`,
      spanOf(node),
    );
  }
  return undefined;
}

/**
 * `g.backward()`: g is the output. `a.grad` on a line of its own, or inside a `print` (f-strings
 * too): a's gradient, shown where it is written. Undefined: not such a statement.
 */
export function autogradStatement(
  modules: PythonModules,
  inner: Syntax,
  statement: Syntax,
  convert: (node: Syntax) => Expr,
): Statement[] | undefined {
  if (!modules.autograd) {
    return undefined;
  }
  const span = spanOf(statement);
  if (inner.type === 'call') {
    const callee = required(inner, 'function');
    const args = field(inner, 'arguments');
    if (callee.type === 'attribute' && required(callee, 'attribute').text === 'backward') {
      refuseBackwardArguments(inner, args === undefined ? [] : meaningfulChildren(args));
      return [
        {
          kind: 'expression',
          value: convert(required(callee, 'object')),
          span,
          autograd: 'backward',
        },
      ];
    }
    return field(callee, 'function') === undefined && callee.text === 'print'
      ? gradientsIn(inner, PY_GRAD).map((grad) => gradLine(grad, spanOf(grad)))
      : undefined;
  }
  if (isGrad(inner, PY_GRAD)) {
    return [gradLine(inner, span)];
  }
  return undefined;
}

/**
 * `retain_graph=` keeps the graph for another backward and changes no number; a seed
 * (`gradient=`) or anything else is refused.
 */
function refuseBackwardArguments(call: Syntax, args: readonly Syntax[]): void {
  const other = args.find(
    (arg) => arg.type !== 'keyword_argument' || required(arg, 'name').text !== 'retain_graph',
  );
  if (other !== undefined) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(call.text)}\`: \`.backward()\` with \`${excerpt(other.text)}\` is not supported on a scalar; call it without arguments`,
      spanOf(other),
    );
  }
}

/** `x.requires_grad = True` after the tensor was made: refused, saying how to write it. */
export function refuseRequiresGrad(target: Syntax): void {
  if (target.type === 'attribute' && required(target, 'attribute').text === 'requires_grad') {
    throw new CodeError(
      'unsupported',
      `setting \`${excerpt(target.text)}\` after the tensor is made is not supported: write \`torch.tensor(2.0, requires_grad=True)\``,
      spanOf(target),
    );
  }
}

/** `Value(-4.0)`, `Value(x, label='a')`: the number or expression it holds. */
function wrapped(node: Syntax, callee: Syntax, written: readonly Syntax[]): Step {
  const positional = written.filter((child) => child.type !== 'keyword_argument');
  const [data] = positional;
  if (data === undefined || positional.length > 1) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\`: \`${callee.text}(…)\` is read with one value (\`${callee.text}(2.0)\`, \`label=\` is ignored)`,
      spanOf(node),
    );
  }
  return new Expansion([data], ([expr = missing(node)]) => expr);
}

/** `torch.tensor(2.0, requires_grad=True)` is its number; without requires_grad, a constant. */
function tensor(node: Syntax, written: readonly Syntax[]): Step {
  const positional = written.filter((child) => child.type !== 'keyword_argument');
  const [data] = positional;
  if (data === undefined || positional.length > 1) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\`: a scalar tensor is read from one number (\`torch.tensor(2.0, requires_grad=True)\`)`,
      spanOf(node),
    );
  }
  const requiresGrad = written.find(
    (child) =>
      child.type === 'keyword_argument' && required(child, 'name').text === 'requires_grad',
  );
  const flag = requiresGrad === undefined ? 'false' : required(requiresGrad, 'value').type;
  if (flag !== 'true' && flag !== 'false') {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(requiresGrad?.text ?? node.text)}\`: write \`requires_grad=True\` or leave it out`,
      spanOf(requiresGrad ?? node),
    );
  }
  return new Expansion([data], ([expr = missing(node)]): Expr =>
    flag === 'true'
      ? expr
      : { kind: 'detached', operand: expr, note: CONSTANT_NOTE, span: spanOf(node) },
  );
}

/** `t.relu()` is `torch.relu(t)`; `.item()` the value as a plain number. */
function method(node: Syntax, object: Syntax, name: string, written: readonly Syntax[]): Step {
  if (name === 'item' || SAME_VALUE.has(name)) {
    if (written.length > 0) {
      throw new CodeError('unsupported', `\`.${name}()\` takes no arguments here`, spanOf(node));
    }
    return name === 'item'
      ? detached(node, object)
      : new Expansion([object], ([expr = missing(node)]) => expr);
  }
  const fn = PYTHON_FUNCTIONS.get(`torch.${name}`);
  if (
    fn === undefined ||
    written.some((child) => child.type !== 'keyword_argument' && child.type.endsWith('splat'))
  ) {
    throw new CodeError(
      'unknown-function',
      `the method \`.${name}()\` (\`${excerpt(node.text)}\`) is not known: the methods read are those of micrograd's Value (.relu() .tanh() .exp() .backward()) and PyTorch's scalar functions (.sigmoid() .log() …)`,
      spanOf(node),
    );
  }
  const keywords = written.filter((child) => child.type === 'keyword_argument');
  const positional = written.filter((child) => child.type !== 'keyword_argument');
  const values = [object, ...positional, ...keywords.map((keyword) => required(keyword, 'value'))];
  return new Expansion(values, (exprs) => {
    const argument = (i: number, at: Syntax): Argument => ({
      kind: 'expr',
      expr: exprs[i] ?? missing(at),
    });
    return applyFunction(
      fn,
      `.${name}()`,
      [object, ...positional].map((arg, i) => argument(i, arg)),
      keywords.map((keyword, i) => ({
        name: required(keyword, 'name').text,
        value: argument(1 + positional.length + i, keyword),
        span: spanOf(keyword),
      })),
      spanOf(node),
    );
  });
}

function detached(node: Syntax, object: Syntax): Step {
  return new Expansion([object], ([operand = missing(node)]): Expr => ({
    kind: 'detached',
    operand,
    note: `\`${excerpt(node.text)}\` is ${DATA_NOTE}`,
    span: spanOf(node),
  }));
}
