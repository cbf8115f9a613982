/**
 * The math-notation front end: plain formulas and LaTeX, from a selection of any document
 * (Markdown, LaTeX, plain text) to a graph. The stages each work on document offsets:
 * selection → comments and annotations → math regions → tokens → brackets → statements → graph.
 */
import type { FrontEnd, FrontEndError, FrontEndRequest, LowerResult, Program } from '../frontEnd';
import { scanComments } from './annotations';
import { bindInputs } from './bindings';
import { checkEqualForms } from './equalForms';
import { pairBrackets, tooDeep } from './brackets';
import { tokensOf } from './lexer';
import { lower } from './lower';
import { maskMath } from './mathRegions';
import { MAX_CHARACTERS, MathError } from './mathError';
import { parse } from './parser';
import { ReadingNotes } from './readingNotes';
import { resolveSelection } from './selection';
import { readableMessage } from '../messageText';
import { SourceLines } from '../sourceLines';
import { TokenStream } from './tokenStream';

export const mathFrontEnd: FrontEnd = {
  language: 'math',
  lower: (request) => Promise.resolve(lowerMath(request)),
};

/** The same as `mathFrontEnd.lower`, synchronously. */
export function lowerMath(request: FrontEndRequest): LowerResult {
  const source = new SourceLines(request.source);
  try {
    return { ok: true, program: buildProgram(source, request) };
  } catch (error) {
    return { ok: false, error: toFrontEndError(error, source, request) };
  }
}

function buildProgram(source: SourceLines, request: FrontEndRequest): Program {
  const region = resolveSelection(source, request.selection);
  const length = region.to - region.from;
  if (length > MAX_CHARACTERS) {
    throw new MathError(
      'too-large',
      `the selection has ${length} characters; at most ${MAX_CHARACTERS} can be inspected`,
      region,
    );
  }
  const comments = scanComments(source, region);
  const notes = new ReadingNotes();
  const delimited = /\$|\\[[(]/.test(source.text.slice(region.from, region.to));
  const masked = maskMath(source.text, region, comments.hidden);
  const tokens = tokensOf(masked, region.from, notes, delimited);
  const statements = parse(new TokenStream(source, pairBrackets(source, tokens), notes));
  if (statements.length === 0) {
    throw new MathError(
      'syntax',
      'nothing to inspect: there is no formula here, only comments or blank space',
      region,
    );
  }
  const known = new Map<string, number>();
  for (const value of comments.values) {
    known.set(value.name, value.value);
  }
  for (const [name, value] of Object.entries(request.values ?? {})) {
    known.set(name, value);
  }
  const lowered = lower(source, statements, request.output, region, known, notes);
  checkEqualForms(source, statements, region, known, notes);
  const noteList = notes.list(source);
  const { bindings, unbound } = bindInputs(lowered.graph, comments.values, source);
  return {
    language: 'math',
    graph: lowered.graph,
    outputName: lowered.outputName,
    bindings,
    unbound,
    valueTargets: {},
    ...(lowered.valuesRead.length === 0 ? {} : { valuesRead: lowered.valuesRead }),
    references: lowered.references,
    range: source.rangeOf(region),
    ...(noteList.length === 0 ? {} : { notes: noteList }),
  };
}

function toFrontEndError(
  error: unknown,
  source: SourceLines,
  request: FrontEndRequest,
): FrontEndError {
  if (error instanceof MathError) {
    return {
      kind: error.kind,
      message: readableMessage(error.message),
      range: source.rangeOf(error.span),
      ...(error.names === undefined ? {} : { names: error.names }),
    };
  }
  // The depth guard keeps the parser far from the stack limit; this is the last line of defence.
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    const range = request.selection ?? source.rangeOf({ from: 0, to: source.text.length });
    return { kind: 'too-deep', message: tooDeep(), range };
  }
  throw error;
}
