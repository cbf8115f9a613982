// The front-end benchmark (`npm run bench`): a 5,000-line source file in Python, JavaScript
// and TypeScript; 1,000 straight-line statements in its middle selected and read into a graph
// (parse + lower + bind the values assigned above). Target: < 100 ms for Python, after an edit
// (the front end parses again only the edited stretch, reusing the tree of the text before);
// a file read with no tree to reuse (opened fresh) is timed too.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { frontEndFor } = require('../dist/engine.js');

const LINES = 5000;
const SELECTED = 1000;
const TARGET_MS = 100;

const SYNTAX = {
  python: {
    header: ['import math', 'import numpy as np', ''],
    comment: (i) => `# layer ${i}: a straight-line update`,
    assign: (name, expr) => `${name} = ${expr}`,
    tanh: 'math.tanh',
    exp: 'np.exp',
    pow: (a, b) => `${a} ** ${b}`,
  },
  javascript: {
    header: ['"use strict";', ''],
    comment: (i) => `// layer ${i}: a straight-line update`,
    assign: (name, expr) => `let ${name} = ${expr};`,
    tanh: 'Math.tanh',
    exp: 'Math.exp',
    pow: (a, b) => `${a} ** ${b}`,
  },
  typescript: {
    header: ['"use strict";', ''],
    comment: (i) => `// layer ${i}: a straight-line update`,
    assign: (name, expr) => `const ${name}: number = ${expr};`,
    tanh: 'Math.tanh',
    exp: 'Math.exp',
    pow: (a, b) => `${a} ** ${b}`,
  },
};

/**
 * Statement i of a chain combines recent names of that chain with calls and constants, as real
 * code does; `prefix` names the chain, so the selected one starts from the inputs at the top.
 */
function expression(syntax, prefix, i) {
  const a = i === 1 ? `x${i % 4}` : `${prefix}${i - 1}`;
  const b = i <= 3 ? `x${(i + 1) % 4}` : `${prefix}${i - 3}`;
  switch (i % 4) {
    case 0:
      return `${syntax.tanh}(${a} * w${i % 7} + 0.1)`;
    case 1:
      return `${a} - 0.5 * ${b}`;
    case 2:
      // −(a²): JavaScript refuses a unary minus right before `**`.
      return `${syntax.exp}(-(${syntax.pow(a, 2)})) + ${b} / 3`;
    default:
      return `(${a} + ${b}) * w${i % 5}`;
  }
}

/**
 * The file's lines and the 0-based line range of the selected statements: weights and inputs
 * assigned at the top, 2,000 lines of other code, the 1,000 selected statements (a chain that
 * reads the inputs and weights), then more code to 5,000 lines. `run` changes a weight so
 * every run parses a new text, as after an edit.
 */
function sourceFile(language, run) {
  const syntax = SYNTAX[language];
  const lines = [...syntax.header];
  for (let w = 0; w < 7; w += 1) {
    lines.push(syntax.assign(`w${w}`, `${(w - 3 + run / 1000) / 4}`));
  }
  for (let x = 0; x < 4; x += 1) {
    lines.push(syntax.assign(`x${x}`, `${x / 2 - 1}`));
  }
  const chain = (prefix, count) => {
    const from = lines.length;
    for (let i = 1; i <= count; i += 1) {
      if (i % 10 === 0) {
        lines.push(syntax.comment(i));
      }
      lines.push(syntax.assign(`${prefix}${i}`, expression(syntax, prefix, i)));
    }
    return from;
  };
  chain('u', 1800);
  const first = lines.length;
  while (lines.length - first < SELECTED) {
    const i = lines.length - first + 1;
    lines.push(syntax.assign(`v${i}`, expression(syntax, 'v', i)));
  }
  const last = lines.length - 1;
  chain('t', LINES);
  return { source: lines.slice(0, LINES).join('\n') + '\n', first, last, lines };
}

function median(samples) {
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[sorted.length >> 1];
}

async function measure(language) {
  const { source, first, last, lines } = sourceFile(language, 0);
  const selection = {
    start: { line: first, column: 0 },
    end: { line: last, column: lines[last].length },
  };
  const frontEnd = frontEndFor(language);
  const loadStart = performance.now();
  const firstRun = await frontEnd.lower({ source, selection });
  const firstMs = performance.now() - loadStart;
  if (!firstRun.ok) {
    throw new Error(`${language}: ${firstRun.error.message}`);
  }
  const samples = [];
  const fresh = [];
  for (let run = 0; run < 15; run += 1) {
    const edited = sourceFile(language, run + 1).source;
    samples.push(await timed(frontEnd, { source: edited, selection }, language));
  }
  for (let run = 0; run < 15; run += 1) {
    // A one-line file in between leaves no tree to reuse: the whole file is parsed.
    await frontEnd.lower({ source: 'a = 1\n' });
    const opened = sourceFile(language, run + 100).source;
    fresh.push(await timed(frontEnd, { source: opened, selection }, language));
  }
  const program = firstRun.program;
  return {
    language,
    lines: source.split('\n').length - 1,
    statements: lines.slice(first, last + 1).filter((line) => !/^\s*(#|\/\/)/.test(line)).length,
    nodes: program.graph.nodes.length,
    firstMs,
    medianMs: median(samples),
    freshMs: median(fresh),
  };
}

async function timed(frontEnd, request, language) {
  const start = performance.now();
  const result = await frontEnd.lower(request);
  const ms = performance.now() - start;
  if (!result.ok) {
    throw new Error(`${language}: ${result.error.message}`);
  }
  return ms;
}

const rows = [];
for (const language of ['python', 'javascript', 'typescript']) {
  rows.push(await measure(language));
}
console.log('\nFront ends — parse + lower + bind a selection of a 5,000-line file\n');
console.log(
  '| language   | file lines | selected statements | graph nodes | first run ms | median ms | new file ms |',
);
console.log(
  '| ---------- | ---------: | ------------------: | ----------: | -----------: | --------: | ----------: |',
);
for (const row of rows) {
  console.log(
    `| ${row.language.padEnd(10)} | ${String(row.lines).padStart(10)} | ${String(row.statements).padStart(19)} | ${String(row.nodes).padStart(11)} | ${row.firstMs.toFixed(1).padStart(12)} | ${row.medianMs.toFixed(1).padStart(9)} | ${row.freshMs.toFixed(1).padStart(11)} |`,
  );
}
console.log(
  '\n- first run includes loading the tree-sitter runtime and grammar (once per process); median of 15 runs after it, each on a new text (a weight changed, as after an edit: the edited stretch is parsed again, the rest of the tree reused); new file: median of 15 runs with no tree to reuse, so the whole file is parsed.',
);
const python = rows.find((row) => row.language === 'python');
const met = python.medianMs < TARGET_MS;
console.log(
  `\ntarget Python parse + lower + bind < ${TARGET_MS} ms: ${met ? 'met' : 'NOT met'} (${python.medianMs.toFixed(1)} ms)`,
);
