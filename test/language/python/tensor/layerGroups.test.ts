/**
 * nn.Module layers as groups of the graph: a named Linear layer's call, and an nn.Sequential with
 * each of its Linear items, are boxes labelled with the layer's name, holding the ops it made.
 */
import assert from 'node:assert/strict';
import type { TensorProgram } from '../../../../src/language/frontEnd';
import { lines, tensorProgram } from './tensorPrograms';

/** Each group as [label, parent's label, the ops inside it]. */
function groupsOf(program: TensorProgram): [string, string | undefined, string[]][] {
  const groups = program.graph.groups ?? [];
  return groups.map((group) => [
    group.label,
    group.parent === undefined ? undefined : groups[group.parent]?.label,
    program.graph.nodes.flatMap((node) =>
      node.kind === 'op' && node.group === group.id
        ? [node.op.kind === 'elementwise' ? node.op.op : node.op.kind]
        : [],
    ),
  ]);
}

describe('Python arrays: nn.Module layers as groups', () => {
  it('boxes each call of a named nn.Linear with its name; an activation is no box', async () => {
    const program = await tensorProgram(
      lines(
        'import torch',
        'import torch.nn as nn',
        'fc1 = nn.Linear(3, 5)',
        'fc2 = nn.Linear(5, 2)',
        'x = torch.ones(4, 3)',
        'h = torch.relu(fc1(x))',
        'loss = fc2(h).sum()',
      ),
    );
    assert.deepEqual(groupsOf(program), [
      ['fc1', undefined, ['transpose', 'matmul', 'add']],
      ['fc2', undefined, ['transpose', 'matmul', 'add']],
    ]);
    const fc1 = program.graph.groups?.[0];
    assert.deepEqual(fc1?.range?.start, { line: 5, column: 15 });
  });

  it('boxes an nn.Sequential with a box per Linear item inside it', async () => {
    const program = await tensorProgram(
      lines(
        'import torch',
        'import torch.nn as nn',
        'model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))',
        'x = torch.tensor([[1.0, 2.0, 3.0]])',
        'loss = model(x).sum()',
      ),
    );
    assert.deepEqual(groupsOf(program), [
      ['model', undefined, ['relu']],
      ['model.0', 'model', ['transpose', 'matmul', 'add']],
      ['model.2', 'model', ['transpose', 'matmul', 'add']],
    ]);
  });
});
