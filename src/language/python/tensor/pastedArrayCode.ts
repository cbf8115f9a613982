/**
 * Pasted PyTorch code in the array reader: the statements that compute nothing (pastedStatements.ts)
 * are skipped with a note; `x.requires_grad = True` / `x.requires_grad_(True)` make x an input
 * from there on, as in PyTorch; `.backward()` takes `retain_graph=` (it changes no number) and
 * a seed `gradient=v` for an output that is not one number: PyTorch's x.grad is then the gradient
 * of sum(v ⊙ y), which is the output inspected. A second `.backward()` would add its gradients
 * to the first's in PyTorch; it is refused.
 */
import { sameShape, shapeText } from '../../../engine/tensor/shape';
import { CodeError } from '../../code/codeError';
import { excerpt, field, meaningfulChildren, required } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import type { SourceLines } from '../../sourceLines';
import { spanOf, type Span } from '../../span';
import { requiresGradSetting } from '../lateRequiresGrad';
import { deviceName, PastedNotes } from '../pastedStatements';
import type { ArrayGraph } from './arrayGraph';
import { elementwise, isArray, libraryOf } from './arrayOps';
import type { ArrayValue, PyValue } from './arrayValue';

/** What of the array reader the pasted statements use. */
export interface PastedHost {
  readonly notes: string[];
  readonly graph: ArrayGraph;
  readonly setup: { readonly lines: SourceLines };
  backward: { readonly name: string; readonly value: PyValue; readonly span: Span } | undefined;
  expr(node: SyntaxNode): PyValue;
  requireGrad(object: SyntaxNode): void;
  bind(name: string, value: PyValue, nameSpan: Span, statement: Span): void;
}

/** One PastedNotes per reader, kept with its notes. */
const pastedNotes = new WeakMap<string[], PastedNotes>();

function notesOf(host: PastedHost): PastedNotes {
  let notes = pastedNotes.get(host.notes);
  if (notes === undefined) {
    notes = new PastedNotes(host.notes, host.setup.lines.text);
    pastedNotes.set(host.notes, notes);
  }
  return notes;
}

/** Reads `statement` if it is pasted code of this kind; false when the reader reads it. */
export function readPasted(host: PastedHost, statement: SyntaxNode): boolean {
  const notes = notesOf(host);
  const device = deviceName(statement);
  if (device !== undefined) {
    // The code computes on the CPU here: `.to(device)` reads the name.
    host.bind(device.text, { kind: 'string', value: 'cpu' }, spanOf(device), spanOf(statement));
  }
  if (notes.skip(statement)) {
    return true;
  }
  const setting = requiresGradSetting(statement);
  if (setting !== undefined) {
    if (!setting.on) {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(setting.node.text)}\` is not supported: make the tensor without requires_grad to have a constant`,
        spanOf(setting.node),
      );
    }
    host.requireGrad(setting.object);
    notes.add(
      `line ${notes.lineOf(statement.startIndex)}: \`${excerpt(setting.node.text)}\`: \`${setting.name}\` is an input from here on, as in PyTorch`,
    );
    return true;
  }
  const backward = backwardCall(statement);
  if (backward === undefined) {
    return false;
  }
  readBackward(host, notes, backward);
  return true;
}

interface BackwardCall {
  readonly call: SyntaxNode;
  readonly output: SyntaxNode;
  readonly args: readonly SyntaxNode[];
}

function backwardCall(statement: SyntaxNode): BackwardCall | undefined {
  const [inner] = statement.type === 'expression_statement' ? meaningfulChildren(statement) : [];
  const callee = inner?.type === 'call' ? field(inner, 'function') : undefined;
  if (
    inner === undefined ||
    callee?.type !== 'attribute' ||
    required(callee, 'attribute').text !== 'backward'
  ) {
    return undefined;
  }
  const args = meaningfulChildren(field(inner, 'arguments') ?? inner).filter(
    (arg) => arg.type !== 'comment',
  );
  return { call: inner, output: required(callee, 'object'), args };
}

function readBackward(host: PastedHost, notes: PastedNotes, backward: BackwardCall): void {
  const { call, output, args } = backward;
  if (host.backward !== undefined) {
    throw new CodeError(
      'unsupported',
      `a second \`.backward()\` (\`${excerpt(call.text)}\`, line ${notes.lineOf(call.startIndex)}; the first at line ${notes.lineOf(host.backward.span.from)}): PyTorch adds its gradients to the first's, which is not followed; inspect one \`.backward()\``,
      spanOf(call),
    );
  }
  let seed: SyntaxNode | undefined;
  for (const [i, arg] of args.entries()) {
    const name = arg.type === 'keyword_argument' ? required(arg, 'name').text : undefined;
    if (name === 'gradient' || (name === undefined && i === 0)) {
      seed = name === undefined ? arg : required(arg, 'value');
    } else if (name !== 'retain_graph') {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(call.text)}\`: \`.backward()\` with \`${excerpt(arg.text)}\` is not supported (read are \`gradient=\` and \`retain_graph=\`)`,
        spanOf(arg),
      );
    }
  }
  const value = host.expr(output);
  if (seed === undefined) {
    host.backward = { name: output.text, value, span: spanOf(output) };
    return;
  }
  const name = `sum(${seed.type === 'identifier' ? seed.text : 'seed'} ⊙ ${output.type === 'identifier' ? output.text : 'output'})`;
  const product = seeded(host, value, seed, call);
  if (product.node !== undefined) {
    host.graph.builder.nameOp(product.node, name);
  }
  host.backward = { name, value: product, span: spanOf(call) };
  notes.add(
    `line ${notes.lineOf(call.startIndex)}: \`${excerpt(call.text)}\` seeds the backward pass with \`${excerpt(seed.text)}\`: the output is ${name}, whose gradients are PyTorch's .grad`,
  );
}

/** sum(v ⊙ y): its gradient with respect to x is PyTorch's x.grad after y.backward(v). */
function seeded(
  host: PastedHost,
  output: PyValue,
  seedNode: SyntaxNode,
  call: SyntaxNode,
): ArrayValue {
  const seed = host.expr(seedNode);
  if (!isArray(output) || !isArray(seed)) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(call.text)}\`: a seed is read for a tensor output, given as a tensor`,
      spanOf(call),
    );
  }
  if (seed.node !== undefined) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(seedNode.text)}\` depends on an input: a seed that is differentiated too is not supported`,
      spanOf(seedNode),
    );
  }
  if (!sameShape(seed.value.shape, output.value.shape)) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(call.text)}\`: the seed has shape ${shapeText(seed.value.shape)} but \`${excerpt(call.text)}\`'s output has shape ${shapeText(output.value.shape)} (PyTorch: "Mismatch in shape")`,
      spanOf(seedNode),
    );
  }
  const site = {
    text: call.text,
    span: spanOf(call),
    operands: [seedNode.text, required(call, 'function').text],
  };
  const product = elementwise(host.graph, 'mul', [seed, output], site);
  return host.graph.apply({ kind: 'sum', axes: null, keepdims: false }, [product], site, {
    dtype: 'float',
    library: libraryOf([product]),
  });
}
