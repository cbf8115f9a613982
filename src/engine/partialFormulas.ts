/**
 * The readable formula of each local partial (`z`, `σ(x)·(1 − σ(x))`), simplified. Simplifying
 * is the costly part of an inspection, yet a big graph repeats a few shapes over and over: the
 * formula of `sin(#17)` is the formula of `sin(a)` with `a` renamed, and in a chain the labels
 * `x·#5`, `x·#9` … differ only in names. So formulas are simplified once per op and operand
 * shape, over placeholder names, and the real names are put back into the printed text. Names
 * are atoms to the simplifier (grouped by identity, never ordered by spelling) and print
 * without parentheses, so a consistent renaming commutes with simplifying and printing.
 */
import type { OpName } from './opName';
import { opSpec } from './ops';
import { call, variable, type Sym } from './sym';
import { toText } from './symbolic/print';
import { simplify } from './symbolic/simplify';

/**
 * Private-use characters: no front end lets them into a name (they are not letters), so they
 * are safe to search for in the printed text.
 */
const PLACEHOLDER = /\ue000(\d+)\ue001/;
const placeholder = (index: number): string => `\ue000${index}\ue001`;
/** Operand labels are short; anything bigger is simplified as it is. */
const MAX_SHAPE_NODES = 64;
/** Shapes are few (ops × label shapes × constants); this only bounds a pathological mix. */
const MAX_SHAPES = 10_000;
/** A formula's text cut at its placeholders: text, name index, text, …, text. */
type Template = readonly (string | number)[];
const shapes = new Map<string, readonly Template[]>();

/** The simplified text of ∂node/∂operand for each operand, given the operands' labels. */
export function partialFormulaTexts(op: OpName, operands: readonly Sym[]): readonly string[] {
  const shape = new Shape();
  let key = `${op}(`;
  for (const operand of operands) {
    key += shape.keyOf(operand, 0);
  }
  if (shape.nodes > MAX_SHAPE_NODES) {
    return simplified(op, operands);
  }
  let templates = shapes.get(key);
  if (templates === undefined) {
    templates = simplified(
      op,
      operands.map((operand) => shape.renamed(operand)),
    ).map((text) => text.split(PLACEHOLDER).map((part, i) => (i % 2 === 0 ? part : Number(part))));
    if (shapes.size >= MAX_SHAPES) {
      shapes.clear();
    }
    shapes.set(key, templates);
  }
  return templates.map((template) => fillIn(template, shape.names));
}

function fillIn(template: Template, names: readonly string[]): string {
  let text = '';
  for (const part of template) {
    text += typeof part === 'string' ? part : (names[part] ?? '');
  }
  return text;
}

function simplified(op: OpName, operands: readonly Sym[]): string[] {
  return opSpec(op)
    .partialFormulas(operands)
    .map((formula) => toText(simplify(formula)));
}

/** The names in operands, in order of appearance: a key of their shape, and the renaming. */
class Shape {
  readonly names: string[] = [];
  nodes = 0;

  keyOf(sym: Sym, depth: number): string {
    this.nodes += 1;
    if (this.nodes > MAX_SHAPE_NODES || depth > MAX_SHAPE_NODES) {
      return '';
    }
    switch (sym.kind) {
      case 'num':
        return `n${sym.value};`;
      case 'var':
        return `v${this.indexOf(sym.name)};`;
      case 'op': {
        let key = `${sym.op}(`;
        for (const arg of sym.args) {
          key += this.keyOf(arg, depth + 1);
        }
        return `${key});`;
      }
    }
  }

  /** The operand with each name replaced by its placeholder. */
  renamed(sym: Sym): Sym {
    switch (sym.kind) {
      case 'num':
        return sym;
      case 'var':
        return variable(placeholder(this.indexOf(sym.name)));
      case 'op':
        return call(sym.op, ...sym.args.map((arg) => this.renamed(arg)));
    }
  }

  private indexOf(name: string): number {
    const index = this.names.indexOf(name);
    return index < 0 ? this.names.push(name) - 1 : index;
  }
}
