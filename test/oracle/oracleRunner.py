"""Runs the oracle snippets in real NumPy and PyTorch and prints every value and gradient.

Reads a JSON list of snippets on stdin; prints one JSON object per snippet, in order:
{"value", "values": {name: tensor}, "grads": {name: tensor}} or {"error": text}, where a
tensor is {"shape": [...], "data": [row-major floats]}.

- PyTorch snippets run as written, in float64 (torch's default dtype set to float64, as our
  engine computes), and autograd computes the gradients.
- NumPy and JAX snippets run as written (JAX's jnp and jax.nn stand in as NumPy: JAX is not
  installed and the maths is the same; `jax.grad(f)(args)` records f's value there, the output
  of a sample that ends with it); their gradients come from a twin of the same loss written in
  torch, run on the same arrays in float64.
- `linear` lists weights and biases for nn.Linear layers in the order the code creates them,
  so layers initialised at random take the same sample values our front end chose.
"""
import json
import sys
import types

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


# The value each function took at its call through the fake jax.grad, by function.
CALLED = {}


def fake_jax():
    """`import jax`, `import jax.numpy as jnp`, `jax.nn.*` served by NumPy."""
    def softmax(x, axis=-1):
        e = np.exp(x - np.max(x, axis=axis, keepdims=True))
        return e / np.sum(e, axis=axis, keepdims=True)

    def log_softmax(x, axis=-1):
        shifted = x - np.max(x, axis=axis, keepdims=True)
        return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))

    jax = types.ModuleType('jax')
    jax.numpy = np
    jax.nn = types.SimpleNamespace(
        relu=lambda x: np.maximum(0, x),
        sigmoid=lambda x: 1 / (1 + np.exp(-x)),
        softmax=softmax,
        log_softmax=log_softmax,
    )
    # jax.grad(f)(args) runs f(args) in NumPy: the value a sample ending with it inspects.
    jax.grad = lambda f, *options, **named: lambda *args: CALLED.setdefault(f, f(*args))
    sys.modules['jax'] = jax
    sys.modules['jax.numpy'] = np
    sys.modules['jax.nn'] = jax.nn


def tensor_json(value):
    array = np.asarray(value.detach().numpy() if isinstance(value, torch.Tensor) else value)
    return {'shape': list(array.shape), 'data': [float(v) for v in array.ravel()]}


def float_values(namespace):
    """The float arrays, tensors and numbers the code left bound, by name."""
    values = {}
    for name, value in namespace.items():
        if name.startswith('__'):
            continue
        if isinstance(value, torch.Tensor) and value.is_floating_point():
            values[name] = tensor_json(value)
        elif isinstance(value, (np.ndarray, np.floating)) and np.issubdtype(np.asarray(value).dtype, np.floating):
            values[name] = tensor_json(value)
        elif isinstance(value, float):
            values[name] = tensor_json(value)
    return values


def patch_linear(params):
    """nn.Linear layers take the given weights and biases, in the order they are created."""
    queue = list(params)
    original = nn.Linear.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if not queue:
            return
        given = queue.pop(0)
        with torch.no_grad():
            self.weight.copy_(torch.tensor(given['weight']['data']).reshape(given['weight']['shape']))
            if self.bias is not None and 'bias' in given:
                self.bias.copy_(torch.tensor(given['bias']['data']).reshape(given['bias']['shape']))

    nn.Linear.__init__ = init
    return lambda: setattr(nn.Linear, '__init__', original)


def torch_grads(namespace, output):
    leaves = {
        name: value
        for name, value in namespace.items()
        if isinstance(value, torch.Tensor) and value.is_leaf and value.requires_grad
    }
    modules = {name: value for name, value in namespace.items() if isinstance(value, nn.Module)}
    parameters = {
        f'{name}.{parameter}': value
        for name, module in modules.items()
        for parameter, value in module.named_parameters()
    }
    everything = {**leaves, **parameters}
    if all(value.grad is None for value in everything.values()):
        namespace[output].backward()
    return {name: tensor_json(value.grad) for name, value in everything.items() if value.grad is not None}


def run_torch(snippet):
    restore = patch_linear(snippet.get('linear', []))
    try:
        namespace = {}
        exec(snippet['source'], namespace)
    finally:
        restore()
    output = namespace[snippet['output']]
    return {
        'value': float(output),
        'values': float_values(namespace),
        'grads': torch_grads(namespace, snippet['output']),
    }


def run_numpy(snippet):
    namespace = {}
    exec(snippet['source'], namespace)
    output = namespace[snippet['output']]
    # A function inspected at its jax.grad call: its value there.
    output_value = CALLED[output] if callable(output) else output
    twin = {'torch': torch, 'F': F, 'nn': nn}
    for name in snippet['twinInputs']:
        value = np.asarray(namespace[name])
        if np.issubdtype(value.dtype, np.floating):
            twin[name] = torch.tensor(value, dtype=torch.float64, requires_grad=True)
        else:
            twin[name] = torch.tensor(value, dtype=torch.int64)
    exec(snippet['twin'], twin)
    loss = twin[snippet['output']]
    loss.backward()
    grads = {
        name: tensor_json(twin[name].grad)
        for name in snippet['twinInputs']
        if twin[name].grad is not None
    }
    return {
        'value': float(output_value),
        'twinValue': float(loss),
        'values': float_values(namespace),
        'grads': grads,
    }


def run(snippet):
    try:
        if snippet['library'] == 'torch':
            return run_torch(snippet)
        return run_numpy(snippet)
    except Exception as error:  # the test reports it with the snippet's name
        return {'error': f'{type(error).__name__}: {error}'}


fake_jax()
print(json.dumps([run(snippet) for snippet in json.load(sys.stdin)]))
