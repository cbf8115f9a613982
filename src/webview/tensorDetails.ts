/**
 * A tensor node's details: its value and gradient as tables of any size (tensorGrid.ts: the
 * page asks the host for the cells in sight), their min/max/mean/norm, a dimension picker for
 * rank ≥ 3 (the two axes shown, an index for each other one), the VJP rule and shapes of every
 * backward step that sends the node a gradient, and, for a clicked cell, the chain rule that
 * made that element's gradient (asked of the host, written by present/tensorDetails).
 */
import { assertNever } from '../engine/assertNever';
import { shapeText } from '../engine/tensor/shape';
import { partialSymbol } from '../engine/stepText';
import { cellIndex, elementChainText, statisticsText } from '../present/tensorDetails';
import type {
  HostMessage,
  PanelTensorInspection,
  PanelTensorNode,
  PanelTensorStep,
  TensorSummary,
  WebviewMessage,
} from '../protocol/protocol';
import type { PanelElementChain, Span, TensorField } from '../protocol/tensorDetailMessages';
import { h } from './dom';
import { TensorGrid } from './tensorGrid';

type Reply = Extract<
  HostMessage,
  { readonly type: 'tensorWindow' | 'elementChain' | 'tensorRequestFailed' }
>;

export class TensorDetails {
  readonly element = h('section', {
    class: 'gl-tdetails',
    attrs: { id: 'gl-tensor-details', 'aria-label': 'tensor node details', hidden: '' },
  });
  private readonly chain = h('section', {
    class: 'gl-tchain',
    attrs: { id: 'gl-element-chain', 'aria-live': 'polite', 'aria-label': 'element chain rule' },
  });
  private readonly grids: Record<TensorField, TensorGrid>;
  private inspection: PanelTensorInspection | undefined;
  private precision = 6;
  private node: PanelTensorNode | undefined;
  private axes: number[] = [];
  private fixed: number[] = [];
  private requests = 0;
  private chainRequest: number | undefined;

  constructor(private readonly post: (message: WebviewMessage) => void) {
    const grid = (field: TensorField, label: string) =>
      new TensorGrid(label, {
        request: (rows, cols) => this.requestWindow(field, rows, cols),
        drill: (row, column) => this.drill(row, column),
      });
    this.grids = { value: grid('value', 'value'), grad: grid('grad', 'gradient') };
  }

  /** A new snapshot: the node shown stays open if the new result still has it. */
  load(inspection: PanelTensorInspection, precision: number): void {
    const previous = this.inspection;
    this.inspection = inspection;
    this.precision = precision;
    const node = this.node;
    const same =
      previous?.uri === inspection.uri &&
      node !== undefined &&
      inspection.result.nodes[node.id]?.label === node.label;
    if (same) {
      this.open(node.id);
    } else {
      this.close();
    }
  }

  open(id: number): void {
    const node = this.inspection?.result.nodes[id];
    if (node === undefined) {
      return;
    }
    const sameShape =
      this.node !== undefined && shapeText(this.node.value.shape) === shapeText(node.value.shape);
    this.node = node;
    if (!sameShape) {
      const rank = node.value.shape.length;
      this.axes = rank === 0 ? [] : rank === 1 ? [0] : [rank - 2, rank - 1];
      this.fixed = new Array<number>(Math.max(0, rank - 2)).fill(0);
    }
    this.chainRequest = undefined;
    this.chain.replaceChildren();
    this.render();
  }

  close(): void {
    this.node = undefined;
    this.element.hidden = true;
    this.element.replaceChildren();
  }

  /** An answer of the host: drawn if it answers the latest request of its kind. */
  receive(message: Reply): void {
    switch (message.type) {
      case 'tensorWindow': {
        const grid = this.gridAwaiting(message.request);
        grid?.show(message.window, this.precision);
        return;
      }
      case 'elementChain':
        if (message.request === this.chainRequest) {
          this.showChain(message.chain);
        }
        return;
      case 'tensorRequestFailed':
        if (message.request === this.chainRequest || this.gridAwaiting(message.request)) {
          this.chain.replaceChildren(
            h('p', { class: 'gl-notice gl-notice--error', text: message.message }),
          );
        }
        return;
      default:
        assertNever(message, 'reply');
    }
  }

  private gridAwaiting(request: number): TensorGrid | undefined {
    return [this.grids.value, this.grids.grad].find((grid) => grid.awaits(request));
  }

  private render(): void {
    const node = this.node;
    const inspection = this.inspection;
    if (node === undefined || inspection === undefined) {
      return;
    }
    const f = inspection.result.output.name;
    const shape = node.value.shape;
    this.element.hidden = false;
    this.element.replaceChildren(
      h('h3', { text: `${node.label}  ${shapeText(shape)}` }),
      h('p', { class: 'gl-tdetails-op', text: node.op ?? node.kind }),
      ...this.picker(shape),
      ...this.table('value', 'Value', node.value),
      ...(node.grad === undefined
        ? [h('p', { class: 'gl-no-gradient', text: `${partialSymbol(f, node.label)}: none` })]
        : this.table('grad', `Gradient ${partialSymbol(f, node.label)}`, node.grad)),
      ...this.incomingSteps(node.id),
      this.chain,
    );
    this.resetGrids();
  }

  private table(field: TensorField, caption: string, summary: TensorSummary): HTMLElement[] {
    return [
      h('h4', { text: caption }),
      h('p', {
        class: 'gl-tdetails-stats',
        attrs: { 'data-field': field },
        text: statisticsText(summary, this.precision),
      }),
      this.grids[field].element,
    ];
  }

  private resetGrids(): void {
    const node = this.node;
    if (node === undefined) {
      return;
    }
    const shape = node.value.shape;
    const [rowAxis, colAxis] = this.axes;
    const rows = rowAxis === undefined ? 1 : (shape[rowAxis] ?? 1);
    const cols = colAxis === undefined ? 1 : (shape[colAxis] ?? 1);
    this.grids.value.reset(rows, cols);
    if (node.grad !== undefined) {
      this.grids.grad.reset(rows, cols);
    }
  }

  /** For rank ≥ 3: which axes are rows and columns, and the index of every other axis. */
  private picker(shape: readonly number[]): HTMLElement[] {
    if (shape.length < 3) {
      return [];
    }
    const axisSelect = (which: 0 | 1, label: string) => {
      const select = h(
        'select',
        { attrs: { 'aria-label': label, 'data-axis-of': which === 0 ? 'rows' : 'columns' } },
        shape.map((length, axis) =>
          h('option', { text: `axis ${axis} (${length})`, attrs: { value: String(axis) } }),
        ),
      );
      select.value = String(this.axes[which]);
      select.addEventListener('change', () => this.chooseAxis(which, Number(select.value)));
      return h('label', {}, [`${label} `, select]);
    };
    const others = shape
      .map((length, axis) => ({ length, axis }))
      .filter(({ axis }) => !this.axes.includes(axis));
    const slices = others.map(({ length, axis }, k) => {
      const input = h('input', {
        attrs: {
          type: 'number',
          min: '0',
          max: String(length - 1),
          value: String(this.fixed[k] ?? 0),
          'aria-label': `index of axis ${axis}`,
          'data-slice-axis': String(axis),
        },
      });
      input.addEventListener('change', () => {
        const index = Math.trunc(Number(input.value));
        if (Number.isInteger(index) && index >= 0 && index < length) {
          this.fixed[k] = index;
          this.resetGrids();
        } else {
          input.value = String(this.fixed[k] ?? 0);
        }
      });
      return h('label', {}, [`axis ${axis} at `, input]);
    });
    return [
      h(
        'div',
        { class: 'gl-tdetails-picker', attrs: { role: 'group', 'aria-label': 'axes shown' } },
        [axisSelect(0, 'rows'), axisSelect(1, 'columns'), ...slices],
      ),
    ];
  }

  /** Rows or columns take another axis; choosing the other one's axis swaps the two. */
  private chooseAxis(which: 0 | 1, axis: number): void {
    const other = which === 0 ? 1 : 0;
    if (this.axes[other] === axis) {
      this.axes[other] = this.axes[which] ?? 0;
    }
    this.axes[which] = axis;
    const rank = this.node?.value.shape.length ?? 0;
    this.fixed = new Array<number>(Math.max(0, rank - 2)).fill(0);
    this.render();
  }

  /** The backward steps that send this node a gradient: their VJP rules and shapes. */
  private incomingSteps(id: number): HTMLElement[] {
    const result = this.inspection?.result;
    const steps = (result?.steps ?? []).filter(
      (step): step is Exclude<PanelTensorStep, { kind: 'seed' }> =>
        step.kind !== 'seed' && step.to === id,
    );
    if (result === undefined || steps.length === 0) {
      return [];
    }
    const label = (node: number) => result.nodes[node]?.label ?? `#${node}`;
    const items = steps.map((step) =>
      h('li', { attrs: { 'data-step': String(step.index) } }, [
        h('span', { class: 'gl-tensor-rule', text: step.rule }),
        step.kind === 'vjp' && step.shapes !== ''
          ? h('span', { class: 'gl-tensor-shapes', text: `   ${step.shapes}` })
          : undefined,
        h('span', {
          class: 'gl-tdetails-from',
          text: step.kind === 'vjp' ? ` (from ${label(step.from)})` : ' (broadcast undone)',
        }),
      ]),
    );
    return [
      h('h4', { text: 'Backward steps into it' }),
      h('ul', { class: 'gl-tdetails-steps' }, items),
    ];
  }

  private requestWindow(field: TensorField, rows: Span, cols: Span): number {
    const node = this.node;
    this.requests += 1;
    if (node !== undefined) {
      this.post({
        type: 'tensorWindow',
        request: this.requests,
        node: node.id,
        field,
        axes: [...this.axes],
        fixed: [...this.fixed],
        rows,
        cols,
      });
    }
    return this.requests;
  }

  private drill(row: number, column: number): void {
    const node = this.node;
    if (node === undefined) {
      return;
    }
    const index = cellIndex(node.value.shape.length, this.axes, this.fixed, row, column);
    this.grids.value.choose({ row, column });
    this.grids.grad.choose({ row, column });
    this.requests += 1;
    this.chainRequest = this.requests;
    this.chain.replaceChildren(
      h('p', { class: 'gl-hint', text: `${node.label}[${index.join(', ')}]…` }),
    );
    this.post({ type: 'elementChain', request: this.requests, node: node.id, index });
  }

  private showChain(chain: PanelElementChain): void {
    const text = elementChainText(chain, this.precision);
    this.chain.replaceChildren(
      h('h4', {
        text: `Element ${text.heading} (L is ${this.inspection?.result.output.name ?? 'the output'})`,
      }),
      h('p', { class: 'gl-tchain-value', text: text.value }),
      h('p', { class: 'gl-tchain-gradient', text: text.gradient }),
      ...text.steps.map((step, k) =>
        h(
          'div',
          { class: 'gl-tchain-step', attrs: { 'data-step': String(chain.steps[k]?.step) } },
          [
            h('p', { class: 'gl-tchain-formula', text: step.formula }),
            h(
              'ol',
              { class: 'gl-tchain-terms' },
              step.terms.map((term) => h('li', { text: term })),
            ),
            step.more === undefined
              ? undefined
              : h('p', { class: 'gl-tchain-more', text: step.more }),
            h('p', { class: 'gl-tchain-sum', text: step.sum }),
            step.warning === undefined
              ? undefined
              : h('p', { class: 'gl-notice gl-notice--error', text: step.warning }),
          ],
        ),
      ),
      text.total === undefined ? '' : h('p', { class: 'gl-tchain-total', text: text.total }),
    );
  }
}
