/**
 * `gradient-lens`: the engine on the command line. Exit 0 with a result, 2 for any error
 * (one `file:line:column: message` line on stderr, never a stack trace); with
 * --check-backward, 1 when a hand-written gradient is wrong.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { createFrontEnds } from '../core/frontEnds';
import {
  inspectSource,
  type InspectError,
  type InspectOutcome,
  type TensorOutcome,
} from '../core/inspectSource';
import type { LanguageId } from '../language/frontEnd';
import { languageOfExtension } from '../language/languages';
import { bundledWasm } from '../node/wasmFromDisk';
import { parseCliArgs, USAGE, type CliOptions, type SourceSpec } from './args';
import { runCheckBackward } from './checkBackwardRun';
import { errorJson, resultJson } from './json';
import { renderTable } from './table';
import { tensorResultJson } from './tensorJson';
import { renderTensorTable } from './tensorTable';
import { drawGraph } from '../present/graph/drawGraph';
import { toDot } from '../present/graph/dot';
import { sampleInputs } from '../present/tensorInspection';
import { assertNever } from '../engine/assertNever';

const EXIT_ERROR = 2;
/** A standalone SVG file starts with the XML declaration, so every viewer reads it as UTF-8. */
const SVG_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';

type ScalarOutcome = Extract<InspectOutcome, { readonly kind: 'scalar' }>;

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCliArgs(argv);
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case 'usage-error':
      process.stderr.write(`gradient-lens: ${parsed.message}\n\n${USAGE}\n`);
      return EXIT_ERROR;
    case 'run':
      return run(parsed.options);
    default: {
      return assertNever(parsed, 'arguments');
    }
  }
}

declare const GRADIENT_LENS_VERSION: string | undefined;
const VERSION = typeof GRADIENT_LENS_VERSION === 'string' ? GRADIENT_LENS_VERSION : 'development';

async function run(options: CliOptions): Promise<number> {
  const file = sourceName(options.source);
  const source = readSource(options.source);
  if (typeof source !== 'string') {
    return fail({ kind: 'syntax', message: source.message }, file, options);
  }
  const request = {
    source,
    language: options.language ?? languageFromSource(options.source),
    values: options.values,
    check: options.check,
    ...(Object.keys(options.arrays).length === 0 ? {} : { arrays: options.arrays }),
    ...(options.output === undefined ? {} : { output: options.output }),
    ...(options.range === undefined ? {} : { selection: options.range }),
  };
  if (options.checkBackward) {
    return runCheckBackward(createFrontEnds(bundledWasm()), request, file, options, (error) =>
      fail(error, file, options),
    );
  }
  const outcome = await inspectSource(createFrontEnds(bundledWasm()), request);
  if (!outcome.ok) {
    return fail(outcome.error, file, options);
  }
  const ignored = ignoredValuesError(outcome, options);
  if (ignored !== undefined) {
    return fail(ignored, file, options);
  }
  return outcome.kind === 'tensor'
    ? writeTensor(outcome, file, options)
    : writeScalar(outcome, options);
}

function writeScalar(outcome: ScalarOutcome, options: CliOptions): number {
  switch (options.format) {
    case 'json':
      process.stdout.write(
        `${resultJson(outcome.result, outcome.values, outcome.program.notes)}\n`,
      );
      return 0;
    case 'table':
      process.stdout.write(
        renderTable(
          outcome.result,
          options.precision,
          outcome.program.valueTargets,
          outcome.program.notes,
        ),
      );
      return 0;
    case 'svg': {
      const colors = options.dark ? 'dark' : 'light';
      const drawing = drawGraph(outcome.result, { precision: options.precision, colors });
      process.stdout.write(`${SVG_PROLOG}${drawing.svg}\n`);
      return 0;
    }
    case 'dot':
      process.stdout.write(toDot(outcome.result, { precision: options.precision }));
      return 0;
    default: {
      return assertNever(options.format, 'format');
    }
  }
}

function writeTensor(outcome: TensorOutcome, file: string, options: CliOptions): number {
  const samples = sampleInputs(outcome.result, outcome.program.bindings);
  switch (options.format) {
    case 'json':
      process.stdout.write(
        `${tensorResultJson(outcome.result, outcome.values, outcome.program.notes, samples)}\n`,
      );
      return 0;
    case 'table':
      process.stdout.write(
        renderTensorTable(outcome.result, options.precision, outcome.program.notes, samples),
      );
      return 0;
    case 'svg':
    case 'dot':
      return fail(
        {
          kind: 'unsupported',
          message: `--${options.format} draws the graph of scalar code only; for code with arrays use --table or --json`,
          range: outcome.program.range,
        },
        file,
        options,
      );
    default: {
      return assertNever(options.format, 'format');
    }
  }
}

/**
 * Arrays of two or more axes given to scalar code: it reads none (a flat list gives its items,
 * `x_1`, which the scalar pipeline checks itself).
 */
function nestedArrays(options: CliOptions): string[] {
  return Object.entries(options.arrays)
    .filter(([, tensor]) => tensor.shape.length > 1)
    .map(([name]) => name);
}

/**
 * What code with arrays did not read: the item keys a flat list also gave (`x_1`) are no values
 * of their own; the list is named instead when it was not read.
 */
function tensorIgnored(ignored: readonly string[], options: CliOptions): string[] {
  const items = new Set(Object.values(options.arrayItems).flat());
  return ignored.filter((name) => !items.has(name));
}

/** `--at z=5` where z is no input: refused, never silently ignored. */
function ignoredValuesError(
  outcome: ScalarOutcome | TensorOutcome,
  options: CliOptions,
): InspectError | undefined {
  const ignored =
    outcome.kind === 'tensor'
      ? tensorIgnored(outcome.ignoredValues, options)
      : [...outcome.ignoredValues, ...nestedArrays(options)];
  if (ignored.length === 0) {
    return undefined;
  }
  const output = outcome.result.output.name;
  const inputs = [...outcome.result.inputs, ...outcome.result.unused].map((input) => input.name);
  const named = ignored.map((name) => `\`${name}\``).join(', ');
  return {
    kind: 'unknown-name',
    message: `--at gives ${named}, which ${ignored.length === 1 ? 'is not an input' : 'are not inputs'} of ${output}: ${inputs.length === 0 ? 'it has no inputs' : `its inputs are ${inputs.join(', ')}`}`,
    names: ignored,
  };
}

function fail(error: InspectError, file: string, options: CliOptions): number {
  const line = (error.range?.start.line ?? 0) + 1;
  const column = (error.range?.start.column ?? 0) + 1;
  process.stderr.write(`${file}:${line}:${column}: ${error.message}\n`);
  if (options.format === 'json') {
    process.stdout.write(`${errorJson(error, file)}\n`);
  }
  return EXIT_ERROR;
}

function sourceName(source: SourceSpec): string {
  switch (source.kind) {
    case 'file':
      return source.path;
    case 'stdin':
      return '<stdin>';
    case 'expression':
      return '<expression>';
    default: {
      return assertNever(source, 'source');
    }
  }
}

function readSource(source: SourceSpec): string | Error {
  try {
    switch (source.kind) {
      case 'file':
        return readFileSync(source.path, 'utf8');
      case 'stdin':
        return readFileSync(0, 'utf8');
      case 'expression':
        return source.text;
      default: {
        return assertNever(source, 'source');
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return new Error(code === 'ENOENT' ? 'no such file' : `cannot read: ${code ?? String(error)}`);
  }
}

function languageFromSource(source: SourceSpec): LanguageId {
  if (source.kind !== 'file') {
    return 'math';
  }
  return languageOfExtension(extname(source.path)) ?? 'math';
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // An engine bug must still not print a stack trace at the user.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`gradient-lens: internal error: ${message}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
