/**
 * The messages of "Expand to scalars": the page's `expandScalars` and the host's
 * `scalarExpansion` (an expanded scalar inspection with each scalar node's tensor node, or a
 * refusal) read back as sent over the wire, and malformed ones are dropped saying where; a tensor
 * step's upstream gradient travels with it.
 */
import assert from 'node:assert/strict';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import { scalarExpansionOf } from '../../src/extension/expandScalars';
import type { TensorInspection } from '../../src/present/inspection';
import {
  parseHostMessage,
  parseWebviewMessage,
  tensorSnapshotMessage,
} from '../../src/protocol/messages';
import type { HostMessage, PanelScalarExpansion } from '../../src/protocol/protocol';
import { tensorPanelResult } from '../../src/protocol/tensorPanel';
import { toWire } from '../../src/protocol/wire';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';

const SOURCE = `import numpy as np
x = np.array([[0.5, -1.0], [2.0, 0.25]])
c = np.array([1.5, -0.5])
loss = np.sum((x + c) * x)
`;

function overTheWire(message: unknown): unknown {
  return JSON.parse(JSON.stringify(message));
}

describe('expand-to-scalars messages', function () {
  this.timeout(60_000);
  let entry: TensorInspection;

  before(async () => {
    const outcome = await inspectSource(createFrontEnds(wasmFromNodeModules), {
      source: SOURCE,
      language: 'python',
    });
    assert.ok(outcome.ok && outcome.kind === 'tensor');
    entry = {
      kind: 'tensor',
      uri: 'file:///work/broadcast.py',
      lineOffset: 0,
      request: { selection: outcome.program.range, values: {} },
      result: outcome.result,
      program: outcome.program,
      values: outcome.values,
    };
  });

  it('the page asks with expandScalars, and nothing else rides along', () => {
    const parsed = parseWebviewMessage(overTheWire({ type: 'expandScalars' }));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.message, { type: 'expandScalars' });
  });

  it('an expanded inspection reads back as the host sent it, NaN-safe', () => {
    const expansion = scalarExpansionOf(entry, 'broadcast.py');
    assert.equal(expansion.kind, 'expanded');
    const message: HostMessage = { type: 'scalarExpansion', expansion };
    const parsed = parseHostMessage(overTheWire(toWire(message)));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
    assert.deepEqual(parsed.message, overTheWire(message));
  });

  it('a refusal reads back with its reason', () => {
    const message: HostMessage = {
      type: 'scalarExpansion',
      expansion: { kind: 'refused', reason: 'Not expanded to scalars: x has 20 elements.' },
    };
    const parsed = parseHostMessage(overTheWire(toWire(message)));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.message, message);
  });

  it('drops an expansion of no known kind, with bad owners, or whose graph points outside itself', () => {
    const expansion = scalarExpansionOf(entry, 'broadcast.py') as Extract<
      PanelScalarExpansion,
      { kind: 'expanded' }
    >;
    const broken = overTheWire(toWire({ type: 'scalarExpansion', expansion })) as {
      expansion: { inspection: { result: { nodes: { operands: number[] }[] } } };
    };
    const last = broken.expansion.inspection.result.nodes.length - 1;
    broken.expansion.inspection.result.nodes[last]!.operands = [last + 5];
    const malformed: [unknown, RegExp][] = [
      [{ type: 'scalarExpansion', expansion: { kind: 'partial' } }, /^scalarExpansion\.expansion/],
      [{ type: 'scalarExpansion', expansion: { kind: 'refused' } }, /\.reason/],
      [{ type: 'scalarExpansion', expansion: { ...expansion, owners: [-1] } }, /\.owners\[0\]/],
      [broken, /^scalarExpansion\.expansion\.inspection\.result\.nodes/],
    ];
    for (const [data, problem] of malformed) {
      const parsed = parseHostMessage(data);
      assert.equal(parsed.ok, false, JSON.stringify(data).slice(0, 200));
      assert.match(parsed.ok ? '' : parsed.problem, problem);
    }
  });

  it('a tensor vjp step carries its upstream gradient; a step without one is dropped', () => {
    const result = tensorPanelResult(entry.result);
    const vjp = result.steps.find((step) => step.kind === 'vjp');
    assert.ok(vjp?.kind === 'vjp');
    const from = entry.result.nodes[vjp.from]!;
    assert.deepEqual(vjp.upstream.shape, from.shape);
    assert.deepEqual(vjp.upstream.first, Array.from(from.grad!));
    const inspection = {
      uri: entry.uri,
      fileName: 'broadcast.py',
      lineOffset: 0,
      outputChosen: false,
      request: entry.request,
      result,
    };
    const wire = overTheWire(tensorSnapshotMessage(inspection, { precision: 6 })) as {
      inspection: { result: { steps: Record<string, unknown>[] } };
    };
    assert.ok(parseHostMessage(overTheWire(wire)).ok);
    delete wire.inspection.result.steps[vjp.index]!.upstream;
    const parsed = parseHostMessage(wire);
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.problem, /\.upstream/);
  });
});
