/**
 * A plain JavaScript copy of a tree-sitter subtree, read in one pass with a tree cursor. Every
 * property of a tree-sitter node is a call into wasm that makes a new object; the readers look
 * at each node several times, so they read a copy, which makes reading a big selection several
 * times faster. To save calls, positions are read only where they are needed: named leaves,
 * and nodes whose span their children do not give (`(x)` ends with an anonymous `)`).
 */
import type { Language } from 'web-tree-sitter';
import type { SyntaxNode, TreeCursor } from './treeSitter';

/** The position of an anonymous token (`+`, `(`), which no reader asks for. */
const UNREAD = -1;

export class Syntax {
  readonly children: Syntax[] = [];
  startIndex = UNREAD;
  endIndex = UNREAD;
  private named: Syntax[] | undefined;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    /** The field this node fills in its parent (`left`, `operator` …). */
    readonly field: string | undefined,
    private readonly source: string,
  ) {}

  /** An anonymous token's text is its type (`+`, `and`). */
  get text(): string {
    return this.startIndex === UNREAD
      ? this.type
      : this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): Syntax[] {
    this.named ??= this.children.filter((child) => child.isNamed);
    return this.named;
  }

  childForFieldName(name: string): Syntax | null {
    return this.children.find((child) => child.field === name) ?? null;
  }

  childrenForFieldName(name: string): Syntax[] {
    return this.children.filter((child) => child.field === name);
  }
}

/** The grammar's names of node types and fields by id, and which types are named. */
interface Vocabulary {
  readonly types: readonly string[];
  readonly fields: readonly (string | null)[];
  readonly named: (boolean | undefined)[];
}

const vocabularies = new WeakMap<Language, Vocabulary>();

export function snapshot(node: SyntaxNode, source: string): Syntax {
  const vocabulary = vocabularyOf(node.tree.language);
  const cursor = node.walk();
  try {
    return copy(cursor, vocabulary, source);
  } finally {
    cursor.delete();
  }
}

function copy(cursor: TreeCursor, vocabulary: Vocabulary, source: string): Syntax {
  const root = syntaxAt(cursor, vocabulary, source);
  const path: Syntax[] = [root];
  for (;;) {
    const current = path[path.length - 1] as Syntax;
    if (cursor.gotoFirstChild()) {
      const child = syntaxAt(cursor, vocabulary, source);
      current.children.push(child);
      path.push(child);
      continue;
    }
    if (current.isNamed || current === root) {
      readPosition(current, cursor);
    }
    for (;;) {
      if (path.length === 1) {
        return root;
      }
      if (cursor.gotoNextSibling()) {
        const sibling = syntaxAt(cursor, vocabulary, source);
        (path[path.length - 2] as Syntax).children.push(sibling);
        path[path.length - 1] = sibling;
        break;
      }
      cursor.gotoParent();
      path.pop();
      enclose(path[path.length - 1] as Syntax, cursor);
    }
  }
}

/** Each read from the cursor is a call into wasm; a node's type says whether it is named. */
function syntaxAt(cursor: TreeCursor, vocabulary: Vocabulary, source: string): Syntax {
  const typeId = cursor.nodeTypeId;
  const type = vocabulary.types[typeId] ?? cursor.nodeType;
  const field = vocabulary.fields[cursor.currentFieldId] ?? undefined;
  const named = (vocabulary.named[typeId] ??= cursor.nodeIsNamed);
  return new Syntax(type, named, field, source);
}

/** A node spans from its first child to its last, when their positions are known. */
function enclose(parent: Syntax, cursor: TreeCursor): void {
  const first = parent.children[0];
  const last = parent.children[parent.children.length - 1];
  if (
    first !== undefined &&
    last !== undefined &&
    first.startIndex !== UNREAD &&
    last.endIndex !== UNREAD
  ) {
    parent.startIndex = first.startIndex;
    parent.endIndex = last.endIndex;
  } else {
    readPosition(parent, cursor);
  }
}

function readPosition(node: Syntax, cursor: TreeCursor): void {
  node.startIndex = cursor.startIndex;
  node.endIndex = cursor.endIndex;
}

function vocabularyOf(language: Language): Vocabulary {
  let vocabulary = vocabularies.get(language);
  if (vocabulary === undefined) {
    vocabulary = { types: language.types, fields: language.fields, named: [] };
    vocabularies.set(language, vocabulary);
  }
  return vocabulary;
}
