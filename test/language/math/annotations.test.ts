import assert from 'node:assert/strict';
import type { SourceRange } from '../../../src/engine/ir';
import { lowerError, lowerOk, shape, textAt } from './helpers';

function at(line: number, column: number, endLine = line, endColumn = column): SourceRange {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

function values(source: string, selection?: SourceRange): Record<string, number> {
  const program = lowerOk(source, selection === undefined ? {} : { selection });
  return Object.fromEntries(
    Object.entries(program.bindings).map(([name, binding]) => [name, binding.value]),
  );
}

describe('math front end: annotations', () => {
  it('reads # at:, // at:, % at: and a bare at: line', () => {
    const expected = { x: -2, y: 5, z: -4 };
    assert.deepEqual(values('# at: x=-2, y=5, z=-4\nf = (x + y) z'), expected);
    assert.deepEqual(values('f = (x + y) z // at: x=-2, y=5, z=-4'), expected);
    assert.deepEqual(values('% at: x = -2, y = 5, z = -4\nf = (x + y) z'), expected);
    assert.deepEqual(values('at: x=-2; y=5; z=-4\nf = (x + y) z'), expected);
    assert.deepEqual(values('f(x, y, z) = (x + y) z      at x = -2, y = 5, z = -4'), expected);
    assert.deepEqual(values('f = (x + y) z\n#at:x=-2 y=5 z=−4.'), expected);
  });

  it('records the binding as an annotation with the range of name=value', () => {
    const source = 'f = x^2  # at: x=1.5e-1';
    const program = lowerOk(source);
    const binding = program.bindings.x;
    assert.equal(binding?.value, 0.15);
    assert.equal(binding?.source, 'annotation');
    assert.equal(textAt(source, binding?.range), 'x=1.5e-1');
    assert.deepEqual(program.unbound, []);
  });

  it('binds only inputs, and lists the rest as unbound in order of first use', () => {
    const program = lowerOk('# at: y=2, q=7, w=1\nq = x + y\nf = q z');
    assert.deepEqual(Object.keys(program.bindings), ['y']);
    assert.deepEqual(program.unbound, ['x', 'z']);
  });

  it('reads LaTeX names in annotations', () => {
    assert.deepEqual(values('% at: \\alpha=0.1, x_{1}=2\n\\alpha x_1'), { alpha: 0.1, x_1: 2 });
  });

  it('lets a later annotation override an earlier one', () => {
    assert.deepEqual(values('# at: x=1\n# at: x=2\nx^2'), { x: 2 });
  });

  it('ignores comments that are not annotations, and `at` used as a name', () => {
    assert.deepEqual(values('# the square\nx^2 # at the top'), {});
    assert.equal(shape(lowerOk('at = 3\nf = at x').graph), '(mul 3 x)');
  });

  it('counts an annotation on the line just above the selection, not two lines above', () => {
    const source = '# at: x=3\nf = x^2\n\ng = y^2';
    assert.deepEqual(values(source, at(1, 0, 1, 7)), { x: 3 });
    assert.deepEqual(lowerOk(source, { selection: at(3, 0, 3, 7) }).unbound, ['y']);
  });
});

describe('math front end: selection', () => {
  const source = 'intro text\nq = x + y\nf = q z\n# at: z=-4';

  it('inspects only the selected lines, ranges in document coordinates', () => {
    const program = lowerOk(source, { selection: at(1, 0, 1, 9) });
    assert.equal(shape(program.graph), '(add x y)');
    assert.equal(program.outputName, 'q');
    assert.deepEqual(program.graph.nodes[2]?.range, at(1, 4, 1, 9));
    assert.deepEqual(program.range, at(1, 0, 1, 9));
  });

  it('inspects the line under the cursor for an empty selection', () => {
    const program = lowerOk(source, { selection: at(2, 3) });
    assert.equal(shape(program.graph), '(mul q z)');
    assert.deepEqual(program.range, at(2, 0, 2, 7));
    assert.deepEqual(program.unbound, ['q', 'z']);
  });

  it('reads annotations inside the selection', () => {
    const program = lowerOk(source, { selection: at(1, 0, 3, 10) });
    assert.equal(shape(program.graph), '(mul (add x y) z)');
    assert.equal(program.bindings.z?.value, -4);
  });

  it('widens a selection that cuts a word', () => {
    const text = 'alpha + beta';
    const program = lowerOk(text, { selection: at(0, 2, 0, 10) });
    assert.equal(shape(program.graph), '(add alpha beta)');
    assert.deepEqual(program.range, at(0, 0, 0, 12));
  });

  it('accepts a reversed selection', () => {
    assert.equal(shape(lowerOk(source, { selection: at(2, 7, 1, 0) }).graph), '(mul (add x y) z)');
  });

  it('refuses a selection outside the document', () => {
    const error = lowerError('x', { selection: at(5, 0, 6, 0) });
    assert.equal(error.kind, 'selection');
    assert.deepEqual(error.range, at(0, 0));
  });
});
