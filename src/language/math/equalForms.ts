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

/** At most this many statements are lowered again to check forms: each form relowers its prefix. */
const CHECK_BUDGET = 20_000;
/** A note names at most this many forms. */
const SHOWN_FORMS = 5;

export function checkEqualForms(
  source: SourceLines,
  statements: readonly Statement[],
  region: Span,
  known: ReadonlyMap<string, number>,
  notes: ReadingNotes,
): void {
  let budget = CHECK_BUDGET;
  statements.forEach((statement, index) => {
    if (statement.forms.length === 0) {
      return;
    }
    const cost = (statement.forms.length + 1) * (index + 1);
    budget -= cost;
    const why =
      budget < 0
        ? 'the formula is too long to check them'
        : check(source, statements, index, region, known);
    const shown = statement.forms.slice(0, SHOWN_FORMS).map((form) => `\`${text(source, form)}\``);
    const more = statement.forms.length - shown.length;
    const one = statement.forms.length === 1;
    const listed = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
    const forms = one ? `its equal form ${listed}` : `its equal forms ${listed}`;
    const checked =
      typeof why === 'string'
        ? `${one ? 'is' : 'are'} not checked: ${why}`
        : `${one ? 'gives' : 'give'} the same value, ${Number(why.toPrecision(6))}, at this point`;
    const name = statement.kind === 'expression' ? 'the formula' : `\`${statement.target.name}\``;
    notes.add(
      statement.expr.span,
      `${name} is inspected as \`${text(source, statement.expr)}\`; ${forms} ${checked}`,
    );
  });
}

/**
 * The value every form gives at the point, or why they were not all evaluated; refuses forms
 * that disagree.
 */
function check(
  source: SourceLines,
  statements: readonly Statement[],
  index: number,
  region: Span,
  known: ReadonlyMap<string, number>,
): number | string {
  const statement = statements[index] as Statement;
  const upTo = statements.slice(0, index + 1);
  const first = valueAt(source, upTo, region, known);
  const missing = new Set(first.missing);
  for (const form of statement.forms) {
    const variant = [...upTo.slice(0, -1), { ...statement, expr: form, forms: [] }];
    let other: { value?: number; missing: string[] };
    try {
      other = valueAt(source, variant, region, known);
    } catch (error) {
      if (error instanceof MathError) {
        return `\`${text(source, form)}\` is not read (${error.message})`;
      }
      throw error;
    }
    other.missing.forEach((input) => missing.add(input));
    if (
      first.value !== undefined &&
      other.value !== undefined &&
      !agree(first.value, other.value)
    ) {
      const name = statement.kind === 'expression' ? 'the formula' : `\`${statement.target.name}\``;
      throw new MathError(
        'unsupported',
        `the forms of ${name} do not agree at this point: \`${text(source, statement.expr)}\` is ${shown12(first.value)}, \`${text(source, form)}\` is ${shown12(other.value)}; inspect each form on its own, or fix the one that is wrong`,
        form.span,
      );
    }
  }
  return first.value === undefined || missing.size > 0
    ? `no value for ${[...missing].join(', ')}`
    : first.value;
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
