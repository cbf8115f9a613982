/**
 * Reads TensorFlow.js code statement by statement without running it: values are computed as
 * they are read (define-by-run), JavaScript numbers and arrays stay known values, and tensors
 * that depend on an input become nodes of the tensor graph. Functions of the file are followed
 * when called; `tf.grad(f)(x)`, `tf.grads`, `tf.valueAndGrad(s)` and `tf.variableGrads` call f,
 * and f's value there is the output, differentiated with respect to what they differentiate.
 * `tf.tidy(f)` is f's value; `print()`, `dispose()` and `console.log` compute nothing.
 */
import { shapeText } from '../../../engine/tensor/shape';
import { tensorOf, type Tensor } from '../../../engine/tensor/tensor';
import { CodeError, unsupported } from '../../code/codeError';
import { excerpt, field, meaningfulChildren, required } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import type { FrontEndRequest, Reference, TensorBinding } from '../../frontEnd';
import { ArrayGraph } from '../../python/tensor/arrayGraph';
import { detached } from '../../python/tensor/arrayOps';
import { freshInputKey, typedInputValue } from '../../python/tensor/inputKeys';
import type { ArrayValue } from '../../python/tensor/arrayValue';
import type { SourceLines } from '../../sourceLines';
import { spanOf, type Span } from '../../span';
import { tfCreation, tfOperation, TF_OPERATIONS, type TfCall } from './tfLibrary';
import { describeValue, Scope, type Closure, type GradientKind, type TfValue } from './tfValue';

/** How deep calls of the file's functions may nest: deeper is recursion. */
const MAX_CALL_DEPTH = 32;

const GRADIENT_KINDS: ReadonlySet<string> = new Set<GradientKind>([
  'grad',
  'grads',
  'valueAndGrad',
  'valueAndGrads',
  'variableGrads',
]);

/** `tf.grad`, `tf.valueAndGrads` …, as a callee is written. */
const GRADIENT_CALLEE = /^tf\s*\.\s*(?:grad|grads|valueAndGrad|valueAndGrads)$/;

/** Calls that show or free tensors: nothing to compute. */
const DISPLAY_METHODS = new Set(['print', 'dispose']);

const ARITHMETIC: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '**': (a, b) => a ** b,
};

const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function_declaration']);

class Return {
  constructor(readonly value: TfValue) {}
}

/** What the gradient call read makes the output: f's value where it was called. */
export interface TfOutput {
  readonly name: string;
  readonly value: TfValue;
  readonly span: Span;
}

export class TfReader {
  readonly graph: ArrayGraph;
  readonly notes: string[] = [];
  readonly bindings: Record<string, TensorBinding> = {};
  private readonly references: Reference[] = [];
  private readonly constantReferences: { name: string; span: Span; value: ArrayValue }[] = [];
  readonly global = new Scope();
  /** The selection: references are recorded inside it, assignments there name the output. */
  selection: Span = { from: 0, to: 0 };
  lastAssigned: TfOutput | undefined;
  /** The value a gradient call differentiated (`f(x)` of `tf.grad(f)(x)`). */
  differentiated: TfOutput | undefined;
  /** A selected function: its first call read gives the output (`firstCall`). */
  selectedFunction: Span | undefined;
  firstCall: TfOutput | undefined;
  private depth = 0;
  private readonly versions = new Map<string, number>();
  private readonly inputKeys = new Set<string>();
  /** Tensors made by `tf.variable`: inputs wherever they are bound at the top level. */
  private readonly variables = new WeakSet<Tensor>();

  constructor(
    lines: SourceLines,
    private readonly request: FrontEndRequest,
    /** With a gradient call in the code, only what it differentiates is an input. */
    private readonly gradientCalls: boolean,
  ) {
    this.graph = new ArrayGraph(lines);
  }

  note(text: string): void {
    if (!this.notes.includes(text)) {
      this.notes.push(text);
    }
  }

  /** Binds the file's function declarations before its first statement runs (hoisting). */
  hoist(nodes: readonly SyntaxNode[], scope: Scope): void {
    for (const node of nodes) {
      const name = node.type === 'function_declaration' ? field(node, 'name')?.text : undefined;
      if (name !== undefined) {
        scope.vars.set(name, { kind: 'closure', node, scope, name });
      }
    }
  }

  /** One statement; a Return when it returns. */
  statement(node: SyntaxNode, scope: Scope): Return | undefined {
    switch (node.type) {
      case 'comment':
      case 'empty_statement':
      case 'function_declaration':
        return undefined;
      case 'import_statement':
        this.importStatement(node, scope);
        return undefined;
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const declarator of meaningfulChildren(node)) {
          this.declarator(declarator, scope, spanOf(node));
        }
        return undefined;
      case 'expression_statement': {
        const inner = meaningfulChildren(node)[0];
        if (inner !== undefined) {
          this.effect(inner, scope, spanOf(node));
        }
        return undefined;
      }
      case 'return_statement': {
        const value = meaningfulChildren(node)[0];
        return new Return(value === undefined ? { kind: 'nothing' } : this.expr(value, scope));
      }
      case 'statement_block':
        return this.block(meaningfulChildren(node), new Scope(scope));
      case 'export_statement': {
        const declaration = field(node, 'declaration');
        return declaration === undefined ? undefined : this.statement(declaration, scope);
      }
      default:
        throw unsupported(
          `${node.type.replace(/_/g, ' ')}`,
          spanOf(node),
          'TensorFlow.js code is read as declarations, assignments, calls and functions that return a value',
        );
    }
  }

  private block(nodes: readonly SyntaxNode[], scope: Scope): Return | undefined {
    this.hoist(nodes, scope);
    for (const node of nodes) {
      const returned = this.statement(node, scope);
      if (returned !== undefined) {
        return returned;
      }
    }
    return undefined;
  }

  /** `import * as tf from '@tensorflow/tfjs'`, `import { tensor, grad } from '@tensorflow/tfjs'`. */
  private importStatement(node: SyntaxNode, scope: Scope): void {
    const source = field(node, 'source')?.text.slice(1, -1) ?? '';
    const clause = meaningfulChildren(node).find((child) => child.type === 'import_clause');
    if (!isTensorFlow(source) || clause === undefined) {
      return;
    }
    for (const part of meaningfulChildren(clause)) {
      if (part.type === 'namespace_import' || part.type === 'identifier') {
        const local = part.type === 'identifier' ? part : meaningfulChildren(part)[0];
        if (local !== undefined) {
          scope.vars.set(local.text, { kind: 'module', path: 'tf' });
        }
      }
      for (const specifier of part.type === 'named_imports' ? meaningfulChildren(part) : []) {
        const name = field(specifier, 'name')?.text;
        const local = field(specifier, 'alias')?.text ?? name;
        if (name !== undefined && local !== undefined) {
          scope.vars.set(local, { kind: 'module', path: `tf.${name}` });
        }
      }
    }
  }

  private declarator(declarator: SyntaxNode, scope: Scope, statement: Span): void {
    const pattern = required(declarator, 'name');
    const valueNode = field(declarator, 'value');
    if (valueNode === undefined) {
      return;
    }
    const module = requiredTensorFlow(valueNode);
    if (module !== undefined) {
      if (pattern.type === 'identifier') {
        scope.vars.set(pattern.text, { kind: 'module', path: module });
      }
      return;
    }
    if (isRequire(valueNode)) {
      return;
    }
    this.assignTo(pattern, valueNode, scope, statement, true);
  }

  /** `x = …`, `const { value, grads } = …`, `const [da, db] = …`. */
  private assignTo(
    pattern: SyntaxNode,
    valueNode: SyntaxNode,
    scope: Scope,
    statement: Span,
    declares: boolean,
  ): void {
    if (pattern.type === 'identifier') {
      this.graph.nameNext(pattern.text, this.nextVersion(pattern.text), spanOf(valueNode));
      const value = FUNCTIONS.has(valueNode.type)
        ? this.closure(valueNode, scope, pattern.text)
        : this.expr(valueNode, scope);
      this.bind(pattern.text, value, spanOf(pattern), statement, scope, declares);
      return;
    }
    const value = this.expr(valueNode, scope);
    if (pattern.type === 'object_pattern' && value.kind === 'record') {
      for (const part of meaningfulChildren(pattern)) {
        const key = part.type === 'pair_pattern' ? field(part, 'key') : part;
        const local = part.type === 'pair_pattern' ? field(part, 'value') : part;
        const item = key === undefined ? undefined : value.fields.get(key.text);
        if (
          item === undefined ||
          (local?.type !== 'identifier' && local?.type !== 'shorthand_property_identifier_pattern')
        ) {
          throw unsupported(
            `\`${excerpt(part.text)}\` here`,
            spanOf(part),
            `the object holds ${[...value.fields.keys()].join(', ')}`,
          );
        }
        this.bind(local.text, item, spanOf(local), statement, scope, declares);
      }
      return;
    }
    if (pattern.type === 'array_pattern' && value.kind === 'list') {
      meaningfulChildren(pattern).forEach((part, i) => {
        const item = value.items[i];
        if (part.type !== 'identifier' || item === undefined) {
          throw unsupported(
            `\`${excerpt(part.text)}\` here`,
            spanOf(part),
            'destructure into plain names, one per item',
          );
        }
        this.bind(part.text, item, spanOf(part), statement, scope, declares);
      });
      return;
    }
    throw unsupported(`\`${excerpt(pattern.text)}\` = ${describeValue(value)}`, spanOf(pattern));
  }

  private nextVersion(name: string): number | undefined {
    const version = (this.versions.get(name) ?? 0) + 1;
    this.versions.set(name, version);
    return version === 1 ? undefined : version;
  }

  /**
   * Binds `name`. At the top level a `tf.variable` becomes an input named after it, and so does
   * every tensor the code fixes when no gradient call says what is differentiated.
   */
  private bind(
    name: string,
    value: TfValue,
    nameSpan: Span,
    statement: Span,
    scope: Scope,
    declares: boolean,
  ): void {
    let bound = value;
    if (bound.kind === 'array' && this.depth === 0 && bound.node === undefined) {
      if (this.variables.has(bound.value) || !this.gradientCalls) {
        bound = this.makeInput(name, bound, nameSpan, statement);
      } else {
        bound = { ...bound, text: name };
      }
    }
    if (declares) {
      scope.vars.set(name, bound);
    } else {
      scope.assign(name, bound);
    }
    this.reference(name, bound, nameSpan, 'write');
    if (this.depth === 0 && within(nameSpan, this.selection)) {
      this.lastAssigned = { name, value: bound, span: nameSpan };
    }
  }

  private makeInput(name: string, array: ArrayValue, nameSpan: Span, statement: Span): ArrayValue {
    const key = freshInputKey(name, statement, this.graph.lines, this.inputKeys);
    const typed = typedInputValue(this.request, key, array.value.shape, nameSpan);
    const version = this.versions.get(name);
    const node = this.graph.input(name, array, {
      ...(key === name ? {} : { key }),
      ...(version === undefined || version === 1 ? {} : { version }),
      span: nameSpan,
    });
    this.inputKeys.add(key);
    this.bindings[key] = {
      value: array.value,
      source: 'assignment',
      range: this.graph.lines.rangeOf(statement),
    };
    return { ...detached(array), text: name, value: typed ?? array.value, node };
  }

  private reference(name: string, value: TfValue, span: Span, role: Reference['role']): void {
    if (value.kind !== 'array' || !within(span, this.selection)) {
      return;
    }
    if (value.node === undefined) {
      this.constantReferences.push({ name, span, value });
      return;
    }
    this.references.push({ name, range: this.graph.lines.rangeOf(span), node: value.node, role });
  }

  /** Every reference, those to constants included (the ones that became nodes), in order. */
  allReferences(): Reference[] {
    const constants = this.constantReferences.flatMap(({ name, span, value }) => {
      const node = this.graph.constantOf(value);
      return node === undefined
        ? []
        : [{ name, range: this.graph.lines.rangeOf(span), node, role: 'read' as const }];
    });
    return [...this.references, ...constants].sort(
      (a, b) =>
        a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
    );
  }

  /** An expression used as a statement: an assignment, a call; displays compute nothing. */
  private effect(node: SyntaxNode, scope: Scope, statement: Span): void {
    if (node.type === 'assignment_expression') {
      const left = required(node, 'left');
      if (left.type === 'member_expression') {
        throw unsupported('assigning to a property', spanOf(left));
      }
      this.assignTo(left, required(node, 'right'), scope, statement, false);
      return;
    }
    if (node.type === 'call_expression' && isDisplay(node)) {
      // `g(x).print()` computes g(x) before printing it; `console.log(g(x))` too.
      const receiver = field(required(node, 'function'), 'object');
      if (receiver?.type === 'call_expression') {
        this.expr(receiver, scope);
      }
      for (const arg of meaningfulChildren(required(node, 'arguments'))) {
        if (this.isGradientCall(arg, scope)) {
          this.expr(arg, scope);
        }
      }
      return;
    }
    this.expr(node, scope);
  }

  /** `tf.grad(f)(x)`, or `g(x)` with `g = tf.grad(f)`: a call whose value is a gradient. */
  private isGradientCall(node: SyntaxNode, scope: Scope): boolean {
    const callee = node.type === 'call_expression' ? field(node, 'function') : undefined;
    if (callee?.type === 'call_expression') {
      return GRADIENT_CALLEE.test(field(callee, 'function')?.text ?? '');
    }
    return callee?.type === 'identifier' && scope.lookup(callee.text)?.kind === 'differentiate';
  }

  expr(node: SyntaxNode, scope: Scope): TfValue {
    switch (node.type) {
      case 'number':
        return { kind: 'number', value: Number(node.text.replace(/_/g, '')), dtype: 'float' };
      case 'true':
      case 'false':
        return { kind: 'number', value: node.type === 'true' ? 1 : 0, dtype: 'bool' };
      case 'string':
        return { kind: 'string', value: node.text.slice(1, -1) };
      case 'undefined':
      case 'null':
        return { kind: 'nothing' };
      case 'identifier':
        return this.name(node, scope);
      case 'parenthesized_expression':
        return this.expr(meaningfulChildren(node)[0] ?? node, scope);
      case 'array':
        return {
          kind: 'list',
          items: meaningfulChildren(node).map((item) => this.expr(item, scope)),
        };
      case 'unary_expression':
        return this.unary(node, scope);
      case 'binary_expression':
        return this.binary(node, scope);
      case 'member_expression':
        return this.member(node, scope);
      case 'call_expression':
        return this.call(node, scope);
      case 'arrow_function':
      case 'function_expression':
        return this.closure(node, scope, closureName(node));
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression':
        return this.expr(meaningfulChildren(node)[0] ?? node, scope);
      default:
        throw new CodeError(
          'unsupported',
          `${node.type.replace(/_/g, ' ')} (\`${excerpt(node.text)}\`) is not supported in TensorFlow.js code here`,
          spanOf(node),
        );
    }
  }

  private closure(node: SyntaxNode, scope: Scope, name: string): Closure {
    return { kind: 'closure', node, scope, name };
  }

  private name(node: SyntaxNode, scope: Scope): TfValue {
    const value = scope.lookup(node.text);
    if (value === undefined) {
      if (node.text === 'tf') {
        // A snippet without its import: `tf` is TensorFlow.js, as its documentation writes it.
        return { kind: 'module', path: 'tf' };
      }
      throw new CodeError(
        'unknown-name',
        `no value for \`${node.text}\` is known here`,
        spanOf(node),
      );
    }
    if (value.kind === 'gradient') {
      throw new CodeError(
        'unsupported',
        `\`${node.text}\` is the gradient ∂/∂${value.of}, which the inspection shows: using it in a computation (an optimizer step) is not read`,
        spanOf(node),
      );
    }
    this.reference(node.text, value, spanOf(node), 'read');
    return value;
  }

  private unary(node: SyntaxNode, scope: Scope): TfValue {
    const operator = required(node, 'operator').text;
    const operand = this.expr(required(node, 'argument'), scope);
    if (operand.kind === 'number' && (operator === '-' || operator === '+')) {
      return { ...operand, value: operator === '-' ? -operand.value : operand.value };
    }
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\`: ${operator} is read on numbers only${operand.kind === 'array' ? ' (a tensor: write x.neg())' : ''}`,
      spanOf(node),
    );
  }

  /** Arithmetic on JavaScript numbers; on tensors JavaScript would not compute (`a + b` is a string). */
  private binary(node: SyntaxNode, scope: Scope): TfValue {
    const operator = required(node, 'operator').text;
    const left = this.expr(required(node, 'left'), scope);
    const right = this.expr(required(node, 'right'), scope);
    const compute = ARITHMETIC[operator];
    if (left.kind === 'number' && right.kind === 'number' && compute !== undefined) {
      return { kind: 'number', value: compute(left.value, right.value), dtype: 'float' };
    }
    const tensor = left.kind === 'array' || right.kind === 'array';
    throw new CodeError(
      'unsupported',
      tensor
        ? `\`${excerpt(node.text)}\`: JavaScript's \`${operator}\` does not compute with tensors: write the method (a.add(b), a.mul(b) …)`
        : `\`${excerpt(node.text)}\`: \`${operator}\` is read on numbers only (+ − * / **)`,
      spanOf(node),
    );
  }

  private member(node: SyntaxNode, scope: Scope): TfValue {
    const object = this.expr(required(node, 'object'), scope);
    const property = required(node, 'property').text;
    if (object.kind === 'module') {
      return { kind: 'module', path: `${object.path}.${property}` };
    }
    if (object.kind === 'record') {
      const value = object.fields.get(property);
      if (value !== undefined) {
        return value;
      }
    }
    if (object.kind === 'array' && property === 'shape') {
      return {
        kind: 'list',
        items: object.value.shape.map((n) => ({ kind: 'number', value: n, dtype: 'float' })),
      };
    }
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\`: the property \`${property}\` of ${describeValue(object)} is not read`,
      spanOf(node),
    );
  }

  private call(node: SyntaxNode, scope: Scope): TfValue {
    const callee = required(node, 'function');
    const argNodes = meaningfulChildren(required(node, 'arguments'));
    const spread = argNodes.find((arg) => arg.type === 'spread_element');
    if (spread !== undefined) {
      throw unsupported('spreading arguments', spanOf(spread));
    }
    if (callee.type === 'member_expression') {
      const receiver = this.expr(required(callee, 'object'), scope);
      const name = required(callee, 'property').text;
      if (receiver.kind === 'array') {
        return this.method(node, receiver, required(callee, 'object').text, name, argNodes, scope);
      }
      if (receiver.kind === 'module') {
        return this.library(node, `${receiver.path}.${name}`, argNodes, scope);
      }
      throw new CodeError(
        'unsupported',
        `\`${excerpt(node.text)}\`: \`.${name}()\` of ${describeValue(receiver)} is not read`,
        spanOf(node),
      );
    }
    const fn = this.expr(callee, scope);
    const args = argNodes.map((arg) => this.expr(arg, scope));
    if (fn.kind === 'module') {
      return this.library(node, fn.path, argNodes, scope, args);
    }
    if (fn.kind === 'closure') {
      return this.invoke(fn, args, node);
    }
    if (fn.kind === 'differentiate') {
      return this.differentiate(fn.how, fn.f, args, argNodes, node);
    }
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\`: ${describeValue(fn)} is not a function that can be called here`,
      spanOf(node),
    );
  }

  /** `x.add(y)`, `x.sum()`: the op of the same name with x first. */
  private method(
    node: SyntaxNode,
    receiver: ArrayValue,
    receiverText: string,
    name: string,
    argNodes: readonly SyntaxNode[],
    scope: Scope,
  ): TfValue {
    if (DISPLAY_METHODS.has(name)) {
      return { kind: 'nothing' };
    }
    const args = argNodes.map((arg) => this.expr(arg, scope));
    const call: TfCall = {
      name,
      args: [receiver, ...args],
      texts: [receiverText, ...argNodes.map((arg) => arg.text)],
      site: { text: node.text, span: spanOf(node) },
    };
    const value = tfOperation(this.graph, call);
    if (value === undefined) {
      throw unknown(node, `.${name}()`);
    }
    return value;
  }

  /** `tf.add(a, b)`, `tf.scalar(2)`, `tf.grad(f)`, `tf.tidy(f)`, `tf.variable(t)`. */
  private library(
    node: SyntaxNode,
    path: string,
    argNodes: readonly SyntaxNode[],
    scope: Scope,
    given?: readonly TfValue[],
  ): TfValue {
    if (path === 'console.log' || path === 'tf.dispose') {
      return { kind: 'nothing' };
    }
    if (!path.startsWith('tf.')) {
      throw unknown(node, path);
    }
    const name = path.slice('tf.'.length);
    const args = given ?? argNodes.map((arg) => this.expr(arg, scope));
    if (GRADIENT_KINDS.has(name)) {
      const [f] = args;
      if (f?.kind !== 'closure' || (args.length !== 1 && name !== 'variableGrads')) {
        throw new CodeError(
          'unsupported',
          `\`${excerpt(node.text)}\`: tf.${name} is read with a function of the file (tf.${name}(f))`,
          spanOf(node),
        );
      }
      if (name === 'variableGrads') {
        return this.variableGrads(f, args.slice(1), node);
      }
      return { kind: 'differentiate', how: name as GradientKind, f };
    }
    if (name === 'tidy') {
      const f = args[args.length - 1];
      if (f?.kind !== 'closure') {
        throw unsupported(
          `\`${excerpt(node.text)}\``,
          spanOf(node),
          'tf.tidy is read with a function (tf.tidy(() => …))',
        );
      }
      return this.invoke(f, [], node);
    }
    const call: TfCall = {
      name,
      args,
      texts: argNodes.map((arg) => arg.text),
      site: { text: node.text, span: spanOf(node) },
    };
    if (name === 'variable') {
      return this.variable(call);
    }
    const value = tfCreation(this.graph, call) ?? tfOperation(this.graph, call);
    if (value === undefined) {
      throw unknown(node, path);
    }
    return value;
  }

  /** `tf.variable(t)`: t's values, an input once bound to a name at the top level. */
  private variable(call: TfCall): TfValue {
    const [initial] = call.args;
    if (initial?.kind !== 'array' || initial.node !== undefined) {
      throw new CodeError(
        'unsupported',
        `\`${call.site.text}\`: a variable is read from a tensor the code fixes (tf.variable(tf.scalar(2)))`,
        call.site.span,
      );
    }
    const value = tensorOf(initial.value.shape, Float64Array.from(initial.value.data));
    this.variables.add(value);
    return { ...initial, value };
  }

  /** Calls a function of the file with `args`; its return value. */
  private invoke(fn: Closure, args: readonly TfValue[], at: SyntaxNode): TfValue {
    if (this.depth >= MAX_CALL_DEPTH) {
      throw new CodeError('too-deep', `calls nest more than ${MAX_CALL_DEPTH} deep`, spanOf(at));
    }
    const scope = new Scope(fn.scope);
    const single = field(fn.node, 'parameter');
    const params =
      single === undefined ? meaningfulChildren(field(fn.node, 'parameters') ?? fn.node) : [single];
    params.forEach((param, i) => {
      const named = param.type === 'required_parameter' ? field(param, 'pattern') : param;
      if (named?.type !== 'identifier') {
        throw unsupported(
          `the parameter \`${excerpt(param.text)}\``,
          spanOf(param),
          'give each parameter a plain name',
        );
      }
      const arg = args[i] ?? { kind: 'nothing' };
      scope.vars.set(named.text, arg);
      this.reference(named.text, arg, spanOf(named), 'parameter');
    });
    this.depth += 1;
    let value: TfValue;
    try {
      const body = required(fn.node, 'body');
      value =
        body.type === 'statement_block'
          ? (this.block(meaningfulChildren(body), scope)?.value ?? { kind: 'nothing' })
          : this.expr(body, scope);
    } finally {
      this.depth -= 1;
    }
    const selected = this.selectedFunction;
    if (
      this.firstCall === undefined &&
      selected !== undefined &&
      fn.node.startIndex >= selected.from &&
      fn.node.endIndex <= selected.to
    ) {
      this.firstCall = { name: fn.name, value, span: spanOf(at) };
    }
    return value;
  }

  /**
   * `tf.grad(f)(x)`, `tf.grads(f)([a, b])`, `tf.valueAndGrad(f)(x)`, `tf.valueAndGrads(f)([a, b])`:
   * each argument is an input (named as written, or after f's parameter), f's value there the
   * output; the gradients are the engine's to compute and show.
   */
  private differentiate(
    how: GradientKind,
    f: Closure,
    args: readonly TfValue[],
    argNodes: readonly SyntaxNode[],
    node: SyntaxNode,
  ): TfValue {
    const many = how === 'grads' || how === 'valueAndGrads';
    const [first] = args;
    const [firstNode] = argNodes;
    if (
      args.length !== 1 ||
      first === undefined ||
      firstNode === undefined ||
      (many && first.kind !== 'list')
    ) {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(node.text)}\`: tf.${how}(f) is called with ${many ? 'an array of tensors ([a, b])' : 'one tensor'} (a seed dy is not read)`,
        spanOf(node),
      );
    }
    const written =
      many && firstNode.type === 'array' ? meaningfulChildren(firstNode) : [firstNode];
    const values = many && first.kind === 'list' ? first.items : [first];
    const inputs = values.map((value, i) => this.gradientInput(value, written[i], f, i, node));
    const value = this.summed(this.invoke(f, inputs, node), f, node);
    this.differentiates(f, value, node);
    const gradients = inputs.map((input, i): TfValue => ({
      kind: 'gradient',
      of: input.kind === 'array' ? input.text : String(i),
      span: spanOf(node),
    }));
    const grads: TfValue = many
      ? { kind: 'list', items: gradients }
      : (gradients[0] ?? { kind: 'nothing' });
    if (how === 'valueAndGrad' || how === 'valueAndGrads') {
      return {
        kind: 'record',
        fields: new Map([
          ['value', value],
          [many ? 'grads' : 'grad', grads],
        ]),
      };
    }
    return grads;
  }

  /** `tf.variableGrads(() => loss)`: the variables are the inputs, f's value the output. */
  private variableGrads(f: Closure, rest: readonly TfValue[], node: SyntaxNode): TfValue {
    if (rest.length > 0) {
      throw unsupported(
        'a variable list',
        spanOf(node),
        'tf.variableGrads(f) differentiates with respect to every variable',
      );
    }
    const value = this.invoke(f, [], node);
    this.differentiates(f, value, node);
    return {
      kind: 'record',
      fields: new Map([
        ['value', value],
        ['grads', { kind: 'nothing' }],
      ]),
    };
  }

  /** An argument of a gradient call as an input: x itself when it is one already. */
  private gradientInput(
    value: TfValue,
    written: SyntaxNode | undefined,
    f: Closure,
    at: number,
    node: SyntaxNode,
  ): TfValue {
    if (value.kind !== 'array') {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(node.text)}\`: the argument ${at + 1} is ${describeValue(value)}; tf.grad differentiates at tensors`,
        spanOf(node),
      );
    }
    if (value.node !== undefined) {
      return value;
    }
    const params = meaningfulChildren(field(f.node, 'parameters') ?? f.node);
    const param = field(f.node, 'parameter') ?? params[at];
    const name =
      written?.type === 'identifier'
        ? written.text
        : param?.type === 'identifier'
          ? param.text
          : `x${at}`;
    const span = spanOf(written ?? node);
    const input = this.makeInput(name, value, span, span);
    this.reference(name, input, span, 'read');
    return input;
  }

  /**
   * tf.grad's seed dy is ones of f's shape by default: the gradient of f's sum, which is the
   * output then (said so).
   */
  private summed(value: TfValue, f: Closure, node: SyntaxNode): TfValue {
    if (value.kind !== 'array' || value.value.data.length === 1) {
      return value;
    }
    this.note(
      `${f.name}(…) at line ${this.graph.lines.lineOf(spanOf(node).from) + 1} is a tensor of shape ${shapeText(value.value.shape)}: TensorFlow.js differentiates the sum of its elements (dy = ones), so that sum is the output`,
    );
    return this.graph.apply(
      { kind: 'sum', axes: null, keepdims: false },
      [value],
      { text: `sum(${f.name}(…))`, span: spanOf(node) },
      { dtype: 'float', library: 'numpy' },
    );
  }

  private differentiates(f: Closure, value: TfValue, node: SyntaxNode): void {
    if (this.differentiated !== undefined) {
      throw new CodeError(
        'unsupported',
        `a second gradient call (\`${excerpt(node.text)}\`): select the lines of one gradient call to inspect it`,
        spanOf(node),
      );
    }
    this.differentiated = { name: f.name, value, span: spanOf(node) };
  }
}

function isTensorFlow(module: string): boolean {
  return /^@tensorflow\/tfjs(-node|-node-gpu|-core)?$/.test(module);
}

/** `require('@tensorflow/tfjs-node')`: 'tf'; undefined otherwise. */
function requiredTensorFlow(node: SyntaxNode): string | undefined {
  if (!isRequire(node)) {
    return undefined;
  }
  const [arg] = meaningfulChildren(required(node, 'arguments'));
  return arg?.type === 'string' && isTensorFlow(arg.text.slice(1, -1)) ? 'tf' : undefined;
}

function isRequire(node: SyntaxNode): boolean {
  const call = node.type === 'member_expression' ? field(node, 'object') : node;
  return call?.type === 'call_expression' && field(call, 'function')?.text === 'require';
}

/** `console.log(…)`, `x.print()`, `x.dispose()`, `tf.dispose(…)`. */
function isDisplay(node: SyntaxNode): boolean {
  const callee = field(node, 'function');
  if (callee?.type !== 'member_expression') {
    return false;
  }
  const property = field(callee, 'property')?.text ?? '';
  const object = field(callee, 'object')?.text;
  return (
    DISPLAY_METHODS.has(property) ||
    object === 'console' ||
    (object === 'tf' && property === 'dispose')
  );
}

function unknown(node: SyntaxNode, written: string): CodeError {
  return new CodeError(
    'unknown-function',
    `\`${excerpt(written)}\` (\`${excerpt(node.text)}\`) is not read: the TensorFlow.js functions and methods read are tf.scalar, tf.tensor, tf.tensor1d/2d, tf.zeros/ones, tf.variable, tf.tidy, tf.grad, tf.grads, tf.valueAndGrad(s), tf.variableGrads and ${TF_OPERATIONS.join(', ')}`,
    spanOf(node),
  );
}

/** A function's name: its own, or the function its body calls (`() => loss(…)` is `loss`). */
function closureName(node: SyntaxNode): string {
  const own = field(node, 'name')?.text;
  const body = field(node, 'body');
  const callee = body?.type === 'call_expression' ? field(body, 'function') : undefined;
  return own ?? (callee?.type === 'identifier' ? callee.text : 'f');
}

function within(inner: Span, outer: Span): boolean {
  return inner.from >= outer.from && inner.to <= outer.to;
}
