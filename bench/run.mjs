// The engine benchmark (`npm run bench`): random DAGs of 10³…10⁶ nodes, a deep chain and a
// wide sum through the fast path (typed-array tape) and the step-recording path, side by side
// with mathjs and tfjs-core (CPU) on the same graphs. Prints one markdown table and the target
// checks on stdout; progress goes to stderr. Not part of `npm test`.
//
// Runs the built library `dist/engine.js`; GRADIENT_LENS_ENGINE=path/to/engine.js runs another
// build of it (to compare a change to the tape, say). Words after the script name pick graphs
// by label: `node --expose-gc bench/run.mjs dag` runs the random DAGs only.
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { deepChain, inputValues, randomDag, randomTree, wideSum } from './graphs.mjs';
import { loadMathjs, loadTfjs, mathjsExpression, mathjsRun, tfjsRunner } from './peers.mjs';

const require = createRequire(import.meta.url);
const enginePath = process.env.GRADIENT_LENS_ENGINE
  ? resolve(process.env.GRADIENT_LENS_ENGINE)
  : '../dist/engine.js';
const { GraphBuilder, compileTape, runForward, runBackward, evaluate, backward } = require(
  enginePath,
);

/** A peer run estimated to take longer than this is skipped. */
const PEER_RUN_LIMIT_S = 2;
const TARGETS = { ratio: 3, nsPerNode: 50, prepMs: 20, speedup: 500 };

const benchStart = process.hrtime.bigint();
const gc = globalThis.gc ?? (() => {});
if (globalThis.gc === undefined) {
  console.error(
    'note: run with node --expose-gc (as `npm run bench` does) to collect between cases',
  );
}
const progress = (text) => process.stderr.write(`${text}\n`);

// ---------------------------------------------------------------------------------------------
// Timing

const now = () => process.hrtime.bigint();

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nanoseconds for `inner` back-to-back calls of `fn`. */
function sample(fn, inner) {
  const start = now();
  for (let i = 0; i < inner; i += 1) {
    fn();
  }
  return Number(now() - start);
}

/**
 * The median time of one call of `fn`, in ns. Fast functions are warmed up for 100 ms and
 * batched so each sample lasts at least 1 ms, then sampled for about `budgetMs`; slow ones
 * (over 50 ms a call) get one warm-up call and 3 samples.
 */
function measure(fn, { budgetMs = 400, minSamples = 5 } = {}) {
  const first = sample(fn, 1);
  if (first > 50e6) {
    fn();
    return median([sample(fn, 1), sample(fn, 1), sample(fn, 1)]);
  }
  const warmStart = now();
  for (let i = 0; i < 3 || (Number(now() - warmStart) < 100e6 && i < 1000); i += 1) {
    fn();
  }
  let inner = 1;
  while (sample(fn, inner) < 1e6 && inner < 1 << 16) {
    inner *= 2;
  }
  const samples = [];
  const start = now();
  while (
    samples.length < minSamples ||
    (Number(now() - start) < budgetMs * 1e6 && samples.length < 101)
  ) {
    samples.push(sample(fn, inner) / inner);
  }
  return median(samples);
}

/**
 * The median time of one peer run, in ns, given the time of a first (cold) run: a run over
 * 2 s is reported as is; otherwise 3 warm-up runs when they are quick, then at least 3 runs
 * or about 1 s of them.
 */
function measurePeer(fn, firstNs) {
  if (firstNs > 2e9) {
    return firstNs;
  }
  for (let i = 0; firstNs < 50e6 && i < 3; i += 1) {
    fn();
  }
  const samples = [];
  const start = now();
  while (samples.length < 3 || (Number(now() - start) < 1e9 && samples.length < 25)) {
    samples.push(sample(fn, 1));
  }
  return median(samples);
}

// ---------------------------------------------------------------------------------------------
// Cases

const CASES = [
  { label: 'random DAG 10³', family: 'dag', make: () => randomDag(GraphBuilder, 1e3, 101) },
  { label: 'random DAG 10⁴', family: 'dag', make: () => randomDag(GraphBuilder, 1e4, 102) },
  { label: 'random DAG 10⁵', family: 'dag', make: () => randomDag(GraphBuilder, 1e5, 103) },
  { label: 'random DAG 10⁶', family: 'dag', make: () => randomDag(GraphBuilder, 1e6, 104) },
  { label: 'random tree 10³', family: 'tree', make: () => randomTree(GraphBuilder, 1e3, 201) },
  { label: 'random tree 10⁴', family: 'tree', make: () => randomTree(GraphBuilder, 1e4, 202) },
  { label: 'deep chain 10³', family: 'chain', make: () => deepChain(GraphBuilder, 1e3, 301) },
  { label: 'deep chain 10⁵', family: 'chain', make: () => deepChain(GraphBuilder, 1e5, 302) },
  { label: 'wide sum 10³ terms', family: 'sum', make: () => wideSum(GraphBuilder, 1e3, 401) },
  { label: 'wide sum 10⁵ terms', family: 'sum', make: () => wideSum(GraphBuilder, 1e5, 402) },
];
/** The rows the 10³ targets are checked on, and the one the 10⁵ targets are. */
const SMALL = new Set([
  'random DAG 10³',
  'random tree 10³',
  'deep chain 10³',
  'wide sum 10³ terms',
]);
const TARGET_ROW = 'random DAG 10⁵';

/** Input values in x0, x1… order, as the peers take them. */
const values = inputValues(7);
const names = values.map((_, i) => `x${i}`);
const scope = Object.fromEntries(names.map((name, i) => [name, values[i]]));

/** max |a − b| / max |b|: the error relative to the gradient's scale. */
function normwiseError(a, b) {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i += 1) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

function describeError(error) {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'stack overflow';
  }
  return String(error?.message ?? error)
    .split('\n')[0]
    .slice(0, 60);
}

/**
 * ns/node measured per peer and graph family at the smaller size. Costs grow at least
 * linearly with size, so scaling it up gives a lower bound for a bigger graph of the family.
 */
const peerCost = { mathjs: {}, tfjs: {} };
const notes = [];

function runPeer(peer, row, family, run) {
  const known = peerCost[peer][family];
  if (known === undefined && row.nodes > 2e4) {
    // Only when graphs are picked by label: mathjs on a 10⁵ chain would run for hours.
    row[peer] = { skipped: 'skipped: not estimated' };
    notes.push(
      `${peer} on ${row.label}: skipped: no smaller graph of its family was measured to ` +
        'estimate its time (run the whole benchmark).',
    );
    return;
  }
  const estimateS = known === undefined ? 0 : (known * row.nodes) / 1e9;
  if (estimateS > PEER_RUN_LIMIT_S) {
    row[peer] = { skipped: `skipped: > ${PEER_RUN_LIMIT_S} s` };
    notes.push(
      `${peer} on ${row.label}: skipped: would take > ${PEER_RUN_LIMIT_S} s per run ` +
        `(≥ ${format(estimateS)} s, scaling its ${format(known)} ns/node at the smaller size).`,
    );
    return;
  }
  progress(`  ${peer}…`);
  let check;
  const start = now();
  try {
    check = run();
  } catch (error) {
    row[peer] = { skipped: `failed: ${describeError(error)}` };
    notes.push(
      `${peer} on ${row.label}: failed: ${error?.name ?? 'Error'}: ${describeError(error)}.`,
    );
    return;
  }
  const firstNs = Number(now() - start);
  if (firstNs > 2e9) {
    notes.push(`${peer} on ${row.label}: one run, ${format(firstNs / 1e9)} s.`);
  }
  const nsPerNode = measurePeer(run, firstNs) / row.nodes;
  peerCost[peer][family] = nsPerNode;
  row[peer] = {
    nsPerNode,
    speedup: nsPerNode / row.fwdBwd,
    error: normwiseError(check.grads, row.inputGrads),
  };
}

async function runCase(spec) {
  progress(`${spec.label}…`);
  gc();
  const buildStart = now();
  const graph = spec.make();
  const firstBuildNs = Number(now() - buildStart);
  const nodes = graph.nodes.length;
  const output = graph.output;
  const big = nodes > 2e5;
  const row = {
    label: spec.label,
    nodes,
    small: SMALL.has(spec.label),
    target: spec.label === TARGET_ROW,
  };

  // Building the graph again, for its cost (the first build runs colder code).
  row.buildMs = (big ? firstBuildNs : measure(spec.make, { budgetMs: 200, minSamples: 3 })) / 1e6;
  gc();
  row.prepMs = measure(() => compileTape(graph), { budgetMs: 300, minSamples: 3 }) / 1e6;
  gc();

  const tape = compileTape(graph);
  // The tape takes input values in its own order; gradients are compared in x0, x1… order.
  const tapeInputs = tape.inputNames.map((name) => scope[name]);
  const slotOf = Object.fromEntries(tape.inputNames.map((name, i) => [name, tape.inputSlots[i]]));
  row.fwd = measure(() => runForward(tape, tapeInputs)) / nodes;
  row.fwdBwd =
    measure(() => {
      runForward(tape, tapeInputs);
      runBackward(tape, output);
    }) / nodes;
  runForward(tape, tapeInputs);
  const adjoints = runBackward(tape, output);
  row.inputGrads = names.map((name) => adjoints[slotOf[name]]);
  row.value = tape.values[output];
  gc();

  const stepRun = () => backward(graph, evaluate(graph, scope), output);
  row.steps = measure(stepRun) / nodes;
  const stepPass = stepRun();
  row.stepsError = normwiseError(
    names.map((name) => stepPass.grads[slotOf[name]]),
    row.inputGrads,
  );
  if (!Number.isFinite(row.value) || !row.inputGrads.every(Number.isFinite)) {
    notes.push(`${spec.label}: the output or a gradient is not finite (${row.value}).`);
  }
  gc();

  if (row.small) {
    // Ours end to end, as the peers are measured: build the graph, compile, forward, backward.
    row.endToEnd =
      measure(() => {
        const g = spec.make();
        const t = compileTape(g);
        runForward(t, tapeInputs);
        runBackward(t, g.output);
      }) / nodes;
  }

  const text = mathjsExpression(graph);
  if (text === undefined) {
    row.mathjs = { skipped: 'n/a: DAG' };
  } else {
    const { math } = loadMathjs();
    runPeer('mathjs', row, spec.family, () => mathjsRun(math, text, values));
  }
  gc();
  const { tf } = await loadTfjs();
  const tfRun = tfjsRunner(tf, graph, values);
  runPeer('tfjs', row, spec.family, tfRun);
  gc();
  return row;
}

// ---------------------------------------------------------------------------------------------
// Output

function format(x) {
  if (!Number.isFinite(x)) {
    return String(x);
  }
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return x.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

const times = (x) => `${format(x)}×`;
const peerCell = (cell) => cell.skipped ?? format(cell.nsPerNode);
const speedupCell = (cell) => (cell.skipped === undefined ? times(cell.speedup) : '—');

function table(rows) {
  const header = [
    'graph',
    'nodes',
    'build ms',
    'prep ms',
    'fwd ns/node',
    'fwd+bwd ns/node',
    'fwd+bwd ÷ fwd',
    'steps ns/node',
    'mathjs ns/node',
    'mathjs ÷ ours',
    'tfjs ns/node',
    'tfjs ÷ ours',
  ];
  const body = rows.map((r) => [
    r.label,
    r.nodes.toLocaleString('en-US'),
    format(r.buildMs),
    format(r.prepMs),
    format(r.fwd),
    format(r.fwdBwd),
    times(r.fwdBwd / r.fwd),
    format(r.steps),
    peerCell(r.mathjs),
    speedupCell(r.mathjs),
    peerCell(r.tfjs),
    speedupCell(r.tfjs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

const verdict = (ok) => (ok ? 'met' : 'NOT met');

function targets(rows) {
  const lines = [];
  const worst = rows.reduce((a, b) => (b.fwdBwd / b.fwd > a.fwdBwd / a.fwd ? b : a));
  const worstRatio = worst.fwdBwd / worst.fwd;
  lines.push(
    `target fwd+bwd ≤ ${TARGETS.ratio}× fwd (fast path, every graph): ${verdict(worstRatio <= TARGETS.ratio)} ` +
      `(worst ${times(worstRatio)}, ${worst.label})`,
  );
  for (const r of rows.filter((row) => row.target)) {
    lines.push(
      `target fast path ≤ ${TARGETS.nsPerNode} ns/node at 10⁵ nodes: ${verdict(r.fwdBwd <= TARGETS.nsPerNode)} ` +
        `(${format(r.fwdBwd)} ns/node fwd+bwd, ${r.label})`,
    );
    lines.push(
      `target graph preparation ≤ ${TARGETS.prepMs} ms at 10⁵ nodes: ${verdict(r.prepMs <= TARGETS.prepMs)} ` +
        `(${format(r.prepMs)} ms compileTape, ${r.label})`,
    );
  }
  for (const peer of ['mathjs', 'tfjs']) {
    const measured = rows.filter((r) => r.small && r[peer].skipped === undefined);
    if (measured.length === 0) {
      lines.push(
        `target fast path ≥ ${TARGETS.speedup}× faster than ${peer} at 10³ nodes: not measured`,
      );
      continue;
    }
    const least = measured.reduce((a, b) => (b[peer].speedup < a[peer].speedup ? b : a));
    const all = measured.map((r) => `${times(r[peer].speedup)} ${r.label}`).join(', ');
    const e2e = measured
      .map((r) => `${times(r[peer].nsPerNode / r.endToEnd)} ${r.label}`)
      .join(', ');
    lines.push(
      `target fast path ≥ ${TARGETS.speedup}× faster than ${peer} at 10³ nodes: ` +
        `${verdict(least[peer].speedup >= TARGETS.speedup)} (${all}; counting our graph build ` +
        `and compileTape too: ${e2e})`,
    );
  }
  return lines;
}

function footnotes(rows, peers) {
  const out = [];
  const ours = rows.map((r) => r.stepsError);
  out.push(
    'Ours: fast path = compileTape once, then runForward + runBackward on the typed-array tape; ' +
      'steps = evaluate + backward with a record per edge. ns/node = one run ÷ all nodes (inputs ' +
      'and constants included); medians after warm-up. build = generating the graph through ' +
      'GraphBuilder; prep = compileTape. 8 inputs; float64.',
  );
  out.push(
    `mathjs ${peers.mathjs?.version ?? '?'} (CommonJS entry, loaded in ${format(peers.mathjs?.loadMs ?? NaN)} ms): ` +
      'parse + derivative per input ({ simplify: false }) + compile and evaluate the value and the 8 ' +
      'derivatives. A DAG written as one expression repeats every shared subexpression (exponential ' +
      'growth), so mathjs is compared on the random trees (same ops, no shared intermediates): ' +
      '"n/a: DAG" on the DAG rows.',
  );
  out.push(
    `tfjs-core ${peers.tfjs?.version ?? '?'} + tfjs-backend-cpu (loaded in ${format(peers.tfjs?.loadMs ?? NaN)} ms), ` +
      'production mode, float32: one scalar tensor per node built anew each run, tf.valueAndGrads over ' +
      'the 8 inputs, results read back. Its CommonJS bundle ships without gradient definitions, so ' +
      "tfjs-core's own ones for these ops are registered by the benchmark.",
  );
  out.push(
    `Gradients agree (max |Δ| ÷ max |∂f/∂x| over the inputs, vs the fast path): steps ${format1e(Math.max(...ours))}` +
      ['mathjs', 'tfjs']
        .map((peer) => {
          const errors = rows.filter((r) => r[peer].error !== undefined).map((r) => r[peer].error);
          return errors.length === 0 ? '' : `, ${peer} ${format1e(Math.max(...errors))}`;
        })
        .join('') +
      '.',
  );
  return [...out, ...notes];
}

const format1e = (x) => (x === 0 ? '0' : x.toExponential(1));

// ---------------------------------------------------------------------------------------------

// `node bench/run.mjs dag chain` runs only the graphs whose label contains one of the words.
const filters = process.argv.slice(2).map((word) => word.toLowerCase());
const selected = CASES.filter(
  (spec) => filters.length === 0 || filters.some((word) => spec.label.toLowerCase().includes(word)),
);
if (selected.length === 0) {
  console.error(`no graph label contains ${filters.join(' or ')}`);
  process.exit(2);
}
const rows = [];
for (const spec of selected) {
  rows.push(await runCase(spec));
}
const peers = { mathjs: loadMathjs(), tfjs: await loadTfjs() };
const cpu = cpus()[0]?.model ?? 'unknown CPU';

console.log(
  `Gradient Lens engine benchmark — Node ${process.version}, ${cpus().length} × ${cpu.trim()}\n`,
);
console.log(table(rows));
console.log('');
for (const note of footnotes(rows, peers)) {
  console.log(`- ${note}`);
}
console.log('');
for (const line of targets(rows)) {
  console.log(line);
}
console.log(`\ntotal ${(Number(now() - benchStart) / 1e9).toFixed(0)} s`);
