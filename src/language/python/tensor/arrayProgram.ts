/**
 * The Python front end's path for code with arrays (NumPy, PyTorch, JAX): when the selection or
 * the code it reads makes arrays or uses `@`, it is read into a tensor graph (TensorProgram);
 * otherwise the scalar reader runs as before.
 */
import { shapeText } from '../../../engine/tensor/shape';
import { CodeError } from '../../code/codeError';
import type { Target } from '../../code/selection';
import { excerpt, field } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import type { FrontEndRequest, TensorProgram } from '../../frontEnd';
import type { SourceLines } from '../../sourceLines';
import { spanOf, type Span } from '../../span';
import type { PythonModules } from '../pythonModules';
import { annotatedArrays } from './arrayAnnotation';
import { planRead, type PlannedStatement } from './arrayPlan';
import { ArrayReader } from './arrayReader';
import { readUpToCall } from './callSiteArrays';
import type { PyValue } from './arrayValue';

/**
 * Words without which no code makes arrays: a document with none of them is scalar code,
 * known without walking its tree.
 */
const ARRAY_WORDS =
  /@|\b(?:array|asarray|zeros|ones|full|eye|identity|arange|linspace|random|rand|randn|randint|tensor|Tensor|as_tensor|from_numpy|Linear|Sequential|jnp|jax)\b|_like\b/;

/** The tensor program of an array selection, or undefined when it makes no arrays. */
export function readArrayProgram(
  root: SyntaxNode,
  target: Target,
  lines: SourceLines,
  request: FrontEndRequest,
  modules: PythonModules,
): TensorProgram | undefined {
  const typed = Object.keys(request.arrays ?? {}).length > 0;
  if (!typed && !ARRAY_WORDS.test(lines.text)) {
    return undefined;
  }
  const plan = planRead(root, target.nodes, modules);
  const typedArrays = Object.keys(request.arrays ?? {}).some((name) => plan.names.has(name));
  if (!plan.usesArrays && !typedArrays) {
    return undefined;
  }
  const from = Math.min(target.span.from, plan.enclosing?.startIndex ?? Infinity);
  const setup = {
    lines,
    modules,
    request,
    torchFile: usesTorch(lines.text),
    annotated: annotatedArrays(root, lines, from, target.span.to),
    definitions: plan.definitions,
  };
  const reader = readUpToCall({
    root,
    target,
    plan,
    lines,
    request,
    modules,
    reader: () => new ArrayReader(setup),
    read: readPlanned,
  });
  reader.selection = target.span;
  if (plan.enclosing !== undefined) {
    reader.enterFunction(plan.enclosing);
  }
  for (const planned of plan.inFunction) {
    readPlanned(reader, planned);
  }
  const enclosingName =
    plan.enclosing === undefined ? undefined : field(plan.enclosing, 'name')?.text;
  const output = readSelection(reader, target, request, enclosingName);
  return {
    kind: 'tensor',
    language: 'python',
    graph: reader.graph.builder.build(output.node),
    outputName: output.name,
    bindings: reader.bindings,
    unbound: reader.unbound,
    references: reader.allReferences(),
    range: lines.rangeOf(target.span),
    ...(reader.notes.length === 0 ? {} : { notes: reader.notes }),
  };
}

/** PyTorch code: only tensors with requires_grad are inputs there. */
function usesTorch(source: string): boolean {
  return /^[ \t]*(?:import|from)[ \t]+torch\b/m.test(source) || /\btorch\s*\./.test(source);
}

/**
 * A statement the selection needs is read (its errors are the selection's); one that only
 * draws from NumPy's stream is read if it can be, else the stream is lost from there on.
 */
function readPlanned(reader: ArrayReader, planned: PlannedStatement): void {
  if (planned.needed) {
    reader.statement(planned.node);
    return;
  }
  try {
    reader.statement(planned.node);
  } catch (error) {
    if (!(error instanceof CodeError)) {
      throw error;
    }
    reader.loseStream(planned.node.text);
  }
}

interface Output {
  readonly name: string;
  readonly node: number;
}

function readSelection(
  reader: ArrayReader,
  target: Target,
  request: FrontEndRequest,
  /** A `return` selected inside a function is named after that function. */
  enclosingName: string | undefined,
): Output {
  const [only] = target.nodes;
  if (target.kind === 'expression' && only !== undefined) {
    return outputOf(only.text, reader.expr(only), spanOf(only));
  }
  // A selected function (the imports around it aside) is read with its parameters as inputs.
  const code = target.nodes.filter((node) => !IMPORTS.has(node.type));
  const [sole] = code;
  const definition = sole !== undefined && code.length === 1 ? functionOf(sole) : undefined;
  if (definition !== undefined) {
    const name = field(definition, 'name')?.text ?? 'f';
    const output = outputOf(name, reader.selectedFunction(definition), spanOf(definition));
    // The function's value is named after it, as the scalar reader names it.
    reader.graph.builder.nameOp(output.node, name);
    return output;
  }
  const returned = reader.runSelection(target.nodes);
  if (request.output !== undefined) {
    return outputOf(request.output, reader.readName(request.output, target.span), target.span);
  }
  if (reader.backward !== undefined) {
    return outputOf(reader.backward.name, reader.backward.value, reader.backward.span);
  }
  if (returned !== undefined) {
    return outputOf(enclosingName ?? 'return', returned, target.span);
  }
  const last = reader.lastAssigned;
  if (last === undefined) {
    throw new CodeError(
      'no-output',
      'the selection assigns no name: select an assignment, or the expression to differentiate',
      target.span,
    );
  }
  return outputOf(last.name, last.value, last.span);
}

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

function functionOf(node: SyntaxNode): SyntaxNode | undefined {
  if (node.type === 'function_definition') {
    return node;
  }
  const inner = node.type === 'decorated_definition' ? field(node, 'definition') : undefined;
  return inner?.type === 'function_definition' ? inner : undefined;
}

/** The output must be one number that depends on an input. */
function outputOf(name: string, value: PyValue, span: Span): Output {
  if (value.kind !== 'array') {
    throw new CodeError(
      'no-output',
      `\`${excerpt(name)}\` is ${value.kind === 'number' ? 'a number fixed by the code' : 'no array'}: it depends on no input, so there is nothing to differentiate`,
      span,
    );
  }
  if (value.value.data.length !== 1) {
    throw new CodeError(
      'no-output',
      `\`${excerpt(name)}\` has shape ${shapeText(value.value.shape)}; gradients are taken of one number: select down to a loss, or add .sum()`,
      span,
    );
  }
  if (value.node === undefined) {
    const hint =
      value.library === 'torch' ? ' (in PyTorch code, make a tensor with requires_grad=True)' : '';
    throw new CodeError(
      'no-output',
      `\`${excerpt(name)}\` depends on no input, so there is nothing to differentiate${hint}`,
      span,
    );
  }
  return { name, node: value.node };
}
