/**
 * Which modules and functions the names of a Python file stand for, from its imports
 * (`import numpy as xp`, `from math import exp, pi`, `from torch.nn import functional as F`)
 * wherever they are in the file. A selection often leaves the imports out, so the conventional
 * aliases (np, F, math, torch …) are understood even without an import; an import of the same
 * name says otherwise and wins.
 */
import { field } from '../code/syntax';
import type { SyntaxNode } from '../code/treeSitter';

const CONVENTIONAL: ReadonlyMap<string, string> = new Map([
  ['math', 'math'],
  ['np', 'numpy'],
  ['numpy', 'numpy'],
  ['torch', 'torch'],
  ['F', 'torch.nn.functional'],
  ['scipy', 'scipy'],
]);

export class PythonModules {
  /** Local name → what it was imported as: a module (`numpy`) or a member (`math.exp`). */
  private readonly imported = new Map<string, string>();
  /** Modules imported with `from m import *`. */
  private readonly starred: string[] = [];

  constructor(root: SyntaxNode, source: string) {
    // Every import has the keyword `import`: looking it up in the text is much faster than
    // walking the tree of a long file.
    for (const match of source.matchAll(/\bimport\b/g)) {
      const statement = root.descendantForIndex(match.index)?.parent;
      if (statement?.type === 'import_statement') {
        this.importStatement(statement);
      } else if (statement?.type === 'import_from_statement') {
        this.fromImport(statement);
      }
    }
  }

  /**
   * The qualified name of a dotted path (`['F', 'relu']` → `torch.nn.functional.relu`), or
   * undefined when its first part is no module or imported name.
   */
  qualify(parts: readonly string[]): string | undefined {
    const [head, ...rest] = parts;
    if (head === undefined) {
      return undefined;
    }
    const base = this.imported.get(head) ?? (parts.length > 1 ? CONVENTIONAL.get(head) : undefined);
    return base === undefined ? undefined : [base, ...rest].join('.');
  }

  /** For a bare name: what `from m import *` may have brought, tried in import order. */
  starCandidates(name: string): string[] {
    return this.starred.map((module) => `${module}.${name}`);
  }

  private importStatement(node: SyntaxNode): void {
    for (const name of node.childrenForFieldName('name')) {
      if (name === null) {
        continue;
      }
      if (name.type === 'aliased_import') {
        this.alias(field(name, 'alias')?.text, field(name, 'name')?.text);
      } else {
        // `import torch.nn.functional` binds `torch`, and the full path is written at use.
        const head = name.text.split('.')[0]?.trim();
        this.alias(head, head);
      }
    }
  }

  private fromImport(node: SyntaxNode): void {
    const module = field(node, 'module_name');
    if (module === undefined || module.type === 'relative_import') {
      return;
    }
    if (node.namedChildren.some((child) => child?.type === 'wildcard_import')) {
      this.starred.push(module.text);
      return;
    }
    for (const name of node.childrenForFieldName('name')) {
      if (name === null) {
        continue;
      }
      const member = name.type === 'aliased_import' ? field(name, 'name')?.text : name.text;
      const local = name.type === 'aliased_import' ? field(name, 'alias')?.text : name.text;
      this.alias(local, member === undefined ? undefined : `${module.text}.${member}`);
    }
  }

  private alias(local: string | undefined, target: string | undefined): void {
    if (local !== undefined && target !== undefined) {
      this.imported.set(local, target.replace(/\s+/g, ''));
    }
  }
}
