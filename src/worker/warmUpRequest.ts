/**
 * A one-line inspection per language, run by the worker when the extension starts beside an
 * open document of that language: it loads the engine bundle and the language's grammar and
 * runs the reader and the engine once, so that the user's first inspection does not pay for
 * them. Its answer is thrown away.
 */
import { assertNever } from '../engine/assertNever';
import type { InspectionRequest, LanguageId } from '../language/frontEnd';

export function warmUpRequest(language: LanguageId): InspectionRequest {
  const source = warmUpSource(language);
  return {
    source,
    language,
    selection: { start: { line: 0, column: 0 }, end: { line: 0, column: source.length } },
    values: { x: 1.5 },
    check: true,
  };
}

function warmUpSource(language: LanguageId): string {
  switch (language) {
    case 'python':
      return 'y = math.tanh(2.0 * x + 0.5) * x';
    case 'javascript':
    case 'typescript':
      return 'const y = Math.tanh(2.0 * x + 0.5) * x;';
    case 'math':
      return 'y = tanh(2x + 0.5) x';
    default:
      return assertNever(language, 'language');
  }
}
