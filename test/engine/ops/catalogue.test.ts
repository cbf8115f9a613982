/** The catalogue is complete: every OpName has a spec, test cases and the arity it should. */
import assert from 'node:assert/strict';
import { GraphBuilder } from '../../../src/engine/graphBuilder';
import { OP_NAMES, type OpName } from '../../../src/engine/opName';
import { OPS, opSpec } from '../../../src/engine/ops';
import { CASES } from './opCases';

describe('op catalogue', () => {
  it('has exactly one spec per OpName, under its own name', () => {
    assert.deepEqual(Object.keys(OPS).sort(), [...OP_NAMES].sort());
    for (const name of OP_NAMES) {
      assert.equal(OPS[name]?.name, name);
      assert.equal(opSpec(name), OPS[name]);
    }
  });

  it('has test cases for every op', () => {
    const missing = OP_NAMES.filter(
      (name) => (CASES as Partial<Record<string, unknown>>)[name] === undefined,
    );
    assert.deepEqual(missing, []);
    assert.deepEqual(Object.keys(CASES).sort(), [...OP_NAMES].sort());
  });

  for (const name of Object.keys(OPS) as OpName[]) {
    describe(name, () => {
      const spec = OPS[name];
      const expected = CASES[name];

      it(`takes ${expected.arity.min} to ${expected.arity.max} operands, and the graph builder enforces it`, () => {
        assert.deepEqual(spec.arity, expected.arity);
        const g = new GraphBuilder();
        const inputs = Array.from({ length: 6 }, (_, i) => g.input(`x${i}`));
        assert.throws(() => g.op(name, inputs.slice(0, spec.arity.min - 1)), RangeError);
        if (Number.isFinite(spec.arity.max)) {
          assert.throws(() => g.op(name, inputs.slice(0, spec.arity.max + 1)), RangeError);
        } else {
          assert.doesNotThrow(() => g.op(name, inputs));
        }
        for (const n of expected.arities) {
          assert.ok(n >= spec.arity.min && n <= spec.arity.max, `${n} operands are tested`);
          assert.doesNotThrow(() => g.op(name, inputs.slice(0, n)));
        }
      });

      it('describes itself for the panel and the printers', () => {
        assert.ok(spec.symbol.length > 0);
        assert.ok(spec.description.length > 0);
        assert.ok(spec.notation.text.length > 0 && spec.notation.latex.length > 0);
        if (spec.notation.kind !== 'function') {
          assert.ok(spec.notation.precedence >= 1);
        }
      });

      it('gives NaN, not an exception, for NaN operands', () => {
        for (const n of expected.arities) {
          const args = Array.from({ length: n }, () => NaN);
          assert.ok(Number.isNaN(spec.forward(args)), `${name}(NaN…) is NaN`);
          assert.equal(spec.partials(args, NaN).length, n);
        }
      });
    });
  }
});
