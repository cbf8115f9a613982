/** Types of the benchmark's graph generators that TypeScript tests use (bench/graphs.mjs). */
import type { GraphBuilder } from '../src/engine/graphBuilder';
import type { Graph } from '../src/engine/ir';

/** A seeded random DAG of about `size` nodes over eight inputs x0 … x7. */
export declare function randomDag(builder: typeof GraphBuilder, size: number, seed: number): Graph;

/** The graph with the input values of `seed`, by name. */
export declare function named(
  graph: Graph,
  seed: number,
): { graph: Graph; values: Record<string, number> };
