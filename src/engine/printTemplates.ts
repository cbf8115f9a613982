/**
 * Printing a formula over operands that are already printed (node labels), without printing
 * it again for every node: the formula is printed once per shape — which operands are the same,
 * which are numbers (and which), how tightly each label holds together and whether it starts
 * with a minus — over placeholder names, with the parentheses each label needs where it
 * stands, and cut at the placeholders into a template that labels are filled into.
 */
import type { OperandLabel } from './labels';
import { num, variable, type Sym } from './sym';
import { toTextPrinted, type Printed } from './symbolic/print';

/**
 * Private-use characters: no front end lets them into a name (they are not letters), so they
 * are safe to search for in the printed text.
 */
const PLACEHOLDER = /\ue000(\d+)\ue001/;
const placeholder = (index: number): string => `\ue000${index}\ue001`;

/** A printed formula cut at its placeholders: text, operand index, text, …, text. */
export interface Template {
  readonly parts: readonly (string | number)[];
  readonly precedence: number;
  readonly leadingMinus: boolean;
}

/** The shape key of the operands; `distinct` collects the different labels, in order. */
export function shapeKey(operands: readonly OperandLabel[], distinct: OperandLabel[]): string {
  let key = '';
  for (const operand of operands) {
    key += operandKey(operand, distinct);
  }
  return key;
}

/** `n2` for a number, else `a<which distinct label>:<precedence>:<minus>`. */
function operandKey(operand: OperandLabel, distinct: OperandLabel[]): string {
  if (operand.value !== undefined) {
    return `|n${operand.value}`;
  }
  let index = -1;
  for (let i = 0; i < distinct.length; i += 1) {
    if (distinct[i]?.text === operand.text) {
      index = i;
      break;
    }
  }
  if (index < 0) {
    index = distinct.push(operand) - 1;
  }
  return `|a${index}:${operand.precedence}:${operand.leadingMinus ? 1 : 0}`;
}

/** Each operand as a formula: its number, or the placeholder of its distinct label. */
export function placeholders(
  operands: readonly OperandLabel[],
  distinct: readonly OperandLabel[],
): Sym[] {
  return operands.map((operand) =>
    operand.value === undefined
      ? variable(placeholder(distinct.findIndex((label) => label.text === operand.text)))
      : num(operand.value),
  );
}

/** The formula (over `placeholders`) printed and cut into a template. */
export function templateOf(formula: Sym, distinct: readonly OperandLabel[]): Template {
  const atoms = (name: string): Printed | undefined => {
    const match = PLACEHOLDER.exec(name);
    const label = match === null ? undefined : distinct[Number(match[1])];
    return label === undefined
      ? undefined
      : { text: name, precedence: label.precedence, leadingMinus: label.leadingMinus };
  };
  const printed = toTextPrinted(formula, atoms);
  return {
    parts: printed.text.split(PLACEHOLDER).map((part, i) => (i % 2 === 0 ? part : Number(part))),
    precedence: printed.precedence,
    leadingMinus: printed.leadingMinus ?? printed.text.startsWith('\u2212'),
  };
}

export function fillIn(template: Template, labels: readonly OperandLabel[]): string {
  const parts = template.parts;
  if (parts.length === 1) {
    return parts[0] as string;
  }
  let text = '';
  for (const part of parts) {
    text += typeof part === 'string' ? part : (labels[part]?.text ?? '');
  }
  return text;
}
