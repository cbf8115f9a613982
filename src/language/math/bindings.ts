/**
 * Input values for math notation come only from `at:` annotations: a formula has no earlier
 * code to take values from, and assignments of constants are constants in the graph already.
 */
import type { Binding } from '../frontEnd';
import type { Graph } from '../../engine/ir';
import { setOwn } from '../../engine/records';
import type { AnnotatedValue } from './annotations';
import type { SourceLines } from '../sourceLines';

export interface Bound {
  readonly bindings: Record<string, Binding>;
  /** Inputs without a value, in graph order: first use, or parameter order. */
  readonly unbound: string[];
}

export function bindInputs(
  graph: Graph,
  values: readonly AnnotatedValue[],
  source: SourceLines,
): Bound {
  const latest = new Map<string, AnnotatedValue>();
  for (const value of values) {
    latest.set(value.name, value);
  }
  const bindings: Record<string, Binding> = {};
  const unbound: string[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'input') {
      continue;
    }
    const found = latest.get(node.name);
    if (found === undefined) {
      unbound.push(node.name);
    } else {
      setOwn(bindings, node.name, {
        value: found.value,
        source: 'annotation',
        range: source.rangeOf(found.span),
      });
    }
  }
  return { bindings, unbound };
}
