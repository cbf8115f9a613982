/**
 * Reads NumPy, PyTorch and JAX code statement by statement without running it: values are
 * computed as they are read (define-by-run, as the scalar reader takes a branch), Python
 * numbers and tuples stay known numbers, and arrays that depend on an input become nodes of
 * the tensor graph. Functions defined in the file are inlined, `for` over a known range is
 * unrolled, `if` takes the branch its known condition selects.
 */
import type { OpName } from '../../../engine/opName';
import { sameShape, shapeText } from '../../../engine/tensor/shape';
import { tensorOf, type Tensor } from '../../../engine/tensor/tensor';
import type { Comparison } from '../../../engine/tensor/tensorOp';
import { CodeError, unsupported } from '../../code/codeError';
import { excerpt, field, meaningfulChildren, required } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import type { FrontEndRequest, Reference, TensorBinding } from '../../frontEnd';
import { spanOf, type Span } from '../../span';
import type { PythonModules } from '../pythonModules';
import { NumpyLegacyRandom } from './random/numpyLegacyRandom';
import { unseededNumpyRandom } from './random/sampleRandom';
import { ArrayGraph } from './arrayGraph';
import { Call, type Argument } from './arrayCall';
import { callLibrary } from './arrayLibrary';
import { callMethod, readAttribute } from './arrayMethods';
import { subscript } from './arraySubscript';
import { ArrayBuffers } from './arrayAliasing';
import { settleWrites, writeInto, writeWhole } from './arrayWrites';
import { callLayer } from './arrayLayers';
import { readPasted } from './pastedArrayCode';
import { freshInputKey, typedInputValue } from './inputKeys';
import { asArray, compare, detached, elementwise, isArray } from './arrayOps';
import {
  compareNumbers,
  moduleMember,
  numberArithmetic,
  parametersOf,
  parseInteger,
  plain,
  stringText,
} from './arraySyntax';
import { numberValue, type ArrayValue, type PyValue } from './arrayValue';
import type { SourceLines } from '../../sourceLines';

/** How deep inlined calls may nest: deeper is recursion the reader cannot unroll. */
const MAX_CALL_DEPTH = 32;
/** Loop iterations in all, across every loop read. */
const MAX_ITERATIONS = 100_000;

const BINARY_OPS: ReadonlyMap<string, OpName> = new Map([
  ['+', 'add'],
  ['-', 'sub'],
  ['*', 'mul'],
  ['/', 'div'],
  ['**', 'pow'],
  ['//', 'floordiv'],
  ['%', 'mod'],
]);

const COMPARISONS = new Set<string>(['<', '<=', '>', '>=', '==', '!=']);

/** The modules array code names without importing them, as people write them. */
const CONVENTIONAL: ReadonlyMap<string, string> = new Map([
  ['np', 'numpy'],
  ['numpy', 'numpy'],
  ['torch', 'torch'],
  ['F', 'torch.nn.functional'],
  ['nn', 'torch.nn'],
  ['jnp', 'jax.numpy'],
  ['jax', 'jax'],
  ['math', 'math'],
]);

class Frame {
  readonly vars = new Map<string, PyValue>();
  constructor(readonly functionName?: string) {}
}

class Return {
  constructor(readonly value: PyValue) {}
}

export interface ReaderSetup {
  readonly lines: SourceLines;
  readonly modules: PythonModules;
  readonly request: FrontEndRequest;
  /** The file works with PyTorch: only tensors with requires_grad are inputs. */
  readonly torchFile: boolean;
  /** Arrays and numbers written in `# at:` comments, by name. */
  readonly annotated: ReadonlyMap<string, { readonly value: Tensor; readonly span: Span }>;
  /** Functions the file defines, by name (the last definition of each). */
  readonly definitions: ReadonlyMap<string, SyntaxNode>;
}

export class ArrayReader {
  readonly graph: ArrayGraph;
  readonly notes: string[] = [];
  private readonly references: Reference[] = [];
  readonly bindings: Record<string, TensorBinding> = {};
  readonly unbound: string[] = [];
  /** The selection: references are recorded for names inside it. */
  selection: Span = { from: 0, to: 0 };
  /** The name last assigned inside the selection, and its value. */
  lastAssigned: { readonly name: string; readonly value: PyValue; readonly span: Span } | undefined;
  /** The arguments of the call that gives the selected function's parameters, by parameter. */
  callSiteArguments: ReadonlyMap<
    string,
    {
      readonly value: PyValue;
      readonly span: Span;
      /** An argument jax.grad does not differentiate (not among argnums): no input. */
      readonly constant: boolean;
    }
  > = new Map();
  /** Under jax.grad: the parameters argnums picks are the only inputs (no array assigned is). */
  parameterInputsOnly = false;
  /** The receiver of `.backward()`. */
  backward: { readonly name: string; readonly value: PyValue; readonly span: Span } | undefined;
  private readonly global = new Frame();
  private frame = this.global;
  /** The frames of the calls being read, outermost first (writes reach their names too). */
  private readonly callers: Frame[] = [];
  /** Which arrays share memory (`b = a`, views): a write changes all of them. */
  readonly buffers = new ArrayBuffers();
  private depth = 0;
  private iterations = 0;
  private noGrad = 0;
  /** Loops being unrolled: a value fixed inside one is a constant, not an input per trip. */
  private loops = 0;
  private random: NumpyLegacyRandom = unseededNumpyRandom();
  private seeded = false;
  private readonly sampleCounts = new Map<string, number>();
  private readonly versions = new Map<string, number>();
  private readonly parameterKeys = new WeakMap<Tensor, string>();
  private readonly constantReferences: {
    readonly name: string;
    readonly span: Span;
    readonly value: ArrayValue;
    readonly role: Reference['role'];
  }[] = [];
  private readonly inputKeys = new Set<string>();

  constructor(readonly setup: ReaderSetup) {
    this.graph = new ArrayGraph(setup.lines);
  }

  get torchFile(): boolean {
    return this.setup.torchFile;
  }

  note(text: string): void {
    if (!this.notes.includes(text)) {
      this.notes.push(text);
    }
  }

  // ---- random draws ----

  /** NumPy's legacy stream: exact after `np.random.seed(k)`, a sample before. */
  legacyRandom(): { readonly random: NumpyLegacyRandom; readonly exact: boolean } {
    return { random: this.random, exact: this.seeded };
  }

  seed(value: number | readonly number[]): void {
    this.random = new NumpyLegacyRandom();
    this.random.seed(value);
    this.seeded = true;
  }

  /**
   * Code above that draws from NumPy's stream could not be read: NumPy's values after it are
   * unknown, so later draws are samples.
   */
  loseStream(text: string): void {
    if (!this.seeded) {
      return;
    }
    this.seeded = false;
    this.note(
      `np.random: \`${excerpt(text)}\` draws from NumPy's seeded stream but is not read, so the draws after it are sample values`,
    );
  }

  /** Which occurrence of this call's text a draw is (0, 1, …), for its sample key. */
  occurrence(text: string): number {
    const count = this.sampleCounts.get(text) ?? 0;
    this.sampleCounts.set(text, count + 1);
    return count;
  }

  // ---- statements ----

  statements(nodes: readonly SyntaxNode[]): void {
    for (const node of nodes) {
      this.statement(node);
    }
  }

  statement(node: SyntaxNode): void {
    this.statementOf(node);
    if (this.depth === 0 && this.loops === 0) {
      settleWrites(this);
    }
  }

  private statementOf(node: SyntaxNode): void {
    if (readPasted(this, node)) {
      return;
    }
    switch (node.type) {
      case 'expression_statement':
        this.expressionStatement(node);
        return;
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
      case 'pass_statement':
      case 'comment':
        return;
      case 'function_definition':
        this.define(node);
        return;
      case 'decorated_definition':
        this.define(required(node, 'definition'));
        return;
      case 'for_statement':
        this.forStatement(node);
        return;
      case 'if_statement':
        this.ifStatement(node);
        return;
      case 'with_statement':
        this.withStatement(node);
        return;
      case 'return_statement':
        throw new Return(this.returned(node));
      case 'assert_statement':
        this.assertion(node);
        return;
      default:
        throw unsupported(
          withArticleOf(node),
          spanOf(node),
          'read straight-line array code, `for` over a range, `if`, `with torch.no_grad()` and functions',
        );
    }
  }

  /** `assert X.shape == (4, 3)`: checked at the known values; a failing one is refused. */
  private assertion(node: SyntaxNode): void {
    const [condition] = meaningfulChildren(node);
    if (condition !== undefined && !this.truth(condition)) {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(node.text)}\` fails at these values (Python raises AssertionError)`,
        spanOf(node),
      );
    }
  }

  private define(node: SyntaxNode): void {
    const name = field(node, 'name')?.text;
    if (node.type !== 'function_definition' || name === undefined) {
      throw unsupported(withArticleOf(node), spanOf(node));
    }
    this.frame.vars.set(name, { kind: 'function', definition: node, name });
  }

  private returned(node: SyntaxNode): PyValue {
    const [value] = meaningfulChildren(node);
    return value === undefined ? { kind: 'none' } : this.expr(value);
  }

  private expressionStatement(node: SyntaxNode): void {
    const children = meaningfulChildren(node);
    if (children.length !== 1) {
      throw unsupported('a tuple expression statement', spanOf(node));
    }
    const [inner] = children as [SyntaxNode];
    switch (inner.type) {
      case 'assignment':
        this.assignment(inner);
        return;
      case 'augmented_assignment':
        this.augmented(inner);
        return;
      case 'string':
      case 'identifier':
      case 'attribute':
        // A docstring, or a display line (`x`, `x.grad`): it computes nothing.
        return;
      case 'call':
        this.callStatement(inner);
        return;
      default:
        this.expr(inner);
    }
  }

  private callStatement(node: SyntaxNode): void {
    const fn = required(node, 'function');
    if (fn.type === 'identifier' && fn.text === 'print') {
      return;
    }
    if (fn.type === 'attribute') {
      const method = required(fn, 'attribute').text;
      const object = required(fn, 'object');
      if (method === 'backward') {
        const value = this.expr(object);
        this.backward = { name: object.text, value, span: spanOf(object) };
        return;
      }
      if (method === 'item') {
        return;
      }
      if (
        method === 'zero_' &&
        object.type === 'attribute' &&
        required(object, 'attribute').text === 'grad'
      ) {
        return; // `w.grad.zero_()`: the gradients are the inspection's
      }
      if (method === 'copy_' || method === 'zero_' || method === 'fill_') {
        this.setInPlace(object, method, node);
        return;
      }
      if (method === 'requires_grad_' && object.type === 'identifier') {
        this.requireGrad(object);
        return;
      }
      const path = this.qualify(fn);
      if (path === 'numpy.random.seed') {
        this.seedCall(node);
        return;
      }
      if (path === 'torch.manual_seed' || path === 'torch.random.manual_seed') {
        this.note(
          "torch.manual_seed: PyTorch's random values are not reproduced; sample values are shown",
        );
        return;
      }
    }
    this.expr(node);
  }

  /**
   * `layer.weight.copy_(t)`, `layer.bias.zero_()`, `layer.bias.fill_(v)`: a layer's parameter
   * set by the code (its values then the code's, not samples).
   */
  private setInPlace(object: SyntaxNode, method: string, node: SyntaxNode): void {
    const which = object.type === 'attribute' ? required(object, 'attribute').text : undefined;
    const owner = object.type === 'attribute' ? required(object, 'object') : undefined;
    const layer =
      owner?.type === 'identifier'
        ? (this.frame.vars.get(owner.text) ?? this.global.vars.get(owner.text))
        : undefined;
    if (
      owner === undefined ||
      layer?.kind !== 'layer' ||
      (which !== 'weight' && which !== 'bias')
    ) {
      throw unsupported(
        `\`${excerpt(node.text)}\` (changing a tensor in place)`,
        spanOf(node),
        "set a layer's weight or bias with copy_, zero_ or fill_",
      );
    }
    const current = which === 'weight' ? layer.layer.weight : layer.layer.biasValue;
    if (current === undefined) {
      throw new CodeError('unsupported', `\`${owner.text}\` has no ${which}`, spanOf(object));
    }
    const key = `${layer.name}.${which}`;
    if (this.inputKeys.has(key)) {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(node.text)}\` changes ${key} after it was read: set it before using the layer`,
        spanOf(node),
      );
    }
    const call = this.callArguments(node, `${object.text}.${method}`);
    const data = setValues(method, call, current, this.graph);
    const values = which === 'weight' ? { weight: data } : { biasValue: data };
    const given = new Set<'weight' | 'bias'>([...(layer.layer.given ?? []), which]);
    this.frame.vars.set(owner.text, { ...layer, layer: { ...layer.layer, ...values, given } });
  }

  private seedCall(node: SyntaxNode): void {
    const call = this.callArguments(node, 'np.random.seed');
    const argument = call.need(0, 'seed');
    const value = argument.value;
    if (value.kind === 'number' && Number.isInteger(value.value) && value.value >= 0) {
      this.seed(value.value);
      return;
    }
    if (value.kind === 'tuple' && value.items.every((item) => item.kind === 'number')) {
      this.seed(value.items.map((item) => (item.kind === 'number' ? item.value : 0)));
      return;
    }
    throw new CodeError('unsupported', '`np.random.seed` needs a whole number ≥ 0', argument.span);
  }

  /** `x.requires_grad_()`: x becomes an input from here on. */
  requireGrad(object: SyntaxNode): void {
    const value = this.expr(object);
    if (!isArray(value)) {
      throw new CodeError('unsupported', `\`${object.text}\` is not a tensor`, spanOf(object));
    }
    this.bind(
      object.text,
      { ...value, requiresGrad: true },
      spanOf(object),
      spanOf(object.parent?.parent ?? object),
    );
  }

  private assignment(node: SyntaxNode): void {
    const left = required(node, 'left');
    const right = field(node, 'right');
    if (right === undefined) {
      return; // `x: int`, a bare annotation
    }
    if (right.type === 'assignment') {
      throw unsupported('a chained assignment', spanOf(node));
    }
    if (left.type === 'identifier') {
      const version = this.nextVersion(left.text);
      this.graph.nameNext(left.text, version, spanOf(right));
      const value = this.expr(right);
      if (value.kind === 'array' && value.node !== undefined) {
        this.graph.builder.nameOp(value.node, left.text, version);
      }
      this.bind(left.text, value, spanOf(left), spanOf(node));
      return;
    }
    if (
      left.type === 'pattern_list' ||
      left.type === 'tuple_pattern' ||
      left.type === 'tuple' ||
      left.type === 'list_pattern'
    ) {
      this.unpack(left, this.expr(right), right, node);
      return;
    }
    if (left.type === 'subscript') {
      this.assignInto(left, this.expr(right), right.text, node);
      return;
    }
    if (left.type === 'attribute') {
      throw new CodeError(
        'unsupported',
        `assigning to an attribute (\`${excerpt(left.text)}\`) is not supported`,
        spanOf(left),
      );
    }
    throw unsupported(`assigning to \`${excerpt(left.text)}\``, spanOf(left));
  }

  /** `x[index] = value`: x's elements replaced, in every array that shares them. */
  private assignInto(
    target: SyntaxNode,
    value: PyValue,
    valueText: string,
    statement: SyntaxNode,
  ): void {
    const object = required(target, 'value');
    if (object.type === 'identifier') {
      this.graph.nameNext(object.text, this.nextVersion(object.text), spanOf(statement));
    }
    writeInto(this, target, value, valueText, statement);
  }

  private unpack(left: SyntaxNode, value: PyValue, right: SyntaxNode, statement: SyntaxNode): void {
    const targets = meaningfulChildren(left);
    if (value.kind !== 'tuple') {
      throw new CodeError(
        'unsupported',
        `unpacking \`${excerpt(right.text)}\` is not supported: it is not a tuple known without running the code`,
        spanOf(right),
      );
    }
    if (value.items.length !== targets.length) {
      throw new CodeError(
        'unsupported',
        `${targets.length} names are unpacked from ${value.items.length} values`,
        spanOf(right),
      );
    }
    targets.forEach((target, i) => {
      if (target.type !== 'identifier') {
        throw unsupported(`unpacking into \`${excerpt(target.text)}\``, spanOf(target));
      }
      this.bind(target.text, value.items[i] ?? { kind: 'none' }, spanOf(target), spanOf(statement));
    });
  }

  private augmented(node: SyntaxNode): void {
    const left = required(node, 'left');
    const right = required(node, 'right');
    const operator = required(node, 'operator').text.slice(0, -1);
    if (left.type === 'subscript') {
      // `x[i] += v` reads x[i] once and writes x[i] + v back, as NumPy's buffered += does.
      const site = { text: node.text, span: spanOf(left), operands: [left.text, right.text] };
      const sum = this.binary(operator, subscript(this, left), this.expr(right), site);
      this.assignInto(left, sum, right.text, node);
      return;
    }
    if (left.type !== 'identifier') {
      throw new CodeError(
        'unsupported',
        `updating \`${excerpt(left.text)}\` in place is not supported`,
        spanOf(left),
      );
    }
    this.graph.nameNext(left.text, this.nextVersion(left.text), spanOf(node));
    const current = this.readName(left.text, spanOf(left));
    const value = this.binary(operator, current, this.expr(right), {
      text: node.text,
      span: spanOf(node),
      operands: [left.text, right.text],
    });
    if (isArray(current) && isArray(value)) {
      writeWhole(this, left, current, value, node);
      return;
    }
    this.bind(left.text, value, spanOf(left), spanOf(node));
  }

  private nextVersion(name: string): number | undefined {
    const version = (this.versions.get(name) ?? 0) + 1;
    this.versions.set(name, version);
    return version === 1 ? undefined : version;
  }

  /**
   * Binds `name`. At the top level, a float array the code fixes (NumPy, JAX), a float number
   * in code without PyTorch, and a tensor with requires_grad become inputs named after it.
   */
  bind(name: string, value: PyValue, nameSpan: Span, statement: Span): void {
    let bound = this.noGrad > 0 && isArray(value) ? detached(value) : value;
    if (bound.kind === 'layer' && bound.name === '') {
      bound = { ...bound, name };
    }
    // Inputs are made by the code read itself (module level or the selected function), not
    // by the functions it calls.
    if (this.depth === 0 && this.loops === 0 && this.isInputValue(bound)) {
      bound = this.makeInput(name, bound, nameSpan, statement);
    }
    if (bound.kind === 'array') {
      // A fixed tensor read through the name is written as the name (its constant's label).
      const text = bound.node === undefined ? name : bound.text;
      bound = { ...bound, text, line: this.setup.lines.lineOf(statement.from) };
    }
    if (bound.kind === 'array' && value.kind === 'array') {
      this.buffers.adopt(bound, value);
    }
    this.frame.vars.set(name, bound);
    this.reference(name, bound, nameSpan, 'write');
    if (within(nameSpan, this.selection) && this.depth === 0) {
      this.lastAssigned = { name, value: bound, span: nameSpan };
    }
  }

  private isInputValue(value: PyValue): boolean {
    if (this.noGrad > 0 || this.parameterInputsOnly) {
      return false;
    }
    if (value.kind === 'number') {
      return !this.torchFile && value.dtype === 'float';
    }
    if (value.kind !== 'array' || value.node !== undefined) {
      return false;
    }
    if (value.requiresGrad === true) {
      return true;
    }
    return !this.torchFile && value.library !== 'torch' && value.dtype === 'float';
  }

  private makeInput(name: string, value: PyValue, nameSpan: Span, statement: Span): ArrayValue {
    const array = asArray(this.graph, value, name, nameSpan);
    const key = freshInputKey(name, statement, this.setup.lines, this.inputKeys);
    const typed = typedInputValue(this.setup.request, key, array.value.shape, nameSpan);
    const version = this.versions.get(name);
    const node = this.graph.input(name, array, {
      ...(key === name ? {} : { key }),
      ...(version === undefined || version === 1 ? {} : { version }),
      span: nameSpan,
    });
    this.inputKeys.add(key);
    const sample = array.sample === undefined ? {} : { sample: true };
    this.bindings[key] = {
      value: array.value,
      source: array.sample === undefined ? 'assignment' : 'random',
      ...sample,
      range: this.setup.lines.rangeOf(statement),
    };
    if (array.sample !== undefined) {
      this.note(`${key}: ${array.sample}`);
    }
    return { ...detached(array), dtype: 'float', value: typed ?? array.value, node };
  }

  /** A layer's parameter (`model.0.weight`): an input valued by a sample of its initialisation. */
  /**
   * A layer's parameter (`model.0.weight`): an input valued by a sample of its initialisation
   * (`sampled` says of what), or by the values the code set.
   */
  layerParameter(name: string, value: Tensor, sampled: string | undefined, span: Span): ArrayValue {
    // A layer read again keeps its inputs; another layer bound to the same name gets new ones.
    const key =
      this.parameterKeys.get(value) ?? freshInputKey(name, span, this.setup.lines, this.inputKeys);
    this.parameterKeys.set(value, key);
    const typed = typedInputValue(this.setup.request, key, value.shape, span);
    const sample =
      sampled === undefined ? undefined : `sample values for ${sampled}; PyTorch would draw others`;
    const array: ArrayValue = {
      kind: 'array',
      value: typed ?? value,
      dtype: 'float',
      library: 'torch',
      text: key,
      line: this.setup.lines.lineOf(span.from),
      ...(sample === undefined ? {} : { sample }),
    };
    const node = this.graph.input(name, array, { span, ...(key === name ? {} : { key }) });
    if (!this.inputKeys.has(key)) {
      this.inputKeys.add(key);
      this.bindings[key] = {
        value,
        source: sample === undefined ? 'assignment' : 'random',
        ...(sample === undefined ? {} : { sample: true }),
        range: this.setup.lines.rangeOf(span),
      };
      if (sample !== undefined) {
        this.note(`${key}: ${sample}`);
      }
    }
    return { ...array, node };
  }

  /** A parameter of the selected function: typed, annotated, its default, or refused. */
  private isGiven(name: string): boolean {
    const { arrays = {}, values = {} } = this.setup.request;
    return (
      Object.hasOwn(arrays, name) || Object.hasOwn(values, name) || this.setup.annotated.has(name)
    );
  }

  parameter(name: string, span: Span, fallback: PyValue | undefined, declared = true): void {
    const typedArray = Object.hasOwn(this.setup.request.arrays ?? {}, name)
      ? this.setup.request.arrays?.[name]
      : undefined;
    const typedNumber = Object.hasOwn(this.setup.request.values ?? {}, name)
      ? this.setup.request.values?.[name]
      : undefined;
    const annotated = this.setup.annotated.get(name);
    const given: Tensor | undefined =
      typedArray ??
      (typedNumber === undefined ? undefined : tensorOf([], Float64Array.of(typedNumber)));
    const value = given ?? annotated?.value;
    if (value === undefined) {
      if (fallback !== undefined) {
        this.bindParameter(name, fallback, span, 'default');
        return;
      }
      throw new CodeError(
        'unknown-name',
        `no value for ${name}: give it one, e.g. # at: ${name}=[[1, 2], [3, 4]]`,
        span,
        [name],
      );
    }
    const integer =
      value.shape.length === 0 && Number.isInteger(value.data[0]) && typedArray === undefined;
    if (integer) {
      // A whole number typed for a parameter is read as a Python int (a length, an index).
      this.frame.vars.set(name, numberValue(value.data[0] ?? 0, 'int'));
      return;
    }
    const array: ArrayValue = {
      kind: 'array',
      value,
      dtype: 'float',
      library: this.torchFile ? 'torch' : 'numpy',
      text: name,
      line: this.setup.lines.lineOf(span.from),
      ...(value.data.every(Number.isInteger) ? { wholeNumbers: true } : {}),
    };
    const key = freshInputKey(name, span, this.setup.lines, this.inputKeys);
    const node = this.graph.input(name, array, { span, ...(key === name ? {} : { key }) });
    this.inputKeys.add(key);
    if (given === undefined && annotated !== undefined) {
      this.bindings[key] = {
        value,
        source: 'annotation',
        range: this.setup.lines.rangeOf(annotated.span),
      };
    } else {
      this.unbound.push(key);
    }
    this.frame.vars.set(name, { ...array, node });
    if (declared) {
      this.reference(name, { ...array, node }, span, 'parameter');
    }
  }

  private bindParameter(
    name: string,
    value: PyValue,
    span: Span,
    source: 'default' | 'assignment',
  ): void {
    if (
      value.kind === 'array' ||
      (value.kind === 'number' && value.dtype === 'float' && !this.torchFile)
    ) {
      const array = asArray(this.graph, value, name, span);
      const key = freshInputKey(name, span, this.setup.lines, this.inputKeys);
      const node = this.graph.input(name, array, { span, ...(key === name ? {} : { key }) });
      this.inputKeys.add(key);
      this.bindings[key] = { value: array.value, source, range: this.setup.lines.rangeOf(span) };
      this.frame.vars.set(name, { ...array, dtype: 'float', node });
      return;
    }
    this.frame.vars.set(name, value);
  }

  private reference(name: string, value: PyValue, span: Span, role: Reference['role']): void {
    if (value.kind !== 'array' || !within(span, this.selection)) {
      return;
    }
    if (value.node === undefined) {
      // A value the code fixes gets a node only once an op uses it: resolved at the end.
      this.constantReferences.push({ name, span, value, role });
      return;
    }
    this.references.push({ name, range: this.setup.lines.rangeOf(span), node: value.node, role });
  }

  /** Every reference, those to constants included (the ones that became nodes), in order. */
  allReferences(): Reference[] {
    const constants = this.constantReferences.flatMap(({ name, span, value, role }) => {
      const node = this.graph.constantOf(value);
      return node === undefined
        ? []
        : [{ name, range: this.setup.lines.rangeOf(span), node, role }];
    });
    return [...this.references, ...constants].sort(
      (a, b) =>
        a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
    );
  }

  private forStatement(node: SyntaxNode): void {
    const target = required(node, 'left');
    const iterable = required(node, 'right');
    if (field(node, 'alternative') !== undefined) {
      throw unsupported('a `for … else`', spanOf(node));
    }
    const items = this.iterate(iterable);
    const body = meaningfulChildren(required(node, 'body'));
    this.graph.builder.openGroup(
      'loop',
      `for ${target.text} in ${excerpt(iterable.text)}`,
      this.setup.lines.rangeOf(spanOf(node)),
    );
    this.loops += 1;
    try {
      for (const item of items) {
        this.iterations += 1;
        if (this.iterations > MAX_ITERATIONS) {
          throw new CodeError(
            'too-large',
            `the loops run more than ${MAX_ITERATIONS} iterations in all`,
            spanOf(node),
          );
        }
        this.graph.builder.openGroup('iteration', `${target.text} = ${itemText(item)}`);
        try {
          if (target.type === 'identifier') {
            this.bind(target.text, item, spanOf(target), spanOf(target));
          } else {
            this.unpack(target, item, iterable, node);
          }
          this.statements(body);
        } finally {
          this.graph.builder.closeGroup();
        }
      }
    } finally {
      this.loops -= 1;
      this.graph.builder.closeGroup();
    }
  }

  private iterate(iterable: SyntaxNode): PyValue[] {
    const value = this.expr(iterable);
    if (value.kind === 'tuple') {
      return [...value.items];
    }
    throw new CodeError(
      'unsupported',
      `a loop over \`${excerpt(iterable.text)}\` is not supported: loop over range(n) or a list known without running the code`,
      spanOf(iterable),
    );
  }

  private ifStatement(node: SyntaxNode): void {
    if (this.truth(required(node, 'condition'))) {
      this.statements(meaningfulChildren(required(node, 'consequence')));
      return;
    }
    for (const branch of node.childrenForFieldName('alternative')) {
      if (branch === null) {
        continue;
      }
      if (branch.type === 'else_clause') {
        this.statements(meaningfulChildren(required(branch, 'body')));
        return;
      }
      if (this.truth(required(branch, 'condition'))) {
        this.statements(meaningfulChildren(required(branch, 'consequence')));
        return;
      }
    }
  }

  /** The truth of a condition at the known values (define-by-run). */
  truth(node: SyntaxNode): boolean {
    const value = this.expr(node);
    if (value.kind === 'number') {
      return value.value !== 0;
    }
    if (value.kind === 'none') {
      return false;
    }
    if (value.kind === 'tuple' || value.kind === 'string') {
      return value.kind === 'tuple' ? value.items.length > 0 : value.value.length > 0;
    }
    if (value.kind === 'array' && value.value.data.length === 1) {
      const truth = (value.value.data[0] ?? 0) !== 0;
      if (value.node !== undefined) {
        this.note(
          `\`${excerpt(node.text)}\` is ${truth ? 'true' : 'false'} at these values, which decided the code read; the gradient does not flow through it`,
        );
      }
      return truth;
    }
    throw new CodeError(
      'unsupported',
      `the truth of \`${excerpt(node.text)}\` is ambiguous: it holds ${value.kind === 'array' ? `an array of shape ${shapeText(value.value.shape)}` : 'no number'}`,
      spanOf(node),
    );
  }

  private withStatement(node: SyntaxNode): void {
    const clause = meaningfulChildren(node).find((child) => child.type === 'with_clause');
    const items = clause === undefined ? [] : meaningfulChildren(clause);
    const [item] = items;
    const value = item === undefined ? undefined : field(item, 'value');
    const path = value?.type === 'call' ? this.qualify(required(value, 'function')) : undefined;
    if (items.length !== 1 || (path !== 'torch.no_grad' && path !== 'torch.inference_mode')) {
      throw unsupported('a `with` other than `with torch.no_grad():`', spanOf(node));
    }
    this.noGrad += 1;
    this.graph.noGrad += 1;
    try {
      this.statements(meaningfulChildren(required(node, 'body')));
    } finally {
      this.noGrad -= 1;
      this.graph.noGrad -= 1;
    }
  }

  /**
   * Reads as under `torch.no_grad()`: values fixed by the code, no inputs made (arrays the
   * selection only receives through a call's arguments).
   */
  asConstants(read: () => void): void {
    this.noGrad += 1;
    this.graph.noGrad += 1;
    try {
      read();
    } finally {
      this.noGrad -= 1;
      this.graph.noGrad -= 1;
    }
  }

  // ---- calls of functions defined in the file ----

  callFunction(definition: SyntaxNode, name: string, call: Call): PyValue {
    if (this.depth >= MAX_CALL_DEPTH) {
      throw new CodeError(
        'too-deep',
        `\`${name}\` calls nest more than ${MAX_CALL_DEPTH} deep (recursion is not unrolled)`,
        call.span,
      );
    }
    if (enclosingFunctionOf(definition) !== undefined) {
      // Its free names would be the enclosing call's locals, which frames here do not keep.
      throw new CodeError(
        'unsupported',
        `\`${name}\` is defined inside another function: calling a nested function is not supported; define it at the top level`,
        call.span,
      );
    }
    const frame = new Frame(name);
    this.bindArguments(definition, name, call, frame);
    const saved = this.frame;
    this.callers.push(saved);
    this.frame = frame;
    this.depth += 1;
    this.graph.builder.openGroup('call', excerpt(call.text), this.setup.lines.rangeOf(call.span));
    try {
      this.statements(meaningfulChildren(required(definition, 'body')));
      return { kind: 'none' };
    } catch (signal) {
      if (signal instanceof Return) {
        return signal.value;
      }
      throw signal;
    } finally {
      this.graph.builder.closeGroup();
      this.depth -= 1;
      this.frame = saved;
      this.callers.pop();
    }
  }

  /** Every frame's names: the module's, the callers', the current one's. */
  scopes(): Map<string, PyValue>[] {
    return [...new Set([this.global, ...this.callers, this.frame])].map((frame) => frame.vars);
  }

  private bindArguments(definition: SyntaxNode, name: string, call: Call, frame: Frame): void {
    const params = parametersOf(definition);
    const used = new Set<string>();
    params.forEach((param, i) => {
      const given = call.positional[i] ?? call.keywords.get(param.name);
      if (call.positional[i] !== undefined && call.keywords.has(param.name)) {
        throw new CodeError(
          'unsupported',
          `\`${name}\` is given \`${param.name}\` twice`,
          call.span,
        );
      }
      used.add(param.name);
      if (given !== undefined) {
        frame.vars.set(param.name, given.value);
        return;
      }
      if (param.default === undefined) {
        throw new CodeError(
          'unsupported',
          `\`${name}\` needs its argument \`${param.name}\``,
          call.span,
        );
      }
      frame.vars.set(param.name, this.expr(param.default));
    });
    if (call.positional.length > params.length) {
      throw new CodeError(
        'unsupported',
        `\`${name}\` takes ${params.length} arguments, got ${call.positional.length}`,
        call.span,
      );
    }
    for (const [keyword, argument] of call.keywords) {
      if (!used.has(keyword)) {
        throw new CodeError(
          'unsupported',
          `\`${name}\` has no parameter \`${keyword}\``,
          argument.span,
        );
      }
    }
  }

  /** Runs a selected function's body with its parameters as inputs; its return is the output. */
  selectedFunction(definition: SyntaxNode): PyValue {
    const name = field(definition, 'name')?.text ?? 'f';
    this.enterFunction(definition);
    try {
      this.statements(meaningfulChildren(required(definition, 'body')));
    } catch (signal) {
      if (signal instanceof Return) {
        return signal.value;
      }
      throw signal;
    }
    throw new CodeError(
      'no-output',
      `\`${name}\` returns nothing: return the value to differentiate`,
      spanOf(definition),
    );
  }

  /** The parameters of the function a selection lies in, as inputs or known values. */
  /**
   * The selection lies in `definition`: its body is read in a frame of its own (functions it
   * calls see the module's names, not its locals), its parameters bound as inputs.
   */
  enterFunction(definition: SyntaxNode): void {
    this.frame = new Frame(field(definition, 'name')?.text);
    for (const param of parametersOf(definition)) {
      const argument = this.callSiteArguments.get(param.name);
      if (argument !== undefined && !this.isGiven(param.name)) {
        if (argument.constant) {
          this.frame.vars.set(param.name, argument.value);
        } else {
          this.bindParameter(param.name, argument.value, argument.span, 'assignment');
        }
        continue;
      }
      this.parameter(
        param.name,
        param.span,
        param.default === undefined ? undefined : this.expr(param.default),
      );
    }
  }

  /** A `return` at the top of a selection inside a function: its value is the output. */
  runSelection(nodes: readonly SyntaxNode[]): PyValue | undefined {
    try {
      this.statements(nodes);
      return undefined;
    } catch (signal) {
      if (signal instanceof Return) {
        return signal.value;
      }
      throw signal;
    }
  }

  // ---- expressions ----

  expr(node: SyntaxNode): PyValue {
    switch (node.type) {
      case 'integer':
        return numberValue(parseInteger(node.text, spanOf(node)), 'int');
      case 'float':
        if (/[jJ]$/.test(node.text)) {
          throw new CodeError('unsupported', 'a complex number is not supported', spanOf(node));
        }
        return numberValue(Number(node.text.replace(/_/g, '')), 'float');
      case 'true':
        return numberValue(1, 'bool');
      case 'false':
        return numberValue(0, 'bool');
      case 'none':
        return { kind: 'none' };
      case 'string':
        return { kind: 'string', value: stringText(node) };
      case 'identifier':
        return this.identifier(node);
      case 'parenthesized_expression': {
        const [inner] = meaningfulChildren(node);
        return inner === undefined ? { kind: 'tuple', items: [] } : this.expr(inner);
      }
      case 'list':
      case 'tuple':
      case 'expression_list':
        return { kind: 'tuple', items: meaningfulChildren(node).map((item) => this.expr(item)) };
      case 'binary_operator':
        return this.binaryOperator(node);
      case 'unary_operator':
        return this.unaryOperator(node);
      case 'comparison_operator':
        return this.comparison(node);
      case 'boolean_operator':
        return this.booleanOperator(node);
      case 'not_operator':
        return numberValue(this.truth(required(node, 'argument')) ? 0 : 1, 'bool');
      case 'conditional_expression': {
        const [consequent, test, alternative] = meaningfulChildren(node);
        if (consequent === undefined || test === undefined || alternative === undefined) {
          throw unsupported('this conditional expression', spanOf(node));
        }
        return this.expr(this.truth(test) ? consequent : alternative);
      }
      case 'attribute':
        return this.attribute(node);
      case 'call':
        return this.call(node);
      case 'subscript':
        return subscript(this, node);
      case 'ellipsis':
        return { kind: 'string', value: '...' };
      default:
        throw unsupported(
          `\`${excerpt(node.text)}\` (${node.type.replace(/_/g, ' ')})`,
          spanOf(node),
          'read array expressions: operators, library calls, methods, indexing',
        );
    }
  }

  private identifier(node: SyntaxNode): PyValue {
    const value = this.readName(node.text, spanOf(node));
    this.reference(node.text, value, spanOf(node), 'read');
    return value;
  }

  readName(name: string, span: Span): PyValue {
    const own = this.frame.vars.get(name) ?? this.global.vars.get(name);
    if (own !== undefined) {
      return own;
    }
    const module = this.setup.modules.qualify([name]) ?? CONVENTIONAL.get(name);
    if (module !== undefined) {
      return { kind: 'module', path: module };
    }
    const definition = this.setup.definitions.get(name);
    if (definition !== undefined) {
      return { kind: 'function', definition, name };
    }
    if (this.isGiven(name)) {
      // A name nothing assigns, given a value (typed or `# at:`): an input of its own.
      const saved = this.frame;
      this.frame = this.global;
      try {
        this.parameter(name, span, undefined, false);
      } finally {
        this.frame = saved;
      }
      return this.global.vars.get(name) ?? { kind: 'none' };
    }
    if (name === 'float' || name === 'int' || name === 'bool') {
      // `dtype=float`: Python's types as NumPy dtypes.
      return { kind: 'dtype', dtype: name, text: name };
    }
    throw new CodeError(
      'unknown-name',
      `no value for ${name}: give it one, e.g. # at: ${name}=[[1, 2], [3, 4]]`,
      span,
      [name],
    );
  }

  /** The qualified name of a dotted path whose head is a module (`np.random.randn`). */
  qualify(node: SyntaxNode): string | undefined {
    const parts: string[] = [];
    let current: SyntaxNode | undefined = node;
    while (current?.type === 'attribute') {
      parts.unshift(required(current, 'attribute').text);
      current = field(current, 'object');
    }
    if (current?.type !== 'identifier') {
      return undefined;
    }
    const bound = this.frame.vars.get(current.text) ?? this.global.vars.get(current.text);
    if (bound !== undefined) {
      return bound.kind === 'module' ? [bound.path, ...parts].join('.') : undefined;
    }
    const head = this.setup.modules.qualify([current.text]) ?? CONVENTIONAL.get(current.text);
    return head === undefined ? undefined : [head, ...parts].join('.');
  }

  private attribute(node: SyntaxNode): PyValue {
    const path = this.qualify(node);
    if (path !== undefined) {
      return moduleMember(path, node);
    }
    const object = required(node, 'object');
    return readAttribute(this, this.expr(object), required(node, 'attribute').text, node);
  }

  private call(node: SyntaxNode): PyValue {
    const fn = required(node, 'function');
    const written = fn.text;
    if (fn.type === 'attribute') {
      const path = this.qualify(fn);
      if (path !== undefined) {
        return callLibrary(this, path, this.callArguments(node, written));
      }
      const object = required(fn, 'object');
      const receiver: Argument = {
        value: this.expr(object),
        text: object.text,
        span: spanOf(object),
      };
      return callMethod(
        this,
        receiver,
        required(fn, 'attribute').text,
        this.callArguments(node, written),
      );
    }
    if (fn.type !== 'identifier') {
      throw unsupported(`calling \`${excerpt(written)}\``, spanOf(fn));
    }
    const callee =
      this.frame.vars.get(written) ??
      this.global.vars.get(written) ??
      this.builtinOrDefinition(written);
    const call = this.callArguments(node, written);
    if (callee?.kind === 'function') {
      return this.callFunction(callee.definition, callee.name, call);
    }
    if (callee?.kind === 'layer') {
      return callLayer(this, callee, call);
    }
    if (callee?.kind === 'module') {
      return callLibrary(this, callee.path, call);
    }
    const imported = this.setup.modules.qualify([written]);
    return callLibrary(this, imported ?? written, call);
  }

  private builtinOrDefinition(name: string): PyValue | undefined {
    const definition = this.setup.definitions.get(name);
    return definition === undefined ? undefined : { kind: 'function', definition, name };
  }

  callArguments(node: SyntaxNode, written: string): Call {
    const positional: Argument[] = [];
    const keywords = new Map<string, Argument>();
    for (const argument of meaningfulChildren(required(node, 'arguments'))) {
      if (argument.type === 'keyword_argument') {
        const name = required(argument, 'name').text;
        const value = required(argument, 'value');
        keywords.set(name, { value: this.expr(value), text: value.text, span: spanOf(argument) });
      } else if (argument.type === 'list_splat' || argument.type === 'dictionary_splat') {
        throw unsupported(
          `\`${excerpt(argument.text)}\` (unpacking into a call)`,
          spanOf(argument),
        );
      } else {
        positional.push({
          value: this.expr(argument),
          text: argument.text,
          span: spanOf(argument),
        });
      }
    }
    return new Call(written, positional, keywords, node.text, spanOf(node));
  }

  private binaryOperator(node: SyntaxNode): PyValue {
    const left = required(node, 'left');
    const right = required(node, 'right');
    const operator = required(node, 'operator').text;
    const site = { text: node.text, span: spanOf(node), operands: [left.text, right.text] };
    if (operator === '@') {
      return this.matmul(left, right, site);
    }
    return this.binary(operator, this.expr(left), this.expr(right), site);
  }

  private matmul(
    left: SyntaxNode,
    right: SyntaxNode,
    site: { text: string; span: Span; operands: string[] },
  ): PyValue {
    const operands = [left, right].map((operand) => {
      try {
        return this.expr(operand);
      } catch (error) {
        if (error instanceof CodeError && error.kind === 'unknown-name') {
          throw new CodeError(
            'unsupported',
            `the operator \`@\` is not supported on numbers: ${error.message}`,
            site.span,
            error.names,
          );
        }
        throw error;
      }
    });
    const arrays = operands.map((value, i) =>
      asArray(this.graph, value, site.operands[i] ?? '', site.span),
    );
    return this.graph.apply({ kind: 'matmul' }, arrays, site, {
      dtype: arrays.every((array) => array.dtype !== 'float') ? 'int' : 'float',
      library: arrays.find((array) => array.library !== 'numpy')?.library ?? 'numpy',
    });
  }

  /** `a op b` over Python numbers (exactly, as Python) or arrays (elementwise, broadcast). */
  binary(
    operator: string,
    left: PyValue,
    right: PyValue,
    site: { text: string; span: Span; operands?: readonly string[] },
  ): PyValue {
    if (left.kind === 'number' && right.kind === 'number') {
      return numberArithmetic(
        operator,
        left.value,
        right.value,
        left.dtype,
        right.dtype,
        site.span,
      );
    }
    if (left.kind === 'tuple' && right.kind === 'tuple' && operator === '+') {
      return { kind: 'tuple', items: [...left.items, ...right.items] };
    }
    if (
      (left.kind === 'tuple' || right.kind === 'tuple') &&
      left.kind !== 'array' &&
      right.kind !== 'array'
    ) {
      return tupleArithmetic(operator, left, right, site);
    }
    const op = BINARY_OPS.get(operator);
    if (op === undefined) {
      throw unsupported(`the operator \`${operator}\``, site.span);
    }
    const a = asArray(this.graph, left, site.operands?.[0] ?? site.text, site.span);
    const b = asArray(this.graph, right, site.operands?.[1] ?? site.text, site.span);
    return elementwise(this.graph, op, [a, b], site);
  }

  private unaryOperator(node: SyntaxNode): PyValue {
    const operand = required(node, 'argument');
    const operator = required(node, 'operator').text;
    const value = this.expr(operand);
    if (operator === '+') {
      return value;
    }
    if (operator !== '-') {
      throw unsupported(`the operator \`${operator}\``, spanOf(node));
    }
    if (value.kind === 'number') {
      return numberValue(-value.value, value.dtype === 'bool' ? 'int' : value.dtype);
    }
    const array = asArray(this.graph, value, operand.text, spanOf(operand));
    return elementwise(this.graph, 'neg', [array], {
      text: node.text,
      span: spanOf(node),
      operands: [operand.text],
    });
  }

  private comparison(node: SyntaxNode): PyValue {
    const operands = meaningfulChildren(node);
    const operators = node.children
      .filter((child): child is SyntaxNode => child !== null && !child.isNamed)
      .map((child) => child.text);
    const [left, right] = operands;
    const [operator] = operators;
    if (
      operands.length !== 2 ||
      left === undefined ||
      right === undefined ||
      operator === undefined ||
      !COMPARISONS.has(operator)
    ) {
      throw unsupported(`the comparison \`${excerpt(node.text)}\``, spanOf(node));
    }
    const a = this.expr(left);
    const b = this.expr(right);
    if (a.kind === 'number' && b.kind === 'number') {
      return numberValue(compareNumbers(operator as Comparison, a.value, b.value) ? 1 : 0, 'bool');
    }
    if ((a.kind === 'tuple' || b.kind === 'tuple') && a.kind !== 'array' && b.kind !== 'array') {
      // Python compares tuples (shapes) as wholes.
      if (operator !== '==' && operator !== '!=') {
        throw unsupported(`the comparison \`${excerpt(node.text)}\` of tuples`, spanOf(node));
      }
      const equal = JSON.stringify(plain(a)) === JSON.stringify(plain(b));
      return numberValue(equal === (operator === '==') ? 1 : 0, 'bool');
    }
    const arrays: [ArrayValue, ArrayValue] = [
      asArray(this.graph, a, left.text, spanOf(left)),
      asArray(this.graph, b, right.text, spanOf(right)),
    ];
    return compare(this.graph, operator as Comparison, arrays, {
      text: node.text,
      span: spanOf(node),
      operands: [left.text, right.text],
    });
  }

  private booleanOperator(node: SyntaxNode): PyValue {
    const left = required(node, 'left');
    const right = required(node, 'right');
    const operator = required(node, 'operator').text;
    const first = this.truth(left);
    if (operator === 'and') {
      return first ? numberValue(this.truth(right) ? 1 : 0, 'bool') : numberValue(0, 'bool');
    }
    return first ? numberValue(1, 'bool') : numberValue(this.truth(right) ? 1 : 0, 'bool');
  }
}

function within(span: Span, outer: Span): boolean {
  return span.from >= outer.from && span.to <= outer.to;
}

function itemText(item: PyValue): string {
  return item.kind === 'number' ? String(item.value) : '…';
}

function withArticleOf(node: SyntaxNode): string {
  const noun = node.type.replace(/_statement$|_definition$/, '').replace(/_/g, ' ');
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun} (\`${excerpt(node.text)}\`)`;
}

/** The values `copy_(t)`, `zero_()` or `fill_(v)` give a parameter of `current`'s shape. */
function setValues(method: string, call: Call, current: Tensor, graph: ArrayGraph): Tensor {
  if (method === 'zero_') {
    return tensorOf(current.shape, new Float64Array(current.data.length));
  }
  const argument = call.need(0, method === 'copy_' ? 'src' : 'value');
  if (method === 'fill_') {
    const value = argument.value;
    if (value.kind !== 'number') {
      throw new CodeError('unsupported', `\`${call.text}\` needs a number`, argument.span);
    }
    return tensorOf(current.shape, new Float64Array(current.data.length).fill(value.value));
  }
  const source = asArray(graph, argument.value, argument.text, argument.span, 'torch');
  if (!sameShape(source.value.shape, current.shape)) {
    throw new CodeError(
      'unsupported',
      `\`${call.text}\`: shapes ${shapeText(source.value.shape)} and ${shapeText(current.shape)} do not fit`,
      call.span,
    );
  }
  return source.value;
}

/** Python's `(3,) * 2` repeats a tuple; other arithmetic on lists and tuples is Python's TypeError. */
function tupleArithmetic(
  operator: string,
  left: PyValue,
  right: PyValue,
  site: { readonly text: string; readonly span: Span },
): PyValue {
  const [tuple, count] = left.kind === 'tuple' ? [left, right] : [right, left];
  if (
    operator === '*' &&
    tuple.kind === 'tuple' &&
    count.kind === 'number' &&
    count.dtype !== 'float'
  ) {
    return {
      kind: 'tuple',
      items: Array.from({ length: Math.max(0, count.value) }, () => tuple.items).flat(),
    };
  }
  throw new CodeError(
    'unsupported',
    `\`${excerpt(site.text)}\`: \`${operator}\` on a list or tuple is not arithmetic in Python; make an array first (np.array)`,
    site.span,
  );
}

function enclosingFunctionOf(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current !== null; current = current.parent) {
    if (current.type === 'function_definition') {
      return current;
    }
  }
  return undefined;
}
