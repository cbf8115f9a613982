import assert from 'node:assert/strict';
import { reparse, textEdit } from '../../../src/language/code/incrementalParse';
import { loadParser, parse, type SyntaxNode } from '../../../src/language/code/treeSitter';
import { wasmFromNodeModules } from '../../support/wasmFromNodeModules';

/** Every node's type, field-less shape and place: two trees that print alike are the same. */
function printed(root: SyntaxNode): string {
  const lines: string[] = [];
  const cursor = root.walk();
  for (let depth = 0; ;) {
    const { startPosition: s, endPosition: e } = cursor;
    lines.push(
      `${' '.repeat(depth)}${cursor.nodeType} ${cursor.currentFieldName ?? ''} ${cursor.startIndex}-${cursor.endIndex} ${s.row}:${s.column}-${e.row}:${e.column}`,
    );
    if (cursor.gotoFirstChild()) {
      depth += 1;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return lines.join('\n');
      }
      depth -= 1;
    }
  }
}

/** Parses `before`, then `after` reusing that tree, and compares with a fresh parse of `after`. */
async function assertSameAsFresh(grammar: string, before: string, after: string): Promise<void> {
  const parser = await loadParser(wasmFromNodeModules, grammar);
  const old = parse(parser, before);
  const edited = reparse(parser, { source: before, tree: old }, after);
  const fresh = parse(parser, after);
  try {
    assert.equal(printed(edited.rootNode), printed(fresh.rootNode));
    assert.equal(edited.rootNode.text, after);
  } finally {
    old.delete();
    edited.delete();
    fresh.delete();
  }
}

describe('incremental parse after an edit', () => {
  it('finds the one stretch that changed, with rows and columns', () => {
    assert.deepEqual(textEdit('a = 1\nb = 2\nc = 3\n', 'a = 1\nb = 25\nc = 3\n'), {
      startIndex: 11,
      oldEndIndex: 11,
      newEndIndex: 12,
      startPosition: { row: 1, column: 5 },
      oldEndPosition: { row: 1, column: 5 },
      newEndPosition: { row: 1, column: 6 },
    });
    assert.deepEqual(textEdit('x\ny\n', 'x\nq\nr\ny\n'), {
      startIndex: 2,
      oldEndIndex: 2,
      newEndIndex: 6,
      startPosition: { row: 1, column: 0 },
      oldEndPosition: { row: 1, column: 0 },
      newEndPosition: { row: 3, column: 0 },
    });
  });

  it('never splits a surrogate pair (two emoji that share their first half)', () => {
    const edit = textEdit('a = "😀"\n', 'a = "😁"\n');
    assert.equal(edit.startIndex, 5);
    assert.equal(edit.oldEndIndex, 7);
    assert.equal(edit.newEndIndex, 7);
  });

  const lines = Array.from({ length: 60 }, (_, i) => `h${i} = math.tanh(h${i} * w + 0.5)`);
  const python = `import math\nw = 0.5\n${lines.join('\n')}\n`;
  const edits: [what: string, after: string][] = [
    ['a weight changed', python.replace('w = 0.5', 'w = 0.75')],
    ['a line inserted', python.replace('w = 0.5\n', 'w = 0.5\nq = w ** 2\n')],
    ['a line deleted', python.replace('h3 = math.tanh(h3 * w + 0.5)\n', '')],
    ['a syntax error typed', python.replace('h7 = math.tanh(', 'h7 = math.tanh((')],
    ['a syntax error fixed', python],
    ['a name with an accent and an emoji string', python.replace('h9 =', 'hé = "😀"\nh9 =')],
    ['everything replaced', 'def f(x):\n    return x * x\n'],
    ['all deleted', ''],
    ['the same text', python],
  ];
  for (const [what, after] of edits) {
    it(`gives the tree a fresh parse gives: ${what}`, async () => {
      const before =
        what === 'a syntax error fixed'
          ? python.replace('h7 = math.tanh(', 'h7 = math.tanh((')
          : python;
      await assertSameAsFresh('python', before, after);
    });
  }

  it('gives the fresh tree for JavaScript after a weight changed', async () => {
    const before = 'const w = 0.5;\nlet y = Math.tanh(w * 2);\n';
    await assertSameAsFresh('javascript', before, before.replace('0.5', '-1.25'));
  });
});
