/**
 * The panel's view of a result of code with arrays: the output, its graph drawn (nodes with
 * shapes, heat maps on the edges: tensorGraphView.ts), then the list, which folds away: the
 * inputs with their gradients, every node (name or expression, op, shape, value, gradient,
 * whether its values are samples) and the backward steps in matrix form (the VJP rule and its
 * shapes). Everything from the document is set as text.
 */
import { formatNumber } from '../engine/format';
import { assertNever } from '../engine/assertNever';
import { partialSymbol } from '../engine/stepText';
import { shapeText } from '../engine/tensor/shape';
import type {
  PanelTensorInspection,
  PanelTensorResult,
  PanelTensorStep,
  TensorSummary,
} from '../protocol/protocol';
import { h } from './dom';
import type { Exporter } from './exporter';
import { summaryText } from './summaryText';
import { TensorGraphView } from './tensorGraphView';

/** The mark of values that stand in for random ones. */
const SAMPLE_MARK = 'sample values';

export interface TensorListEvents {
  /** A node's row or its node in the drawing was picked: its source is selected in the editor. */
  readonly selectNode: (node: number) => void;
}

export class TensorList {
  readonly element = h('section', {
    class: 'gl-tensor',
    attrs: { id: 'gl-tensor', 'aria-label': 'tensor result' },
  });

  private readonly graph: TensorGraphView;

  constructor(
    private readonly events: TensorListEvents,
    nonce: string | undefined,
    exporter: Exporter,
  ) {
    const selectNode = (node: number): void => {
      this.select(node);
      this.events.selectNode(node);
    };
    this.graph = new TensorGraphView({ selectNode }, nonce, exporter);
  }

  /** The drawn graph's keys (zoom, fit, find, expand and collapse all); true when one was. */
  handleKey(event: KeyboardEvent): boolean {
    return this.graph.handleKey(event);
  }

  render(inspection: PanelTensorInspection, precision: number): void {
    const { result } = inspection;
    this.element.replaceChildren(
      this.heading(inspection, precision),
      h('p', {
        class: 'gl-tensor-intro',
        text:
          'Code with arrays: each node shows its shape; on each edge, a heat map of the value ' +
          'above and of the gradient below (blue negative, orange positive; hover for the scale). ' +
          'Laid out top to bottom (→ / ↓), the edges show shapes and reductions only.',
      }),
      ...nonFinite(result),
      this.graph.element,
      h('details', { class: 'gl-tensor-listing', attrs: { open: '' } }, [
        h('summary', { text: 'List: inputs, nodes and backward steps' }),
        this.inputsTable(result, precision),
        this.nodesTable(result, precision),
        this.stepsTable(result, precision),
      ]),
    );
    this.graph.render(inspection, precision);
  }

  private heading(inspection: PanelTensorInspection, precision: number): HTMLElement {
    const { result } = inspection;
    return h('header', { class: 'gl-header' }, [
      h('h2', { class: 'gl-output', attrs: { id: 'gl-tensor-output' } }, [
        `${result.output.name} = `,
        h('span', {
          class: 'gl-value-text',
          text: formatNumber(result.value, { precision }),
        }),
      ]),
      h('div', { class: 'gl-heading-extra' }, [
        h('span', { class: 'gl-file', text: inspection.fileName }),
      ]),
    ]);
  }

  private inputsTable(result: PanelTensorResult, precision: number): HTMLElement {
    const f = result.output.name;
    const used = result.inputs.map((input) =>
      this.row(input.id, 'gl-tensor-input', [
        nameCell(input.name, input.sample),
        shapeCell(input.value),
        summaryCell(input.value, precision, 'gl-val'),
        summaryCell(input.grad, precision, 'gl-gradient'),
      ]),
    );
    const unused = result.unused.map((input) =>
      this.row(input.id, 'gl-tensor-input gl-tensor-unused', [
        nameCell(input.name, false),
        shapeCell(input.value),
        summaryCell(input.value, precision, 'gl-val'),
        h('td', { text: `not used by ${f}` }),
      ]),
    );
    return table(
      'gl-tensor-inputs',
      'Inputs and their gradients',
      ['input', 'shape', 'value', partialSymbol(f, 'input')],
      [...used, ...unused],
    );
  }

  private nodesTable(result: PanelTensorResult, precision: number): HTMLElement {
    const rows = result.nodes.map((node) =>
      this.row(node.id, 'gl-tensor-node', [
        h('td', { class: 'gl-num', text: String(node.id) }),
        nameCell(node.label, node.sample),
        h('td', { class: 'gl-tensor-op', text: node.op ?? node.kind }),
        shapeCell(node.value),
        summaryCell(node.value, precision, 'gl-val'),
        node.grad === undefined
          ? h('td', { class: 'gl-no-gradient', text: 'no gradient' })
          : summaryCell(node.grad, precision, 'gl-gradient'),
      ]),
    );
    return table(
      'gl-tensor-nodes',
      'Nodes, in the order they are computed',
      ['#', 'node', 'op', 'shape', 'value', partialSymbol(result.output.name, 'node')],
      rows,
    );
  }

  private stepsTable(result: PanelTensorResult, precision: number): HTMLElement {
    const rows = result.steps.map((step) => {
      const row = h('tr', { class: 'gl-tensor-step', attrs: { 'data-step': String(step.index) } });
      row.append(...stepCells(result, step, precision));
      return row;
    });
    return table(
      'gl-tensor-steps',
      'Backward steps in matrix form',
      ['#', 'step', 'rule', 'shapes', 'result'],
      rows,
    );
  }

  /** Marks and reveals the rows of a node (the hover's "Show in graph"). */
  select(node: number): void {
    this.graph.select(node);
    let first: HTMLElement | undefined;
    for (const row of this.element.querySelectorAll<HTMLElement>('tr[data-node]')) {
      const selected = Number(row.dataset.node) === node;
      row.classList.toggle('gl-selected', selected);
      first ??= selected ? row : undefined;
    }
    first?.scrollIntoView({ block: 'nearest' });
  }

  /** A row that names its node; clicking it selects the node's source. */
  private row(node: number, className: string, cells: readonly HTMLElement[]): HTMLElement {
    const row = h('tr', { class: className, attrs: { 'data-node': String(node) } }, cells);
    row.addEventListener('click', () => this.events.selectNode(node));
    return row;
  }
}

function stepCells(
  result: PanelTensorResult,
  step: PanelTensorStep,
  precision: number,
): HTMLElement[] {
  const f = result.output.name;
  const label = (id: number) => result.nodes[id]?.label ?? `#${id}`;
  const index = h('td', { class: 'gl-num', text: String(step.index + 1) });
  switch (step.kind) {
    case 'seed':
      return [
        index,
        h('td', { text: `${partialSymbol(f, f)} = 1` }),
        h('td', { text: 'the output, by definition' }),
        h('td', { class: 'gl-tensor-shapes', text: shapeText(step.shape) }),
        h('td'),
      ];
    case 'vjp':
      return [
        index,
        h('td', { text: `${label(step.from)} → ${label(step.to)}${part(step)}` }),
        h('td', { class: 'gl-tensor-rule', text: step.rule }),
        h('td', { class: 'gl-tensor-shapes', text: step.shapes }),
        summaryCell(step.product, precision, 'gl-gradient'),
      ];
    case 'reduce':
      return [
        index,
        h('td', { text: `broadcast undone → ${label(step.to)}${part(step)}` }),
        h('td', { class: 'gl-tensor-rule', text: step.rule }),
        h('td', { class: 'gl-tensor-shapes', text: shapeText(step.result.shape) }),
        summaryCell(step.result, precision, 'gl-gradient'),
      ];
    default:
      return assertNever(step, 'step');
  }
}

/** Which of several contributions to a gradient this is (they add). */
function part(step: { readonly contribution: number; readonly contributions: number }): string {
  return step.contributions > 1 ? ` (${step.contribution} of ${step.contributions})` : '';
}

function nonFinite(result: PanelTensorResult): HTMLElement[] {
  const report = result.firstNonFinite;
  return report === undefined ? [] : [h('p', { class: 'gl-notice', text: report.message })];
}

function nameCell(name: string, sample: boolean): HTMLElement {
  return h('th', { class: 'gl-input-name', attrs: { scope: 'row' } }, [
    name,
    sample ? h('span', { class: 'gl-sample', text: SAMPLE_MARK }) : undefined,
  ]);
}

function shapeCell(summary: TensorSummary): HTMLElement {
  return h('td', { class: 'gl-tensor-shape', text: shapeText(summary.shape) });
}

function summaryCell(summary: TensorSummary, precision: number, className: string): HTMLElement {
  return h('td', { class: `gl-num ${className}`, text: summaryText(summary, precision) });
}

function table(
  id: string,
  caption: string,
  columns: readonly string[],
  rows: readonly HTMLElement[],
): HTMLElement {
  return h('table', { class: 'gl-inputs gl-tensor-table', attrs: { id } }, [
    h('caption', { text: caption }),
    h('thead', {}, [
      h(
        'tr',
        {},
        columns.map((column) => h('th', { text: column, attrs: { scope: 'col' } })),
      ),
    ]),
    h('tbody', {}, rows),
  ]);
}
