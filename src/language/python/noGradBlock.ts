/**
 * `with torch.no_grad():` (or `torch.inference_mode()`) around scalar PyTorch code: what is
 * assigned inside is computed without a gradient, as PyTorch records it, so each value is a
 * constant (a 'detached' expression, with a note). An in-place update inside (`w -= …`, a
 * training step) keeps w an input in PyTorch with a new value, which is not followed: refused,
 * as is any statement other than an assignment.
 */
import type { Statement } from '../code/codeAst';
import { CodeError, unsupported } from '../code/codeError';
import type { Syntax } from '../code/snapshot';
import { excerpt, field, meaningfulChildren, required } from '../code/syntax';
import { spanOf } from '../span';
import { dottedPath, type PythonModules } from './pythonModules';

const NO_GRAD = new Set(['torch.no_grad', 'torch.inference_mode']);

/** The statements of a `with torch.no_grad():` block, or undefined for any other statement. */
export function noGradBlock(
  node: Syntax,
  modules: PythonModules,
  read: (statement: Syntax) => Statement[],
): Statement[] | undefined {
  if (node.type !== 'with_statement' || !isNoGrad(node, modules)) {
    return undefined;
  }
  return meaningfulChildren(required(node, 'body')).flatMap((statement) => {
    if (isAugmented(statement)) {
      throw unsupported(
        `\`${excerpt(statement.text)}\` (an in-place update under \`torch.no_grad()\`)`,
        spanOf(statement),
        'under torch.no_grad() assign new names (`c = x * 3`); a training step is not followed',
      );
    }
    return read(statement).map((read) => constant(read, statement));
  });
}

function isNoGrad(node: Syntax, modules: PythonModules): boolean {
  const clause = meaningfulChildren(node).find((child) => child.type === 'with_clause');
  const items = clause === undefined ? [] : meaningfulChildren(clause);
  const [item] = items;
  const value = item === undefined ? undefined : field(item, 'value');
  const callee = value?.type === 'call' ? field(value, 'function') : undefined;
  const path = callee === undefined ? undefined : dottedPath(callee);
  const name = path === undefined ? undefined : modules.qualify(path);
  return items.length === 1 && name !== undefined && NO_GRAD.has(name);
}

function isAugmented(statement: Syntax): boolean {
  return meaningfulChildren(statement)[0]?.type === 'augmented_assignment';
}

function constant(read: Statement, statement: Syntax): Statement {
  if (read.kind !== 'assign') {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(statement.text)}\` under \`torch.no_grad()\` is not supported: only assignments are read there`,
      spanOf(statement),
    );
  }
  const note =
    'computed under `torch.no_grad()`: a constant, the gradient does not flow through it, as in PyTorch';
  return { ...read, value: { kind: 'detached', operand: read.value, note, span: read.value.span } };
}
