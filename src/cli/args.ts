/** Command-line arguments of `gradient-lens`, parsed into a plain request or a usage error. */
import { parseValueList } from '../core/valueList';
import { parseArgs } from 'node:util';
import type { SourceRange } from '../engine/ir';
import type { Tensor } from '../engine/tensor/tensor';
import { parseArrayArguments } from './arrayValues';
import type { LanguageId } from '../language/frontEnd';
import { isLanguageId, LANGUAGE_IDS } from '../language/languages';

export type OutputFormat = 'table' | 'json' | 'svg' | 'dot';

export type SourceSpec =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'expression'; readonly text: string };

export interface CliOptions {
  readonly source: SourceSpec;
  readonly language?: LanguageId;
  readonly values: Readonly<Record<string, number>>;
  /** Arrays given with --at (`W=[[1,2],[3,4]]`), by input key; code with arrays reads them. */
  readonly arrays: Readonly<Record<string, Tensor>>;
  /** The value keys a flat list also gave its items (`x_1`), by the list's key. */
  readonly arrayItems: Readonly<Record<string, readonly string[]>>;
  readonly output?: string;
  readonly format: OutputFormat;
  readonly check: boolean;
  /** Check the hand-written backward pass in the source (--table or --json). */
  readonly checkBackward: boolean;
  readonly range?: SourceRange;
  readonly precision: number;
  /** The dark palette for --svg. */
  readonly dark: boolean;
}

export type ParsedArgs =
  | { readonly kind: 'run'; readonly options: CliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'usage-error'; readonly message: string };

export const USAGE = `usage: gradient-lens [FILE | - | EXPR] [options]

Shows the value and every partial derivative of an expression or straight-line code,
with the backward pass step by step. Nothing in the source is ever executed.

  FILE | - | EXPR        a file, - for standard input, or an inline expression
  --lang LANG            ${LANGUAGE_IDS.join(' | ')} (default: from the file extension, else math)
  --at x=-2,y=5,z=-4     input values (values found in the source are used otherwise)
  --at 'W=[[1,2],[3,4]]' an array (code with arrays: NumPy, PyTorch, JAX)
  --output NAME          differentiate this assigned name instead of the last one
  --range L:C-L:C        inspect only this part of FILE (1-based, as VS Code shows)
  --table                inputs, gradients, backward steps, symbolic derivatives (default)
  --json                 one JSON object on standard output
  --svg                  the graph with every value and gradient on its edges, as SVG
  --dark                 with --svg: the dark palette (default light, on white)
  --dot                  the same graph in Graphviz DOT (dot -Tpng)
  --check                add a numeric gradient check (central differences)
  --check-backward       check the hand-written backward pass (dx, dW, dfdx, x_grad …,
                         # grad-of: dW W): each gradient against the true one, the first
                         wrong line explained; exit 1 when a gradient is wrong
  --precision N          significant digits in the table and graph (default 6)
  -h, --help             this text
  -v, --version          the version`;

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        at: { type: 'string', multiple: true },
        output: { type: 'string' },
        range: { type: 'string' },
        table: { type: 'boolean' },
        json: { type: 'boolean' },
        svg: { type: 'boolean' },
        dot: { type: 'boolean' },
        dark: { type: 'boolean' },
        check: { type: 'boolean' },
        'check-backward': { type: 'boolean' },
        precision: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const { values: flags, positionals } = parsed;
  if (flags.help) {
    return { kind: 'help' };
  }
  if (flags.version) {
    return { kind: 'version' };
  }
  return buildOptions(flags, positionals);
}

interface Flags {
  lang?: string;
  at?: string[];
  output?: string;
  range?: string;
  table?: boolean;
  json?: boolean;
  svg?: boolean;
  dot?: boolean;
  dark?: boolean;
  check?: boolean;
  'check-backward'?: boolean;
  precision?: string;
}

function buildOptions(flags: Flags, positionals: readonly string[]): ParsedArgs {
  if (positionals.length === 0) {
    return usageError('give a FILE, - for standard input, or an expression');
  }
  if (positionals.length > 1) {
    return usageError(
      `expected one source, got ${positionals.length}: quote an expression with spaces`,
    );
  }
  const formats = (['table', 'json', 'svg', 'dot'] as const).filter(
    (format) => flags[format] === true,
  );
  if (formats.length > 1) {
    return usageError(
      `choose one of --table, --json, --svg, --dot (got ${formats.map((f) => `--${f}`).join(', ')})`,
    );
  }
  if (flags['check-backward'] === true && (formats[0] === 'svg' || formats[0] === 'dot')) {
    return usageError('--check-backward prints a --table or --json');
  }
  if (flags.dark === true && formats[0] !== 'svg') {
    return usageError('--dark goes with --svg');
  }
  if (flags.lang !== undefined && !isLanguageId(flags.lang)) {
    return usageError(`unknown language "${flags.lang}": use one of ${LANGUAGE_IDS.join(', ')}`);
  }
  const arrayList = parseArrayArguments(flags.at ?? []);
  if (!arrayList.ok) {
    return usageError(`--at: ${arrayList.message}`);
  }
  const valueList = parseValueList(arrayList.scalarItems.join(','));
  const values = valueList.ok ? valueList.values : `--at: ${valueList.message}`;
  if (typeof values === 'string') {
    return usageError(values);
  }
  const range = flags.range === undefined ? undefined : parseRange(flags.range);
  if (typeof range === 'string') {
    return usageError(range);
  }
  const precision = flags.precision === undefined ? 6 : Number(flags.precision);
  if (!Number.isInteger(precision) || precision < 1 || precision > 17) {
    return usageError('--precision takes a whole number from 1 to 17');
  }
  const source = sourceSpec(positionals[0] ?? '-');
  if (range !== undefined && source.kind === 'expression') {
    return usageError('--range needs a FILE or -');
  }
  return {
    kind: 'run',
    options: {
      source,
      values,
      arrays: arrayList.arrays,
      arrayItems: arrayList.itemKeys,
      format: formats[0] ?? 'table',
      check: flags.check === true,
      checkBackward: flags['check-backward'] === true,
      precision,
      dark: flags.dark === true,
      ...(flags.lang === undefined ? {} : { language: flags.lang as LanguageId }),
      ...(flags.output === undefined ? {} : { output: flags.output }),
      ...(range === undefined ? {} : { range }),
    },
  };
}

function sourceSpec(positional: string): SourceSpec {
  if (positional === '-') {
    return { kind: 'stdin' };
  }
  if (looksLikePath(positional)) {
    return { kind: 'file', path: positional };
  }
  return { kind: 'expression', text: positional };
}

/** A path has a known extension or a slash and no characters that only formulas use. */
function looksLikePath(text: string): boolean {
  if (/[\s()*+^=,]/.test(text)) {
    return false;
  }
  return /\.(py|js|mjs|cjs|jsx|ts|mts|cts|tsx|md|tex|txt|math)$/i.test(text) || text.includes('/');
}

function parseRange(text: string): SourceRange | string {
  const match = /^(\d+):(\d+)-(\d+):(\d+)$/.exec(text.trim());
  if (match === null) {
    return `--range expects L:C-L:C (1-based), e.g. 4:1-4:20; got "${text}"`;
  }
  const [startLine, startColumn, endLine, endColumn] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (startLine < 1 || startColumn < 1 || endLine < 1 || endColumn < 1) {
    return '--range lines and columns start at 1';
  }
  if (endLine < startLine || (endLine === startLine && endColumn < startColumn)) {
    return '--range ends before it starts';
  }
  return {
    start: { line: startLine - 1, column: startColumn - 1 },
    end: { line: endLine - 1, column: endColumn - 1 },
  };
}

function usageError(message: string): ParsedArgs {
  return { kind: 'usage-error', message };
}
