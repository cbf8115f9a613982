/**
 * The readable formula of each local partial (`z`, `σ(x)·(1 − σ(x))`), simplified, in terms of
 * the operands' labels. An operand is an atom to the formula: `∂ sin(u)/∂u` is `cos(u)` whatever
 * `u` stands for. So the formula is simplified and printed once per op and operand shape (see
 * printTemplates.ts), and every node of that shape only fills its labels into the template.
 */
import type { OperandLabel } from './labels';
import type { OpName } from './opName';
import { opSpec } from './ops';
import { fillIn, placeholders, shapeKey, templateOf, type Template } from './printTemplates';
import type { Sym } from './sym';
import { toTextPrinted } from './symbolic/print';
import { simplify } from './symbolic/simplify';

/** Shapes are few (ops × numbers × precedences); this only bounds a pathological mix. */
const MAX_SHAPES = 10_000;
const shapes = new Map<string, readonly Template[]>();

/** The simplified text of ∂node/∂operand for each operand, given the operands' labels. */
export function partialFormulaTextsOf(
  op: OpName,
  operands: readonly OperandLabel[],
): readonly string[] {
  const distinct: OperandLabel[] = [];
  const key = op + shapeKey(operands, distinct);
  const texts: string[] = [];
  for (const template of partialTemplates(op, key, operands, distinct)) {
    texts.push(fillIn(template, distinct));
  }
  return texts;
}

/**
 * The templates of the partials for operands of this shape: `key` is the op followed by the
 * operands' `shapeKey`, which filled `distinct`.
 */
export function partialTemplates(
  op: OpName,
  key: string,
  operands: readonly OperandLabel[],
  distinct: readonly OperandLabel[],
): readonly Template[] {
  let templates = shapes.get(key);
  if (templates === undefined) {
    const formulas = opSpec(op).partialFormulas(placeholders(operands, distinct));
    templates = formulas.map((formula) => templateOf(simplify(formula), distinct));
    if (shapes.size >= MAX_SHAPES) {
      shapes.clear();
    }
    shapes.set(key, templates);
  }
  return templates;
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
