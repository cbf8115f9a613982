/**
 * The graph panel's messages in both directions, declared once: the extension host and the
 * webview import these types, and each side checks every message it receives with the
 * parse functions below. A message that is unknown or malformed is dropped (the caller logs
 * the problem); nothing here throws, whatever arrives.
 *
 * Messages travel as JSON, which has no NaN or ±Infinity, so `toWire` writes non-finite
 * numbers as `{ "$number": "NaN" | "Infinity" | "-Infinity" }` and the parsers read them back.
 */
import type { SourceRange } from '../engine/ir';
import { setOwn } from '../engine/records';
import type { InspectionResult } from '../engine/result';

/** Settings the panel follows. */
export interface PanelSettings {
  /** Significant digits of values and gradients. */
  readonly precision: number;
  /** Above this many nodes the panel asks before drawing (default ASK_BEFORE_DRAWING_NODES). */
  readonly askBeforeDrawing?: number;
}

/** Drawing a graph this big takes many seconds and a lot of memory: the panel asks first. */
export const ASK_BEFORE_DRAWING_NODES = 50_000;

/** What the user asked for: kept in the webview's state to inspect again after a reload. */
export interface PanelRequest {
  /** The inspected range, in the coordinates of the document's source (see lineOffset). */
  readonly selection: SourceRange;
  /** Values the user typed; they win over values found in the document. */
  readonly values: Readonly<Record<string, number>>;
  /** The name chosen as the output, when not the code's own. */
  readonly output?: string;
  /** An unnamed node chosen as the output. */
  readonly outputNode?: number;
}

/** One document's inspection as the panel shows it. */
export interface PanelInspection {
  readonly uri: string;
  /** The document's file name, for the heading. */
  readonly fileName: string;
  readonly result: InspectionResult;
  /** The value of every input, as used. */
  readonly values: Readonly<Record<string, number>>;
  /** Set when the document changed and the picture may be out of date. */
  readonly stale?: string;
  /** Lines of earlier notebook cells in front of the document: ranges minus this are its lines. */
  readonly lineOffset: number;
  /** True when the output is a node the user chose rather than the code's own. */
  readonly outputChosen: boolean;
  readonly request: PanelRequest;
}

/** Host → webview. */
export type HostMessage =
  /** Everything the panel shows: sent after `ready` and whenever the inspection changes. */
  | {
      readonly type: 'snapshot';
      readonly inspection: PanelInspection | null;
      readonly settings: PanelSettings;
      readonly selectedNode: number | null;
    }
  /** Select and reveal a node (the hover's "Show in graph"). */
  | { readonly type: 'selectNode'; readonly node: number }
  /** The document changed since the inspection (a reason), or the picture is current (null). */
  | { readonly type: 'stale'; readonly reason: string | null }
  /** A short message for the user, e.g. why new values were not taken. */
  | { readonly type: 'notice'; readonly level: NoticeLevel; readonly message: string };

export type NoticeLevel = 'info' | 'error';

/** The palette and filters of an exported picture. */
export interface ExportView {
  readonly colors: 'light' | 'dark';
  readonly hideConstants: boolean;
  readonly hideOffPath: boolean;
}

export type TableFormat = 'markdown' | 'latex';
export type LogLevel = 'info' | 'warn' | 'error';

/** Webview → host. */
export type WebviewMessage =
  /** The page has loaded and listens: the host answers with one full snapshot. */
  | { readonly type: 'ready' }
  /** The user picked a node; `reveal` selects its source in the editor. */
  | { readonly type: 'selectNode'; readonly node: number; readonly reveal: boolean }
  /** The node a step-through is at (its source line is highlighted), or none. */
  | { readonly type: 'highlightNode'; readonly node: number | null }
  /** New input values typed in the table: inspect again with them. */
  | { readonly type: 'setValues'; readonly values: Readonly<Record<string, number>> }
  /** Differentiate this node instead of the output (null: the code's own output again). */
  | { readonly type: 'chooseOutput'; readonly node: number | null }
  /** Save the graph as SVG, drawn by the host with these filters. */
  | { readonly type: 'exportSvg'; readonly view: ExportView }
  /** Save the graph as PNG, rendered by the webview (a `data:image/png;base64,` URL). */
  | { readonly type: 'exportPng'; readonly dataUrl: string }
  /** Save the graph as Graphviz DOT. */
  | { readonly type: 'exportDot' }
  /** Copy the derivative table to the clipboard. */
  | { readonly type: 'copyTable'; readonly format: TableFormat }
  /** Something for the extension's log (the webview has no output channel). */
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string };

/** What the webview keeps with setState: enough to show the same inspection after a reload. */
export interface PanelState {
  readonly version: 1;
  readonly uri: string;
  readonly request?: PanelRequest;
  readonly ui?: PanelUiState;
}

/** The webview's own view state, restored when the panel is shown again. */
export interface PanelUiState {
  readonly mode: 'backward' | 'forward';
  /** Position in the step-through; null when showing the whole picture. */
  readonly index: number | null;
  readonly hideConstants: boolean;
  readonly hideOffPath: boolean;
  readonly selectedNode: number | null;
}

export type Parsed<T> =
  { readonly ok: true; readonly message: T } | { readonly ok: false; readonly problem: string };

/** Limits that keep a hostile or broken message from costing much. */
export const LIMITS = {
  text: 100_000,
  name: 1_000,
  values: 10_000,
  items: 5_000_000,
  /** 64 MB of base64. */
  dataUrl: 64 * 1024 * 1024,
} as const;

export const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';

// ---------------------------------------------------------------------------------------------
// Wire encoding of numbers

/** A deep copy of `value` with non-finite numbers spelled out, ready for postMessage. */
export function toWire<T>(value: T): unknown {
  return encode(value);
}

function encode(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) {
      return value;
    }
    return { $number: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  }
  if (Array.isArray(value)) {
    return value.map(encode);
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) {
        setOwn(out, key, encode(item));
      }
    }
    return out;
  }
  return value;
}

const NON_FINITE: Readonly<Record<string, number>> = {
  NaN: NaN,
  Infinity: Infinity,
  '-Infinity': -Infinity,
};

/**
 * `JSON.stringify(toWire(value))`, quicker: JSON writes `null` for every non-finite number, so
 * text without `null` had none and needs no spelling out (a `null` from elsewhere, say a name,
 * only costs the slower way).
 */
export function wireJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('null') ? JSON.stringify(toWire(value)) : text;
}

/** The reverse of toWire (anything else passes through unchanged). */
export function fromWire(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) {
      out[i] = fromWire(value[i]);
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  const spelled = record.$number;
  if (
    typeof spelled === 'string' &&
    hasOwn(NON_FINITE, spelled) &&
    Object.keys(record).length === 1
  ) {
    return NON_FINITE[spelled];
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    setOwn(out, key, fromWire(record[key]));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Schemas: each returns undefined when the value fits, else what was expected where.

type Schema = (value: unknown) => string | undefined;

/** A problem found at `step` inside a value: `.steps[1].from: a whole number ≥ 0`. */
function at(step: string, problem: string): string {
  return problem.startsWith('.') || problem.startsWith('[')
    ? `${step}${problem}`
    : `${step}: ${problem}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

const anyNumber: Schema = (v) => (typeof v === 'number' ? undefined : 'a number');
const finite: Schema = (v) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : 'a finite number';
const count: Schema = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : 'a whole number ≥ 0';
const bool: Schema = (v) => (typeof v === 'boolean' ? undefined : 'true or false');

function text(max: number = LIMITS.text): Schema {
  return (v) => (typeof v === 'string' && v.length <= max ? undefined : `a text of ≤ ${max}`);
}

function oneOf(...values: readonly string[]): Schema {
  return (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `one of ${values.join(', ')}`;
}

function optional(schema: Schema): Schema {
  return (v) => (v === undefined ? undefined : schema(v));
}

function nullable(schema: Schema): Schema {
  return (v) => (v === null ? undefined : schema(v));
}

function arrayOf(schema: Schema, max: number = LIMITS.items): Schema {
  return (v) => {
    if (!Array.isArray(v) || v.length > max) {
      return `an array of ≤ ${max}`;
    }
    for (let i = 0; i < v.length; i += 1) {
      const problem = schema(v[i]);
      if (problem !== undefined) {
        return at(`[${i}]`, problem);
      }
    }
    return undefined;
  };
}

function object(fields: Readonly<Record<string, Schema>>): Schema {
  return (v) => {
    if (!isRecord(v)) {
      return 'an object';
    }
    for (const key of Object.keys(fields)) {
      const problem = fields[key]!(hasOwn(v, key) ? v[key] : undefined);
      if (problem !== undefined) {
        return at(`.${key}`, problem);
      }
    }
    return undefined;
  };
}

/** Names (non-empty, short) to numbers of `value`'s kind. */
function valueRecord(value: Schema): Schema {
  return (v) => {
    if (!isRecord(v)) {
      return 'an object of values';
    }
    const keys = Object.keys(v);
    if (keys.length > LIMITS.values) {
      return `≤ ${LIMITS.values} values`;
    }
    for (const key of keys) {
      if (key.length === 0 || key.length > LIMITS.name) {
        return 'names of 1 to 1000 characters';
      }
      const problem = value(v[key]);
      if (problem !== undefined) {
        return at(`[${JSON.stringify(key.slice(0, 40))}]`, problem);
      }
    }
    return undefined;
  };
}

const position = object({ line: count, column: count });
const range = object({ start: position, end: position });

const request = object({
  selection: range,
  values: valueRecord(anyNumber),
  output: optional(text(LIMITS.name)),
  outputNode: optional(count),
});

const partial = object({ operand: count, value: anyNumber, formula: text() });

const nodeView = object({
  id: count,
  kind: oneOf('input', 'constant', 'op'),
  op: optional(text(100)),
  symbol: text(),
  label: text(),
  name: optional(text()),
  version: optional(count),
  operands: arrayOf(count),
  value: anyNumber,
  grad: optional(anyNumber),
  partials: arrayOf(partial),
  gates: arrayOf(oneOf('distributor', 'swap multiplier', 'router', 'adder')),
  uses: count,
  kink: optional(text()),
  zeroGradient: optional(bool),
  note: optional(text()),
  range: optional(range),
});

const step: Schema = (v) => {
  if (isRecord(v) && v.kind === 'seed') {
    return object({ kind: oneOf('seed'), index: count, node: count, grad: anyNumber })(v);
  }
  return object({
    kind: oneOf('edge'),
    index: count,
    from: count,
    to: count,
    operandIndex: count,
    upstream: anyNumber,
    local: anyNumber,
    localFormula: text(),
    product: anyNumber,
    accumulated: anyNumber,
    contribution: count,
    contributions: count,
  })(v);
};

const symbolic = object({ text: text(), latex: text() });

const inputView = object({
  id: count,
  name: text(),
  value: anyNumber,
  grad: anyNumber,
  symbolic: optional(symbolic),
  range: optional(range),
});

const unusedInput = object({
  id: count,
  name: text(),
  value: anyNumber,
  range: optional(range),
});

const check = object({
  input: text(),
  analytic: anyNumber,
  numeric: anyNumber,
  relativeError: anyNumber,
  verdict: oneOf('ok', 'check-kinks', 'wrong'),
  step: anyNumber,
  note: optional(text()),
});

const result = object({
  output: object({ id: count, name: text(), value: anyNumber }),
  value: anyNumber,
  grads: valueRecord(anyNumber),
  inputs: arrayOf(inputView),
  unused: arrayOf(unusedInput),
  nodes: arrayOf(nodeView),
  steps: arrayOf(step),
  firstNonFinite: optional(object({ node: count, message: text() })),
  check: optional(arrayOf(check)),
  symbolicSkipped: optional(text()),
});

const inspection = object({
  uri: text(),
  fileName: text(),
  result,
  values: valueRecord(anyNumber),
  stale: optional(text()),
  lineOffset: count,
  outputChosen: bool,
  request,
});

/** Ids that point inside the graph: every view indexes `nodes` by id. */
function graphProblem(r: InspectionResult): string | undefined {
  const size = r.nodes.length;
  for (let id = 0; id < size; id += 1) {
    const node = r.nodes[id]!;
    if (node.id !== id) {
      return `.nodes[${id}].id is ${node.id}`;
    }
    if (node.operands.some((operand) => operand >= id)) {
      return `.nodes[${id}] uses a later node`;
    }
  }
  if (r.output.id >= size) {
    return '.output.id is not a node';
  }
  if ([...r.inputs, ...r.unused].some((input) => input.id >= size)) {
    return '.inputs names a missing node';
  }
  for (const s of r.steps) {
    const bad =
      s.kind === 'seed'
        ? s.node >= size
        : s.from >= size ||
          s.to >= size ||
          s.operandIndex >= (r.nodes[s.from]?.operands.length ?? 0);
    if (bad) {
      return `.steps[${s.index}] names a missing node or operand`;
    }
  }
  return undefined;
}

const hostSchemas: Readonly<Record<HostMessage['type'], Schema>> = {
  snapshot: object({
    inspection: nullable(inspection),
    settings: object({ precision: count, askBeforeDrawing: optional(count) }),
    selectedNode: nullable(count),
  }),
  selectNode: object({ node: count }),
  stale: object({ reason: nullable(text()) }),
  notice: object({ level: oneOf('info', 'error'), message: text() }),
};

const exportView = object({
  colors: oneOf('light', 'dark'),
  hideConstants: bool,
  hideOffPath: bool,
});

const dataUrl: Schema = (v) =>
  typeof v === 'string' &&
  v.length <= LIMITS.dataUrl &&
  v.startsWith(PNG_DATA_URL_PREFIX) &&
  /^[A-Za-z0-9+/]*={0,2}$/.test(v.slice(PNG_DATA_URL_PREFIX.length))
    ? undefined
    : 'a data:image/png;base64 URL';

const webviewSchemas: Readonly<Record<WebviewMessage['type'], Schema>> = {
  ready: object({}),
  selectNode: object({ node: count, reveal: bool }),
  highlightNode: object({ node: nullable(count) }),
  setValues: object({ values: valueRecord(finite) }),
  chooseOutput: object({ node: nullable(count) }),
  exportSvg: object({ view: exportView }),
  exportPng: object({ dataUrl }),
  exportDot: object({}),
  copyTable: object({ format: oneOf('markdown', 'latex') }),
  log: object({ level: oneOf('info', 'warn', 'error'), message: text(10_000) }),
};

const uiState = object({
  mode: oneOf('backward', 'forward'),
  index: nullable(count),
  hideConstants: bool,
  hideOffPath: bool,
  selectedNode: nullable(count),
});

const panelState = object({
  version: (v) => (v === 1 ? undefined : 'version 1'),
  uri: text(),
  request: optional(request),
  ui: optional(uiState),
});

function parseWith<T extends { type: string }>(
  schemas: Readonly<Record<string, Schema>>,
  data: unknown,
): Parsed<T> {
  if (!isRecord(data) || typeof data.type !== 'string') {
    return { ok: false, problem: 'not a message (no type)' };
  }
  const type = data.type;
  if (!hasOwn(schemas, type)) {
    return { ok: false, problem: `unknown message type ${JSON.stringify(type.slice(0, 40))}` };
  }
  const problem = schemas[type]!(data);
  return problem === undefined
    ? { ok: true, message: data as unknown as T }
    : { ok: false, problem: at(type, problem) };
}

/** Guards a parser: whatever it meets (a stack overflow on absurd nesting included), no throw. */
function guarded<T>(parse: () => Parsed<T>): Parsed<T> {
  try {
    return parse();
  } catch (error) {
    return { ok: false, problem: `unreadable message (${String(error).slice(0, 200)})` };
  }
}

/** Checks a message from the extension host (in its wire form) and decodes its numbers. */
export function parseHostMessage(data: unknown): Parsed<HostMessage> {
  return guarded(() => {
    const parsed = parseWith<HostMessage>(hostSchemas, fromWire(data));
    if (parsed.ok && parsed.message.type === 'snapshot' && parsed.message.inspection !== null) {
      const problem = graphProblem(parsed.message.inspection.result);
      if (problem !== undefined) {
        return { ok: false, problem: `snapshot.inspection.result${problem}` };
      }
    }
    return parsed;
  });
}

/** Checks a message from the webview. */
export function parseWebviewMessage(data: unknown): Parsed<WebviewMessage> {
  return guarded(() => parseWith<WebviewMessage>(webviewSchemas, data));
}

/** Checks the state a webview saved (e.g. handed to the panel serializer after a reload). */
export function parsePanelState(data: unknown): PanelState | undefined {
  const parsed = guarded<PanelState>(() => {
    const value = fromWire(data);
    const problem = panelState(value);
    return problem === undefined
      ? { ok: true, message: value as PanelState }
      : { ok: false, problem };
  });
  return parsed.ok ? parsed.message : undefined;
}

// ---------------------------------------------------------------------------------------------
// Building messages

/** What a snapshot is made of: the inspection exactly as the panel shows it. */
export type SnapshotSource = PanelInspection;

/** The snapshot of one inspection (or of none), in its wire form for postMessage. */
export function snapshotMessage(
  source: SnapshotSource | undefined,
  settings: PanelSettings,
  selectedNode: number | undefined,
): unknown {
  const inspection: PanelInspection | null =
    source === undefined
      ? null
      : {
          uri: source.uri,
          fileName: source.fileName,
          result: source.result,
          values: source.values,
          ...(source.stale === undefined ? {} : { stale: source.stale }),
          lineOffset: source.lineOffset,
          outputChosen: source.outputChosen,
          request: source.request,
        };
  const message: HostMessage = {
    type: 'snapshot',
    inspection,
    settings,
    selectedNode: selectedNode ?? null,
  };
  return toWire(message);
}

/**
 * A host message as UTF-8 JSON: how a snapshot travels when its result's JSON was made by the
 * inspection worker. The host then only joins bytes (see snapshotJsonAround), and postMessage
 * hands them over without serializing thousands of nodes again.
 */
export interface EncodedHostMessage {
  readonly type: 'encoded';
  readonly json: Uint8Array;
}

export function isEncodedHostMessage(data: unknown): data is EncodedHostMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'encoded' &&
    (data as { json?: unknown }).json instanceof Uint8Array
  );
}

/**
 * The JSON of `snapshotMessage(source, …)` in the two pieces that go before and after the
 * JSON of `source.result` (`wireJson(result)`): the host joins the three.
 */
export function snapshotJsonAround(
  source: Omit<SnapshotSource, 'result'>,
  settings: PanelSettings,
  selectedNode: number | undefined,
): { readonly before: string; readonly after: string } {
  const head = wireJson({ type: 'snapshot', settings, selectedNode: selectedNode ?? null });
  const rest = wireJson({
    uri: source.uri,
    fileName: source.fileName,
    values: source.values,
    ...(source.stale === undefined ? {} : { stale: source.stale }),
    lineOffset: source.lineOffset,
    outputChosen: source.outputChosen,
    request: source.request,
  });
  // Both are non-empty objects: `{…}`. The result opens the inspection object.
  return {
    before: `${head.slice(0, -1)},"inspection":{"result":`,
    after: `,${rest.slice(1)}}`,
  };
}
