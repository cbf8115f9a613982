/**
 * The front end shared by Python, JavaScript and TypeScript: parse with tree-sitter, map the
 * selection to nodes, read them into the neutral form, find input values in the document, and
 * lower to the graph. Every failure is a FrontEndError with a kind, a message and a range.
 */
import type { Fragment } from './codeAst';
import { CodeError } from './codeError';
import type { CodeLanguage, DocumentReader } from './codeLanguage';
import { annotatedValues, annotationRegion } from './annotation';
import { bindInputs } from './bindings';
import { lowerFragment } from './codeLowering';
import { ownValue, valuesInScope } from './constantValues';
import { readFragment } from './fragment';
import { namesFromOutside } from './freeNames';
import type { FrontEnd, FrontEndRequest, LowerResult, Program } from './frontEnd';
import { scopeBefore, type Scope, type ScopeEvent } from './scopeWalk';
import { resolveSelection, type Target } from './selection';
import { SourceLines } from './sourceLines';
import { rejectSyntaxErrors } from './syntaxErrors';
import { loadParser, parse, type SyntaxNode, type SyntaxTree, type WasmSource } from './treeSitter';

export function createCodeFrontEnd(language: CodeLanguage, wasm: WasmSource): FrontEnd {
  let last: { readonly source: string; readonly tree: SyntaxTree } | undefined;
  return {
    language: language.id,
    lower: async (request) => {
      const parser = await loadParser(wasm, language.grammar);
      // Hovering one variable after another inspects the same text again: parse it once.
      if (last?.source !== request.source) {
        last?.tree.delete();
        last = { source: request.source, tree: parse(parser, request.source) };
      }
      return lowerTree(language, last.tree.rootNode, request);
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
        message: error.message,
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
  request: FrontEndRequest,
): Program {
  const target = resolveSelection(root, lines, request.selection, language.syntax);
  rejectSyntaxErrors(root, target.span, language.displayName);
  const reader = language.open(root, lines.text);
  const fragment = readFragment(target, reader);
  const scope = scopeOf(target, fragment, reader, language.syntax.containers, lines.text);
  const userValues = request.values ?? {};
  const given = (name: string): number | undefined => ownValue(userValues, name);
  const found = valuesInScope([...scope.events, ...ownParameters(fragment)], userValues);
  const regionStart = Math.min(target.span.from, scope.enclosingFunction?.span.from ?? Infinity);
  const region = annotationRegion(lines, regionStart, target.span.to, language.commentStarts);
  const annotated = annotatedValues(root, lines.text, region);
  const lowered = lowerFragment(
    {
      fragment: withFunctionName(fragment, scope),
      valueBefore: (name) => given(name) ?? found.get(name)?.value ?? annotated.get(name)?.value,
      given,
      span: target.span,
      ...(request.output === undefined ? {} : { output: request.output }),
    },
    lines,
  );
  const sources = { literals: lowered.literals, found, annotated, given };
  return {
    language: language.id,
    graph: lowered.graph,
    outputName: lowered.outputName,
    ...bindInputs(lowered.graph, sources, lines),
    references: lowered.references,
    range: lines.rangeOf(target.span),
  };
}

function scopeOf(
  target: Target,
  fragment: Fragment,
  reader: DocumentReader,
  containers: ReadonlySet<string>,
  source: string,
): Scope {
  const [first] = target.nodes;
  if (first === undefined) {
    return { events: [] };
  }
  return scopeBefore(first, { reader, containers, source, wanted: namesFromOutside(fragment) });
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
