// The full inspection path (`inspectGraph`: value, every gradient, every backward step, every
// node view, local-partial formulas, symbolic derivatives) on random DAGs and trees of 200 to
// 10⁵ nodes, next to the fast path (typed-array tape) on the same graph, with the targets of
// issue 14 checked. Prints one markdown table on stdout; progress goes to stderr.
//
// Runs the built library `dist/engine.js` (`npm run build` first); GRADIENT_LENS_ENGINE=path
// runs another build. `node --expose-gc bench/fullInspection.mjs` (as `npm run bench` does).
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { inputValues, named, randomDag, randomTree } from './graphs.mjs';

const require = createRequire(import.meta.url);
const enginePath = process.env.GRADIENT_LENS_ENGINE
  ? resolve(process.env.GRADIENT_LENS_ENGINE)
  : '../dist/engine.js';
const {
  GraphBuilder,
  compileTape,
  runForward,
  runBackward,
  inspectGraph,
  symbolicGradients,
} = require(enginePath);

const TARGETS = { smallMs: 5, usPerNode: 2, symbolicMs: 20 };
const gc = globalThis.gc ?? (() => {});
const progress = (text) => process.stderr.write(`${text}\n`);
const now = () => process.hrtime.bigint();

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The median ns of one call, wall clock and CPU time of the process (on a busy machine the
 * wall clock also counts other processes' turns): warmed up, then sampled for about `budgetMs`.
 */
function measure(fn, budgetMs = 600) {
  const first = now();
  fn();
  const firstNs = Number(now() - first);
  const warmups = firstNs > 200e6 ? 1 : Math.min(20, Math.ceil(100e6 / Math.max(firstNs, 1)));
  for (let i = 0; i < warmups; i += 1) {
    fn();
  }
  const samples = [];
  const cpu = [];
  const start = now();
  while (samples.length < 3 || (Number(now() - start) < budgetMs * 1e6 && samples.length < 51)) {
    gc();
    const c = process.cpuUsage();
    const t = now();
    fn();
    samples.push(Number(now() - t));
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) * 1e3);
  }
  return { wall: median(samples), cpu: median(cpu) };
}

const CASES = [
  ['random DAG', 200, (n) => randomDag(GraphBuilder, n, 7)],
  ['random DAG', 1e3, (n) => randomDag(GraphBuilder, n, 7)],
  ['random DAG', 1e4, (n) => randomDag(GraphBuilder, n, 7)],
  ['random DAG', 1e5, (n) => randomDag(GraphBuilder, n, 7)],
  ['random tree', 200, (n) => randomTree(GraphBuilder, n, 7)],
  ['random tree', 1e3, (n) => randomTree(GraphBuilder, n, 7)],
  ['random tree', 1e4, (n) => randomTree(GraphBuilder, n, 7)],
  ['random tree', 1e5, (n) => randomTree(GraphBuilder, n, 7)],
];
const pick = process.argv.slice(2);

const rows = [];
for (const [family, size, make] of CASES) {
  const label = `${family} ${size}`;
  if (pick.length > 0 && !pick.some((word) => label.includes(word))) {
    continue;
  }
  progress(`${label}…`);
  const { graph, values } = named(make(size), 1);
  const nodes = graph.nodes.length;
  const options = { checkInvariants: false };
  const full = measure(() => inspectGraph(graph, values, options));
  const symbolic = measure(() => symbolicGradients(graph));
  const tape = compileTape(graph);
  const args = tape.inputNames.map((name) => values[name]);
  const fast = measure(() => {
    runForward(tape, args);
    runBackward(tape, graph.output);
  }, 300);
  const result = inspectGraph(graph, values, options);
  progress(`  full ${ms(full.wall)} ms (cpu ${ms(full.cpu)}), symbolic ${ms(symbolic.wall)} ms`);
  const shown = result.inputs.filter((input) => input.symbolic !== undefined).length;
  rows.push({ family, nodes, full, fast, symbolic, shown, inputs: result.inputs.length });
}

function ms(ns) {
  return ns / 1e6 < 10 ? (ns / 1e6).toFixed(2) : (ns / 1e6).toFixed(1);
}
const fmt = (x, digits = 2) => x.toFixed(digits);
const verdict = (ok) => (ok ? 'met' : 'missed');

const header = [
  'graph',
  'nodes',
  'full ms (cpu)',
  'full µs/node (cpu)',
  'fast path ns/node',
  'full ÷ fast',
  'symbolic ms (cpu)',
  'symbolic shown',
  'target (on cpu time)',
];
const lines = [
  `| ${header.join(' | ')} |`,
  `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
];
for (const row of rows) {
  const usPerNode = (ns) => ns / 1e3 / row.nodes;
  const small = row.nodes < 1000;
  const fullTarget = small
    ? `≤ ${TARGETS.smallMs} ms: ${verdict(row.full.cpu / 1e6 <= TARGETS.smallMs)}`
    : row.nodes >= 1e4
      ? `≤ ${TARGETS.usPerNode} µs/node: ${verdict(usPerNode(row.full.cpu) <= TARGETS.usPerNode)}`
      : '—';
  const symbolicTarget = verdict(row.symbolic.cpu / 1e6 <= TARGETS.symbolicMs);
  lines.push(
    `| ${[
      row.family,
      row.nodes.toLocaleString('en'),
      `${ms(row.full.wall)} (${ms(row.full.cpu)})`,
      `${fmt(usPerNode(row.full.wall))} (${fmt(usPerNode(row.full.cpu))})`,
      fmt(row.fast.wall / row.nodes, 1),
      `${Math.round(row.full.wall / row.fast.wall)}×`,
      `${ms(row.symbolic.wall)} (${ms(row.symbolic.cpu)})`,
      `${row.shown} of ${row.inputs}`,
      `${fullTarget}; symbolic ≤ ${TARGETS.symbolicMs} ms: ${symbolicTarget}`,
    ].join(' | ')} |`,
  );
}
console.log(lines.join('\n'));
console.log(
  `\nTargets (issue 14): full inspection ≤ ${TARGETS.smallMs} ms at 200 nodes, ≤ ${TARGETS.usPerNode} µs/node at 10⁴–10⁵ nodes; symbolic derivatives ≤ ${TARGETS.symbolicMs} ms whatever the graph. Inputs: ${inputValues(1).length}, values of seed 1; medians after warm-up, GC between runs; cpu: the process's CPU time (what the targets are checked on: on a shared machine the wall clock counts other processes' turns too).`,
);
