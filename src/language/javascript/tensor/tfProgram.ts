/**
 * The JavaScript and TypeScript path for TensorFlow.js code: when the file uses `tf` and the
 * selection computes with tensors, the top-level statements up to the selection's end are read
 * into a tensor graph (TensorProgram); otherwise the scalar reader runs as before.
 */
import { shapeText } from '../../../engine/tensor/shape';
import { CodeError } from '../../code/codeError';
import type { Target } from '../../code/selection';
import { excerpt, field, meaningfulChildren } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import type { FrontEndRequest, TensorProgram } from '../../frontEnd';
import type { LanguageId } from '../../languages';
import type { SourceLines } from '../../sourceLines';
import { spanOf, type Span } from '../../span';
import { TfReader, type TfOutput } from './tfReader';
import type { TfValue } from './tfValue';

/** A file that imports or requires TensorFlow.js. */
const IMPORTS_TENSORFLOW = /['"`]@tensorflow\/tfjs/;

/** A snippet pasted without its import writes `tf.` itself. */
const WRITES_TF = /\btf\s*\.\s*[a-zA-Z]/;

/** micrograd's `Value`, whose methods share TensorFlow.js's names (javascriptAutograd.ts). */
const MICROGRAD = /\bnew\s+Value\s*\(/;

/** A selection that computes with tensors: `tf.` or a tensor method. */
const TENSOR_CODE =
  /\btf\s*\.|\.(?:add|sub|mul|div|pow|square|sum|mean|matMul|transpose|relu|sigmoid|tanh|exp|log|neg|abs|sqrt|maximum|minimum)\s*\(/;

const GRADIENT_CALL = /\btf\s*\.\s*(?:grad|grads|valueAndGrad|valueAndGrads|variableGrads)\s*\(/;

const FLOAT32_NOTE =
  'TensorFlow.js computes in float32; the values here are float64, so they may differ from what tf prints after about the 7th significant digit';
const ALL_INPUTS_NOTE =
  'no tf.grad, tf.grads, tf.valueAndGrad or tf.variableGrads call: every tensor the code binds to a name is an input, as in NumPy code';

/** The tensor program of a TensorFlow.js selection, or undefined when it is no such code. */
export function readTensorFlowProgram(
  root: SyntaxNode,
  target: Target,
  lines: SourceLines,
  request: FrontEndRequest,
  language: LanguageId,
): TensorProgram | undefined {
  const selected = lines.text.slice(target.span.from, target.span.to);
  const tensorFlow =
    IMPORTS_TENSORFLOW.test(lines.text) ||
    (WRITES_TF.test(selected) && !MICROGRAD.test(lines.text));
  if (!tensorFlow || !TENSOR_CODE.test(selected)) {
    return undefined;
  }
  refuseInsideFunction(target);
  const gradientCalls = GRADIENT_CALL.test(lines.text);
  const reader = new TfReader(lines, request, gradientCalls);
  // A selection ending with `tf.grad(f)(x)` arrives as f's definition and that call: read to it.
  const callSite = callSiteOf(request, lines);
  // A function selected alone is read at its first call in the file.
  const selectedFunction = callSite === undefined ? soleFunction(target) : undefined;
  reader.selectedFunction = selectedFunction;
  const end = callSite?.to ?? (selectedFunction === undefined ? target.span.to : lines.text.length);
  reader.selection = { from: target.span.from, to: end };
  const statements = root.namedChildren.filter((node): node is SyntaxNode => node !== null);
  reader.hoist(statements, reader.global);
  const [only] = target.nodes;
  const expression = target.kind === 'expression' ? only : undefined;
  for (const statement of statements) {
    if (
      statement.startIndex >= end ||
      (expression !== undefined && statement.endIndex > target.span.from)
    ) {
      break;
    }
    if (reader.differentiated !== undefined && request.output === undefined) {
      // What follows the gradient call (an optimizer step, prints) cannot change it.
      reader.note(
        `the lines from ${lines.lineOf(statement.startIndex) + 1} on follow the gradient call and are not read: they do not change what it differentiates`,
      );
      break;
    }
    if (reader.firstCall !== undefined) {
      break;
    }
    reader.statement(statement, reader.global);
  }
  const called = reader.firstCall;
  if (called !== undefined && selectedFunction !== undefined) {
    reader.note(
      `values from the call at line ${lines.lineOf(called.span.from) + 1}: \`${excerpt(lines.text.slice(called.span.from, called.span.to))}\``,
    );
  }
  const output = outputOf(
    request.output !== undefined
      ? named(reader, request.output, target.span)
      : expression !== undefined
        ? {
            name: excerpt(expression.text),
            value: reader.expr(expression, reader.global),
            span: target.span,
          }
        : selectedFunction !== undefined
          ? (reader.differentiated ?? called ?? uncalled(target.span))
          : (reader.differentiated ?? reader.lastAssigned ?? noOutput(target.span)),
  );
  // A gradient call's value is named after its function (`loss`), as an assignment names one.
  reader.graph.builder.nameOp(output.node, output.name);
  reader.note(FLOAT32_NOTE);
  if (!gradientCalls) {
    reader.note(ALL_INPUTS_NOTE);
  }
  return {
    kind: 'tensor',
    language,
    graph: reader.graph.builder.build(output.node),
    outputName: output.name,
    bindings: reader.bindings,
    unbound: [],
    references: reader.allReferences(),
    range: lines.rangeOf(target.span),
    notes: reader.notes,
  };
}

/**
 * The call that gives the selected function its arguments (`request.callSite`, set when a
 * selection ending with `tf.grad(f)(x)` was moved to f), as offsets.
 */
function callSiteOf(request: FrontEndRequest, lines: SourceLines): Span | undefined {
  const range = request.callSite;
  const from = range === undefined ? undefined : lines.offsetAt(range.start);
  const to = range === undefined ? undefined : lines.offsetAt(range.end);
  return from === undefined || to === undefined ? undefined : { from, to };
}

/** TensorFlow.js code is read from the top level, where its values are made. */
function refuseInsideFunction(target: Target): void {
  for (const node of target.nodes) {
    for (
      let parent = node.parent;
      parent !== null && parent.type !== 'program';
      parent = parent.parent
    ) {
      if (/function|method/.test(parent.type)) {
        throw new CodeError(
          'unsupported',
          'TensorFlow.js code is inspected from the top level: select the lines that call the function (tf.grad(f)(x), f(x)), or nothing for the whole file',
          target.span,
        );
      }
    }
  }
}

function named(reader: TfReader, name: string, span: Span): TfOutput {
  const value = reader.global.lookup(name);
  if (value === undefined) {
    throw new CodeError('no-output', `\`${name}\` is not assigned in the code read`, span);
  }
  return { name, value, span };
}

/** A function declared alone at the top level: `function f(x) {…}`, `const f = (x) => …`. */
function soleFunction(target: Target): Span | undefined {
  const [only, ...others] = target.nodes;
  if (target.kind !== 'statements' || only === undefined || others.length > 0) {
    return undefined;
  }
  const declarators = DECLARATIONS.has(only.type) ? meaningfulChildren(only) : [];
  const [declarator] = declarators;
  const value =
    declarators.length === 1 && declarator !== undefined ? field(declarator, 'value') : undefined;
  const fn = only.type === 'function_declaration' ? only : value;
  return fn !== undefined && FUNCTIONS.has(fn.type) ? spanOf(fn) : undefined;
}

const DECLARATIONS = new Set(['lexical_declaration', 'variable_declaration']);
const FUNCTIONS = new Set(['function_declaration', 'arrow_function', 'function_expression']);

function uncalled(span: Span): never {
  throw new CodeError(
    'no-output',
    'no call of the selected function is read in the file: the values come from a call at the top level (f(x), tf.grad(f)(x)); or select the lines that call it',
    span,
  );
}

function noOutput(span: Span): never {
  throw new CodeError(
    'no-output',
    'the selection assigns no tensor and calls no tf.grad: select an assignment, or the expression to differentiate',
    span,
  );
}

/** The output must be one number that depends on an input. */
function outputOf(output: TfOutput): { readonly name: string; readonly node: number } {
  const { name, span } = output;
  const value: TfValue = output.value;
  if (value.kind !== 'array') {
    throw new CodeError(
      'no-output',
      `\`${excerpt(name)}\` is no tensor: there is nothing to differentiate`,
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
    throw new CodeError(
      'no-output',
      `\`${excerpt(name)}\` depends on no input (a tf.variable, or what tf.grad differentiates), so there is nothing to differentiate`,
      span,
    );
  }
  return { name, node: value.node };
}
