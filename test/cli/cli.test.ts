/** The CLI end to end: the built dist/cli.js spawned as a process, as a user runs it. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byClass, parseXml } from '../present/graph/xml';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], input?: string): Run {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function json(run: Run): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe('gradient-lens CLI', () => {
  it('reads math from stdin and prints the reference example as JSON', () => {
    const run = cli(['--json', '--lang', 'math', '--at', 'x=-2,y=5,z=-4', '-'], '(x + y)z\n');
    assert.equal(run.status, 0, run.stderr);
    const result = json(run);
    assert.equal(result.value, -12);
    assert.deepEqual(result.grads, { x: -4, y: -4, z: 3 });
    assert.deepEqual(result.output, { id: 4, name: 'f', value: -12 });
    const inputs = result.inputs as { name: string; value: number; grad: number }[];
    assert.deepEqual(
      inputs.map((input) => [input.name, input.value, input.grad]),
      [
        ['x', -2, -4],
        ['y', 5, -4],
        ['z', -4, 3],
      ],
    );
    assert.equal((result.steps as unknown[]).length, 5);
    assert.ok(Array.isArray(result.nodes));
  });

  it('prints the backward steps in the order of the reference example with --table', () => {
    const run = cli(['--table', '--at', 'x=-2,y=5,z=-4', 'f(x, y, z) = (x + y)z']);
    assert.equal(run.status, 0, run.stderr);
    const steps = run.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^\d+ {2}∂/.test(line))
      .map((line) => line.replace(/^\d+ {2}/, ''));
    assert.equal(steps[0], '∂f/∂f = 1');
    assert.match(steps[1] ?? '', /^∂f\/∂z = ∂f\/∂f · ∂f\/∂z = 1 · 3 = 3$/);
    assert.match(steps[2] ?? '', /^∂f\/∂\(x \+ y\) = ∂f\/∂f · ∂f\/∂\(x \+ y\) = 1 · \(−4\) = −4$/);
    assert.match(steps[3] ?? '', /^∂f\/∂y = .* = \(−4\) · 1 = −4$/);
    assert.match(steps[4] ?? '', /^∂f\/∂x = .* = \(−4\) · 1 = −4$/);
    assert.match(run.stdout, /^f = −12$/m);
  });

  it('adds a gradient check with --check', () => {
    const run = cli(['--json', '--check', '--at', 'x=-2,y=5,z=-4', '(x + y) * z']);
    assert.equal(run.status, 0, run.stderr);
    const checks = json(run).check as { input: string; verdict: string }[];
    assert.deepEqual(
      checks.map((check) => [check.input, check.verdict]),
      [
        ['x', 'ok'],
        ['y', 'ok'],
        ['z', 'ok'],
      ],
    );
  });

  it('writes NaN and Infinity as strings in JSON', () => {
    const run = cli(['--json', '--at', 'x=-1', 'log(x)']);
    assert.equal(run.status, 0, run.stderr);
    const result = json(run);
    assert.equal(result.value, 'NaN');
    assert.deepEqual(result.grads, { x: -1 });
  });

  it('reports a syntax error as file:line:column on stderr with exit code 2', () => {
    const run = cli(['--at', 'x=1', '-'], 'y = 2\nf = (x + 1\n');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^<stdin>:2:5: .+\n$/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('reports an error object with --json', () => {
    const run = cli(['--json', 'foo(x)']);
    assert.equal(run.status, 2);
    const error = json(run).error as Record<string, unknown>;
    assert.equal(error.kind, 'unknown-function');
    assert.equal(error.line, 1);
    assert.equal(error.column, 1);
    assert.match(String(error.message), /foo/);
  });

  it('names the inputs that have no value', () => {
    const run = cli(['--json', '--at', 'x=1', '(x + y) * z']);
    assert.equal(run.status, 2);
    const error = json(run).error as Record<string, unknown>;
    assert.equal(error.kind, 'unbound');
    assert.deepEqual(error.names, ['y', 'z']);
    assert.match(run.stderr, /no value for y, z/);
  });

  it('reads a file and takes its language from the extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradient-lens-'));
    const file = join(dir, 'f.math');
    writeFileSync(file, '# at: x=-2, y=5, z=-4\nq = x + y\nf = q z\n');
    const run = cli(['--json', file]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(json(run).grads, { x: -4, y: -4, z: 3 });
  });

  it('rejects bad arguments with a usage message and exit code 2', () => {
    for (const args of [
      ['--lang', 'cobol', 'x'],
      ['--at', 'x=abc', 'x'],
      ['--json', '--table', 'x'],
      [],
    ]) {
      const run = cli(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /^gradient-lens: /);
    }
  });

  it('writes the annotated graph as a standalone SVG with --svg', () => {
    const run = cli(['--svg', '--lang', 'math', '--at', 'x=-2,y=5,z=-4', '(x + y)z']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const svg = parseXml(run.stdout);
    assert.equal(svg.name, 'svg');
    assert.equal(svg.attributes.xmlns, 'http://www.w3.org/2000/svg');
    assert.match(run.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
    assert.match(run.stdout, /<rect class="gl-background" /);
    assert.match(run.stdout, /\.gl-background\{fill:#ffffff\}/);
    assert.ok(!run.stdout.includes('var(--'), 'no theme variables outside VS Code');
    const nodes = byClass(svg, 'gl-node');
    assert.equal(nodes.filter((n) => n.attributes.class?.includes('gl-node--input')).length, 3);
    assert.equal(nodes.filter((n) => n.attributes.class?.includes('gl-node--op')).length, 2);
    const edges = byClass(svg, 'gl-edge').map((edge) => [
      edge.attributes['data-edge'],
      byClass(edge, 'gl-value')[0]?.text,
      byClass(edge, 'gl-grad')[0]?.text,
    ]);
    assert.deepEqual(edges.sort(), [
      ['2-0-0', '−2', '−4'],
      ['2-1-1', '5', '−4'],
      ['4-2-0', '3', '−4'],
      ['4-3-1', '−4', '3'],
    ]);
  });

  it('draws the SVG in the dark palette with --dark, and writes DOT with --dot', () => {
    const dark = cli(['--svg', '--dark', '--at', 'x=-2,y=5,z=-4', '(x + y)z']);
    assert.equal(dark.status, 0, dark.stderr);
    assert.match(dark.stdout, /\.gl-background\{fill:#1e1e1e\}/);
    parseXml(dark.stdout);
    const dot = cli([
      '--dot',
      '--precision',
      '3',
      '--at',
      'x=-2,y=5,z=-4',
      'f(x, y, z) = (x + y)z',
    ]);
    assert.equal(dot.status, 0, dot.stderr);
    assert.match(dot.stdout, /^digraph "f" \{\n/);
    assert.match(
      dot.stdout,
      /n0 -> n3 \[label=<<font color="#[0-9a-f]{6}">−2<\/font><br\/><font color="#[0-9a-f]{6}">−4<\/font>>\];/,
    );
  });

  it('rejects --dark without --svg and two graph formats at once', () => {
    for (const args of [
      ['--dark', 'x'],
      ['--json', '--dark', 'x'],
      ['--svg', '--dot', 'x'],
    ]) {
      const run = cli(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /^gradient-lens: /);
    }
  });

  it('says a missing file is missing', () => {
    const run = cli(['no/such/file.py']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^no\/such\/file\.py:1:1: no such file/);
  });
});

describe('gradient-lens CLI: rebound names and unused inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradient-lens-rebound-'));
  const files: Readonly<Record<string, string>> = {
    'reduced.py': 'x = -2\ny = 5\nf0 = x * y\nx = -2\nf = x * 3 + y\n',
    'reduced.js': 'var x = -2, y = 5;\nvar f0 = x * y;\nvar x = -2;\nvar f = x * 3 + y;\n',
    'reduced.ts': 'let x = -2;\nlet y = 5;\nconst f0 = x * y;\nx = -2;\nconst f = x * 3 + y;\n',
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
  }

  for (const name of Object.keys(files)) {
    it(`${name} inspected whole: ∂f/∂x = 3, ∂f/∂y = 1 in the JSON, the first x not used`, () => {
      const run = cli(['--json', join(dir, name)]);
      assert.equal(run.status, 0, run.stderr);
      const result = json(run);
      assert.deepEqual(result.grads, { y: 1, x: 3 });
      const unused = result.unused as { name: string; value: number }[];
      assert.deepEqual(
        unused.map((input) => [input.name, input.value]),
        [['x (line 1)', -2]],
      );
    });
  }

  it('the table lists unused names apart, without a gradient', () => {
    const source = 'x = 2\nh = 0.0001\nf0 = x + h\nf = x ** 3\n';
    const run = cli(['--table', '--lang', 'python', '-'], source);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\nx {6}2 {6}12 /);
    assert.match(run.stdout, /not used by f {2}value\nh {14}0\.0001\n/);
    assert.doesNotMatch(run.stdout, /\nh +0\.0001 +0/);
  });

  it('--at x@1=… sets that binding, and says which binding a plain x sets', () => {
    const reduced = join(dir, 'reduced.py');
    const byLine = json(cli(['--json', '--at', 'x@1=7', reduced]));
    assert.equal(byLine.value, -1);
    assert.equal((byLine.at as Record<string, number>)['x (line 1)'], 7);
    const both = cli(
      ['--table', '--lang', 'javascript', '--at', 'x=10', '-'],
      'let x = 2;\nlet y = x;\nx = 3;\nlet f = x * y;\n',
    );
    assert.equal(both.status, 0, both.stderr);
    assert.match(both.stdout, /^f = 30\n/);
    assert.match(both.stdout, /the value given for x sets x \(line 1\)/);
  });

  it('refuses --at for a name that is no input, naming the inputs', () => {
    const run = cli(['--at', 'z=5', join(dir, 'reduced.py')]);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /--at gives `z`, which is not an input of f: its inputs are y, x, x \(line 1\)/,
    );
  });
});

describe('gradient-lens CLI: notes', () => {
  it('says in the JSON and the table that a function nothing defines was read as the catalogue’s', () => {
    const source = 'f = sigmoid(w0*x0 + w1*x1 + w2)\n';
    const at = ['--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3'];
    const run = cli(['--json', '--lang', 'python', ...at, '-'], source);
    assert.equal(run.status, 0, run.stderr);
    const result = json(run);
    assert.ok(Math.abs((result.value as number) - 0.7310585786300049) < 1e-15);
    const notes = result.notes as string[];
    assert.equal(notes.length, 1);
    assert.match(notes[0] ?? '', /^`sigmoid` is not defined in this file; read as /);
    const table = cli(['--lang', 'python', ...at, '-'], source);
    assert.match(table.stdout, /notes\n {2}`sigmoid` is not defined in this file/);
  });
});

describe('gradient-lens CLI: arrays', () => {
  const TORCH =
    'import torch\nx = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)\ny = (x.relu() ** 2).sum()\n';
  const NUMPY = 'import numpy as np\nW = np.ones((2, 2))\nf = np.sum(W * W)\n';

  it('gives ∂y/∂x = [2, 0, 6] for the PyTorch snippet, as nested arrays in the JSON', () => {
    const run = cli(['--json', '--lang', 'python', '-'], TORCH);
    assert.equal(run.status, 0, run.stderr);
    const result = json(run);
    assert.equal(result.kind, 'tensor');
    assert.equal(result.value, 10);
    assert.deepEqual(result.grads, { x: [2, 0, 6] });
    const nodes = result.nodes as { name?: string; shape: number[]; grad?: unknown }[];
    assert.deepEqual(
      nodes.filter((node) => node.name === 'x').map((node) => [node.shape, node.grad]),
      [[[3], [2, 0, 6]]],
    );
  });

  it('prints the PyTorch snippet’s tensors whole with --table', () => {
    const run = cli(['--table', '--lang', 'python', '-'], TORCH);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^y = 10\n\nx {2}\(3,\)\n {2}value {2}\[ 1, −2, {2}3\]\n {2}∂y\/∂x {2}\[2, 0, 6\]\n/,
    );
    assert.match(
      run.stdout,
      /\nbackward pass \(vector-Jacobian products in matrix form; L = y\)\n/,
    );
  });

  it('takes a nested --at array as the value of a NumPy array', () => {
    const run = cli(['--json', '--lang', 'python', '--at', 'W=[[1,2],[3,4]]', '-'], NUMPY);
    assert.equal(run.status, 0, run.stderr);
    const result = json(run);
    assert.equal(result.value, 30);
    assert.deepEqual(result.grads, {
      W: [
        [2, 4],
        [6, 8],
      ],
    });
    assert.deepEqual(result.at, {
      W: [
        [1, 2],
        [3, 4],
      ],
    });
  });

  it('refuses an --at array of the wrong shape, a ragged one, and --svg for arrays', () => {
    const wrong = cli(['--lang', 'python', '--at', 'W=[1,2]', '-'], NUMPY);
    assert.equal(wrong.status, 2);
    assert.match(
      wrong.stderr,
      /the value given for W has shape \(2,\); the code reads W as \(2, 2\)/,
    );
    const ragged = cli(['--lang', 'python', '--at', 'W=[[1,2],[3]]', '-'], NUMPY);
    assert.equal(ragged.status, 2);
    assert.match(
      ragged.stderr,
      /^gradient-lens: --at: W=\[\[1,2\],\[3\]\]: ragged list: \[1\] has 1 element where \[0\] has 2 elements/,
    );
    const svg = cli(['--svg', '--lang', 'python', '-'], TORCH);
    assert.equal(svg.status, 2);
    assert.match(svg.stderr, /--svg draws the graph of scalar code only/);
  });

  it('prints the sparse gradient check with --check', () => {
    const run = cli(
      ['--table', '--check', '--lang', 'python', '--at', 'W=[[1,2],[3,4]]', '-'],
      NUMPY,
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /\ninput {2}index {3}analytic {2}numeric {2}rel\. error {2}verdict\nW {6}\[0, 0\] {2}2 /,
    );
  });
});

describe('gradient-lens CLI: sample values', () => {
  it('says which arrays hold sample values standing in for random ones, in the table and the JSON', () => {
    const source =
      'import torch\nW = torch.randn(3, 4, requires_grad=True)\nx = torch.ones(4)\ny = (W @ x).pow(2).mean()\n';
    const table = cli(['--table', '--lang', 'python', '-'], source);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /\nW {2}\(3, 4\) {2}sample values\n/);
    const run = cli(['--json', '--lang', 'python', '-'], source);
    assert.equal(run.status, 0, run.stderr);
    const inputs = json(run).inputs as { name: string; sample?: boolean }[];
    assert.deepEqual(
      inputs.map((input) => [input.name, input.sample]),
      [['W', true]],
    );
  });
});

describe('gradient-lens CLI: flat --at arrays for code with arrays', () => {
  const TORCH =
    'import torch\nx = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)\ny = (x.relu() ** 2).sum()\n';

  it('sets a tensor from a flat list, and names an unread list once, not its items', () => {
    const run = cli(['--json', '--lang', 'python', '--at', 'x=[3, -1, 2]', '-'], TORCH);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(json(run).grads, { x: [6, 0, 4] });
    const unread = cli(['--lang', 'python', '--at', 'z=[3, -1]', '-'], TORCH);
    assert.equal(unread.status, 2);
    assert.match(unread.stderr, /--at gives `z`, which is not an input of y: its inputs are x\n$/);
  });
});
