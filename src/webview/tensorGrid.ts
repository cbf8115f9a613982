/**
 * A table of any size, scrolled: a viewport over a sizer as big as the whole table, and only
 * the cells in sight (and a margin) drawn, from the window of numbers the host sent for them.
 * When scrolling leaves the window drawn, the grid asks for the window now in sight; an answer
 * to an older request is dropped. A cell is clicked, or focused and Enter pressed, to drill down.
 */
import { formatNumber } from '../engine/format';
import type { Span, TensorWindow } from '../protocol/tensorDetailMessages';
import { h } from './dom';

export const CELL_WIDTH = 96;
export const CELL_HEIGHT = 22;
const HEADER_WIDTH = 44;
/** Rows and columns drawn beyond the edges of the viewport, so short scrolls need no request. */
const MARGIN_ROWS = 8;
const MARGIN_COLS = 3;
/** The viewport shows at most this many rows before it scrolls. */
const VISIBLE_ROWS = 10;

export interface TensorGridEvents {
  /** Asks the host for these rows and columns; returns the request's number. */
  readonly request: (rows: Span, cols: Span) => number;
  readonly drill: (row: number, column: number) => void;
}

export class TensorGrid {
  readonly element: HTMLElement;
  private readonly sizer = h('div', { class: 'gl-tgrid-sizer' });
  private readonly layer = h('div', { class: 'gl-tgrid-layer' });
  private rows = 0;
  private cols = 0;
  private pending: number | undefined;
  /** The window drawn, or asked for last. */
  private covered: { rows: Span; cols: Span } | undefined;
  private frame: number | undefined;
  /** The cell drilled into, marked until another is. */
  private chosen: { readonly row: number; readonly column: number } | undefined;
  private columnHeads: HTMLElement[] = [];
  private rowHeads: HTMLElement[] = [];

  constructor(
    label: string,
    private readonly events: TensorGridEvents,
  ) {
    this.element = h(
      'div',
      { class: 'gl-tgrid', attrs: { role: 'grid', 'aria-label': label, tabindex: '-1' } },
      [this.sizer, this.layer],
    );
    this.element.addEventListener('scroll', () => {
      this.stickHeads();
      this.scheduleRefresh();
    });
    this.layer.addEventListener('click', (event) => this.drillAt(event.target));
    this.layer.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.drillAt(event.target);
      }
    });
  }

  /** A new table of `rows` × `cols`: scrolled to its start and asked for. */
  reset(rows: number, cols: number): void {
    this.rows = rows;
    this.cols = cols;
    this.covered = undefined;
    this.pending = undefined;
    this.chosen = undefined;
    this.layer.replaceChildren();
    this.sizer.style.width = `${HEADER_WIDTH + cols * CELL_WIDTH}px`;
    this.sizer.style.height = `${CELL_HEIGHT * (rows + 1)}px`;
    this.element.style.height = `${CELL_HEIGHT * (Math.min(rows, VISIBLE_ROWS) + 1) + 16}px`;
    this.element.setAttribute('aria-rowcount', String(rows));
    this.element.setAttribute('aria-colcount', String(cols));
    this.element.scrollTop = 0;
    this.element.scrollLeft = 0;
    this.refresh();
  }

  /** Whether `request` is the one this grid waits for. */
  awaits(request: number): boolean {
    return request === this.pending;
  }

  /** Draws the window the host sent for the latest request. */
  show(window: TensorWindow, precision: number): void {
    this.pending = undefined;
    const cells: HTMLElement[] = [];
    const { rows, cols } = window;
    this.columnHeads = [];
    this.rowHeads = [];
    for (let c = 0; c < cols.count; c += 1) {
      const column = cols.start + c;
      const head = place(h('div', { class: 'gl-tgrid-head', text: String(column) }), 0, x(column));
      this.columnHeads.push(head);
    }
    for (let r = 0; r < rows.count; r += 1) {
      const row = rows.start + r;
      this.rowHeads.push(place(h('div', { class: 'gl-tgrid-head', text: String(row) }), y(row), 0));
      for (let c = 0; c < cols.count; c += 1) {
        const column = cols.start + c;
        const value = window.values[r * cols.count + c] ?? NaN;
        const chosen = this.chosen?.row === row && this.chosen.column === column;
        const cell = h('div', {
          class: chosen ? 'gl-tgrid-cell gl-tgrid-cell--chosen' : 'gl-tgrid-cell',
          text: formatNumber(value, { precision }),
          attrs: {
            role: 'gridcell',
            tabindex: '0',
            'data-row': String(row),
            'data-col': String(column),
            title: `[${row}, ${column}]: click for its chain rule`,
          },
        });
        cells.push(place(cell, y(row), x(column)));
      }
    }
    this.layer.replaceChildren(...cells, ...this.rowHeads, ...this.columnHeads);
    this.stickHeads();
  }

  /** The row and column numbers stay in sight at the left and top edges. */
  private stickHeads(): void {
    const top = `${this.element.scrollTop}px`;
    const left = `${this.element.scrollLeft}px`;
    for (const head of this.columnHeads) head.style.top = top;
    for (const head of this.rowHeads) head.style.left = left;
  }

  private scheduleRefresh(): void {
    if (this.frame === undefined) {
      this.frame = requestAnimationFrame(() => {
        this.frame = undefined;
        this.refresh();
      });
    }
  }

  /** Asks for the window in sight unless the one drawn or asked for covers it. */
  private refresh(): void {
    const height = this.element.clientHeight || CELL_HEIGHT * (VISIBLE_ROWS + 1);
    const width = this.element.clientWidth || 600;
    const firstRow = Math.floor(this.element.scrollTop / CELL_HEIGHT);
    const firstCol = Math.floor(Math.max(0, this.element.scrollLeft - HEADER_WIDTH) / CELL_WIDTH);
    const inSight = {
      rows: span(firstRow, Math.ceil(height / CELL_HEIGHT) + 1, this.rows),
      cols: span(firstCol, Math.ceil(width / CELL_WIDTH) + 1, this.cols),
    };
    if (this.covered !== undefined && covers(this.covered, inSight)) {
      return;
    }
    const asked = {
      rows: span(firstRow - MARGIN_ROWS, inSight.rows.count + 2 * MARGIN_ROWS, this.rows),
      cols: span(firstCol - MARGIN_COLS, inSight.cols.count + 2 * MARGIN_COLS, this.cols),
    };
    this.covered = asked;
    this.pending = this.events.request(asked.rows, asked.cols);
  }

  /** Marks the cell drilled into (none: `undefined`), here and in the cells drawn. */
  choose(chosen: { readonly row: number; readonly column: number } | undefined): void {
    this.chosen = chosen;
    for (const cell of this.layer.querySelectorAll<HTMLElement>('.gl-tgrid-cell')) {
      const marked =
        chosen !== undefined &&
        Number(cell.dataset.row) === chosen.row &&
        Number(cell.dataset.col) === chosen.column;
      cell.classList.toggle('gl-tgrid-cell--chosen', marked);
    }
  }

  private drillAt(target: EventTarget | null): void {
    if (!(target instanceof HTMLElement) || !target.classList.contains('gl-tgrid-cell')) {
      return;
    }
    this.events.drill(Number(target.dataset.row), Number(target.dataset.col));
  }
}

function x(column: number): number {
  return HEADER_WIDTH + column * CELL_WIDTH;
}

function y(row: number): number {
  return CELL_HEIGHT * (row + 1);
}

function place(element: HTMLElement, top: number, left: number): HTMLElement {
  element.style.top = `${top}px`;
  element.style.left = `${left}px`;
  return element;
}

function span(start: number, count: number, length: number): Span {
  const from = Math.max(0, Math.min(start, length));
  return { start: from, count: Math.max(0, Math.min(count, length - from)) };
}

function covers(outer: { rows: Span; cols: Span }, inner: { rows: Span; cols: Span }): boolean {
  const within = (a: Span, b: Span) => b.start >= a.start && b.start + b.count <= a.start + a.count;
  return within(outer.rows, inner.rows) && within(outer.cols, inner.cols);
}
