/**
 * What the code before a selection says about values: the statements above it in each enclosing
 * block, and the parameters of each enclosing function (which hide outer names and bring their
 * defaults). Nothing is run; `constantValues` folds the events this gathers.
 *
 * Only what can matter is read: walking backwards from the selection, a statement is read only
 * when its text may assign a name whose value is still wanted, and once every wanted name is
 * settled the walk stops. Above a selection in a long file, most statements are never read.
 *
 * Function definitions are found the same way, for the calls the selection makes: a wanted
 * name is settled by the nearest `def`, lambda or assignment. JavaScript's function
 * declarations bind before their block runs, so they count only when nothing nearer binds the
 * name, wherever in the block they are.
 */
import type { Param, Statement } from './codeAst';
import { CodeError } from './codeError';
import type { DocumentReader, FunctionHeader } from './codeLanguage';
import { namesIn } from './freeNames';
import { statementEvents } from './statementWalk';
import type { SyntaxNode } from './treeSitter';

export type ScopeEvent =
  /** `depth`: how many function scopes lie between the statement and the selection. */
  | { readonly kind: 'statement'; readonly statement: Statement; readonly depth: number }
  /** Names whose values can no longer be known (assigned in a loop, a branch, a class …). */
  | { readonly kind: 'forget'; readonly names: readonly string[] }
  | { readonly kind: 'parameters'; readonly params: readonly Param[] };

export interface Scope {
  /** In document order. */
  readonly events: readonly ScopeEvent[];
  /** The innermost function around the selection. */
  readonly enclosingFunction?: FunctionHeader;
  /** For each wanted name that was found: the depth of the scope that binds it. */
  readonly settled: ReadonlyMap<string, number>;
}

export interface ScopeRequest {
  readonly reader: DocumentReader;
  readonly containers: ReadonlySet<string>;
  readonly source: string;
  /** The names whose values (or functions) the selection takes from the code before it. */
  readonly wanted: ReadonlySet<string>;
  /** Whether function declarations bind before their block runs (JavaScript). */
  readonly hoisting: boolean;
  /** The depth of the selection's scope: 1 when it is a function (the walk starts outside it). */
  readonly depth: number;
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
      walk.leaveFunction();
    }
  }
  const found = { events: walk.events(), settled: walk.settled };
  return enclosingFunction === undefined ? found : { ...found, enclosingFunction };
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
  /\b(?:for|def|class|function|import|as|del|global|nonlocal|except|with|case|append|extend|push)\b|[:,{[]/;
/** The name a JavaScript function declaration binds. */
const DECLARED_FUNCTION = new RegExp(
  String.raw`^(?:export\s+(?:default\s+)?)?(?:async\s+)?function\b\s*\*?\s*(${NAME})`,
  'u',
);

class BackwardWalk {
  /** Names whose value is still wanted at the current point of the walk. */
  private readonly live: Set<string>;
  /** Gathered backwards. */
  private readonly kept: ScopeEvent[] = [];
  readonly settled = new Map<string, number>();
  private depth: number;

  constructor(private readonly request: ScopeRequest) {
    this.live = new Set(request.wanted);
    this.depth = request.depth;
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
    if (this.request.hoisting) {
      this.hoistedIn(container);
    }
  }

  /** A parameter hides the outer name; its default is read where the function is defined. */
  parameters(params: readonly Param[]): void {
    this.kept.push({ kind: 'parameters', params });
    for (const param of params) {
      this.settle(param.name.name);
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

  /** Names in the scopes further out are seen through one more function. */
  leaveFunction(): void {
    this.depth++;
  }

  private statement(node: SyntaxNode): void {
    for (const read of [...eventsOf(node, this.request.reader)].reverse()) {
      if (read.kind === 'forget') {
        this.forget(read.names);
        continue;
      }
      const { statement } = read;
      if (statement.kind === 'assign') {
        this.assign(statement);
      } else if (statement.kind === 'function' && !statement.definition.hoisted) {
        this.define(statement);
      }
    }
  }

  private assign(statement: Statement & { kind: 'assign' }): void {
    if (this.keep(statement, statement.target.name)) {
      this.want(namesIn(statement.value));
    }
  }

  /** What the function reads is wanted too, but from the call: the code front end asks again. */
  private define(statement: Statement & { kind: 'function' }): void {
    this.keep(statement, statement.definition.name.name);
  }

  /** Keeps `statement` when it binds a wanted name, which is then settled. */
  private keep(statement: Statement, name: string): boolean {
    if (!this.live.has(name)) {
      return false;
    }
    this.kept.push({ kind: 'statement', statement, depth: this.depth });
    this.settle(name);
    return true;
  }

  private forget(names: readonly string[]): void {
    const settled = names.filter((name) => this.live.has(name));
    if (settled.length > 0) {
      this.kept.push({ kind: 'forget', names: settled });
      for (const name of settled) {
        this.settle(name);
      }
    }
  }

  /**
   * JavaScript binds a block's function declarations before its first statement, so one binds
   * a name that nothing nearer bound; the last declaration of a name wins.
   */
  private hoistedIn(container: SyntaxNode): void {
    if (this.live.size === 0) {
      return;
    }
    const found = new Map<string, Statement>();
    const cursor = container.walk();
    try {
      for (let more = cursor.gotoFirstChild(); more; more = cursor.gotoNextSibling()) {
        const text = this.request.source.slice(cursor.startIndex, cursor.endIndex);
        const name = DECLARED_FUNCTION.exec(text)?.[1];
        if (name !== undefined && this.live.has(name)) {
          this.hoisted(cursor.currentNode, found);
        }
      }
    } finally {
      cursor.delete();
    }
    for (const [name, statement] of found) {
      this.keep(statement, name);
    }
  }

  private hoisted(node: SyntaxNode, found: Map<string, Statement>): void {
    for (const read of eventsOf(node, this.request.reader)) {
      if (read.kind === 'statement' && read.statement.kind === 'function') {
        found.set(read.statement.definition.name.name, read.statement);
      }
    }
  }

  private settle(name: string): void {
    this.live.delete(name);
    if (!this.settled.has(name)) {
      this.settled.set(name, this.depth);
    }
  }

  private want(names: readonly string[]): void {
    for (const name of names) {
      this.live.add(name);
    }
  }
}

/** Statements with statements inside (loops, branches, blocks). */
const COMPOUND: ReadonlySet<Statement['kind']> = new Set(['if', 'for', 'while', 'switch', 'block']);

type ReadEvent =
  | { readonly kind: 'statement'; readonly statement: Statement }
  | { readonly kind: 'forget'; readonly names: readonly string[] };

/** A statement that cannot be read (a loop, a class …) makes the names it assigns unknown. */
function eventsOf(statement: SyntaxNode, reader: DocumentReader): ReadEvent[] {
  try {
    return reader.statements(statement).map((read): ReadEvent => {
      if (!COMPOUND.has(read.kind)) {
        return { kind: 'statement', statement: read };
      }
      // A loop or branch above the selection: what it assigns is not folded (forgotten).
      const names = statementEvents([read]).flatMap((event) =>
        event.kind === 'bind'
          ? [event.target.name]
          : event.kind === 'define'
            ? [event.definition.name.name]
            : [],
      );
      return { kind: 'forget', names };
    });
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
