/**
 * `requires_grad` switched on after a scalar tensor is made, as tutorials write it:
 * `x = torch.tensor(2.0)` then `x.requires_grad = True` (or `x.requires_grad_()`,
 * `x.requires_grad_(True)`). When nothing between the two uses x, it is the same as
 * `torch.tensor(2.0, requires_grad=True)`: x is an input. A use in between would have been
 * computed without a gradient, which the scalar reader does not follow: refused, naming it.
 */
import type { Statement } from '../code/codeAst';
import { CodeError } from '../code/codeError';
import { excerpt, field, meaningfulChildren } from '../code/syntax';
import type { SyntaxNode } from '../code/treeSitter';
import { spanOf } from '../span';
import { pastedStatement } from './pastedStatements';
import { DEVICE_METHODS } from './torchPrecision';

interface Setting {
  readonly name: string;
  /** The tensor's name as written. */
  readonly object: SyntaxNode;
  readonly on: boolean;
  readonly node: SyntaxNode;
}

/** `x.requires_grad = True`, `x.requires_grad_()`, `x.requires_grad_(False)`; else undefined. */
export function requiresGradSetting(statement: SyntaxNode): Setting | undefined {
  // Reading the text first spares most statements the calls that make their child nodes.
  if (statement.type !== 'expression_statement' || !statement.text.includes('requires_grad')) {
    return undefined;
  }
  const parts = meaningfulChildren(statement);
  const [inner] = parts;
  if (inner === undefined || parts.length !== 1) {
    return undefined;
  }
  if (inner.type === 'assignment') {
    const left = field(inner, 'left');
    const object = left === undefined ? undefined : requiresGradOf(left, 'requires_grad');
    const value = field(inner, 'right')?.type;
    return object === undefined || (value !== 'true' && value !== 'false')
      ? undefined
      : { name: object.text, object, on: value === 'true', node: inner };
  }
  const callee = inner.type === 'call' ? field(inner, 'function') : undefined;
  const object = callee === undefined ? undefined : requiresGradOf(callee, 'requires_grad_');
  if (object === undefined) {
    return undefined;
  }
  const args = meaningfulChildren(field(inner, 'arguments') ?? inner).filter(
    (arg) => arg.type !== 'comment',
  );
  const [flag] = args;
  const flagValue = flag?.type === 'keyword_argument' ? field(flag, 'value') : flag;
  if (args.length > 1 || (flagValue !== undefined && !['true', 'false'].includes(flagValue.type))) {
    return undefined;
  }
  return { name: object.text, object, on: flagValue?.type !== 'false', node: inner };
}

function requiresGradOf(node: SyntaxNode, attribute: string): SyntaxNode | undefined {
  const object = field(node, 'object');
  return node.type === 'attribute' &&
    field(node, 'attribute')?.text === attribute &&
    object?.type === 'identifier'
    ? object
    : undefined;
}

export class LateRequiresGrad {
  constructor(
    private readonly note: (text: string) => void,
    private readonly lineOf: (offset: number) => number,
  ) {}

  /**
   * The setting statement itself: nothing to compute (its meaning is read where x is made);
   * undefined when `statement` is no such setting.
   */
  setting(statement: SyntaxNode): Statement[] | undefined {
    const setting = requiresGradSetting(statement);
    if (setting === undefined) {
      return undefined;
    }
    const made = this.madeBefore(statement, setting);
    this.note(
      `line ${this.lineOf(statement.startIndex)}: \`${excerpt(setting.node.text)}\` read as \`requires_grad=True\` where \`${setting.name}\` is made (line ${this.lineOf(made.startIndex)})`,
    );
    return [];
  }

  /** `x = torch.tensor(2.0)` followed by `x.requires_grad = True`: x is an input. */
  made(statement: SyntaxNode, read: Statement[]): Statement[] {
    const [only] = read;
    // Only a constant tensor can be switched on: the look ahead is for those alone.
    if (
      only?.kind !== 'assign' ||
      read.length !== 1 ||
      only.value.kind !== 'detached' ||
      !madeByTensor(statement)
    ) {
      return read;
    }
    const setting = laterSetting(statement, only.target.name);
    return setting === undefined ? read : [{ ...only, value: only.value.operand }];
  }

  /** The statement that made the tensor, with nothing in between that uses it. */
  private madeBefore(statement: SyntaxNode, setting: Setting): SyntaxNode {
    if (!setting.on) {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(setting.node.text)}\` is not supported: leave requires_grad out to make a constant`,
        spanOf(setting.node),
      );
    }
    for (
      let before = statement.previousNamedSibling;
      before !== null;
      before = before.previousNamedSibling
    ) {
      if (!mentions(before, setting.name)) {
        continue;
      }
      if (assigns(before, setting.name)) {
        if (!madeByTensor(before)) {
          throw new CodeError(
            'unsupported',
            `\`${excerpt(setting.node.text)}\` on \`${setting.name}\` made by \`${excerpt(before.text)}\` is not supported: set requires_grad on a tensor made by \`torch.tensor(…)\``,
            spanOf(setting.node),
          );
        }
        return before;
      }
      throw new CodeError(
        'unsupported',
        `\`${excerpt(setting.node.text)}\` after \`${setting.name}\` is used (line ${this.lineOf(before.startIndex)}: \`${excerpt(before.text)}\`) is not supported: PyTorch computed that use without a gradient; set requires_grad where \`${setting.name}\` is made`,
        spanOf(setting.node),
      );
    }
    throw new CodeError(
      'unsupported',
      `\`${excerpt(setting.node.text)}\`: \`${setting.name}\` is not made above in the same block`,
      spanOf(setting.node),
    );
  }
}

/** The requires_grad setting that follows `statement` before anything else uses `name`. */
function laterSetting(statement: SyntaxNode, name: string): Setting | undefined {
  for (let after = statement.nextNamedSibling; after !== null; after = after.nextNamedSibling) {
    const setting = requiresGradSetting(after);
    if (setting?.name === name) {
      return setting;
    }
    if (mentions(after, name)) {
      return undefined;
    }
  }
  return undefined;
}

/** Whether `statement` reads or assigns `name`; display lines and comments do not count. */
function mentions(statement: SyntaxNode, name: string): boolean {
  if (statement.type === 'comment' || pastedStatement(statement) !== undefined) {
    return false;
  }
  return statement.descendantsOfType('identifier').some((id) => id?.text === name);
}

/** `x = torch.tensor(…)`, also followed by `.to(device)`, `.float()` …. */
function madeByTensor(statement: SyntaxNode): boolean {
  const [inner] = meaningfulChildren(statement);
  let value = inner?.type === 'assignment' ? field(inner, 'right') : undefined;
  for (;;) {
    const callee = value?.type === 'call' ? field(value, 'function') : undefined;
    if (callee?.type !== 'attribute') {
      return false;
    }
    const name = field(callee, 'attribute')?.text ?? '';
    if (name === 'tensor') {
      return true;
    }
    if (!DEVICE_METHODS.has(name) && name !== 'double') {
      return false;
    }
    value = field(callee, 'object');
  }
}

function assigns(statement: SyntaxNode, name: string): boolean {
  const [inner] = meaningfulChildren(statement);
  return inner?.type === 'assignment' && field(inner, 'left')?.text === name;
}
