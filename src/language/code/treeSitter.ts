/**
 * Tree-sitter, loaded lazily and once: the runtime on the first parse of any code language,
 * each grammar on the first parse of its language. The caller says where the wasm bytes come
 * from (files beside the bundle, node_modules in tests), so nothing here touches the network
 * or the file system.
 */
import type { Edit, Node, Parser, Tree, TreeCursor as Cursor } from 'web-tree-sitter';
import { grammarFile, TREE_SITTER_RUNTIME } from '../descriptor';

export type SyntaxNode = Node;
export type SyntaxTree = Tree;
export type TreeCursor = Cursor;

/**
 * Where the wasm files come from; `fileName` is the runtime's or a grammar's file name
 * (`web-tree-sitter.wasm`, `tree-sitter-python.wasm`; see the descriptors).
 */
export interface WasmSource {
  read(fileName: string): Promise<Uint8Array>;
}

/** A grammar's name, as its descriptor gives it: `python` for `tree-sitter-python.wasm`. */
export type GrammarName = string;

type TreeSitterModule = typeof import('web-tree-sitter');

/**
 * Process-wide, because Parser.init sets up a single Emscripten module: the first WasmSource
 * that loads a file is the one used. A failed load is forgotten, so a later call can retry.
 */
let runtime: Promise<TreeSitterModule> | undefined;
/** The runtime's edit record, known once the runtime is loaded (before any parser exists). */
let EditRecord: typeof Edit | undefined;
const parsers = new Map<GrammarName, Promise<Parser>>();

/** A parser for `grammar`, ready to use. */
export function loadParser(wasm: WasmSource, grammar: GrammarName): Promise<Parser> {
  const cached = parsers.get(grammar);
  if (cached !== undefined) {
    return cached;
  }
  const loading = createParser(wasm, grammar);
  parsers.set(grammar, loading);
  loading.catch(() => parsers.delete(grammar));
  return loading;
}

/** Parses `text`; the caller must `delete()` the tree, which lives in wasm memory. */
export function parse(parser: Parser, text: string): SyntaxTree {
  const tree = parser.parse(text);
  if (tree === null) {
    throw new Error('tree-sitter returned no tree');
  }
  return tree;
}

/**
 * Parses `text` reusing the subtrees of `old` outside the stretch `edit` says changed; `old`
 * is edited to match and the caller must still `delete()` it.
 */
export function parseEdited(
  parser: Parser,
  old: SyntaxTree,
  edit: ConstructorParameters<typeof Edit>[0],
  text: string,
): SyntaxTree {
  if (EditRecord === undefined) {
    throw new Error('tree-sitter is not loaded');
  }
  old.edit(new EditRecord(edit));
  const tree = parser.parse(text, old);
  if (tree === null) {
    throw new Error('tree-sitter returned no tree');
  }
  return tree;
}

async function createParser(wasm: WasmSource, grammar: GrammarName): Promise<Parser> {
  const treeSitter = await loadRuntime(wasm);
  const bytes = await readWasm(wasm, grammarFile(grammar));
  const language = await treeSitter.Language.load(bytes);
  const parser = new treeSitter.Parser();
  parser.setLanguage(language);
  return parser;
}

function loadRuntime(wasm: WasmSource): Promise<TreeSitterModule> {
  if (runtime === undefined) {
    runtime = initRuntime(wasm);
    runtime.catch(() => {
      runtime = undefined;
    });
  }
  return runtime;
}

async function initRuntime(wasm: WasmSource): Promise<TreeSitterModule> {
  // A dynamic import, so that activating the extension does not pay for the runtime.
  const treeSitter = await import('web-tree-sitter');
  const wasmBinary = await readWasm(wasm, TREE_SITTER_RUNTIME.file);
  // Handing over the bytes keeps Emscripten from looking for the file (or fetching it).
  await treeSitter.Parser.init({ wasmBinary });
  EditRecord = treeSitter.Edit;
  return treeSitter;
}

async function readWasm(wasm: WasmSource, fileName: string): Promise<Uint8Array> {
  try {
    return await wasm.read(fileName);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not read the parser file ${fileName}: ${reason}`, { cause: error });
  }
}
