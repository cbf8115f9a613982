/**
 * A selection that ends with a transformed call of a function defined in the file
 * (`g = jax.grad(f)(1.0)`, `v, g = value_and_grad(f)(x)`, `tf.grad(f)(3)`): its value is a
 * gradient, which the inspection of `f` at that call shows. So `f` is inspected there: its
 * value is the output, its gradient with respect to the parameter `argnums` picks is `g`.
 */
import type { SourceRange } from '../../engine/ir';
import { CodeError } from './codeError';
import type { DocumentReader } from './codeLanguage';
import type { FrontEndRequest } from '../frontEnd';
import { callSiteAt, transformAliases, type Alias } from './callSites';
import type { Target } from './selection';
import type { SourceLines } from '../sourceLines';
import { spanOf } from '../span';
import { field, meaningfulChildren } from './syntax';
import type { SyntaxNode } from './treeSitter';

export interface CallSiteTarget {
  /** The definition of the transformed function. */
  readonly target: Target;
  /** The transformed call, whose arguments give the function's parameters. */
  readonly callSite: SourceRange;
}

/** Wrappers around a statement's value: `x = …`, `const x = …`, an expression statement. */
const VALUE_FIELDS: ReadonlyMap<string, string> = new Map([
  ['assignment', 'right'],
  ['assignment_expression', 'right'],
  ['variable_declarator', 'value'],
]);

/** Statements whose last child is the assignment, declarator or expression they hold. */
const STATEMENTS = new Set(['expression_statement', 'lexical_declaration', 'variable_declaration']);

export function transformedCallTarget(
  root: SyntaxNode,
  selected: Target,
  reader: () => DocumentReader,
  lines: SourceLines,
): CallSiteTarget | undefined {
  const last = selected.nodes.at(-1);
  const value = last === undefined ? undefined : valueOf(last);
  if (value === undefined) {
    return undefined;
  }
  // Only a selection that ends with a call needs the file's aliases: a walk of every statement.
  const aliases = transformAliases(root);
  const name = transformedName(value, aliases);
  if (name === undefined || callSiteAt(value, name, aliases)?.transform === undefined) {
    return undefined;
  }
  const definition = definitionBefore(root, name, value.startIndex, reader());
  if (definition === undefined) {
    return undefined;
  }
  return {
    target: { kind: 'statements', nodes: [definition], span: spanOf(definition) },
    callSite: lines.rangeOf(spanOf(value)),
  };
}

/** The function a call transforms: `f` of `grad(f)(x)`, or of `dfdx(x)` after `dfdx = grad(f)`. */
function transformedName(
  call: SyntaxNode,
  aliases: ReadonlyMap<string, Alias>,
): string | undefined {
  const callee = field(call, 'function');
  if (callee?.type === 'identifier') {
    return aliases.get(callee.text)?.function;
  }
  const inner = callee === undefined ? undefined : field(callee, 'arguments');
  return inner === undefined ? undefined : meaningfulChildren(inner)[0]?.text;
}

/** What only shows a value: `print(…)`, `console.log(…)`. */
const DISPLAYS = new Set(['print', 'console.log']);

/** The value a statement computes, through assignments, declarations and a display call. */
function valueOf(node: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | undefined = node;
  for (let depth = 0; current !== undefined && depth < 6; depth += 1) {
    if (current.type === 'call' || current.type === 'call_expression') {
      const shown = displayed(current);
      if (shown === undefined) {
        return current;
      }
      current = shown;
      continue;
    }
    const slot = VALUE_FIELDS.get(current.type);
    if (slot !== undefined) {
      current = field(current, slot);
    } else {
      current = STATEMENTS.has(current.type) ? meaningfulChildren(current).at(-1) : undefined;
    }
  }
  return undefined;
}

/** The last top-level statement before `before` that defines the function `name`. */
function definitionBefore(
  root: SyntaxNode,
  name: string,
  before: number,
  reader: DocumentReader,
): SyntaxNode | undefined {
  return meaningfulChildren(root)
    .filter((statement) => statement.endIndex <= before)
    .filter((statement) => {
      const fn = reader.functionOf(statement);
      return fn !== undefined && nameOf(fn, reader) === name;
    })
    .at(-1);
}

/** A function's name; none when its header cannot be read (the inspection will say why). */
function nameOf(fn: SyntaxNode, reader: DocumentReader): string | undefined {
  try {
    return reader.functionHeader(fn).name?.name;
  } catch (error) {
    if (error instanceof CodeError) {
      return undefined;
    }
    throw error;
  }
}

/** The selection and request to read: at the transformed call, or as they are. */
export function retargeted(
  root: SyntaxNode,
  selected: Target,
  /** Opened only when the selection ends with a transformed call. */
  reader: () => DocumentReader,
  lines: SourceLines,
  request: FrontEndRequest,
): { readonly selected: Target; readonly request: FrontEndRequest } {
  const at =
    request.callSite === undefined
      ? transformedCallTarget(root, selected, reader, lines)
      : undefined;
  return at === undefined
    ? { selected, request }
    : { selected: at.target, request: { ...request, callSite: at.callSite } };
}

/** The one argument of `print(x)` or `console.log(x)`; undefined for any other call. */
function displayed(call: SyntaxNode): SyntaxNode | undefined {
  const callee = field(call, 'function')?.text.replace(/\s+/g, '');
  const args = meaningfulChildren(field(call, 'arguments') ?? call);
  return callee !== undefined && DISPLAYS.has(callee) && args.length === 1 ? args[0] : undefined;
}
