/**
 * The front end shared by Python, JavaScript and TypeScript: parse with tree-sitter, map the
 * selection to nodes, read them into the neutral form, find input values in the document, and
 * lower to the graph. Every failure is a FrontEndError with a kind, a message and a range.
 */
import { setOwn } from '../../engine/records';
import type { Graph } from '../../engine/ir';
import type { Fragment } from './codeAst';
import { CodeError, MAX_CHARACTERS } from './codeError';
import type { CodeLanguage, DocumentReader } from './codeLanguage';
import { annotatedValues, annotationRegion } from './annotation';
import { bindInputs } from './bindings';
import { retargeted } from './callSiteTarget';
import { calledFunction, callValues, withCallValues } from './callSiteValues';
import { lowerFragment } from './codeLowering';
import { codePointName, isInvisible, readableMessage } from '../messageText';
import { itemTyped, listFound, listTyped, ownValue, valuesInScope } from './constantValues';
import { readFragment } from './fragment';
import { namesFromOutside, namesReadBy } from './freeNames';
import type { AnyProgram, FrontEnd, FrontEndRequest, LowerResult, Reference } from '../frontEnd';
import { functionsInScope } from './functionScope';
import { scopeBefore, type Scope, type ScopeEvent } from './scopeWalk';
import { resolveSelection, type Target } from './selection';
import { SourceLines } from '../sourceLines';
import { rejectSyntaxErrors } from './syntaxErrors';
import { reparse } from './incrementalParse';
import { loadParser, type SyntaxNode, type SyntaxTree, type WasmSource } from './treeSitter';

export function createCodeFrontEnd(language: CodeLanguage, wasm: WasmSource): FrontEnd {
  let last: { readonly source: string; readonly tree: SyntaxTree } | undefined;
  return {
    language: language.id,
    lower: async (request) => {
      const tooLong = selectionTooLong(request);
      if (tooLong !== undefined) {
        return tooLong;
      }
      const parser = await loadParser(wasm, language.grammar);
      // Hovering one variable after another inspects the same text again: parse it once.
      // After an edit, only the edited stretch is parsed again.
      if (last?.source !== request.source) {
        const before = last;
        last = undefined;
        try {
          last = { source: request.source, tree: reparse(parser, before, request.source) };
        } finally {
          before?.tree.delete();
        }
      }
      return lowerTree(language, last.tree.rootNode, request);
    },
  };
}

/** A selection of more than MAX_CHARACTERS is refused before anything is parsed. */
function selectionTooLong(request: FrontEndRequest): LowerResult | undefined {
  const lines = new SourceLines(request.source);
  const from = request.selection === undefined ? 0 : lines.offsetAt(request.selection.start);
  const to =
    request.selection === undefined ? lines.text.length : lines.offsetAt(request.selection.end);
  if (from === undefined || to === undefined || Math.abs(to - from) <= MAX_CHARACTERS) {
    return undefined;
  }
  const span = { from: Math.min(from, to), to: Math.max(from, to) };
  return {
    ok: false,
    error: {
      kind: 'too-large',
      message: `the selection has ${span.to - span.from} characters; at most ${MAX_CHARACTERS} can be inspected`,
      range: lines.rangeOf(span),
    },
  };
}

function lowerTree(
  language: CodeLanguage,
  root: SyntaxNode,
  request: FrontEndRequest,
): LowerResult {
  const lines = new SourceLines(request.source);
  try {
    return { ok: true, program: buildProgram(language, root, lines, request) };
  } catch (error) {
    if (!(error instanceof CodeError)) {
      throw error;
    }
    const names = error.names === undefined ? {} : { names: error.names };
    return {
      ok: false,
      error: {
        kind: error.kind,
        message: readableMessage(error.message),
        range: lines.rangeOf(error.span),
        ...names,
      },
    };
  }
}

function buildProgram(
  language: CodeLanguage,
  root: SyntaxNode,
  lines: SourceLines,
  asked: FrontEndRequest,
): AnyProgram {
  const resolved = resolveSelection(root, lines, asked.selection, language.syntax);
  rejectSyntaxErrors(root, resolved.span, language.displayName);
  // `g = jax.grad(f)(1.0)` ends the selection: f is inspected at that call.
  const { selected, request } = retargeted(
    root,
    resolved,
    () => language.open(root, lines.text),
    lines,
    asked,
  );
  const arrays = language.readArrays?.(root, selected, lines, request);
  if (arrays !== undefined) {
    return arrays;
  }
  const reader = language.open(root, lines.text);
  const { fragment, target } = readFragment(selected, reader);
  const scopeAtSelection = scopeOf(target, fragment, reader, language, lines.text);
  const userValues = request.values ?? {};
  const given = (name: string): number | undefined =>
    ownValue(userValues, name) ?? itemTyped(userValues, name);
  const regionStart = Math.min(
    target.span.from,
    scopeAtSelection.enclosingFunction?.span.from ?? Infinity,
  );
  const region = annotationRegion(lines, regionStart, target.span.to, language.commentStarts);
  const annotated = annotatedValues(root, lines.text, region);
  const called = calledFunction(fragment, target, reader, scopeAtSelection);
  const call =
    called === undefined
      ? undefined
      : callValues(called, {
          root,
          reader,
          language,
          lines,
          request,
          given: (name) => given(name) !== undefined || annotated.has(name),
        });
  // A top-level function called at the top level reads its free names as they are at the call.
  const atCall =
    call?.topLevelCall !== undefined &&
    fragment.params !== undefined &&
    scopeAtSelection.enclosingFunction === undefined
      ? { ...target, nodes: [call.topLevelCall] }
      : undefined;
  const scope =
    atCall === undefined
      ? scopeAtSelection
      : scopeOf(atCall, fragment, reader, language, lines.text);
  const events = withCallValues([...scope.events, ...ownParameters(fragment)], call);
  const found = valuesInScope(events, userValues);
  const functions = functionsInScope(scope, fragment);
  const lowering = {
    fragment: withFunctionName(fragment, scope),
    valueBefore: (name: string) => found.get(name)?.value ?? annotated.get(name)?.value,
    boundBefore: (name: string) => found.get(name)?.span ?? annotated.get(name)?.span,
    given,
    functionBefore: (name: string) => functions.get(name),
    listBefore: (name: string) =>
      listTyped(userValues, name) ?? listFound(found, name) ?? listFound(annotated, name),
    callable: language.callable,
    span: target.span,
    ...(request.output === undefined ? {} : { output: request.output }),
  };
  let lowered = lowerFragment(lowering, lines);
  if (lowered.reclaim.size > 0) {
    // A typed `x` sets the binding the output reads, which is known only once it is read.
    const { reclaim } = lowered;
    lowered = lowerFragment({ ...lowering, claim: (name) => reclaim.get(name) }, lines);
  }
  rejectInvalidNames(language, lowered.references, lines);
  const valueTargets: Record<string, string> = {};
  const claimedBy = new Map<string, string>();
  for (const [name, key] of lowered.valueTargets) {
    if (key !== name) {
      setOwn(valueTargets, name, key);
      claimedBy.set(key, name);
    }
  }
  const typed = (key: string): number | undefined => {
    const name = claimedBy.get(key);
    return given(key) ?? (name === undefined ? undefined : given(name));
  };
  const sources = { literals: lowered.literals, found, annotated, given: typed };
  // `--at 'xs=[3, 4]'` arrives as xs_1, xs_2: each sets the item it numbers (xs[0], xs[1]).
  for (const [name, key] of listItemsTyped(lowered.graph, userValues)) {
    setOwn(valueTargets, name, key);
  }
  const notes = [...(call === undefined ? [] : [call.note]), ...(reader.notes?.() ?? [])];
  return {
    language: language.id,
    graph: lowered.graph,
    outputName: lowered.outputName,
    ...bindInputs(lowered.graph, sources, lines),
    valueTargets,
    references: lowered.references,
    range: lines.rangeOf(target.span),
    ...(notes.length === 0 ? {} : { notes }),
  };
}

/** The typed `w_1`, `w_2` … that set the items `w[0]`, `w[1]` … of a list the code reads. */
function listItemsTyped(
  graph: Graph,
  values: Readonly<Record<string, number>>,
): [name: string, key: string][] {
  const keys = new Set(
    graph.nodes.flatMap((node) => (node.kind === 'input' ? [node.key ?? node.name] : [])),
  );
  return Object.keys(values).flatMap((name): [string, string][] => {
    const item = /^(.+)_(\d+)$/u.exec(name);
    const key = item === null ? undefined : `${item[1] ?? ''}[${Number(item[2]) - 1}]`;
    return key !== undefined && keys.has(key) && !keys.has(name) ? [[name, key]] : [];
  });
}

/** An ASCII name every language read here allows: most names, checked without the rules. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/u;

/** A name the grammar let through but the language does not allow, at its first use. */
function rejectInvalidNames(
  language: CodeLanguage,
  references: readonly Reference[],
  lines: SourceLines,
): void {
  for (const reference of references) {
    if (reference.role === 'condition') {
      continue;
    }
    // A list's items are named after their place: `ws[0]`, `m[1][0]`.
    const bare = reference.name.replace(/(?:\[\d+\])+$/u, '');
    if (PLAIN_NAME.test(bare)) {
      continue;
    }
    const chars = [...bare];
    const bad = chars.findIndex((char, i) =>
      i === 0 ? !language.nameStart.test(char) : !language.namePart.test(char),
    );
    if (bad < 0) {
      continue;
    }
    const char = chars[bad] ?? '';
    const what = isInvisible(char)
      ? `the invisible character ${codePointName(char)}`
      : `\`${char}\` (${codePointName(char)})`;
    const from = lines.offsetAt(reference.range.start) ?? 0;
    const to = lines.offsetAt(reference.range.end) ?? from;
    throw new CodeError(
      'syntax',
      `syntax error: \`${reference.name}\` is not a valid ${language.displayName} name: ${what} cannot be part of a name`,
      { from, to },
    );
  }
}

/**
 * The code before the selection, as far as the selection needs it. A function it calls reads
 * names when the call runs, so what the function reads is wanted too, from the selection on:
 * the walk runs again with those names until no function found reads a name not yet wanted.
 */
function scopeOf(
  target: Target,
  fragment: Fragment,
  reader: DocumentReader,
  language: CodeLanguage,
  source: string,
): Scope {
  const [first] = target.nodes;
  if (first === undefined) {
    return { events: [], settled: new Map() };
  }
  const request = {
    reader,
    containers: language.syntax.containers,
    source,
    hoisting: language.hoistsFunctions,
    depth: fragment.params === undefined ? 0 : 1,
  };
  for (let wanted = namesFromOutside(fragment); ;) {
    const scope = scopeBefore(first, { ...request, wanted });
    const more = namesReadByFunctions(scope).filter((name) => !wanted.has(name));
    if (more.length === 0) {
      return scope;
    }
    wanted = new Set([...wanted, ...more]);
  }
}

function namesReadByFunctions(scope: Scope): string[] {
  return scope.events.flatMap((event) =>
    event.kind === 'statement' && event.statement.kind === 'function'
      ? [...namesReadBy(event.statement.definition)]
      : [],
  );
}

/** A selected function's parameters hide outer names and bring their defaults. */
function ownParameters(fragment: Fragment): ScopeEvent[] {
  return fragment.params === undefined ? [] : [{ kind: 'parameters', params: fragment.params }];
}

/** A `return` selected inside a function is named after that function. */
function withFunctionName(fragment: Fragment, scope: Scope): Fragment {
  const name = scope.enclosingFunction?.name?.name;
  return fragment.functionName !== undefined || name === undefined
    ? fragment
    : { ...fragment, functionName: name };
}
