/**
 * The readable formula of each local partial (`z`, `σ(x)·(1 − σ(x))`), simplified, in terms of
 * the operands' labels. An operand is an atom to the formula: `∂ sin(u)/∂u` is `cos(u)` whatever
 * `u` stands for. So the formula is simplified once per op and operand shape — which operands
 * are the same, which are numbers (and which), how tightly each label's text holds together —
 * over placeholder names, printed once with the parentheses each label needs where it stands,
 * and every node of that shape only fills its labels' texts into the printed template.
 */
import type { OperandLabel } from './labels';
import type { OpName } from './opName';
import { opSpec } from './ops';
import { num, variable, type Sym } from './sym';
import { toTextPrinted, type Printed } from './symbolic/print';
import { simplify } from './symbolic/simplify';

/**
 * Private-use characters: no front end lets them into a name (they are not letters), so they
 * are safe to search for in the printed text.
 */
const PLACEHOLDER = /\ue000(\d+)\ue001/;
const placeholder = (index: number): string => `\ue000${index}\ue001`;
/** Shapes are few (ops × numbers × precedences); this only bounds a pathological mix. */
const MAX_SHAPES = 10_000;
/** A formula's text cut at its placeholders: text, operand index, text, …, text. */
type Template = readonly (string | number)[];
const shapes = new Map<string, readonly Template[]>();

/** The simplified text of ∂node/∂operand for each operand, given the operands' labels. */
export function partialFormulaTextsOf(
  op: OpName,
  operands: readonly OperandLabel[],
): readonly string[] {
  const distinct: OperandLabel[] = [];
  let key = op;
  for (const operand of operands) {
    key += operandKey(operand, distinct);
  }
  let templates = shapes.get(key);
  if (templates === undefined) {
    templates = templatesFor(op, operands, distinct);
    if (shapes.size >= MAX_SHAPES) {
      shapes.clear();
    }
    shapes.set(key, templates);
  }
  const texts: string[] = [];
  for (const template of templates) {
    texts.push(fillIn(template, distinct));
  }
  return texts;
}

/** The same for operands given as formulas: each is printed, then taken as an atom. */
export function partialFormulaTexts(op: OpName, operands: readonly Sym[]): readonly string[] {
  return partialFormulaTextsOf(op, operands.map(operandLabelOf));
}

function operandLabelOf(sym: Sym): OperandLabel {
  const printed = toTextPrinted(sym);
  return {
    text: printed.text,
    precedence: printed.precedence,
    leadingMinus: printed.leadingMinus ?? printed.text.startsWith('\u2212'),
    ...(sym.kind === 'num' ? { value: sym.value } : {}),
  };
}

/** `n2` for a number, else `a<which distinct label>:<precedence>:<minus>`. */
function operandKey(operand: OperandLabel, distinct: OperandLabel[]): string {
  if (operand.value !== undefined) {
    return `|n${operand.value}`;
  }
  let index = distinct.findIndex((other) => other.text === operand.text);
  if (index < 0) {
    index = distinct.push(operand) - 1;
  }
  return `|a${index}:${operand.precedence}:${operand.leadingMinus ? 1 : 0}`;
}

function templatesFor(
  op: OpName,
  operands: readonly OperandLabel[],
  distinct: readonly OperandLabel[],
): Template[] {
  const indexOf = new Map(distinct.map((label, i) => [label.text, i]));
  const placeholders = operands.map((operand) =>
    operand.value === undefined
      ? variable(placeholder(indexOf.get(operand.text) ?? 0))
      : num(operand.value),
  );
  const atoms = (name: string): Printed | undefined => {
    const match = PLACEHOLDER.exec(name);
    const label = match === null ? undefined : distinct[Number(match[1])];
    return label === undefined
      ? undefined
      : { text: name, precedence: label.precedence, leadingMinus: label.leadingMinus };
  };
  return opSpec(op)
    .partialFormulas(placeholders)
    .map((formula) =>
      toTextPrinted(simplify(formula), atoms)
        .text.split(PLACEHOLDER)
        .map((part, i) => (i % 2 === 0 ? part : Number(part))),
    );
}

function fillIn(template: Template, labels: readonly OperandLabel[]): string {
  if (template.length === 1) {
    return template[0] as string;
  }
  let text = '';
  for (const part of template) {
    text += typeof part === 'string' ? part : (labels[part]?.text ?? '');
  }
  return text;
}
