import assert from 'node:assert/strict';
import type { GraphNode } from '../../../src/engine/ir';
import { evaluate, inputNames, lowerOk, ops, shape, textAt } from './helpers';

const VALUES = { x: -2, y: 5, z: -4 };

describe('math front end: the reference example', () => {
  describe('f(x, y, z) = (x + y)z', () => {
    const source = 'f(x, y, z) = (x + y)z';
    const program = lowerOk(source);
    const { graph } = program;

    it('has 3 inputs from the parameter list, in order, and 2 ops', () => {
      assert.deepEqual(inputNames(graph), ['x', 'y', 'z']);
      assert.deepEqual(ops(graph), ['add', 'mul']);
      assert.equal(shape(graph), '(mul (add x y) z)');
    });

    it('names the output f (version 1) and evaluates to −12', () => {
      const output = graph.nodes[graph.output] as GraphNode;
      assert.equal(program.outputName, 'f');
      assert.equal(output.name, 'f');
      assert.equal(output.version, 1);
      assert.equal(evaluate(graph, VALUES)[graph.output], -12);
    });

    it('gives every node its range: inputs at the parameters, ops over their operands', () => {
      const ranges = graph.nodes.map((node) => textAt(source, node.range));
      assert.deepEqual(ranges, ['x', 'y', 'z', 'x + y', '(x + y)z']);
      assert.deepEqual(graph.nodes[3]?.range, {
        start: { line: 0, column: 14 },
        end: { line: 0, column: 19 },
      });
    });

    it('lists the write, the parameters and the reads, in document order', () => {
      const references = program.references.map((ref) => [
        ref.role,
        ref.name,
        ref.node,
        ref.range.start.column,
        ref.range.end.column,
      ]);
      assert.deepEqual(references, [
        ['write', 'f', 4, 0, 1],
        ['parameter', 'x', 0, 2, 3],
        ['parameter', 'y', 1, 5, 6],
        ['parameter', 'z', 2, 8, 9],
        ['read', 'x', 0, 14, 15],
        ['read', 'y', 1, 18, 19],
        ['read', 'z', 2, 20, 21],
      ]);
    });

    it('has no bindings without an annotation, and lists the unbound inputs in parameter order', () => {
      assert.deepEqual(program.bindings, {});
      assert.deepEqual(program.unbound, ['x', 'y', 'z']);
      assert.equal(program.language, 'math');
      assert.deepEqual(program.range, {
        start: { line: 0, column: 0 },
        end: { line: 0, column: 21 },
      });
    });
  });

  describe('(x + y) * z', () => {
    const source = '(x + y) * z';
    const program = lowerOk(source);

    it('has the same graph, inputs in order of first use, and an unnamed output called f', () => {
      assert.equal(shape(program.graph), '(mul (add x y) z)');
      assert.deepEqual(inputNames(program.graph), ['x', 'y', 'z']);
      assert.equal(program.outputName, 'f');
      assert.equal(program.graph.nodes[program.graph.output]?.name, undefined);
    });

    it('ranges each node', () => {
      const ranges = program.graph.nodes.map((node) => textAt(source, node.range));
      assert.deepEqual(ranges, ['x', 'y', 'x + y', 'z', '(x + y) * z']);
      assert.deepEqual(
        program.references.map((ref) => `${ref.role} ${ref.name}@${ref.range.start.column}`),
        ['read x@1', 'read y@5', 'read z@10'],
      );
    });
  });

  describe('q = x + y / f = q z on two lines', () => {
    const source = 'q = x + y\nf = q z';
    const program = lowerOk(source);
    const { graph } = program;

    it('names the intermediate q and the output f', () => {
      assert.equal(shape(graph), '(mul (add x y) z)');
      assert.deepEqual(ops(graph), ['add', 'mul']);
      assert.deepEqual(inputNames(graph), ['x', 'y', 'z']);
      assert.deepEqual(
        graph.nodes.map((node) => node.name),
        ['x', 'y', 'q', 'z', 'f'],
      );
      assert.equal(program.outputName, 'f');
      assert.deepEqual(evaluate(graph, VALUES), [-2, 5, 3, -4, -12]);
    });

    it('ranges nodes and references on both lines', () => {
      assert.deepEqual(
        graph.nodes.map((node) => textAt(source, node.range)),
        ['x', 'y', 'x + y', 'z', 'q z'],
      );
      assert.deepEqual(graph.nodes[4]?.range, {
        start: { line: 1, column: 4 },
        end: { line: 1, column: 7 },
      });
      assert.deepEqual(
        program.references.map((ref) => [
          ref.role,
          ref.name,
          ref.node,
          ref.range.start.line,
          ref.range.start.column,
        ]),
        [
          ['write', 'q', 2, 0, 0],
          ['read', 'x', 0, 0, 4],
          ['read', 'y', 1, 0, 8],
          ['write', 'f', 4, 1, 0],
          ['read', 'q', 2, 1, 4],
          ['read', 'z', 3, 1, 6],
        ],
      );
    });

    it('can take q as the output instead', () => {
      const asQ = lowerOk(source, { output: 'q' });
      assert.equal(asQ.outputName, 'q');
      assert.equal(asQ.graph.output, 2);
    });
  });

  it('maps ranges back to the document when the formula sits mid-line in Markdown', () => {
    const source = '# Notes\n\nThe lecture uses $f(x, y, z) = (x + y)z$ at the start.\n';
    const program = lowerOk(source, {
      selection: { start: { line: 2, column: 3 }, end: { line: 2, column: 3 } },
    });
    assert.equal(shape(program.graph), '(mul (add x y) z)');
    assert.deepEqual(
      program.graph.nodes.map((node) => textAt(source, node.range)),
      ['x', 'y', 'z', 'x + y', '(x + y)z'],
    );
    assert.deepEqual(program.graph.nodes[3]?.range, {
      start: { line: 2, column: 32 },
      end: { line: 2, column: 37 },
    });
  });
});
