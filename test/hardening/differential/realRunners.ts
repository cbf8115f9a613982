/**
 * Runs generated programs in the real languages, which the extension itself never does: one
 * `/usr/bin/python3` process for a whole batch (JSON lines on stdin and stdout), and node's `vm`
 * for JavaScript and for TypeScript after `ts.transpileModule`. Each program runs at its point
 * and with each binding's literal moved by ±h, which gives the real value and the real
 * derivative with respect to every binding by central differences.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import vm from 'node:vm';
import ts from 'typescript';
import { instantiate, OUTPUT, type Language, type Rendered } from './straightLinePrograms';

/** Debian's interpreter: another python3 (pyenv, a venv) may come first on PATH. */
export const PYTHON = '/usr/bin/python3';

export type RunOutcome =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string };

export interface RealDerivative {
  /** Central difference, or undefined when a perturbed run failed. */
  readonly central: number | undefined;
  /** The one-sided differences disagree: a kink (max, min, abs) lies within ±h. */
  readonly kink: boolean;
  readonly error?: string;
}

export interface RealResult {
  readonly value: RunOutcome;
  /** By literal id. */
  readonly derivatives: ReadonlyMap<number, RealDerivative>;
}

/** Step for central differences: small against the literal, large against rounding. */
export function stepFor(value: number): number {
  return 1e-5 * Math.max(1, Math.abs(value));
}

/** One-sided slopes further apart than this (relative) mean a kink, not curvature. */
const KINK = 1e-2;

interface Variant {
  readonly id: number;
  readonly value: number;
}

/** The point, then each binding moved up and down. */
function variantsOf(rendered: Rendered): Variant[][] {
  const variants: Variant[][] = [[]];
  for (const { literal } of rendered.bindings) {
    const h = stepFor(literal.value);
    variants.push([{ id: literal.id, value: literal.value + h }]);
    variants.push([{ id: literal.id, value: literal.value - h }]);
  }
  return variants;
}

function texts(rendered: Rendered): string[] {
  return variantsOf(rendered).map((moves) =>
    instantiate(rendered, new Map(moves.map((move) => [move.id, move.value]))),
  );
}

/** Assembles the runs of one program (in `variantsOf` order) into value and derivatives. */
function resultOf(rendered: Rendered, outcomes: readonly RunOutcome[]): RealResult {
  const [point] = outcomes;
  const derivatives = new Map<number, RealDerivative>();
  if (point === undefined || !point.ok) {
    return { value: point ?? { ok: false, error: 'not run' }, derivatives };
  }
  rendered.bindings.forEach(({ literal }, i) => {
    const up = outcomes[1 + 2 * i];
    const down = outcomes[2 + 2 * i];
    derivatives.set(literal.id, derivative(literal.value, point.value, up, down));
  });
  return { value: point, derivatives };
}

function derivative(
  value: number,
  atPoint: number,
  up: RunOutcome | undefined,
  down: RunOutcome | undefined,
): RealDerivative {
  if (up === undefined || down === undefined || !up.ok || !down.ok) {
    const error = [up, down].map((run) => (run?.ok === false ? run.error : '')).join(' ');
    return { central: undefined, kink: false, error };
  }
  const h = stepFor(value);
  // The steps as the doubles actually moved, not as intended.
  const upStep = value + h - value;
  const downStep = value - (value - h);
  const forward = (up.value - atPoint) / upStep;
  const backward = (atPoint - down.value) / downStep;
  const central = (up.value - down.value) / (upStep + downStep);
  const scale = Math.max(1, Math.abs(forward), Math.abs(backward));
  return { central, kink: Math.abs(forward - backward) > KINK * scale };
}

// ---------------------------------------------------------------------------------------------
// Python: one process, one JSON line per batch.

const PYTHON_SCRIPT = `
import json, math, sys
try:
    import numpy as np
except ImportError:
    print(json.dumps({"fatal": "numpy is not installed for ${PYTHON}"}), flush=True)
    sys.exit(1)
# NumPy's overflow and domain warnings become exceptions, as math's are.
np.seterr(all="raise")
print(json.dumps({"ready": np.__version__}), flush=True)

def run(text):
    scope = {"__name__": "__gradient_lens_fuzz__"}
    try:
        exec(compile(text, "<program>", "exec"), scope)
        value = float(scope["${OUTPUT}"])
    except Exception as error:
        return {"error": type(error).__name__ + ": " + str(error)}
    if not math.isfinite(value):
        return {"error": "not finite: " + repr(value)}
    return {"value": value}

while True:
    line = sys.stdin.readline()
    if not line:
        break
    print(json.dumps([run(text) for text in json.loads(line)]), flush=True)
`;

type PythonAnswer = { value: number } | { error: string };

export class PythonProcess {
  private buffer = '';
  private waiting: ((line: string) => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.receive(chunk));
  }

  /** Starts the interpreter; fails with a clear message when it or NumPy is missing. */
  static async start(): Promise<PythonProcess> {
    if (!existsSync(PYTHON)) {
      throw new Error(`the differential fuzzer needs ${PYTHON} (Debian's python3) with numpy`);
    }
    const child = spawn(PYTHON, ['-c', PYTHON_SCRIPT], { stdio: 'pipe' });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const python = new PythonProcess(child);
    const exited = new Promise<string>((resolve) => {
      child.on('exit', (code) => resolve(`${PYTHON} exited (${code}): ${stderr}`));
      child.on('error', (error) => resolve(`${PYTHON} did not start: ${error.message}`));
    });
    const first = await Promise.race([python.nextLine(), exited]);
    const hello = safeParse(first) as { ready?: string; fatal?: string } | undefined;
    if (hello?.ready === undefined) {
      child.kill();
      throw new Error(
        `the differential fuzzer needs ${PYTHON} with numpy: ${hello?.fatal ?? first}`,
      );
    }
    return python;
  }

  /** Runs each text in a fresh global dict; batches go one at a time. */
  run(programs: readonly string[]): Promise<RunOutcome[]> {
    const next = this.queue.then(async () => {
      const answer = this.nextLine();
      this.child.stdin.write(`${JSON.stringify(programs)}\n`);
      const answers = JSON.parse(await answer) as PythonAnswer[];
      return answers.map((one): RunOutcome =>
        'value' in one ? { ok: true, value: one.value } : { ok: false, error: one.error },
      );
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.child.stdin.end();
  }

  private nextLine(): Promise<string> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      this.waiting.shift()?.(line);
      newline = this.buffer.indexOf('\n');
    }
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript in process.

/**
 * The program as the body of a function that returns the output, so that a top-level `let`
 * or `const` output can be read (they do not become properties of the context's global).
 */
function wrapped(program: string): string {
  return `(function () {\n${program}\nreturn ${OUTPUT};\n})()`;
}

function runScript(program: string, context: vm.Context): RunOutcome {
  try {
    const value: unknown = vm.runInContext(wrapped(program), context);
    if (typeof value !== 'number') return { ok: false, error: `${OUTPUT} is ${typeof value}` };
    return Number.isFinite(value)
      ? { ok: true, value }
      : { ok: false, error: `not finite: ${value}` };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
}

function runScripts(rendered: Rendered, context: vm.Context): RunOutcome[] {
  return texts(rendered).map((text) => runScript(text, context));
}

const BEGIN = '// @@gradient-lens-program-begin';
const END = '// @@gradient-lens-program-end';

/**
 * TypeScript to JavaScript for a whole batch in one `transpileModule` call (one call per
 * program costs milliseconds). Each program sits in a function of its own, so the batch does
 * not declare one name many times in one scope (which makes transpiling slow). Placeholders are
 * identifiers, so they come through unchanged and each perturbed copy is the transpiled text
 * with other literals.
 */
export function transpileAll(programs: readonly Rendered[]): Rendered[] {
  const source = programs
    .map((program) => `function program() {\n${BEGIN}\n${program.text}\n${END}\n}`)
    .join('\n');
  const output = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
    reportDiagnostics: false,
  }).outputText;
  const pieces = output
    .split(BEGIN)
    .slice(1)
    .map((piece) => piece.slice(0, piece.indexOf(END)));
  if (pieces.length !== programs.length) {
    throw new Error(`transpiling ${programs.length} programs gave ${pieces.length}`);
  }
  return programs.map((program, i) => ({ text: pieces[i] ?? '', bindings: program.bindings }));
}

// ---------------------------------------------------------------------------------------------

/** The real value and derivatives of each program, run in `language`. */
export async function runReal(
  language: Language,
  programs: readonly Rendered[],
  python: PythonProcess,
): Promise<RealResult[]> {
  if (language === 'python') {
    const all = programs.map(texts);
    const outcomes = await python.run(all.flat());
    let next = 0;
    return programs.map((program, i) => {
      const count = all[i]?.length ?? 0;
      next += count;
      return resultOf(program, outcomes.slice(next - count, next));
    });
  }
  const runnable = language === 'typescript' ? transpileAll(programs) : programs;
  // One fresh context per batch: each run has its own function scope, and programs declare
  // every name they assign, so nothing leaks from one run into the next.
  const context = vm.createContext({});
  return runnable.map((program) => resultOf(program, runScripts(program, context)));
}
