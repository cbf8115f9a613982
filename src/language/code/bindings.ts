/**
 * The values found in the document for a graph's inputs, in the order DESIGN.md gives: a number
 * assigned in the selection itself, then earlier assignments and parameter defaults (folded in
 * scope order, so the nearest wins), then `at:` annotations. Values the user typed are not
 * bindings; they only take an input off the unbound list.
 */
import { inputKey, type Graph } from '../../engine/ir';
import { setOwn } from '../../engine/records';
import type { AnnotatedValue } from './annotation';
import type { LiteralValue } from './codeLowering';
import type { FoundValue } from './constantValues';
import type { Binding } from '../frontEnd';
import type { SourceLines } from '../sourceLines';

export interface ValueSources {
  /** Inputs bound inside the selection, by node. */
  readonly literals: ReadonlyMap<number, LiteralValue>;
  readonly found: ReadonlyMap<string, FoundValue>;
  readonly annotated: ReadonlyMap<string, AnnotatedValue>;
  /** Whether the user typed a value for an input key. */
  readonly given: (key: string) => number | undefined;
}

export interface Bound {
  /** By input key. */
  readonly bindings: Record<string, Binding>;
  /** Input keys with no value, in graph order (parameter order for a function). */
  readonly unbound: string[];
}

export function bindInputs(graph: Graph, sources: ValueSources, lines: SourceLines): Bound {
  const bindings: Record<string, Binding> = {};
  const unbound: string[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'input') {
      continue;
    }
    const key = inputKey(node);
    const binding = bindingOf(node.id, node.name, sources, lines);
    if (binding !== undefined) {
      setOwn(bindings, key, binding);
    } else if (sources.given(key) === undefined) {
      unbound.push(key);
    }
  }
  return { bindings, unbound };
}

function bindingOf(
  node: number,
  name: string,
  sources: ValueSources,
  lines: SourceLines,
): Binding | undefined {
  const literal = sources.literals.get(node);
  if (literal !== undefined) {
    return { value: literal.value, source: 'assignment', range: lines.rangeOf(literal.span) };
  }
  const found = sources.found.get(name);
  if (found !== undefined) {
    return { value: found.value, source: found.source, range: lines.rangeOf(found.span) };
  }
  const annotated = sources.annotated.get(name);
  if (annotated !== undefined) {
    return { value: annotated.value, source: 'annotation', range: lines.rangeOf(annotated.span) };
  }
  return undefined;
}
