/**
 * What the product knows about one language, in one place: the descriptor. Everything that
 * lists languages is derived from the descriptors collected in `languages.ts` — the LanguageId
 * union, the VS Code languages the extension serves, the CLI's `--lang` values and file
 * extensions, the grammar files the build copies, the CodeLens placement — and a test checks
 * package.json (activation events, the editor menu) against them.
 *
 * Data only: the extension host loads the descriptors, so they must not pull in a front end.
 * The front end itself is made by the factory registered in `frontEnds.ts`.
 */
export interface LanguageDescriptor {
  /** The front end's id: `--lang`, `Program.language`, the key of everything per language. */
  readonly id: string;
  /** For messages and documentation: "Python". */
  readonly displayName: string;
  /** VS Code language ids whose documents this front end reads (each in one descriptor only). */
  readonly vscodeLanguages: readonly string[];
  /** File name extensions the CLI reads as this language: lower case, with the dot. */
  readonly fileExtensions: readonly string[];
  /** The tree-sitter grammar a code language parses with; none for a hand-written parser. */
  readonly grammar?: Grammar;
  /**
   * The lines that get the "∇ Inspect derivatives" CodeLens: function definitions and top-level
   * assignments (an assignment of a plain number never gets one).
   */
  readonly codeLens: readonly RegExp[];
}

/** A grammar's wasm file is `tree-sitter-<name>.wasm` in the npm package `package`. */
export interface Grammar {
  readonly name: string;
  readonly package: string;
}

/** The descriptor as written, with its literal id kept for the LanguageId union. */
export function describeLanguage<const D extends LanguageDescriptor>(descriptor: D): D {
  return descriptor;
}

/** The tree-sitter runtime every grammar needs. */
export const TREE_SITTER_RUNTIME = { package: 'web-tree-sitter', file: 'web-tree-sitter.wasm' };

/** The wasm file name of a grammar, as the build copies it and WasmSource reads it. */
export function grammarFile(name: string): string {
  return `tree-sitter-${name}.wasm`;
}
