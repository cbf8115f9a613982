"""Runs the real-code corpus (test/oracle/corpus.test.ts) in real Python: PyTorch, NumPy and
the vendored micrograd engine.

Reads a JSON list of cases on stdin; prints, on its last line, one JSON object per case, in
order: {"value", "values": {name: tensor}, "grads": {key: tensor}} or {"error": text}, where a
tensor is {"shape": [...], "data": [row-major floats]}.

Each case's snippet runs as the user has it: the lines `run` names (by default from the first
line to the end of the selection), each block dedented and kept at its own line numbers, after
an optional `prelude` (the imports a page states in its text). How gradients are found:

- torch: the snippet's own autograd. PyTorch's default dtype is float64 and torch.float32 is
  float64 here, as our engine reads float32 code (and says so in a note); a case whose code
  widens float32 itself (`torch.Tensor([…]).double()`) runs with float32 as written. If the snippet never
  calls backward, the output's backward() is called.
- micrograd: micrograd's own backward on the vendored engine (corpus/micrograd/engine.py);
  called on the output when the snippet does not call it.
- twin: a torch twin of the same computation over the values the snippet left bound (`ns`),
  ending in `out`; `leaf(key, value)` makes a float64 leaf that requires gradients and names its
  gradient (`data=True`: data such as X, which the reader may keep constant; if it gives a
  gradient, that gradient must agree). The twin's value must equal the snippet's own (1e-12 relative), so a twin that
  computes something else fails. JavaScript and TypeScript snippets are not run: their twin
  takes the snippet's literal values, and its own value is the output's.

Random values the code does not fix (torch.randn without a seed …) are samples on our side;
`samples` lists them with the variable and line that bind them (see Samples).
"""
import json
import os
import sys
import textwrap
import types

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import micrograd.engine  # noqa: E402,F401  (the vendored engine, importable by the snippets)

FLOAT32 = torch.float32


def dtypes(as_written):
    """float64 throughout, as our engine reads float32 code (and says so in a note); or, for
    code that makes its own float64 (`torch.Tensor([…]).double()`), PyTorch's float32 default
    as written, so a literal is rounded to float32 before the code widens it."""
    wide = FLOAT32 if as_written else torch.float64
    torch.set_default_dtype(wide)
    torch.float32 = wide
    torch.float = wide
if not hasattr(torch, 'set_default_device'):
    # PyTorch 2's call; 1.13 computes on the CPU, which is what the call asks for here.
    torch.set_default_device = lambda device: None

SNIPPET = '<snippet>'


def is_value(value):
    """A micrograd Value: micrograd's own, or the one a lecture notebook defines in its cells."""
    fields = getattr(value, '__dict__', {})
    return all(field in fields for field in ('data', 'grad', '_prev', '_backward'))


def not_run(*args, **kwargs):
    """A library's own differentiation: the oracle never relies on it."""
    raise NotImplementedError('the oracle does not run this library transform')


class Anything:
    """matplotlib.pyplot: every attribute and call does nothing (a plot is no number)."""

    def __getattr__(self, name):
        return Anything()

    def __call__(self, *args, **kwargs):
        return Anything()


def module(name, **attributes):
    made = types.ModuleType(name)
    made.__dict__.update(attributes)
    sys.modules[name] = made
    return made


def fake_libraries():
    """Libraries not installed here, served by what computes the same numbers.

    `jax.numpy` and `autograd.numpy` are NumPy (the maths is the same); their transforms
    (`grad`, `value_and_grad`, …) are never what the oracle trusts, so calling one fails;
    matplotlib draws nothing.
    """
    names = ('grad', 'value_and_grad', 'elementwise_grad', 'jit', 'vmap', 'jacfwd', 'jacrev')
    transforms = {name: lambda *args, **kwargs: not_run for name in names}
    # JAX's keys and draws are not NumPy's: a case that needs them cannot run here.
    transforms['random'] = types.SimpleNamespace(key=not_run, PRNGKey=not_run, split=not_run, normal=not_run)
    sys.modules['jax.numpy'] = np
    # stop_gradient is the identity on values (the twin detaches where the snippet stops).
    module('jax', numpy=np, lax=types.SimpleNamespace(stop_gradient=lambda x: x), **transforms)
    sys.modules['autograd.numpy'] = np
    module('autograd.test_util', check_grads=lambda *args, **kwargs: not_run)
    module('autograd', numpy=np, **transforms)
    module('matplotlib', pyplot=Anything())
    sys.modules['matplotlib.pyplot'] = sys.modules['matplotlib'].pyplot


class Samples:
    """Our sample values, written into the snippet's variable right after the line binding it.

    Where the code draws random values it does not fix, our front end reads reproducible
    samples in their place; each binding names its variable and line. Tracing the snippet's
    lines, the runner overwrites that variable (in place, so tensors stay leaves) once its line
    has run, so both sides compute at the same point.
    """

    def __init__(self, samples, namespace):
        self.by_line = {}
        for sample in samples:
            self.by_line.setdefault(sample['line'], []).append(sample)
        self.namespace = namespace
        self.last = None

    def trace(self, frame, event, arg):
        if frame.f_code.co_filename == SNIPPET and frame.f_code.co_name == '<module>':
            return self.step
        return None

    def step(self, frame, event, arg):
        if event in ('line', 'return'):
            self.write(self.last)
            self.last = frame.f_lineno if event == 'line' else None
        return self.step

    def write(self, line):
        for sample in self.by_line.get(line, []):
            name, shape = sample['name'], list(sample['shape'])
            given = np.array(sample['data'], dtype=np.float64).reshape(shape)
            value = self.namespace[name]
            if list(np.shape(value.detach() if isinstance(value, torch.Tensor) else value)) != shape:
                raise ValueError(f'line {line}: our sample for {name} has shape {shape}, Python has {list(np.shape(value))}')
            if isinstance(value, torch.Tensor):
                with torch.no_grad():
                    value.copy_(torch.tensor(given))
            elif isinstance(value, np.ndarray):
                value[...] = given
            else:
                self.namespace[name] = float(given)


class Draws:
    """Random draws our reading holds as plain constants (no binding names them), by shape.

    `torch.randn(N, D_in)` for data that needs no gradient is folded into a constant by our
    front end; a random call on a line that binds no sample takes the next such constant of
    its shape, so both sides compute with the same data.
    """

    def __init__(self):
        self.queue = []
        self.lines = set()

    def load(self, constants, sample_lines):
        self.queue = [dict(constant) for constant in constants]
        self.lines = set(sample_lines)

    def take(self, shape):
        frame = sys._getframe(2)
        if frame.f_code.co_filename != SNIPPET or frame.f_lineno in self.lines:
            return None
        for index, constant in enumerate(self.queue):
            if list(constant['shape']) == list(shape):
                del self.queue[index]
                return np.array(constant['data'], dtype=np.float64).reshape(shape)
        return None


DRAWS = Draws()


def size_of(args, kwargs):
    size = kwargs.get('size', args)
    if len(size) == 1 and isinstance(size[0], (tuple, list, torch.Size)):
        size = size[0]
    return [int(n) for n in size]


def patch_random():
    for name in ('randn', 'rand'):
        original = getattr(torch, name)

        def drawn(*args, _original=original, **kwargs):
            given = DRAWS.take(size_of(args, kwargs))
            if given is None:
                return _original(*args, **kwargs)
            return torch.tensor(given, requires_grad=kwargs.get('requires_grad', False))

        setattr(torch, name, drawn)
    for name in ('randn', 'rand'):
        original = getattr(np.random, name)

        def drawn_numpy(*args, _original=original):
            given = DRAWS.take([int(n) for n in args])
            return _original(*args) if given is None else given

        setattr(np.random, name, drawn_numpy)


def source_to_run(case):
    lines = case['source'].split('\n')
    selection = case.get('selection')
    blocks = case.get('run') or [[1, selection[1] if selection else len(lines)]]
    skipped = set(case.get('skip', []))
    out = [''] * len(lines)
    for first, last in blocks:
        block = [
            pass_line(lines[n - 1]) if n in skipped else lines[n - 1]
            for n in range(first, last + 1)
        ]
        for offset, line in enumerate(textwrap.dedent('\n'.join(block)).split('\n')):
            out[first - 1 + offset] = line
    return '\n'.join(out)


def pass_line(line):
    """A line Python 3 cannot run (a Python 2 print), kept as `pass` at its indentation."""
    return line[: len(line) - len(line.lstrip())] + 'pass'


def tensor_json(value):
    if is_value(value):
        value = value.data
    array = np.asarray(value.detach().numpy() if isinstance(value, torch.Tensor) else value, dtype=np.float64)
    return {'shape': list(array.shape), 'data': [float(v) for v in array.ravel()]}


def number_values(namespace):
    """The numbers, float arrays, tensors and Values the code left bound, by name."""
    values = {}
    for name, value in namespace.items():
        if name.startswith('__'):
            continue
        if isinstance(value, torch.Tensor) and value.is_floating_point():
            values[name] = tensor_json(value)
        elif isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.floating):
            values[name] = tensor_json(value)
        elif (isinstance(value, (float, int, np.floating)) or is_value(value)) and not isinstance(value, bool):
            values[name] = tensor_json(value)
    return values


def scalar(value):
    """The output's value; None for an array output (its elements are compared by name)."""
    if is_value(value):
        return float(value.data)
    array = np.asarray(value.detach().numpy() if isinstance(value, torch.Tensor) else value)
    return float(array) if array.size == 1 else None


def output_value(case, namespace):
    """The output's value: the named output, or the expression `value` (a function's call)."""
    if case.get('value'):
        return scalar(eval(case['value'], namespace))
    return scalar(namespace[case['output']])


def run_torch(case, namespace):
    leaves = {
        name: value
        for name, value in namespace.items()
        if isinstance(value, torch.Tensor) and value.is_leaf and value.requires_grad
    }
    if all(value.grad is None for value in leaves.values()):
        namespace[case['output']].backward()
    grads = {name: tensor_json(value.grad) for name, value in leaves.items() if value.grad is not None}
    return output_value(case, namespace), grads


def run_micrograd(case, namespace):
    output = namespace[case['output']]
    named = {name: value for name, value in namespace.items() if is_value(value)}
    if output.grad == 0:
        output.backward()
    reachable = set()
    stack = [output]
    while stack:
        node = stack.pop()
        if id(node) not in reachable:
            reachable.add(id(node))
            stack.extend(node._prev)
    leaves = {name: value for name, value in named.items() if not value._prev and id(value) in reachable}
    return output_value(case, namespace), {name: tensor_json(value.grad) for name, value in leaves.items()}


def run_twin(case, namespace):
    leaves = {}
    optional = []

    def leaf(key, value=None, data=False):
        """`data=True`: data the reader may keep constant; a gradient it gives must agree."""
        given = namespace[key] if value is None else value
        tensor = torch.tensor(np.asarray(given, dtype=np.float64), requires_grad=True)
        leaves[key] = tensor
        if data:
            optional.append(key)
        return tensor

    twin = {'torch': torch, 'F': F, 'np': np, 'ns': namespace, 'leaf': leaf}
    exec(case['twin'], twin)
    loss = twin['out']
    loss.backward()
    grads = {key: tensor_json(tensor.grad) for key, tensor in leaves.items()}
    case['optional'] = optional
    if not is_python(case):
        return float(loss), grads
    value = output_value(case, namespace)
    if value is None or abs(float(loss) - value) > 1e-12 * max(1.0, abs(value)):
        raise ValueError(f'the twin gives {float(loss)} where the snippet gives {value}')
    return value, grads


RUNNERS = {'torch': run_torch, 'micrograd': run_micrograd, 'twin': run_twin}


def finite_json(value):
    """NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity" (JSON has no such numbers)."""
    if isinstance(value, float) and not np.isfinite(value):
        return 'NaN' if np.isnan(value) else ('Infinity' if value > 0 else '-Infinity')
    if isinstance(value, dict):
        return {key: finite_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [finite_json(item) for item in value]
    return value


def is_python(case):
    """JavaScript and TypeScript snippets are not run: their twin holds the snippet's numbers."""
    return case.get('language', 'python') == 'python'


def run(case):
    try:
        dtypes(case.get('float32AsWritten', False))
        namespace = {'__name__': '__corpus__'}
        exec(case.get('prelude', ''), namespace)
        samples = Samples(case.get('samples', []), namespace)
        # Seeded code draws its own numbers, which our reading reproduces: never replaced.
        seeded = 'random.seed(' in case['source'] or 'manual_seed(' in case['source']
        DRAWS.load([] if seeded else case.get('constants', []), [sample['line'] for sample in case.get('samples', [])])
        sys.settrace(samples.trace)
        try:
            if is_python(case):
                exec(compile(source_to_run(case), SNIPPET, 'exec'), namespace)
        finally:
            sys.settrace(None)
        value, grads = RUNNERS[case['oracle']](case, namespace)
        return {'value': value, 'values': number_values(namespace), 'grads': grads, 'optional': case.get('optional', [])}
    except Exception as error:  # the test reports it with the case's name
        return {'error': f'{type(error).__name__}: {error}'}


fake_libraries()
patch_random()
print(json.dumps(finite_json([run(case) for case in json.load(sys.stdin)])))
