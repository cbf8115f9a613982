/** Shared helpers for the Python, JavaScript and TypeScript front ends' tests. */
import assert from 'node:assert/strict';
import type { Graph, GraphNode, SourceRange } from '../../../src/engine/ir';
import type {
  FrontEnd,
  FrontEndError,
  FrontEndRequest,
  Program,
} from '../../../src/language/frontEnd';
import { createJavaScriptFrontEnd } from '../../../src/language/javascript/javascript';
import { createPythonFrontEnd } from '../../../src/language/python/python';
import { gradientsAt, type Evaluated } from '../../support/gradients';
import { wasmFromNodeModules } from '../../support/wasmFromNodeModules';

export const python = createPythonFrontEnd(wasmFromNodeModules);
export const javascript = createJavaScriptFrontEnd(wasmFromNodeModules, 'javascript');
export const typescript = createJavaScriptFrontEnd(wasmFromNodeModules, 'typescript');

export type Request = Omit<FrontEndRequest, 'source'>;

export async function lowerOk(
  frontEnd: FrontEnd,
  source: string,
  request: Request = {},
): Promise<Program> {
  const result = await frontEnd.lower({ source, ...request });
  if (!result.ok) {
    assert.fail(
      `expected ${JSON.stringify(source)} to lower, got ${result.error.kind}: ${result.error.message}`,
    );
  }
  if (result.program.kind === 'tensor') {
    assert.fail(
      `expected ${JSON.stringify(source)} to lower to a scalar graph, got a tensor graph`,
    );
  }
  return result.program;
}

export async function lowerError(
  frontEnd: FrontEnd,
  source: string,
  request: Request = {},
): Promise<FrontEndError> {
  const result = await frontEnd.lower({ source, ...request });
  if (result.ok) {
    const got = result.program.kind === 'tensor' ? 'a tensor graph' : shape(result.program.graph);
    assert.fail(`expected ${JSON.stringify(source)} to fail, got ${got}`);
  }
  return result.error;
}

/** Value and gradients at the values found in the document, overridden by `given`. */
export function evaluateAt(
  program: Program,
  given: Readonly<Record<string, number>> = {},
): Evaluated {
  const values: Record<string, number> = {};
  for (const [name, binding] of Object.entries(program.bindings)) {
    values[name] = binding.value;
  }
  return gradientsAt(program.graph, { ...values, ...given });
}

/** Gradients rounded to `digits` decimals, by input name. */
export function rounded(
  grads: Readonly<Record<string, number>>,
  digits = 2,
): Record<string, number> {
  const scale = 10 ** digits;
  return Object.fromEntries(
    Object.entries(grads).map(([name, grad]) => [name, Math.round(grad * scale) / scale]),
  );
}

/** The output's formula as an S-expression, e.g. `(mul (add x y) z)`; constants by value. */
export function shape(graph: Graph, id = graph.output): string {
  const node = graph.nodes[id] as GraphNode;
  switch (node.kind) {
    case 'input':
      return node.name;
    case 'constant':
      return String(Number(node.value.toPrecision(12)));
    case 'op':
      return `(${node.op} ${node.operands.map((operand) => shape(graph, operand)).join(' ')})`;
  }
}

/** The text a range covers. */
export function textAt(source: string, range: SourceRange | undefined): string {
  assert.ok(range !== undefined, 'expected a range');
  const lines = source.split('\n');
  const offset = (line: number, column: number): number =>
    lines.slice(0, line).reduce((sum, text) => sum + text.length + 1, 0) + column;
  return source.slice(
    offset(range.start.line, range.start.column),
    offset(range.end.line, range.end.column),
  );
}

/** The range of the `occurrence`-th appearance of `text` in `source` (0-based lines/columns). */
export function rangeOf(source: string, text: string, occurrence = 0): SourceRange {
  let from = -1;
  for (let i = 0; i <= occurrence; i++) {
    from = source.indexOf(text, from + 1);
    assert.ok(from >= 0, `${JSON.stringify(text)} not found`);
  }
  return { start: positionAt(source, from), end: positionAt(source, from + text.length) };
}

/** A cursor (empty selection) just after `text`. */
export function cursorAfter(source: string, text: string): SourceRange {
  const { end } = rangeOf(source, text);
  return { start: end, end };
}

function positionAt(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length - 1, column: (before[before.length - 1] ?? '').length };
}
