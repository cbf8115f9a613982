/**
 * Which modules and functions the names of a Python file stand for, from its imports
 * (`import numpy as xp`, `from math import exp, pi`, `from torch.nn import functional as F`)
 * wherever they are in the file. A selection often leaves the imports out, so the conventional
 * aliases (np, F, math, torch …) are understood even without an import; an import of the same
 * name says otherwise and wins.
 */
import { field } from '../code/syntax';
import type { Syntax } from '../code/snapshot';
import type { SyntaxNode } from '../code/treeSitter';

const CONVENTIONAL: ReadonlyMap<string, string> = new Map([
  ['math', 'math'],
  ['np', 'numpy'],
  ['numpy', 'numpy'],
  ['torch', 'torch'],
  ['F', 'torch.nn.functional'],
  ['scipy', 'scipy'],
]);

/** HIPS autograd's `autograd.numpy` wraps NumPy: same functions, same numbers. */
const AUTOGRAD_NUMPY = /^autograd\.numpy(?=\.|$)/u;

export class PythonModules {
  /** Local name → what it was imported as: a module (`numpy`) or a member (`math.exp`). */
  private readonly imported = new Map<string, string>();
  /** Modules imported with `from m import *`. */
  private readonly starred: string[] = [];
  /** Classes defined in the file with micrograd's `Value` shape (see `hasValueShape`). */
  private readonly valueClasses = new Set<string>();
  /** Whether the file works with autograd values: micrograd's `Value`, or PyTorch. */
  readonly autograd: boolean;

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
    for (const match of source.matchAll(
      /^[ \t]*class[ \t]+([\p{ID_Start}_][\p{ID_Continue}]*)/gmu,
    )) {
      const name = match[1] ?? '';
      const definition = root.descendantForIndex(match.index + match[0].length - 1)?.parent;
      if (definition?.type === 'class_definition' && hasValueShape(definition)) {
        this.valueClasses.add(name);
      }
    }
    const imports = [...this.imported.values(), ...this.starred];
    this.autograd =
      this.valueClasses.size > 0 ||
      imports.some((target) => /^(micrograd|torch)\b/.test(target)) ||
      /\btorch\.tensor\s*\(/.test(source);
  }

  /** Whether `name` is micrograd's `Value`: imported from micrograd, or a class of its shape here. */
  isAutogradValue(name: string): boolean {
    const imported = this.imported.get(name);
    return imported === undefined
      ? this.valueClasses.has(name)
      : /^micrograd(\.engine)?\.Value$/.test(imported);
  }

  /** Whether the file defines a class `name` of micrograd's shape (read as micrograd's Value). */
  isValueClass(name: string): boolean {
    return this.valueClasses.has(name);
  }

  /** Whether the file imports `name` (a bare name is then never read as a library function). */
  imports(name: string): boolean {
    return this.imported.has(name);
  }

  /** Whether a `from m import *` of a module not known here may have brought any name. */
  hasUnknownStar(known: (module: string) => boolean): boolean {
    return this.starred.some((module) => !known(module));
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
      this.imported.set(local, target.replace(/\s+/g, '').replace(AUTOGRAD_NUMPY, 'numpy'));
    }
  }
}

/** The methods that make a class micrograd's `Value`: operators and `backward`. */
const VALUE_METHODS = ['__init__', '__add__', '__mul__', 'backward'];

/** A class with micrograd's shape: `__init__`, `__add__`, `__mul__` and `backward` defined. */
function hasValueShape(definition: SyntaxNode): boolean {
  const methods = new Set<string>();
  for (const statement of field(definition, 'body')?.namedChildren ?? []) {
    const fn =
      statement?.type === 'decorated_definition' ? field(statement, 'definition') : statement;
    const name = fn?.type === 'function_definition' ? field(fn, 'name')?.text : undefined;
    if (name !== undefined) {
      methods.add(name);
    }
  }
  return VALUE_METHODS.every((name) => methods.has(name));
}

/** `F.relu` → ['F', 'relu']; undefined when the object is not a plain name path (`f(x).y`). */
export function dottedPath(node: Syntax): string[] | undefined {
  const parts: string[] = [];
  let current: Syntax | undefined = node;
  while (current?.type === 'attribute') {
    parts.unshift(field(current, 'attribute')?.text ?? '');
    current = field(current, 'object');
  }
  if (current?.type !== 'identifier') {
    return undefined;
  }
  parts.unshift(current.text);
  return parts;
}
