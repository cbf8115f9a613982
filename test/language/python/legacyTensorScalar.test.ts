/**
 * PyTorch's legacy constructor `torch.Tensor` on the scalar reader: the forms it cannot read
 * (sizes, which PyTorch fills with uninitialised memory; data held by a name) are refused,
 * naming the call; a list written in the call is read on the tensor path
 * (tensor/legacyTensor.test.ts). What PyTorch makes of the sizes form is checked with
 * /usr/bin/python3.
 */
import assert from 'node:assert/strict';
import { runPython } from '../../support/tensorOpChecks';
import { lowerError, python, textAt } from '../code/codeHelpers';

describe('PyTorch legacy constructor torch.Tensor (scalar reader)', function () {
  this.timeout(60_000);

  it('torch.Tensor(3, 4) is sizes to PyTorch (a 3×4 tensor, not the numbers 3 and 4): refused', async () => {
    const shape = runPython<number[]>(
      'import json, torch\nprint(json.dumps(list(torch.Tensor(3, 4).shape)))\n',
      {},
    );
    assert.deepEqual(shape, [3, 4]);
    const source = 'import torch\nx = torch.Tensor(3, 4)\ny = x * x\n';
    const error = await lowerError(python, source);
    assert.equal(error.kind, 'unsupported');
    assert.equal(textAt(source, error.range), 'torch.Tensor(3, 4)');
    assert.match(error.message, /uninitialised memory, which has no value to read/);
  });

  it('torch.Tensor(data) of a name is refused, pointing to a list written in the call', async () => {
    const error = await lowerError(
      python,
      'import torch\ndata = [2.0]\nx = torch.Tensor(data)\ny = x * x\n',
    );
    assert.match(
      error.message,
      /^`torch\.Tensor\(data\)`: the legacy constructor `torch\.Tensor` is read with a list of numbers written in the call/,
    );
  });
});
