/**
 * `gradient-lens FILE --check-backward`: checks the hand-written backward pass in FILE. Exit 0
 * when every gradient is correct (or doubtful), 1 when one is wrong, 2 when the file cannot be
 * read or has no hand-written gradient — so that it can run in CI or a pre-commit hook.
 */
import { checkBackward } from '../core/handBackward/checkBackward';
import type { FrontEndLookup, InspectError } from '../core/inspectSource';
import type { InspectionRequest } from '../language/frontEnd';
import type { CliOptions } from './args';
import { checkBackwardJson } from './checkBackwardJson';
import { renderCheckBackwardTable } from './checkBackwardTable';
import { stringify } from './json';

export const EXIT_WRONG_GRADIENT = 1;
const EXIT_USAGE = 2;

export async function runCheckBackward(
  frontEnds: FrontEndLookup,
  request: InspectionRequest,
  file: string,
  options: CliOptions,
  fail: (error: InspectError) => number,
): Promise<number> {
  const outcome = await checkBackward(frontEnds, request);
  if (!outcome.ok) {
    const { error } = outcome;
    return error.kind === 'no-backward' ? noBackward(error.message, file, options) : fail(error);
  }
  const { report } = outcome;
  process.stdout.write(
    options.format === 'json'
      ? `${checkBackwardJson(report, file)}\n`
      : renderCheckBackwardTable(report, file, options.precision),
  );
  return report.firstWrong === undefined &&
    report.comparisons.every((one) => one.verdict !== 'wrong' && one.verdict !== 'shape')
    ? 0
    : EXIT_WRONG_GRADIENT;
}

/** Read, but with nothing to check: a usage problem (exit 2), said as the CLI says errors. */
function noBackward(message: string, file: string, options: CliOptions): number {
  process.stderr.write(`${file}:1:1: ${message}\n`);
  if (options.format === 'json') {
    const error = { kind: 'no-backward', message, file, line: 1, column: 1 };
    process.stdout.write(`${stringify({ error })}\n`);
  }
  return EXIT_USAGE;
}
