/** `--check-backward --json`: the report as one JSON object, with the file it is about. */
import type { BackwardCheckReport } from '../core/handBackward/report';
import { stringify } from './json';

export function checkBackwardJson(report: BackwardCheckReport, file: string): string {
  const wrong = report.firstWrong;
  return stringify({
    file,
    ...report,
    ok: report.comparisons.every((one) => one.verdict === 'correct' || one.verdict === 'doubtful'),
    ...(wrong === undefined
      ? {}
      : {
          firstWrong: {
            ...wrong,
            line: wrong.range.start.line + 1,
            column: wrong.range.start.column + 1,
          },
        }),
  });
}
