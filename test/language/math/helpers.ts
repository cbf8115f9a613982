/** Shared helpers for the math front end's tests: lower, print a graph's shape, evaluate it. */
import assert from 'node:assert/strict';
import type { Graph, GraphNode, SourceRange } from '../../../src/engine/ir';
import { opSpec } from '../../../src/engine/ops';
import type { FrontEndError, FrontEndRequest, Program } from '../../../src/language/frontEnd';
import { lowerMath } from '../../../src/language/math';

export function lowerOk(source: string, request: Omit<FrontEndRequest, 'source'> = {}): Program {
  const result = lowerMath({ source, ...request });
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

export function lowerError(
  source: string,
  request: Omit<FrontEndRequest, 'source'> = {},
): FrontEndError {
  const result = lowerMath({ source, ...request });
  if (result.ok) {
    const got =
      result.program.kind === 'tensor'
        ? 'a tensor graph'
        : `the graph ${shape(result.program.graph)}`;
    assert.fail(`expected ${JSON.stringify(source)} to fail, got ${got}`);
  }
  return result.error;
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

export function shapeOf(source: string, request: Omit<FrontEndRequest, 'source'> = {}): string {
  return shape(lowerOk(source, request).graph);
}

/** The text a range covers. */
export function textAt(source: string, range: SourceRange | undefined): string {
  assert.ok(range !== undefined, 'expected a range');
  return source.slice(offsetOf(source, range.start), offsetOf(source, range.end));
}

function offsetOf(source: string, position: { line: number; column: number }): number {
  const lines = source.split(/(?<=\r\n|\n|\r(?!\n))/);
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    offset += lines[line]?.length ?? 0;
  }
  return offset + position.column;
}

/** Forward values of every node, from the op catalogue alone. */
export function evaluate(graph: Graph, inputs: Readonly<Record<string, number>>): number[] {
  const values: number[] = [];
  for (const node of graph.nodes) {
    if (node.kind === 'input') {
      const value = inputs[node.name];
      assert.ok(value !== undefined, `no value for ${node.name}`);
      values.push(value);
    } else if (node.kind === 'constant') {
      values.push(node.value);
    } else {
      values.push(opSpec(node.op).forward(node.operands.map((operand) => values[operand] ?? NaN)));
    }
  }
  return values;
}

export function valueOf(source: string, inputs: Readonly<Record<string, number>>): number {
  const graph = lowerOk(source).graph;
  return evaluate(graph, inputs)[graph.output] ?? NaN;
}

export function ops(graph: Graph): string[] {
  return graph.nodes.flatMap((node) => (node.kind === 'op' ? [node.op] : []));
}

export function inputNames(graph: Graph): string[] {
  return graph.nodes.flatMap((node) => (node.kind === 'input' ? [node.name] : []));
}
