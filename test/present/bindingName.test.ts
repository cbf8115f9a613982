import assert from 'node:assert/strict';
import { bindingName, bindingPartial } from '../../src/present/bindingName';
import { inspectionOf } from '../support/inspections';
import { REBINDING, pythonInspection } from '../support/unusedInputs';

describe('binding names', () => {
  for (const each of REBINDING) {
    it(`${each.language}: names the binding f uses by its line when another x is an input`, async () => {
      const { result } = await inspectionOf({ source: each.source, language: each.language });
      const [y, x] = result.inputs;
      assert.equal(bindingName(result, x!), `x (line ${each.usedLine + 1})`);
      assert.equal(bindingName(result, y!), 'y');
    });
  }

  it('keeps a key that already says its line, and a name bound once', async () => {
    const both = await pythonInspection('x = 1\ny = x * 2\nx = 3\nf = x * y\n');
    assert.deepEqual(
      both.result.inputs.map((input) => bindingName(both.result, input)),
      ['x (line 1)', 'x (line 3)'],
    );
    const once = await pythonInspection('x = 1\nf = x * 2\n');
    assert.equal(bindingName(once.result, once.result.inputs[0]!), 'x');
  });

  it('writes the line outside the partial', () => {
    assert.equal(bindingPartial('f', 'x (line 4)'), '∂f/∂x (line 4)');
    assert.equal(bindingPartial('f', 'x (line 4, column 9)'), '∂f/∂x (line 4, column 9)');
    assert.equal(bindingPartial('f', 'x'), '∂f/∂x');
    assert.equal(bindingPartial('f', 'a b'), '∂f/∂(a b)');
  });
});
