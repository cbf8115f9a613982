/**
 * What the shared code front end needs from a language: its grammar, how selections map to
 * nodes, and a reader that translates its syntax into the language-neutral form.
 */
import type { Expr, NameAt, Param, Statement } from './codeAst';
import type { FrontEndRequest, LanguageId, TensorProgram } from '../frontEnd';
import type { SelectionSyntax, Target } from './selection';
import type { SourceLines } from '../sourceLines';
import type { Span } from '../span';
import type { GrammarName, SyntaxNode } from './treeSitter';

export interface CodeLanguage {
  readonly id: LanguageId;
  readonly grammar: GrammarName;
  /** For messages: "not valid Python". */
  readonly displayName: string;
  readonly syntax: SelectionSyntax;
  /** How a comment line starts, to find the comment lines just above a selection. */
  readonly commentStarts: readonly string[];
  /** Whether function declarations bind before their block runs (JavaScript's hoisting). */
  readonly hoistsFunctions: boolean;
  /** What can be called, ending a message about a call that cannot be followed: "… are". */
  readonly callable: string;
  /**
   * The characters a name may start with and continue with. The grammars accept more (a
   * right-to-left override or an emoji inside a name), which the language itself refuses.
   */
  readonly nameStart: RegExp;
  readonly namePart: RegExp;
  /** A reader for one parsed document (Python gathers the file's imports here). */
  open(root: SyntaxNode, source: string): DocumentReader;
  /**
   * Code with arrays (NumPy, PyTorch, JAX) read into a tensor program; undefined when the
   * selection and the code it reads make no arrays, so the scalar reader runs.
   */
  readArrays?(
    root: SyntaxNode,
    target: Target,
    lines: SourceLines,
    request: FrontEndRequest,
  ): TensorProgram | undefined;
}

export interface FunctionHeader {
  readonly name?: NameAt;
  readonly params: readonly Param[];
  readonly span: Span;
}

/** Each method throws a CodeError for what it cannot read, naming the construct. */
export interface DocumentReader {
  expression(node: SyntaxNode): Expr;
  /** One statement as neutral statements: none for `pass` or an import, one per declarator in `let a = 1, b = 2`. */
  statements(node: SyntaxNode): Statement[];
  /**
   * The function that `node` is or declares (`def`, `lambda`, `f = lambda …`, an arrow
   * function, `const f = …`), or undefined.
   */
  functionOf(node: SyntaxNode): SyntaxNode | undefined;
  /** Whether `node` opens a function scope (its parameters hide outer names). */
  isFunction(node: SyntaxNode): boolean;
  functionHeader(fn: SyntaxNode): FunctionHeader;
  functionBody(fn: SyntaxNode): Statement[];
  /** Every name a statement may assign, however deeply (a loop, an `if` …). */
  assignedNames(node: SyntaxNode): string[];
  /** Notes for the result, gathered while lowering (`sigmoid` read though the file defines none). */
  notes?(): string[];
}
