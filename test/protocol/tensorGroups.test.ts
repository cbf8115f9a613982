import assert from 'node:assert/strict';
import { parseHostMessage, tensorSnapshotMessage } from '../../src/protocol/messages';
import { samplePanel } from '../support/tensorPanels';

function overTheWire(message: unknown): unknown {
  return JSON.parse(JSON.stringify(message));
}

describe('groups of a tensor result in the panel protocol', function () {
  this.timeout(20_000);

  it('carries the call a two-layer net is computed in, and each node in it, to the page', async () => {
    const panel = await samplePanel('two_layer_net.py');
    const groups = panel.result.groups ?? [];
    assert.equal(groups.length, 1);
    assert.equal(groups[0]?.kind, 'call');
    assert.match(groups[0]?.label ?? '', /^two_layer_net_loss\(W1, b1/);
    const inside = panel.result.nodes.filter((node) => node.group === 0);
    assert.ok(
      inside.some((node) => node.id === panel.result.output.id),
      'the loss is in the call',
    );
    const parsed = parseHostMessage(overTheWire(tensorSnapshotMessage(panel, { precision: 6 })));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
    assert.deepEqual(parsed.message.type === 'tensorSnapshot' && parsed.message.inspection, overTheWire(panel));
  });

  it('drops a tensor snapshot whose node names a group it does not have', async () => {
    const panel = await samplePanel('two_layer_net.py');
    const nodes = panel.result.nodes.map((node) => ({ ...node, group: 3 }));
    const bad = { ...panel, result: { ...panel.result, nodes } };
    const parsed = parseHostMessage(overTheWire(tensorSnapshotMessage(bad, { precision: 6 })));
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.problem, /missing group/);
  });
});
