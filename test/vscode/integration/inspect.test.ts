import * as assert from 'node:assert/strict';
import { activateExtension, inspect, openFile, openUntitled, reset, selectLine } from './helpers';

/** f = (x + y) * z at x = −2, y = 5, z = −4, the same in every language of the fixture. */
const REFERENCE = {
  ok: true,
  output: { name: 'f', value: -12 },
  grads: { x: -4, y: -4, z: 3 },
};

describe('gradientLens.inspect', () => {
  afterEach(reset);

  for (const file of ['reference.py', 'reference.js', 'reference.ts']) {
    it(`inspects line 4 of ${file}: f = −12, ∂f/∂x = −4, ∂f/∂y = −4, ∂f/∂z = 3`, async () => {
      await activateExtension();
      selectLine(await openFile(file), 4);
      const result = await inspect();
      assert.equal(result.ok, true, `inspect failed: ${JSON.stringify(result)}`);
      // Only the contract's fields: the result may carry more for other callers.
      const { ok, output, grads } = result;
      assert.deepEqual({ ok, output, grads }, REFERENCE);
    });
  }

  it('answers an unsupported construct with an error value, not an exception', async () => {
    await activateExtension();
    selectLine(await openUntitled('python', 'f = [x for x in y]\n'), 1);
    const result = await inspect();
    assert.equal(result.ok, false, `expected an error, got ${JSON.stringify(result)}`);
    assert.equal(result.error.kind, 'unsupported');
    assert.match(result.error.message, /\S/);
  });
});
