/**
 * The engine as a library (`dist/engine.js`, CommonJS): inspect a source text, or build,
 * evaluate and differentiate a graph programmatically.
 */
import { writeBackward as writeBackwardWith } from './core/backwardWriter/writeBackward';
import type { WriteOutcome } from './core/backwardWriter/writtenBackward';
import { createFrontEnds } from './core/frontEnds';
import { checkBackward as checkBackwardWith } from './core/handBackward/checkBackward';
import type { BackwardCheckOutcome } from './core/handBackward/report';
import { inspectSource as inspectWith, type InspectOutcome } from './core/inspectSource';
import {
  inspectableCandidates as candidatesWith,
  type LensAnswer,
  type LensRequest,
} from './core/lensTargets';
import type { FrontEnd, InspectionRequest, LanguageId } from './language/frontEnd';
import { bundledWasm } from './node/wasmFromDisk';

export { GraphBuilder } from './engine/graphBuilder';
export { evaluate, missingInputs } from './engine/forward';
export { backward } from './engine/backward';
export { inspectGraph, type InspectOptions } from './engine/inspect';
export { compileTape, runForward, runBackward, type Tape } from './engine/tape';
export { tangents } from './engine/forwardMode';
export { gradientCheck, relativeError } from './engine/gradCheck';
export { formatNumber } from './engine/format';
export { describeStep } from './engine/stepText';
export { symbolicGradients } from './engine/symbolic/differentiate';
export { toText, toLatex } from './engine/symbolic/print';
export { OPS, opSpec } from './engine/ops';
export { OP_NAMES, type OpName } from './engine/opName';
export type { Graph, GraphNode, SourceRange } from './engine/ir';
export type * from './engine/result';
export type { InspectOutcome } from './core/inspectSource';
export type {
  FrontEnd,
  FrontEndRequest,
  InspectionRequest,
  LanguageId,
  LowerResult,
  Program,
} from './language/frontEnd';

let frontEnds: ReturnType<typeof createFrontEnds> | undefined;

/** The front end of one language: `lower(request)` reads a selection into a graph, no engine. */
export function frontEndFor(language: LanguageId): FrontEnd {
  frontEnds ??= createFrontEnds(bundledWasm());
  return frontEnds(language);
}

/** Reads `source` with the front end for `request.language` and inspects it. Never runs it. */
export function inspectSource(request: InspectionRequest): Promise<InspectOutcome> {
  frontEnds ??= createFrontEnds(bundledWasm());
  return inspectWith(frontEnds, request);
}

/**
 * The places of `request` where an "Inspect derivatives" lens would inspect, read in order
 * until `outOfTime()` (core/lensTargets).
 */
export function inspectableCandidates(
  request: LensRequest,
  outOfTime?: () => boolean,
): Promise<LensAnswer> {
  frontEnds ??= createFrontEnds(bundledWasm());
  return candidatesWith(frontEnds, request, outOfTime);
}

/** Checks the hand-written backward pass in `request.source` (core/handBackward). */
export function checkBackward(request: InspectionRequest): Promise<BackwardCheckOutcome> {
  frontEnds ??= createFrontEnds(bundledWasm());
  return checkBackwardWith(frontEnds, request);
}

/** Writes the backward pass of the forward pass `request` selects (core/backwardWriter). */
export function writeBackward(request: InspectionRequest): Promise<WriteOutcome> {
  frontEnds ??= createFrontEnds(bundledWasm());
  return writeBackwardWith(frontEnds, request);
}
