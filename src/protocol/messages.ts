/**
 * The panel protocol at run time: the schema of every message in `protocol.ts`, each typed
 * against its message (see schema.ts), the parsers each side runs on what it receives, and
 * how the host builds a snapshot. A message that is unknown or malformed is dropped (the
 * caller logs the problem); nothing here throws, whatever arrives.
 */
import type { Position, SourceRange } from '../engine/ir';
import type { OpName } from '../engine/opName';
import type {
  BackwardStep,
  GradientCheck,
  GroupView,
  InputView,
  InspectionResult,
  LocalPartial,
  NodeView,
  SymbolicDerivative,
  UnusedInput,
} from '../engine/result';
import type { DocumentRequest } from '../present/inspection';
import type {
  EncodedHostMessage,
  ExportView,
  HostMessage,
  PageTimings,
  PanelBackwardMark,
  PanelHandGradient,
  PanelInspection,
  PanelPlace,
  PanelScalarExpansion,
  PanelSettings,
  PanelState,
  PanelStatus,
  PanelTensorInput,
  PanelTensorInspection,
  PanelTensorNode,
  PanelTensorResult,
  PanelTensorStep,
  PanelTensorUnused,
  PanelUiState,
  Parsed,
  TensorHeat,
  TensorSummary,
  WebviewMessage,
} from './protocol';
import {
  LIMITS,
  anyNumber,
  arrayOf,
  at,
  bool,
  byKind,
  count,
  finite,
  isRecord,
  literal,
  nullable,
  object,
  oneOf,
  optional,
  schema,
  text,
  trusted,
  valueRecord,
  type Schema,
} from './schema';
import { scalarPanelResult } from './scalarPanel';
import { fromWire, hasOwn, toWire, wireJson } from './wire';
import {
  elementChain,
  elementChainRequest,
  tensorWindow,
  tensorWindowRequest,
} from './tensorDetailMessages';
import { assertNever } from '../engine/assertNever';

export { LIMITS } from './schema';

/** Drawing a graph this big takes many seconds and a lot of memory: the panel asks first. */
export const ASK_BEFORE_DRAWING_NODES = 50_000;

export const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';

// ---------------------------------------------------------------------------------------------
// Schemas

const position = object<Position>({ line: count, column: count });
const range = object<SourceRange>({ start: position, end: position });

const request = object<DocumentRequest>({
  selection: range,
  callSite: optional(range),
  values: valueRecord(anyNumber),
  output: optional(text(LIMITS.name)),
  outputNode: optional(count),
});

const partial = object<LocalPartial>({ operand: count, value: anyNumber, formula: text() });

const nodeView = object<NodeView>({
  id: count,
  kind: oneOf('input', 'constant', 'op'),
  // The engine's op names, which the views only print: checked as a short text.
  op: optional(trusted<OpName, string>(text(100))),
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
  group: optional(count),
});

const groupView = object<GroupView>({
  id: count,
  parent: optional(count),
  kind: oneOf('loop', 'iteration', 'call'),
  label: text(),
  range: optional(range),
});

type SeedStep = Extract<BackwardStep, { kind: 'seed' }>;
type EdgeStep = Extract<BackwardStep, { kind: 'edge' }>;

const seedStep = object<SeedStep>({
  kind: oneOf('seed'),
  index: count,
  node: count,
  // Always 1 from the engine; any number reads (and is shown) as it is.
  grad: trusted<1, number>(anyNumber),
});

const edgeStep = object<EdgeStep>({
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
});

const step = schema<BackwardStep>((v) =>
  isRecord(v) && v.kind === 'seed' ? seedStep(v) : edgeStep(v),
);

const symbolic = object<SymbolicDerivative>({ text: text(), latex: text() });

const inputView = object<InputView>({
  id: count,
  name: text(),
  value: anyNumber,
  grad: anyNumber,
  symbolic: optional(symbolic),
  range: optional(range),
});

const unusedInput = object<UnusedInput>({
  id: count,
  name: text(),
  value: anyNumber,
  range: optional(range),
});

const check = object<GradientCheck>({
  input: text(),
  analytic: anyNumber,
  numeric: anyNumber,
  relativeError: anyNumber,
  verdict: oneOf('ok', 'check-kinks', 'wrong'),
  step: anyNumber,
  note: optional(text()),
});

const result = object<InspectionResult>({
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
  groups: optional(arrayOf(groupView)),
});

const inspection = object<PanelInspection>({
  uri: text(),
  fileName: text(),
  result,
  values: valueRecord(anyNumber),
  stale: optional(text()),
  lineOffset: count,
  outputChosen: bool,
  request,
});

const heatFields = object<TensorHeat>({
  rows: count,
  cols: count,
  cells: arrayOf(anyNumber, 1_024),
  pooled: bool,
});

/** A heat grid whose cells fill its rows and columns exactly. */
const tensorHeat = schema<TensorHeat>((v) => {
  const problem = heatFields(v);
  if (problem !== undefined) {
    return problem;
  }
  const heat = v as TensorHeat;
  return heat.rows * heat.cols === heat.cells.length ? undefined : 'rows × cols cells';
});

const tensorSummary = object<TensorSummary>({
  shape: arrayOf(count, 64),
  first: arrayOf(anyNumber, 1_000),
  min: anyNumber,
  max: anyNumber,
  mean: anyNumber,
  norm: anyNumber,
  heat: optional(tensorHeat),
});

const tensorNode = object<PanelTensorNode>({
  id: count,
  kind: oneOf('input', 'constant', 'op'),
  symbol: text(),
  op: optional(text(1_000)),
  label: text(),
  name: optional(text()),
  operands: arrayOf(count),
  value: tensorSummary,
  grad: optional(tensorSummary),
  sample: bool,
  note: optional(text()),
  range: optional(range),
  group: optional(count),
});

const tensorInput = object<PanelTensorInput>({
  id: count,
  name: text(),
  value: tensorSummary,
  grad: tensorSummary,
  sample: bool,
  range: optional(range),
});

const tensorUnused = object<PanelTensorUnused>({
  id: count,
  name: text(),
  value: tensorSummary,
  range: optional(range),
});

const tensorStepSchemas = {
  seed: object<Extract<PanelTensorStep, { kind: 'seed' }>>({
    kind: oneOf('seed'),
    index: count,
    node: count,
    shape: arrayOf(count, 64),
  }),
  vjp: object<Extract<PanelTensorStep, { kind: 'vjp' }>>({
    kind: oneOf('vjp'),
    index: count,
    from: count,
    to: count,
    operandIndex: count,
    rule: text(),
    shapes: text(),
    upstream: tensorSummary,
    product: tensorSummary,
    contribution: count,
    contributions: count,
  }),
  reduce: object<Extract<PanelTensorStep, { kind: 'reduce' }>>({
    kind: oneOf('reduce'),
    index: count,
    from: count,
    to: count,
    operandIndex: count,
    rule: text(),
    result: tensorSummary,
    contribution: count,
    contributions: count,
  }),
} as const;

const scalarExpansion = byKind<PanelScalarExpansion>(
  {
    expanded: object({ kind: oneOf('expanded'), inspection, owners: arrayOf(count) }),
    refused: object({ kind: oneOf('refused'), reason: text() }),
  },
  'an expansion, expanded or refused',
);

const tensorStep = byKind<PanelTensorStep>(tensorStepSchemas, 'a step of kind seed, vjp or reduce');

const tensorResult = object<PanelTensorResult>({
  output: object({ id: count, name: text(), value: anyNumber }),
  value: anyNumber,
  nodes: arrayOf(tensorNode),
  inputs: arrayOf(tensorInput),
  unused: arrayOf(tensorUnused),
  steps: arrayOf(tensorStep),
  firstNonFinite: optional(object({ node: count, message: text() })),
  groups: optional(arrayOf(groupView)),
});

const tensorInspection = object<PanelTensorInspection>({
  uri: text(),
  fileName: text(),
  result: tensorResult,
  stale: optional(text()),
  lineOffset: count,
  outputChosen: bool,
  request,
});

/** Ids that point inside a tensor graph: the list names operands and steps' nodes by id. */
function tensorGraphProblem(r: PanelTensorResult): string | undefined {
  const size = r.nodes.length;
  const badNode = r.nodes.findIndex(
    (node, id) => node.id !== id || node.operands.some((operand) => operand >= id),
  );
  if (badNode >= 0) {
    return `.nodes[${badNode}] is not node ${badNode} or uses a later node`;
  }
  if (r.output.id >= size || [...r.inputs, ...r.unused].some((input) => input.id >= size)) {
    return '.output or .inputs names a missing node';
  }
  const badStep = r.steps.find((s) =>
    s.kind === 'seed' ? s.node >= size : s.from >= size || s.to >= size,
  );
  return badStep === undefined ? groupsProblem(r) : `.steps[${badStep.index}] names a missing node`;
}

/** Groups numbered by position, parents first, and nodes that name only existing ones. */
function groupsProblem(r: {
  readonly groups?: readonly GroupView[];
  readonly nodes: readonly { readonly group?: number }[];
}): string | undefined {
  const groups = r.groups ?? [];
  for (let id = 0; id < groups.length; id += 1) {
    const group = groups[id]!;
    if (group.id !== id || (group.parent !== undefined && group.parent >= id)) {
      return `.groups[${id}] is #${group.id} or has a later parent`;
    }
  }
  if (r.nodes.some((node) => node.group !== undefined && node.group >= groups.length)) {
    return '.nodes names a missing group';
  }
  return undefined;
}

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
  const badGroups = groupsProblem(r);
  if (badGroups !== undefined) {
    return badGroups;
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

/** Per message type, the schema of the message's other fields. */
type MessageSchemas<M extends { readonly type: string }> = {
  readonly [K in M['type']]: Schema<Omit<Extract<M, { readonly type: K }>, 'type'>>;
};

const place = object<PanelPlace>({ fileName: text(), line: count, column: count });

const statusSchemas = {
  current: object<Extract<PanelStatus, { kind: 'current' }>>({ kind: oneOf('current') }),
  pending: object<Extract<PanelStatus, { kind: 'pending' }>>({ kind: oneOf('pending') }),
  refused: object<Extract<PanelStatus, { kind: 'refused' }>>({
    kind: oneOf('refused'),
    message: text(),
    place,
    previousShown: bool,
  }),
} as const;

const status = byKind<PanelStatus>(statusSchemas, 'a status of kind current, pending or refused');

const settings = object<PanelSettings>({ precision: count, askBeforeDrawing: optional(count) });

const worstElement = object({
  index: arrayOf(count, 64),
  handWritten: anyNumber,
  engine: anyNumber,
});

const handGradientSchemas = {
  scalar: object<Extract<PanelHandGradient, { kind: 'scalar' }>>({
    kind: oneOf('scalar'),
    value: anyNumber,
    engine: anyNumber,
  }),
  tensor: object<Extract<PanelHandGradient, { kind: 'tensor' }>>({
    kind: oneOf('tensor'),
    shape: arrayOf(count, 64),
    worst: optional(worstElement),
  }),
} as const;

const backwardMark = object<PanelBackwardMark>({
  node: count,
  gradient: text(LIMITS.name),
  verdict: oneOf('correct', 'doubtful', 'wrong', 'shape'),
  maxRelativeError: anyNumber,
  hand: byKind<PanelHandGradient>(handGradientSchemas, 'a hand-written gradient, scalar or tensor'),
  explanation: optional(text()),
});

const hostSchemas: MessageSchemas<HostMessage> = {
  snapshot: object({
    inspection: nullable(inspection),
    settings,
    selectedNode: nullable(count),
  }),
  tensorSnapshot: object({ inspection: tensorInspection, settings }),
  scalarExpansion: object({ expansion: scalarExpansion }),
  selectNode: object({ node: count }),
  stale: object({ reason: nullable(text()) }),
  notice: object({ level: oneOf('info', 'error'), message: text() }),
  status: object({ status }),
  backwardMarks: object({ uri: text(), marks: arrayOf(backwardMark) }),
  tensorWindow: object({ request: count, window: tensorWindow }),
  elementChain: object({ request: count, chain: elementChain }),
  tensorRequestFailed: object({ request: count, message: text() }),
};

const exportView = object<ExportView>({
  colors: oneOf('light', 'dark'),
  hideConstants: bool,
  hideOffPath: bool,
});

const dataUrl = schema<string>((v) =>
  typeof v === 'string' &&
  v.length <= LIMITS.dataUrl &&
  v.startsWith(PNG_DATA_URL_PREFIX) &&
  /^[A-Za-z0-9+/]*={0,2}$/.test(v.slice(PNG_DATA_URL_PREFIX.length))
    ? undefined
    : 'a data:image/png;base64 URL',
);

const pageTimings = object<PageTimings>({
  decodeMs: finite,
  checkMs: finite,
  renderMs: finite,
  frameMs: finite,
});

const webviewSchemas: MessageSchemas<WebviewMessage> = {
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
  showPrevious: object({}),
  expandScalars: object({}),
  tensorWindow: tensorWindowRequest,
  elementChain: elementChainRequest,
  drawn: object<Omit<Extract<WebviewMessage, { type: 'drawn' }>, 'type'>>({
    snapshot: count,
    timings: optional(pageTimings),
  }),
};

const uiState = object<PanelUiState>({
  mode: oneOf('backward', 'forward'),
  index: nullable(count),
  hideConstants: bool,
  hideOffPath: bool,
  selectedNode: nullable(count),
});

const panelState = object<PanelState>({
  version: literal(1, 'version 1'),
  uri: text(),
  request: optional(request),
  ui: optional(uiState),
});

// ---------------------------------------------------------------------------------------------
// Parsers

function parseWith<M extends { readonly type: string }>(
  schemas: MessageSchemas<M>,
  data: unknown,
): Parsed<M> {
  if (!isRecord(data) || typeof data.type !== 'string') {
    return { ok: false, problem: 'not a message (no type)' };
  }
  const type = data.type;
  if (!hasOwn(schemas, type)) {
    return { ok: false, problem: `unknown message type ${JSON.stringify(type.slice(0, 40))}` };
  }
  const check = (schemas as Readonly<Record<string, Schema<unknown>>>)[type]!;
  const problem = check(data);
  return problem === undefined
    ? { ok: true, message: data as unknown as M }
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
    const parsed = parseWith(hostSchemas, fromWire(data));
    if (!parsed.ok) {
      return parsed;
    }
    const problem = idProblem(parsed.message);
    return problem === undefined ? parsed : { ok: false, problem };
  });
}

/** A snapshot whose ids point outside its graph, said where; the other messages have none. */
function idProblem(message: HostMessage): string | undefined {
  switch (message.type) {
    case 'snapshot': {
      const problem =
        message.inspection === null ? undefined : graphProblem(message.inspection.result);
      return problem === undefined ? undefined : `snapshot.inspection.result${problem}`;
    }
    case 'tensorSnapshot': {
      const problem = tensorGraphProblem(message.inspection.result);
      return problem === undefined ? undefined : `tensorSnapshot.inspection.result${problem}`;
    }
    case 'scalarExpansion': {
      const { expansion } = message;
      const problem =
        expansion.kind === 'expanded' ? graphProblem(expansion.inspection.result) : undefined;
      return problem === undefined
        ? undefined
        : `scalarExpansion.expansion.inspection.result${problem}`;
    }
    case 'selectNode':
    case 'stale':
    case 'notice':
    case 'status':
    case 'backwardMarks':
    case 'tensorWindow':
    case 'elementChain':
    case 'tensorRequestFailed':
      return undefined;
    default:
      return assertNever(message, 'message');
  }
}

/** Checks a message from the webview. */
export function parseWebviewMessage(data: unknown): Parsed<WebviewMessage> {
  return guarded(() => parseWith(webviewSchemas, data));
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

export function isEncodedHostMessage(data: unknown): data is EncodedHostMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'encoded' &&
    (data as { json?: unknown }).json instanceof Uint8Array
  );
}

// ---------------------------------------------------------------------------------------------
// Building messages

/**
 * The snapshot of one inspection (or of none), in its wire form for postMessage: its result in
 * the panel's form, repeated shapes grouped (scalarPanel.ts), as the worker's JSON of it is.
 */
export function snapshotMessage(
  source: PanelInspection | undefined,
  settings: PanelSettings,
  selectedNode: number | undefined,
): unknown {
  const inspection: PanelInspection | null =
    source === undefined
      ? null
      : {
          uri: source.uri,
          fileName: source.fileName,
          result: scalarPanelResult(source.result),
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
 * The JSON of `snapshotMessage(source, …)` in the two pieces that go before and after the
 * JSON of `source.result` (`wireJson(scalarPanelResult(result))`, made by the worker): the host
 * joins the three.
 */
export function snapshotJsonAround(
  source: Omit<PanelInspection, 'result'>,
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

/** The tensor snapshot of one inspection, in its wire form for postMessage. */
export function tensorSnapshotMessage(
  source: PanelTensorInspection,
  settings: PanelSettings,
): unknown {
  const message: HostMessage = {
    type: 'tensorSnapshot',
    inspection: {
      uri: source.uri,
      fileName: source.fileName,
      result: source.result,
      ...(source.stale === undefined ? {} : { stale: source.stale }),
      lineOffset: source.lineOffset,
      outputChosen: source.outputChosen,
      request: source.request,
    },
    settings,
  };
  return toWire(message);
}

/**
 * The JSON of `tensorSnapshotMessage(source, …)` in the two pieces that go before and after the
 * JSON of `source.result` (`wireJson(tensorPanelResult(result))`, made by the worker).
 */
export function tensorSnapshotJsonAround(
  source: Omit<PanelTensorInspection, 'result'>,
  settings: PanelSettings,
): { readonly before: string; readonly after: string } {
  const head = wireJson({ type: 'tensorSnapshot', settings });
  const rest = wireJson({
    uri: source.uri,
    fileName: source.fileName,
    ...(source.stale === undefined ? {} : { stale: source.stale }),
    lineOffset: source.lineOffset,
    outputChosen: source.outputChosen,
    request: source.request,
  });
  return {
    before: `${head.slice(0, -1)},"inspection":{"result":`,
    after: `,${rest.slice(1)}}`,
  };
}
