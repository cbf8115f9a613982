/**
 * The derivative table (every input with its value, gradient, symbolic derivative and
 * numeric check) as Markdown or LaTeX, for the panel's "Copy table" buttons. Inputs the output
 * does not use follow in a table of their own with their value only: never a gradient of 0.
 * Names from the document are escaped for each format.
 */
import { formatNumber, type FormatOptions } from '../engine/format';
import type { InspectionResult } from '../engine/result';
import { partialSymbol } from '../engine/stepText';

export interface TableOptions {
  readonly precision: number;
}

export function markdownTable(result: InspectionResult, options: TableOptions): string {
  const f = result.output.name;
  const format = { precision: options.precision };
  const rows = [
    ['input', 'value', partialSymbol(f, 'input'), 'symbolic', 'check'],
    ['---', '---:', '---:', '---', '---'],
  ];
  const cell = (text: string) => markdownCell(text);
  for (const input of result.inputs) {
    rows.push([
      cell(input.name),
      cell(formatNumber(input.value, format)),
      cell(formatNumber(input.grad, format)),
      cell(input.symbolic === undefined ? '' : `\`${input.symbolic.text}\``),
      cell(checkText(result, input.name)),
    ]);
  }
  const value = `${f} = ${formatNumber(result.value, format)}`;
  const tables = [rows, ...markdownUnusedRows(result, format)].map((table) =>
    table.map((row) => `| ${row.join(' | ')} |`).join('\n'),
  );
  return `${markdownCell(value)}\n\n${tables.join('\n\n')}\n`;
}

/** The inputs the output does not use, in a table of their own: a value and no gradient. */
function markdownUnusedRows(result: InspectionResult, format: FormatOptions): string[][][] {
  if (result.unused.length === 0) {
    return [];
  }
  const rows = result.unused.map((input) => [
    markdownCell(input.name),
    markdownCell(formatNumber(input.value, format)),
  ]);
  return [[[markdownCell(`not used by ${result.output.name}`), 'value'], ['---', '---:'], ...rows]];
}

export function latexTable(result: InspectionResult, options: TableOptions): string {
  const f = latexText(result.output.name);
  const format = { precision: options.precision, unicodeMinus: false };
  const lines = [
    '\\begin{tabular}{lrrll}',
    `input & value & $\\partial \\mathrm{${f}}/\\partial \\cdot$ & symbolic & check \\\\`,
    '\\hline',
  ];
  for (const input of result.inputs) {
    lines.push(
      [
        `\\texttt{${latexText(input.name)}}`,
        `$${latexNumber(formatNumber(input.value, format))}$`,
        `$${latexNumber(formatNumber(input.grad, format))}$`,
        input.symbolic === undefined ? '' : `$${input.symbolic.latex}$`,
        latexText(checkText(result, input.name)),
      ].join(' & ') + ' \\\\',
    );
  }
  lines.push('\\end{tabular}', ...latexUnusedLines(result, format));
  return `${lines.join('\n')}\n`;
}

/** The inputs the output does not use, in a tabular of their own: a value and no gradient. */
function latexUnusedLines(result: InspectionResult, format: FormatOptions): string[] {
  if (result.unused.length === 0) {
    return [];
  }
  const rows = result.unused.map(
    (input) =>
      `\\texttt{${latexText(input.name)}} & $${latexNumber(formatNumber(input.value, format))}$ \\\\`,
  );
  return [
    '',
    '\\begin{tabular}{lr}',
    `not used by $\\mathrm{${latexText(result.output.name)}}$ & value \\\\`,
    '\\hline',
    ...rows,
    '\\end{tabular}',
  ];
}

function checkText(result: InspectionResult, name: string): string {
  const check = result.check?.find((entry) => entry.input === name);
  return check === undefined
    ? ''
    : `${formatNumber(check.relativeError, { precision: 2 })} (${check.verdict})`;
}

/** Table cells: pipes and backslashes escaped, line breaks removed. */
function markdownCell(text: string): string {
  return text.replace(/[\\|]/g, (char) => `\\${char}`).replace(/[\r\n]+/g, ' ');
}

const LATEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '^': '\\textasciicircum{}',
  _: '\\_',
  '%': '\\%',
  '~': '\\textasciitilde{}',
};

function latexText(text: string): string {
  return text
    .replace(/[\\{}$&#^_%~]/g, (char) => LATEX_SPECIALS[char] ?? char)
    .replace(/\s+/g, ' ');
}

/** `1e-10` → `1 \times 10^{-10}`, `∞` → `\infty`. */
function latexNumber(text: string): string {
  if (text === '∞' || text === '-∞') {
    return text.replace('∞', '\\infty');
  }
  if (text === 'NaN') {
    return '\\mathrm{NaN}';
  }
  const match = /^(-?[\d.]+)e(-?\d+)$/.exec(text);
  return match === null ? text : `${match[1]} \\times 10^{${match[2]}}`;
}
