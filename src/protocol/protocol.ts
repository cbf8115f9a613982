/**
 * The graph panel's messages in both directions, declared once and types only: the extension
 * host and the webview import these types; `messages.ts` checks every message against them and
 * `wire.ts` carries their numbers over JSON.
 */
import type { GraphGroup, NodeKind, SourceRange } from '../engine/ir';
import type { InspectionResult, NonFiniteReport } from '../engine/result';
import type { Shape } from '../engine/tensor/shape';
import type { TensorStepOf } from '../engine/tensor/tensorStepOf';
import type { DocumentInspection, DocumentRequest, ScalarInspection } from '../present/inspection';
import type {
  ElementChainRequest,
  PanelElementChain,
  TensorWindow,
  TensorWindowRequest,
} from './tensorDetailMessages';

/** Settings the panel follows. */
export interface PanelSettings {
  /** Significant digits of values and gradients. */
  readonly precision: number;
  /** Above this many nodes the panel asks before drawing (default ASK_BEFORE_DRAWING_NODES). */
  readonly askBeforeDrawing?: number;
}

/**
 * One document's inspection as the panel shows it: the document's inspection without what
 * only the host needs (the program, the worker's bytes), with the heading's file name and
 * whether the output is one the user chose.
 */
export interface PanelInspection extends Pick<
  ScalarInspection,
  'uri' | 'values' | 'stale' | 'lineOffset' | 'request'
> {
  readonly result: InspectionResult;
  /** The document's file name, for the heading. */
  readonly fileName: string;
  /** True when the output is a node the user chose rather than the code's own. */
  readonly outputChosen: boolean;
}

/**
 * A tensor as the panel lists it: its shape and a summary, never all of its elements (a
 * tensor may hold millions).
 */
export interface TensorSummary {
  readonly shape: Shape;
  /** The first elements in row-major order: all of them when the tensor is small. */
  readonly first: readonly number[];
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** The 2-norm of all elements (Frobenius for a matrix). */
  readonly norm: number;
  /** The tensor as a small grid for a heat map; absent for a scalar or an empty tensor. */
  readonly heat?: TensorHeat;
}

/**
 * A tensor downsampled to at most HEAT_CELLS × HEAT_CELLS cells (tensorHeat.ts): a vector is one
 * row, a matrix its rows and columns, a tensor of rank ≥ 3 its last axis as columns and all the
 * others stacked as rows (as `reshape(-1, last)`). A pooled cell holds the element of largest
 * magnitude of its block, with its sign; NaN when the block has one.
 */
export interface TensorHeat {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols, row-major. */
  readonly cells: readonly number[];
  /** True when a cell stands for more than one element. */
  readonly pooled: boolean;
}

/** One node of a tensor graph, listed. */
export interface PanelTensorNode {
  readonly id: number;
  readonly kind: NodeKind;
  /** The glyph drawn in the graph: `@`, `Σ`, `+`, or the name/number for leaves. */
  readonly symbol: string;
  /** The primitive as a short text, e.g. `matmul`, `sum(axis=1, keepdims)`, `mul`. */
  readonly op?: string;
  /** Its name, or the expression it computes, e.g. `(X @ W)`. */
  readonly label: string;
  readonly name?: string;
  readonly operands: readonly number[];
  readonly value: TensorSummary;
  /** ∂L/∂node; absent when the node has none (no path to the output, or a constant). */
  readonly grad?: TensorSummary;
  /** The values stand in for random ones the code would draw. */
  readonly sample: boolean;
  readonly note?: string;
  readonly range?: SourceRange;
  /** The innermost group (layer call, function call, loop iteration) it is in: an id in `groups`. */
  readonly group?: number;
}

export interface PanelTensorInput {
  readonly id: number;
  readonly name: string;
  readonly value: TensorSummary;
  readonly grad: TensorSummary;
  readonly sample: boolean;
  readonly range?: SourceRange;
}

export interface PanelTensorUnused {
  readonly id: number;
  readonly name: string;
  readonly value: TensorSummary;
  readonly range?: SourceRange;
}

/** A backward step in matrix form, its tensors summarized (VJP rule and shapes, or a reduction). */
export type PanelTensorStep = TensorStepOf<TensorSummary>;

/** A tensor result as the panel lists it (drawing tensor graphs is still to come). */
export interface PanelTensorResult {
  readonly output: { readonly id: number; readonly name: string; readonly value: number };
  readonly value: number;
  readonly nodes: readonly PanelTensorNode[];
  readonly inputs: readonly PanelTensorInput[];
  readonly unused: readonly PanelTensorUnused[];
  readonly steps: readonly PanelTensorStep[];
  readonly firstNonFinite?: NonFiniteReport;
  /** The groups nodes point into, by id = index; absent when the graph has none. */
  readonly groups?: readonly GraphGroup[];
}

/** A tensor inspection as the panel shows it: as PanelInspection, with the listed result. */
export interface PanelTensorInspection extends Pick<
  DocumentInspection,
  'uri' | 'stale' | 'lineOffset' | 'request'
> {
  readonly result: PanelTensorResult;
  readonly fileName: string;
  readonly outputChosen: boolean;
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
  /** Everything the panel shows of an inspection of code with arrays: a list, not a graph. */
  | {
      readonly type: 'tensorSnapshot';
      readonly inspection: PanelTensorInspection;
      readonly settings: PanelSettings;
    }
  /** Select and reveal a node (the hover's "Show in graph"). */
  | { readonly type: 'selectNode'; readonly node: number }
  /** The answer to `expandScalars`: the scalar graph of the same computation, or why not. */
  | { readonly type: 'scalarExpansion'; readonly expansion: PanelScalarExpansion }
  /** The part of a tensor node's value or gradient a `tensorWindow` request asked for. */
  | { readonly type: 'tensorWindow'; readonly request: number; readonly window: TensorWindow }
  /** The chain rule of the element an `elementChain` request named. */
  | { readonly type: 'elementChain'; readonly request: number; readonly chain: PanelElementChain }
  /** Why a `tensorWindow` or `elementChain` request has no answer (the result changed, say). */
  | { readonly type: 'tensorRequestFailed'; readonly request: number; readonly message: string }
  /** The document changed since the inspection (a reason), or the picture is current (null). */
  | { readonly type: 'stale'; readonly reason: string | null }
  /** A short message for the user, e.g. why new values were not taken. */
  | { readonly type: 'notice'; readonly level: NoticeLevel; readonly message: string }
  /** Whether the result shown belongs to the selection last inspected (sent after snapshots). */
  | { readonly type: 'status'; readonly status: PanelStatus }
  /** The backward check's marks on the nodes of the document's graph (after each check). */
  | {
      readonly type: 'backwardMarks';
      readonly uri: string;
      readonly marks: readonly PanelBackwardMark[];
    };

/**
 * A small tensor result expanded to scalars (engine/tensor/scalarExpansion.ts), shown with the
 * scalar views; or why it was not (too large, an op without a scalar form, nothing to expand).
 */
export type PanelScalarExpansion =
  | {
      readonly kind: 'expanded';
      readonly inspection: PanelInspection;
      /** For every scalar node, the tensor node it is an element or a part of. */
      readonly owners: readonly number[];
    }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * A checked hand-written gradient on the node of its forward value: present/backwardMarks'
 * BackwardMark, whose layer this one may not import (the compiler checks the two agree where
 * the host sends them and where the page draws them).
 */
export interface PanelBackwardMark {
  readonly node: number;
  /** The hand-written gradient's name as the code writes it: `dW`. */
  readonly gradient: string;
  readonly verdict: 'correct' | 'doubtful' | 'wrong' | 'shape';
  readonly maxRelativeError: number;
  readonly hand: PanelHandGradient;
  readonly explanation?: string;
}

export type PanelHandGradient =
  | { readonly kind: 'scalar'; readonly value: number; readonly engine: number }
  | {
      readonly kind: 'tensor';
      readonly shape: readonly number[];
      readonly worst?: {
        readonly index: readonly number[];
        readonly handWritten: number;
        readonly engine: number;
      };
    };

/**
 * The result shown against the user's last inspection: `current`, it is that inspection's;
 * `pending`, another selection is being read; `refused`, it could not be. In the last two the
 * result shown is for an earlier selection, and after a refusal it is shown only once the
 * user asks (`previousShown`).
 */
export type PanelStatus =
  | { readonly kind: 'current' }
  | { readonly kind: 'pending' }
  | {
      readonly kind: 'refused';
      /** The error as the front end or the engine gave it (text from the document inside). */
      readonly message: string;
      readonly place: PanelPlace;
      readonly previousShown: boolean;
    };

/** A place in a document as people read it: its file name, line and column from 1. */
export interface PanelPlace {
  readonly fileName: string;
  readonly line: number;
  readonly column: number;
}

export type NoticeLevel = 'info' | 'error';

/**
 * A host message as UTF-8 JSON: how a snapshot travels when its result's JSON was made by the
 * inspection worker. The host then only joins bytes (see snapshotJsonAround), and postMessage
 * hands them over without serializing thousands of nodes again.
 */
export interface EncodedHostMessage {
  readonly type: 'encoded';
  readonly json: Uint8Array;
}

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
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string }
  /** A tensor node's details show part of its value or gradient: the host sends its numbers. */
  | ({ readonly type: 'tensorWindow' } & TensorWindowRequest)
  /** A cell of a tensor's details was clicked: the host sends that element's chain rule. */
  | ({ readonly type: 'elementChain' } & ElementChainRequest)
  /** Draw the tensor result shown as its scalar graph (answered by `scalarExpansion`). */
  | { readonly type: 'expandScalars' }
  /** After a refusal: show the previous result (marked as an earlier selection's). */
  | { readonly type: 'showPrevious' }
  /**
   * The page's `snapshot`-th snapshot (counted from 1) is on screen: latency is measured to it.
   * `timings`: where the page's time went since the message it drew arrived.
   */
  | { readonly type: 'drawn'; readonly snapshot: number; readonly timings?: PageTimings };

/**
 * Milliseconds the page spent on the message it drew: decoding its JSON, checking it, drawing
 * it (layout, SVG, table) and waiting for the frame that paints it.
 */
export interface PageTimings {
  readonly decodeMs: number;
  readonly checkMs: number;
  readonly renderMs: number;
  readonly frameMs: number;
}

/** What the webview keeps with setState: enough to show the same inspection after a reload. */
export interface PanelState {
  readonly version: 1;
  readonly uri: string;
  /** What the user asked for: inspected again after a reload. */
  readonly request?: DocumentRequest;
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

/** A received message that fits its type, or what was wrong with it. */
export type Parsed<T> =
  { readonly ok: true; readonly message: T } | { readonly ok: false; readonly problem: string };
