/**
 * The Python front end's tensor path, read without running the code: which code takes it, the
 * graph it builds (shapes, ops, inputs and their values), and the refusals with their text.
 */
import assert from 'node:assert/strict';
import { inspectTensorGraph } from '../../../../src/engine/tensor/tensorInspect';
import { python } from '../../code/codeHelpers';
import { ISSUE_SOFTMAX } from '../../../support/issueSoftmax';
import { lines, tensorError, tensorProgram } from './tensorPrograms';

describe('Python arrays: which code takes the tensor path', () => {
  it('scalar code still takes the scalar path', async () => {
    const result = await python.lower({ source: lines('x = 2.0', 'f = x * x') });
    assert.ok(result.ok);
    assert.notEqual(result.program.kind, 'tensor');
  });

  it('a PyTorch scalar (torch.tensor(2.0)) stays scalar code', async () => {
    const source = lines('import torch', 'x = torch.tensor(2.0, requires_grad=True)', 'y = x * x');
    const result = await python.lower({ source });
    assert.ok(result.ok);
    assert.notEqual(result.program.kind, 'tensor');
  });

  it('np.exp of a number without arrays stays scalar code', async () => {
    const result = await python.lower({
      source: lines('import numpy as np', 'x = 0.5', 'f = np.exp(x)'),
    });
    assert.ok(result.ok);
    assert.notEqual(result.program.kind, 'tensor');
  });

  it('scalar code below unrelated NumPy draws stays scalar code', async () => {
    const source = lines(
      'import numpy as np',
      'np.random.seed(0)',
      'X = np.random.randn(3)',
      'x = 2.0',
      'f = x * x',
    );
    const selection = { start: { line: 4, column: 0 }, end: { line: 4, column: 9 } };
    const result = await python.lower({ source, selection });
    assert.ok(result.ok);
    assert.notEqual(result.program.kind, 'tensor');
  });

  it('arrays made above the selection send it to the tensor path', async () => {
    const selection = { start: { line: 8, column: 0 }, end: { line: 8, column: 45 } };
    const program = await tensorProgram(ISSUE_SOFTMAX, { selection });
    assert.equal(program.outputName, 'loss');
    assert.deepEqual(Object.keys(program.bindings).sort(), ['W', 'X', 'b']);
  });
});

describe('Python arrays: the graph read from NumPy code', () => {
  it("reads issue 13's softmax loss: inputs X, W, b with NumPy's seeded values, y a constant", async () => {
    const program = await tensorProgram(ISSUE_SOFTMAX);
    const inputs = program.graph.nodes.filter((node) => node.kind === 'input');
    assert.deepEqual(
      inputs.map((node) => [node.name, node.shape]),
      [
        ['X', [4, 3]],
        ['W', [3, 5]],
        ['b', [5]],
      ],
    );
    assert.equal(program.outputName, 'loss');
    assert.deepEqual(program.graph.nodes[program.graph.output]?.shape, []);
    // np.random.seed(0); np.random.randn(4, 3)[0, 0] in NumPy.
    assert.equal(program.bindings.X?.value.data[0], 1.764052345967664);
    assert.equal(program.bindings.X?.sample, undefined);
    assert.equal(program.bindings.b?.source, 'assignment');
    const gather = program.graph.nodes.find(
      (node) => node.kind === 'op' && node.op.kind === 'gather',
    );
    assert.ok(gather?.kind === 'op' && gather.op.kind === 'gather');
    assert.deepEqual([...gather.op.indices], [0, 7, 11, 17]);
    assert.deepEqual(program.unbound, []);
  });

  it('names each op after the assignment it is the value of', async () => {
    const program = await tensorProgram(ISSUE_SOFTMAX);
    const named = program.graph.nodes.filter(
      (node) => node.kind === 'op' && node.name !== undefined,
    );
    assert.deepEqual(
      named.map((node) => node.name),
      ['scores', 'p', 'loss'],
    );
  });

  it('references every occurrence of an array name in the selection', async () => {
    const program = await tensorProgram(ISSUE_SOFTMAX);
    const w = program.graph.nodes.find((node) => node.kind === 'input' && node.name === 'W');
    const references = program.references.filter((reference) => reference.name === 'W');
    assert.deepEqual(
      references.map((reference) => [reference.role, reference.range.start.line, reference.node]),
      [
        ['write', 4, w?.id],
        ['read', 6, w?.id],
      ],
    );
  });

  it('a constant the graph uses is referenced too: torch.ones read twice, one node', async () => {
    const program = await tensorProgram(
      lines(
        'import torch',
        'x = torch.ones(3)',
        'w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)',
        'loss = (x * w).sum() + (x * w * w).sum()',
      ),
    );
    const constants = program.graph.nodes.filter((node) => node.kind === 'constant');
    assert.equal(constants.length, 1);
    const references = program.references.filter((reference) => reference.name === 'x');
    assert.deepEqual(
      references.map((reference) => [reference.role, reference.node]),
      [
        ['write', constants[0]?.id],
        ['read', constants[0]?.id],
        ['read', constants[0]?.id],
      ],
    );
  });

  it('an unseeded draw gives sample values, said in a note and on the binding', async () => {
    const program = await tensorProgram(
      lines('import numpy as np', 'W = np.random.randn(3, 5)', 'loss = np.sum(W * W)'),
    );
    assert.equal(program.bindings.W?.sample, true);
    assert.equal(program.bindings.W?.source, 'random');
    assert.deepEqual(program.notes, [
      'W: sample values for np.random.randn(3, 5); NumPy would draw others',
    ]);
  });

  it('sample values stay samples through arithmetic: W = 0.01 * np.random.randn(3, 5) unseeded', async () => {
    const program = await tensorProgram(
      lines('import numpy as np', 'W = 0.01 * np.random.randn(3, 5)', 'loss = np.sum(W * W)'),
    );
    assert.equal(program.bindings.W?.sample, true);
    assert.deepEqual(program.notes, [
      'W: sample values for np.random.randn(3, 5); NumPy would draw others',
    ]);
  });

  it('a tensor with requires_grad used before it has a name is refused, naming it', async () => {
    const error = await tensorError(
      lines('import torch', 'w = torch.randn(3, requires_grad=True) * 2', 'loss = w.sum()'),
    );
    assert.match(
      error.message,
      /`torch\.randn\(3, requires_grad=True\)` has requires_grad but no name of its own here/,
    );
  });

  it('float32 is computed in float64, said in a note', async () => {
    const program = await tensorProgram(
      lines('import numpy as np', 'x = np.array([1, 2], dtype=np.float32)', 'f = np.sum(x ** 2)'),
    );
    assert.deepEqual([...(program.bindings.x?.value.data ?? [])], [1, 2]);
    assert.match(program.notes?.join(' ') ?? '', /np\.float32: computed in float64/);
  });

  it('an integer array is a constant, never an input', async () => {
    const program = await tensorProgram(
      lines(
        'import numpy as np',
        'k = np.array([1, 2, 3])',
        'w = np.array([0.5, 1.5, -1.0])',
        'f = np.sum(k * w)',
      ),
    );
    assert.deepEqual(Object.keys(program.bindings), ['w']);
  });

  it('Python ints for shapes are known numbers: N = X.shape[0], D, C = W.shape, len(y)', async () => {
    const program = await tensorProgram(
      lines(
        'import numpy as np',
        'X = np.ones((4, 3))',
        'W = np.ones((3, 2))',
        'y = np.array([1, 0, 1, 1])',
        'N = X.shape[0]',
        'D, C = W.shape',
        'n = len(y)',
        'f = np.sum(X @ W) / N + D * C + n',
      ),
    );
    assert.deepEqual(Object.keys(program.bindings).sort(), ['W', 'X']);
  });

  it('inlines a function the file defines, in a call group, with defaults and keywords', async () => {
    const program = await tensorProgram(
      lines(
        'import numpy as np',
        'def affine(x, w, b, scale=1.0):',
        '    return scale * (x @ w + b)',
        'x = np.ones((2, 3))',
        'w = np.full((3, 4), 0.5)',
        'b = np.zeros(4)',
        'out = affine(x, w, b=b)',
        'loss = np.sum(np.maximum(0, out))',
      ),
    );
    assert.deepEqual(
      program.graph.groups?.map((group) => [group.kind, group.label]),
      [['call', 'affine(x, w, b=b)']],
    );
    assert.deepEqual(program.graph.nodes[program.graph.output]?.shape, []);
  });

  it("a call's value is named by the assignment that receives it (L = loss(w, x, y))", async () => {
    const program = await tensorProgram(
      lines(
        'import jax.numpy as jnp',
        'def loss(w, x, y):',
        '    pred = jnp.tanh(x @ w)',
        '    return jnp.mean((pred - y) ** 2)',
        'w = jnp.array([0.5, -0.3])',
        'x = jnp.array([[1.0, 2.0], [3.0, 4.0]])',
        'y = jnp.array([0.1, 0.2])',
        'L = loss(w, x, y)',
      ),
    );
    const output = program.graph.nodes[program.graph.output];
    assert.equal(output?.name, 'L');
    const values = Object.fromEntries(
      Object.entries(program.bindings).map(([key, binding]) => [key, binding.value]),
    );
    assert.equal(inspectTensorGraph(program.graph, values).output.name, 'L');
  });

  it('unrolls a for over range into iteration groups', async () => {
    const program = await tensorProgram(
      lines(
        'import numpy as np',
        'w = np.ones(3)',
        'h = w',
        'for i in range(2):',
        '    h = np.tanh(h * w)',
        'loss = h.sum()',
      ),
    );
    const kinds = program.graph.groups?.map((group) => group.kind);
    assert.deepEqual(kinds, ['loop', 'iteration', 'iteration']);
  });

  it("a selected function's parameters take typed arrays; an unbound one is listed", async () => {
    const source = lines(
      'import numpy as np',
      'def loss(W, x):',
      '    return np.sum((W @ x) ** 2)',
    );
    const arrays = {
      W: { shape: [2, 3], data: Float64Array.from([1, 2, 3, 4, 5, 6]) },
      x: { shape: [3], data: Float64Array.from([1, 0, -1]) },
    };
    const selection = { start: { line: 1, column: 0 }, end: { line: 2, column: 31 } };
    const program = await tensorProgram(source, { arrays, selection });
    assert.deepEqual(program.unbound, ['W', 'x']);
    assert.equal(program.outputName, 'loss');
  });

  it('reads arrays from a # at: comment', async () => {
    const source = lines(
      'import numpy as np',
      '# at: W=[[1, 2], [3, 4]], x=[1, -1]',
      'def loss(W, x):',
      '    return np.sum(W @ x)',
    );
    const selection = { start: { line: 2, column: 0 }, end: { line: 3, column: 24 } };
    const program = await tensorProgram(source, { selection });
    assert.deepEqual(program.bindings.W?.value.shape, [2, 2]);
    assert.equal(program.bindings.x?.source, 'annotation');
  });
});

describe('Python arrays: PyTorch code', () => {
  it('only tensors with requires_grad are inputs', async () => {
    const program = await tensorProgram(
      lines(
        'import torch',
        'x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)',
        'c = torch.tensor([2.0, 2.0, 2.0])',
        'y = (x.relu() ** 2 * c).sum()',
      ),
    );
    assert.deepEqual(Object.keys(program.bindings), ['x']);
    assert.equal(program.outputName, 'y');
  });

  it('.backward() marks the output; print and .item() lines are skipped', async () => {
    const program = await tensorProgram(
      lines(
        'import torch',
        'w = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)',
        'x = torch.tensor([1.0, 2.0])',
        'loss = (w @ x).pow(2).sum()',
        'extra = loss * 2',
        'loss.backward()',
        'print(loss.item())',
        'print(w.grad)',
      ),
    );
    assert.equal(program.outputName, 'loss');
  });

  it('.detach() and torch.no_grad() stop gradients', async () => {
    const program = await tensorProgram(
      lines(
        'import torch',
        'w = torch.tensor([1.0, 2.0], requires_grad=True)',
        'with torch.no_grad():',
        '    s = w * 3',
        'loss = (w * s + w.detach()).sum()',
      ),
    );
    const constants = program.graph.nodes.filter((node) => node.kind === 'constant');
    assert.equal(constants.length, 2);
    assert.deepEqual(Object.keys(program.bindings), ['w']);
  });

  it("nn.Sequential's parameters are inputs named as PyTorch names them, with PyTorch's shapes", async () => {
    const program = await tensorProgram(
      lines(
        'import torch',
        'import torch.nn as nn',
        'model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))',
        'x = torch.tensor([[1.0, 2.0, 3.0]])',
        'target = torch.tensor([1])',
        'criterion = nn.CrossEntropyLoss()',
        'loss = criterion(model(x), target)',
      ),
    );
    const inputs = program.graph.nodes.filter((node) => node.kind === 'input');
    assert.deepEqual(
      inputs.map((node) => [node.name, node.shape]),
      [
        ['model.0.weight', [4, 3]],
        ['model.0.bias', [4]],
        ['model.2.weight', [2, 4]],
        ['model.2.bias', [2]],
      ],
    );
    assert.ok(Object.values(program.bindings).every((binding) => binding.sample === true));
    assert.ok(
      program.notes?.some((note) =>
        note.startsWith("model.0.weight: sample values for nn.Linear(3, 4)'s initial weight"),
      ),
    );
  });

  it('a second layer bound to the same name gets inputs of its own', async () => {
    const program = await tensorProgram(
      lines(
        'import torch',
        'import torch.nn as nn',
        'layer = nn.Linear(2, 3)',
        'h = layer(torch.ones(1, 2))',
        'layer = nn.Linear(3, 1)',
        'loss = layer(h).sum() + layer(h).sum()',
      ),
    );
    const inputs = program.graph.nodes.flatMap((node) =>
      node.kind === 'input' ? [[node.key ?? node.name, node.shape]] : [],
    );
    assert.deepEqual(inputs, [
      ['layer.weight', [3, 2]],
      ['layer.bias', [3]],
      ['layer.weight (line 6)', [1, 3]],
      ['layer.bias (line 6)', [1]],
    ]);
  });

  it("nn.Linear's weight and bias are read as layer.weight and layer.bias", async () => {
    const program = await tensorProgram(
      lines(
        'import torch',
        'from torch import nn',
        'layer = nn.Linear(2, 3)',
        'x = torch.ones(5, 2)',
        'loss = layer(x).sum() + layer.weight.sum()',
      ),
    );
    const weight = program.graph.nodes.filter(
      (node) => node.kind === 'input' && node.name === 'layer.weight',
    );
    assert.equal(weight.length, 1);
    assert.deepEqual(weight[0]?.shape, [3, 2]);
  });
});

describe('Python arrays: refusals, at the construct', () => {
  it('a shape mismatch names the construct, both shapes and where each came from', async () => {
    const error = await tensorError(
      lines('import numpy as np', 'W = np.ones((3, 4))', 'x = np.ones(3)', 'y = (W @ x).sum()'),
    );
    assert.equal(
      error.message,
      '`W @ x`: shapes (3, 4) and (3,) do not fit: 4 ≠ 3 (W from line 2, x from line 3)',
    );
    assert.deepEqual(error.range, { start: { line: 3, column: 5 }, end: { line: 3, column: 10 } });
  });

  it('np.zeros((100000, 100000)) is refused before anything is allocated, fast', async () => {
    const started = Date.now();
    const error = await tensorError(
      lines('import numpy as np', 'x = np.zeros((100000, 100000))', 'f = x.sum()'),
    );
    assert.equal(error.kind, 'too-large');
    assert.match(
      error.message,
      /^`np\.zeros\(\(100000, 100000\)\)`: a tensor of shape \(100000, 100000\) would hold 10,000,000,000 elements/,
    );
    assert.ok(Date.now() - started < 1000);
  });

  it('a matmul whose result would be too large is refused with its shape', async () => {
    const error = await tensorError(
      lines(
        'import numpy as np',
        'a = np.ones((4000, 1))',
        'b = np.ones((1, 4000))',
        'f = np.sum(a @ b)',
      ),
    );
    assert.equal(error.kind, 'too-large');
    assert.match(error.message, /\(4000, 4000\) would hold 16,000,000 elements/);
  });

  it('an unknown NumPy function is named', async () => {
    const error = await tensorError(
      lines('import numpy as np', 'x = np.ones(3)', 'f = np.fft.fft(x)'),
    );
    assert.equal(error.kind, 'unknown-function');
    assert.equal(error.message, 'np.fft.fft is not supported (yet)');
  });

  it('an output of more than one element is refused with its name and shape', async () => {
    const error = await tensorError(
      lines('import numpy as np', 'W = np.ones((4, 5))', 'scores = W * 2'),
    );
    assert.equal(
      error.message,
      '`scores` has shape (4, 5); gradients are taken of one number: select down to a loss, or add .sum()',
    );
  });

  it('a parameter without a value is refused with an example', async () => {
    const source = lines('import numpy as np', 'def loss(X):', '    return np.sum(X @ np.ones(2))');
    const selection = { start: { line: 1, column: 0 }, end: { line: 2, column: 34 } };
    const error = await tensorError(source, { selection });
    assert.equal(error.message, 'no value for X: give it one, e.g. # at: X=[[1, 2], [3, 4]]');
  });

  it('keywords a reading would ignore are refused: np.sum(x, where=…), reshape(order=…)', async () => {
    const where = await tensorError(
      lines('import numpy as np', 'x = np.ones(3)', 'f = np.sum(x, where=x > 0)'),
    );
    assert.match(where.message, /^`np\.sum`'s argument `where` is not supported here/);
    const order = await tensorError(
      lines('import numpy as np', 'x = np.ones((2, 3))', "f = x.reshape(3, 2, order='F').sum()"),
    );
    assert.match(order.message, /argument `order` is not supported here/);
  });

  it('a function defined inside another is refused when called (its closure is not kept)', async () => {
    const error = await tensorError(
      lines(
        'import numpy as np',
        'w = np.ones(2)',
        'def outer(s):',
        '    def inner(v):',
        '        return v * s',
        '    return inner(w)',
        'f = np.sum(outer(2.0))',
      ),
    );
    assert.match(error.message, /^`inner` is defined inside another function/);
  });

  it('writing floats into an integer array is refused: NumPy would truncate them', async () => {
    const error = await tensorError(
      lines(
        'import numpy as np',
        'k = np.array([1, 2, 3])',
        'k[0] = 0.5',
        'w = np.ones(3)',
        'f = np.sum(k * w)',
      ),
    );
    assert.match(
      error.message,
      /^`k\[0\] = 0\.5`: NumPy truncates floats written into an integer array/,
    );
  });

  it("a layer's parameters set with copy_ under no_grad are the code's values, not samples", async () => {
    const program = await tensorProgram(
      lines(
        'import torch',
        'import torch.nn as nn',
        'layer = nn.Linear(2, 1)',
        'with torch.no_grad():',
        '    layer.weight.copy_(torch.tensor([[0.5, -1.0]]))',
        '    layer.bias.zero_()',
        'x = torch.tensor([[1.0, 2.0]])',
        'loss = layer(x).pow(2).sum()',
      ),
    );
    assert.deepEqual([...(program.bindings['layer.weight']?.value.data ?? [])], [0.5, -1]);
    assert.equal(program.bindings['layer.weight']?.sample, undefined);
    assert.deepEqual([...(program.bindings['layer.bias']?.value.data ?? [])], [0]);
    assert.ok(!(program.notes ?? []).some((note) => note.startsWith('layer.')));
  });

  it("Python's max of arrays is refused: it compares whole arrays", async () => {
    const error = await tensorError(
      lines('import numpy as np', 'x = np.ones(3)', 'f = np.sum(max(x, 0))'),
    );
    assert.match(
      error.message,
      /^`max\(x, 0\)`: Python's max of arrays compares them as wholes; use np\.maximum/,
    );
  });

  it('torch.mm of a vector is refused as PyTorch refuses it', async () => {
    const error = await tensorError(
      lines(
        'import torch',
        'a = torch.ones(2, 3, requires_grad=True)',
        'f = torch.mm(a, torch.ones(3)).sum()',
      ),
    );
    assert.match(error.message, /torch\.mm of arrays with 2 and 1 axes is not supported/);
  });

  it('torch.tensor(t) of a tensor is a new leaf: no gradient flows back', async () => {
    const program = await tensorProgram(
      lines(
        'import torch',
        'w = torch.tensor([1.0, 2.0], requires_grad=True)',
        'c = torch.tensor(w * 2)',
        'f = (w * c).sum()',
      ),
    );
    assert.deepEqual(Object.keys(program.bindings), ['w']);
    const values = { w: program.bindings.w?.value ?? { shape: [2], data: new Float64Array(2) } };
    // ∂/∂w of Σ w·c with c = 2w cut from the graph is c = [2, 4], not 4w = [4, 8].
    assert.deepEqual([...(inspectTensorGraph(program.graph, values).grads.w?.data ?? [])], [2, 4]);
  });

  it("an index out of range says so in NumPy's words", async () => {
    const error = await tensorError(lines('import numpy as np', 'x = np.ones(3)', 'f = x[5]'));
    assert.match(error.message, /^`x\[5\]`: index 5 is out of bounds/);
  });
});
