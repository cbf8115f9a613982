/** Types of the benchmark's graph generators, for TypeScript tests (bench/graphs.mjs). */
import type { GraphBuilder } from '../src/engine/graphBuilder';
import type { Graph } from '../src/engine/ir';

/** The number of inputs every benchmark graph has (x0 … x7). */
export declare const INPUT_COUNT: number;
/** Input values in [−2, 2], in input order (x0, x1, …). */
export declare function inputValues(seed: number): number[];
/** A seeded random DAG of about `size` nodes. */
export declare function randomDag(builder: typeof GraphBuilder, size: number, seed: number): Graph;
/** A seeded random expression tree of about `size` nodes. */
export declare function randomTree(builder: typeof GraphBuilder, size: number, seed: number): Graph;
/** A chain `depth` ops deep. */
export declare function deepChain(builder: typeof GraphBuilder, depth: number, seed: number): Graph;
/** Σ cᵢ·x_(i mod 8) over `terms` terms, folded left. */
export declare function wideSum(builder: typeof GraphBuilder, terms: number, seed: number): Graph;
/** The graph as one mathjs expression string. */
export declare function toMathString(graph: Graph): string;
/** The graph as a TensorFlow.js function of its inputs. */
export declare function toTfFunction(tf: unknown, graph: Graph): (...inputs: unknown[]) => unknown;
/** A recurrent chain of neurons of about `size` nodes, with its input values. */
export declare function network(
  builder: typeof GraphBuilder,
  size: number,
): { graph: Graph; values: Record<string, number> };
/** The graph with the input values of `seed`, by name. */
export declare function named(
  graph: Graph,
  seed: number,
): { graph: Graph; values: Record<string, number> };
