/**
 * Names that nothing defines: `sigmoid(z)` in a snippet that neither defines nor imports
 * `sigmoid` is read as the catalogue's function, with a note saying so; a definition, an
 * assignment or an import in the file always wins.
 */
import assert from 'node:assert/strict';
import { renderTable } from '../../../src/cli/table';
import { inspectionOf } from '../../support/inspections';
import { evaluateAt, lowerError, lowerOk, python } from '../code/codeHelpers';

const NEURON = 'sigmoid(w0*x0 + w1*x1 + w2)\n# at: w0=2, x0=-1, w1=-3, x1=-2, w2=-3\n';

describe('Python: names that nothing defines', () => {
  it('`sigmoid(w0*x0 + w1*x1 + w2)` alone inspects, with the note', async () => {
    const { result, program } = await inspectionOf({ source: NEURON, language: 'python' });
    const z = 2 * -1 + -3 * -2 + -3;
    const s = 1 / (1 + Math.exp(-z));
    assert.ok(Math.abs(result.value - s) < 1e-15);
    assert.ok(
      Math.abs((result.inputs.find((i) => i.name === 'w0')?.grad ?? NaN) - s * (1 - s) * -1) <
        1e-15,
    );
    assert.deepEqual(program.notes, [
      '`sigmoid` is not defined in this file; read as torch.sigmoid, the sigmoid σ(x) = 1/(1 + e^(−x))',
    ]);
    assert.match(renderTable(result, 6, {}, program.notes), /notes\n {2}`sigmoid` is not defined/);
  });

  for (const [name, expected] of [
    ['relu', (x: number) => Math.max(x, 0)],
    ['tanh', Math.tanh],
    ['exp', Math.exp],
    ['log', Math.log],
  ] as const) {
    it(`\`${name}(x)\` is read as the catalogue's ${name}, said in a note`, async () => {
      const program = await lowerOk(python, `f = ${name}(x)\n# at: x=1.5\n`);
      assert.equal(evaluateAt(program).value, expected(1.5));
      assert.equal(program.notes?.length, 1);
      assert.match(
        program.notes?.[0] ?? '',
        new RegExp(`^\`${name}\` is not defined in this file`),
      );
    });
  }

  it('a definition in the file wins, without a note', async () => {
    const program = await lowerOk(
      python,
      'def sigmoid(z):\n    return 2 * z\n\nf = sigmoid(x)\n# at: x=3\n',
    );
    assert.equal(evaluateAt(program).value, 6);
    assert.equal(program.notes, undefined);
  });

  it('an import of the name wins: an unknown library is refused as before', async () => {
    const error = await lowerError(python, 'from mylib import sigmoid\nf = sigmoid(x)\n');
    assert.equal(error.kind, 'unknown-function');
  });

  it('a name the file assigns is not read as a library function', async () => {
    const error = await lowerError(python, 'relu = 2\nf = relu(x)\n');
    assert.equal(error.kind, 'unknown-function');
  });

  it('an imported library function needs no note', async () => {
    const program = await lowerOk(python, 'from torch import sigmoid\nf = sigmoid(x)\n');
    assert.equal(program.notes, undefined);
  });
});
