/**
 * What the code before a selection says about values: the statements above it in each enclosing
 * block, and the parameters of each enclosing function (which hide outer names and bring their
 * defaults). Nothing is run; `constantValues` folds the events this gathers.
 *
 * Only what can matter is read: walking backwards from the selection, a statement is read only
 * when its text may assign a name whose value is still wanted, and once every wanted name is
 * settled the walk stops. Above a selection in a long file, most statements are never read.
 */
import type { Param, Statement } from './codeAst';
import { CodeError } from './codeError';
import type { DocumentReader, FunctionHeader } from './codeLanguage';
import { namesIn } from './freeNames';
import type { SyntaxNode } from './treeSitter';

export type ScopeEvent =
  | { readonly kind: 'statement'; readonly statement: Statement }
  /** Names whose values can no longer be known (assigned in a loop, a branch, a def …). */
  | { readonly kind: 'forget'; readonly names: readonly string[] }
  | { readonly kind: 'parameters'; readonly params: readonly Param[] };

export interface Scope {
  /** In document order. */
  readonly events: readonly ScopeEvent[];
  /** The innermost function around the selection. */
  readonly enclosingFunction?: FunctionHeader;
}

export interface ScopeRequest {
  readonly reader: DocumentReader;
  readonly containers: ReadonlySet<string>;
  readonly source: string;
  /** The names whose values the selection takes from the code before it. */
  readonly wanted: ReadonlySet<string>;
}

export function scopeBefore(first: SyntaxNode, request: ScopeRequest): Scope {
  const walk = new BackwardWalk(request);
  let enclosingFunction: FunctionHeader | undefined;
  for (const [parent, child] of ancestry(first)) {
    if (request.containers.has(parent.type)) {
      walk.statementsBefore(parent, child);
    } else if (request.reader.isFunction(parent)) {
      const header = headerOf(parent, request.reader);
      enclosingFunction ??= header;
      walk.parameters(header?.params ?? []);
    }
  }
  const events = walk.events();
  return enclosingFunction === undefined ? { events } : { events, enclosingFunction };
}

/** Each (parent, child) pair from `node` up to the root. */
function ancestry(node: SyntaxNode): [SyntaxNode, SyntaxNode][] {
  const pairs: [SyntaxNode, SyntaxNode][] = [];
  for (
    let child = node, parent = node.parent;
    parent !== null;
    child = parent, parent = parent.parent
  ) {
    pairs.push([parent, child]);
  }
  return pairs;
}

const NAME = String.raw`[\p{L}_$][\p{L}\p{N}_$]*`;
const IDENTIFIER = new RegExp(NAME, 'gu');
/** `name =`, `name op=` (not `==`), `name++`, `--name`. */
const ASSIGNED = new RegExp(
  String.raw`(${NAME})\s*(?:\*\*|\/\/|>>>|>>|<<|&&|\|\||\?\?|[-+*/%@&|^])?=(?!=)|(${NAME})\s*(?:\+\+|--)|(?:\+\+|--)\s*(${NAME})`,
  'gu',
);
const BINDS_OTHERWISE =
  /\b(?:for|def|class|function|import|as|del|global|nonlocal|except|with|case)\b|[:,{[]/;

class BackwardWalk {
  /** Names whose value is still wanted at the current point of the walk. */
  private readonly live: Set<string>;
  /** Gathered backwards. */
  private readonly kept: ScopeEvent[] = [];

  constructor(private readonly request: ScopeRequest) {
    this.live = new Set(request.wanted);
  }

  events(): ScopeEvent[] {
    return [...this.kept].reverse();
  }

  statementsBefore(container: SyntaxNode, child: SyntaxNode): void {
    if (this.live.size === 0) {
      return;
    }
    const cursor = container.walk();
    try {
      if (!cursor.gotoFirstChildForIndex(child.startIndex)) {
        return;
      }
      while (this.live.size > 0 && cursor.gotoPreviousSibling()) {
        const text = this.request.source.slice(cursor.startIndex, cursor.endIndex);
        if (this.mayAssignLive(text)) {
          this.statement(cursor.currentNode);
        }
      }
    } finally {
      cursor.delete();
    }
  }

  /** A parameter hides the outer name; its default is read where the function is defined. */
  parameters(params: readonly Param[]): void {
    this.kept.push({ kind: 'parameters', params });
    for (const param of params) {
      this.live.delete(param.name.name);
    }
    for (const param of params) {
      if (param.default !== undefined) {
        this.want(namesIn(param.default));
      }
    }
  }

  /**
   * Whether a statement's text may assign a wanted name. Most assignments show it as
   * `name =`, `name += …`, `name++`; for the other ways to bind a name (a loop, a def, an import,
   * `a, b = …`, destructuring, a type annotation) any mention of the name counts.
   */
  private mayAssignLive(text: string): boolean {
    if (BINDS_OTHERWISE.test(text)) {
      return this.mentionsLive(text);
    }
    for (const match of text.matchAll(ASSIGNED)) {
      const name = match[1] ?? match[2] ?? match[3];
      if (name !== undefined && this.live.has(name)) {
        return true;
      }
    }
    return false;
  }

  private mentionsLive(text: string): boolean {
    for (const [name] of text.matchAll(IDENTIFIER)) {
      if (this.live.has(name)) {
        return true;
      }
    }
    return false;
  }

  private statement(node: SyntaxNode): void {
    for (const event of [...eventsOf(node, this.request.reader)].reverse()) {
      if (event.kind === 'forget') {
        this.forget(event);
      } else if (event.kind === 'statement' && event.statement.kind === 'assign') {
        this.assign(event, event.statement);
      }
    }
  }

  private assign(event: ScopeEvent, statement: Statement & { kind: 'assign' }): void {
    const target = statement.target.name;
    if (!this.live.has(target)) {
      return;
    }
    this.kept.push(event);
    this.live.delete(target);
    this.want(namesIn(statement.value));
  }

  private forget(event: ScopeEvent & { kind: 'forget' }): void {
    const settled = event.names.filter((name) => this.live.has(name));
    if (settled.length > 0) {
      this.kept.push({ kind: 'forget', names: settled });
      for (const name of settled) {
        this.live.delete(name);
      }
    }
  }

  private want(names: readonly string[]): void {
    for (const name of names) {
      this.live.add(name);
    }
  }
}

/** A statement that cannot be read (a loop, a def …) makes the names it assigns unknown. */
function eventsOf(statement: SyntaxNode, reader: DocumentReader): ScopeEvent[] {
  try {
    return reader.statements(statement).map((read) => ({ kind: 'statement', statement: read }));
  } catch (error) {
    if (!(error instanceof CodeError)) {
      throw error;
    }
    return [{ kind: 'forget', names: reader.assignedNames(statement) }];
  }
}

/** An enclosing function whose parameters cannot be read (`*args`) hides no names. */
function headerOf(fn: SyntaxNode, reader: DocumentReader): FunctionHeader | undefined {
  try {
    return reader.functionHeader(fn);
  } catch (error) {
    if (error instanceof CodeError) {
      return undefined;
    }
    throw error;
  }
}
