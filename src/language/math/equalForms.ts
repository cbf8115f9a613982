/**
 * Chains of equal forms (`f(x) &= (x+1)^2 \\ &= x^2 + 2x + 1`, `a \rightarrow b`): the first
 * form is inspected; the others are named in a note and, when every input has a value,
 * evaluated at that point and refused when they disagree, so a typo in a derivation never
 * passes for the formula that was inspected.
 */
import type { Expr, Statement } from './ast';
import { evaluate } from '../../engine/forward';
import type { Graph } from '../../engine/ir';
import { lower } from './lower';
import { MathError } from './mathError';
import { ReadingNotes } from './readingNotes';
import type { SourceLines } from '../sourceLines';
import type { Span } from '../span';

export function checkEqualForms(
  source: SourceLines,
  statements: readonly Statement[],
  region: Span,
  known: ReadonlyMap<string, number>,
  notes: ReadingNotes,
): void {
  statements.forEach((statement, index) => {
    if (statement.forms.length === 0) {
      return;
    }
    const upTo = statements.slice(0, index + 1);
    const first = valueAt(source, upTo, region, known);
    const name = statement.kind === 'expression' ? 'the formula' : `\`${statement.target.name}\``;
    const missing = new Set(first.missing);
    for (const form of statement.forms) {
      const variant = [...upTo.slice(0, -1), { ...statement, expr: form, forms: [] }];
      const other = valueAt(source, variant, region, known);
      other.missing.forEach((input) => missing.add(input));
      if (
        first.value !== undefined &&
        other.value !== undefined &&
        !agree(first.value, other.value)
      ) {
        throw new MathError(
          'unsupported',
          `the forms of ${name} do not agree at this point: \`${text(source, statement.expr)}\` is ${shown12(first.value)}, \`${text(source, form)}\` is ${shown12(other.value)}; inspect each form on its own, or fix the one that is wrong`,
          form.span,
        );
      }
    }
    const shown = statement.forms.map((form) => `\`${text(source, form)}\``);
    const one = shown.length === 1;
    const forms = one ? `its equal form ${shown[0]}` : `its equal forms ${shown.join(', ')}`;
    const checked =
      first.value === undefined || missing.size > 0
        ? `${one ? 'is' : 'are'} not checked: no value for ${[...missing].join(', ')}`
        : `${one ? 'gives' : 'give'} the same value, ${Number(first.value.toPrecision(6))}, at this point`;
    notes.add(
      statement.expr.span,
      `${name} is inspected as \`${text(source, statement.expr)}\`; ${forms} ${checked}`,
    );
  });
}

function text(source: SourceLines, expr: Expr): string {
  return source.text.slice(expr.span.from, expr.span.to).trim();
}

/** The last statement's value where every input has a known value; else the inputs without. */
function valueAt(
  source: SourceLines,
  statements: readonly Statement[],
  region: Span,
  known: ReadonlyMap<string, number>,
): { value?: number; missing: string[] } {
  const graph: Graph = lower(
    source,
    statements,
    undefined,
    region,
    known,
    new ReadingNotes(),
  ).graph;
  const values: Record<string, number> = {};
  const missing: string[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'input') {
      continue;
    }
    const value = known.get(node.name);
    if (value === undefined) {
      missing.push(node.name);
    } else {
      values[node.name] = value;
    }
  }
  return missing.length > 0
    ? { missing }
    : { value: evaluate(graph, values)[graph.output], missing };
}

function shown12(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** Equal up to rounding: forms that are equal in exact arithmetic differ by a few ulps. */
function agree(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
