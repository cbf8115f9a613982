/** Helpers for the tensor front end's tests: read a snippet, inspect it, run real Python. */
import assert from 'node:assert/strict';
import { inspectTensorGraph } from '../../../../src/engine/tensor/tensorInspect';
import type { Tensor } from '../../../../src/engine/tensor/tensor';
import type { TensorInspectionResult } from '../../../../src/engine/tensor/tensorResult';
import type { FrontEndError, TensorProgram } from '../../../../src/language/frontEnd';
import { python, type Request } from '../../code/codeHelpers';

export { assertClose, runPython } from '../../../support/tensorOpChecks';

export async function tensorProgram(source: string, request: Request = {}): Promise<TensorProgram> {
  const result = await python.lower({ source, ...request });
  if (!result.ok) {
    assert.fail(`expected the snippet to read, got ${result.error.kind}: ${result.error.message}`);
  }
  assert.equal(result.program.kind, 'tensor', 'expected the tensor path');
  return result.program as TensorProgram;
}

export async function tensorError(source: string, request: Request = {}): Promise<FrontEndError> {
  const result = await python.lower({ source, ...request });
  if (result.ok) {
    assert.fail(
      `expected the snippet to be refused, got a ${result.program.kind ?? 'scalar'} program`,
    );
  }
  return result.error;
}

/** The program inspected at its bindings (typed arrays winning), with the sparse check. */
export async function inspected(
  source: string,
  request: Request = {},
): Promise<{ program: TensorProgram; result: TensorInspectionResult }> {
  const program = await tensorProgram(source, request);
  const values: Record<string, Tensor> = {};
  for (const [key, binding] of Object.entries(program.bindings)) {
    values[key] = binding.value;
  }
  Object.assign(values, request.arrays ?? {});
  const result = inspectTensorGraph(program.graph, values, { check: true });
  return { program, result };
}

/** Every element the sparse central-difference check sampled agrees with the gradient. */
export function assertChecked(result: TensorInspectionResult): void {
  const checks = result.check ?? [];
  assert.ok(checks.length > 0, 'the gradient check sampled no element');
  const failed = checks.filter((check) => check.verdict !== 'ok');
  assert.deepEqual(failed, [], 'central differences disagree');
}

export function lines(...code: string[]): string {
  return `${code.join('\n')}\n`;
}
