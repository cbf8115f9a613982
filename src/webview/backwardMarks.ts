/**
 * The backward check's marks in the drawn graph: under each checked value's node, the
 * engine's gradient and the hand-written one, `∂ −0.279 · hand −0.279 ✓` (not on the edges:
 * they carry one path's contribution each, the hand-written gradient is the total), ✗ and the
 * theme's error colour when wrong; the node's tooltip and details say the verdict and the
 * explanation. Text only through textContent: names and explanations come from the document.
 */
import { markDetail, markLabel, verdictSymbol, type BackwardMark } from '../present/backwardMarks';
import { h } from './dom';
import type { GraphView } from './graphView';

const SVG = 'http://www.w3.org/2000/svg';
/** From the shape's bottom to the mark's baseline: one label line. */
const LINE_DROP = 14;

export class BackwardMarksView {
  private uri: string | undefined;
  private marks: readonly BackwardMark[] = [];

  set(uri: string, marks: readonly BackwardMark[]): void {
    this.uri = uri;
    this.marks = marks;
  }

  clear(): void {
    this.uri = undefined;
    this.marks = [];
  }

  /** Puts the marks of `uri`'s check on the drawing, replacing any it has. */
  draw(graph: GraphView, uri: string, precision: number): void {
    for (const old of graph.element.querySelectorAll('.gl-hand')) {
      old.remove();
    }
    for (const [, node] of graph.nodes) {
      restoreTitle(node);
    }
    for (const mark of this.of(uri)) {
      const node = graph.node(mark.node);
      const place = node === undefined ? undefined : below(node);
      if (node === undefined || place === undefined) {
        continue;
      }
      const tooltip = tooltipOf(mark, precision);
      node.append(handText(mark, markLabel(mark, precision), tooltip, place));
      extendTitle(node, tooltip);
    }
  }

  /** Code with arrays is listed: the marks go after the gradient in each checked node's rows. */
  list(element: HTMLElement, uri: string, precision: number): void {
    for (const old of element.querySelectorAll('.gl-hand')) {
      old.remove();
    }
    for (const mark of this.of(uri)) {
      const tooltip = tooltipOf(mark, precision);
      for (const cell of element.querySelectorAll(`tr[data-node="${mark.node}"] td.gl-gradient`)) {
        cell.append(
          h('span', {
            class: `gl-hand gl-hand--${mark.verdict}`,
            text: ` · ${markLabel(mark, precision)}`,
            attrs: { title: tooltip },
          }),
          h('span', { class: 'gl-hand gl-hand-detail', text: ` ${tooltip}` }),
        );
      }
    }
  }

  /** The details lines of a node: `✗ hand-written dx: wrong (…) — the gradient through …`. */
  details(uri: string, node: number, precision: number): HTMLElement | undefined {
    const marks = this.of(uri).filter((mark) => mark.node === node);
    if (marks.length === 0) {
      return undefined;
    }
    return h('div', { class: 'gl-hand-details' }, [
      h('h4', { text: 'hand-written backward pass' }),
      h(
        'ul',
        {},
        marks.map((mark) =>
          h('li', { class: `gl-hand--${mark.verdict}`, text: tooltipOf(mark, precision) }),
        ),
      ),
    ]);
  }

  private of(uri: string): readonly BackwardMark[] {
    return uri === this.uri ? this.marks : [];
  }
}

function tooltipOf(mark: BackwardMark, precision: number): string {
  const line = `${verdictSymbol(mark.verdict)} ${markDetail(mark, precision)}`;
  return mark.explanation === undefined ? line : `${line} — ${mark.explanation}`;
}

/**
 * Under the node's shape, from its left edge (a centred line would leave the drawing on the
 * left for the inputs, which are drawn at its left edge).
 */
function below(node: SVGGElement): { x: number; y: number } | undefined {
  const shape = node.querySelector('.gl-shape');
  const number = (name: string) => Number(shape?.getAttribute(name) ?? Number.NaN);
  const at =
    shape instanceof SVGCircleElement
      ? { x: number('cx') - number('r'), y: number('cy') + number('r') }
      : { x: number('x'), y: number('y') + number('height') };
  return Number.isFinite(at.x) && Number.isFinite(at.y)
    ? { x: at.x, y: at.y + LINE_DROP }
    : undefined;
}

function handText(
  mark: BackwardMark,
  label: string,
  tooltip: string,
  at: { x: number; y: number },
): SVGTextElement {
  const text = document.createElementNS(SVG, 'text');
  text.setAttribute('class', `gl-hand gl-hand--${mark.verdict}`);
  text.setAttribute('x', String(at.x));
  text.setAttribute('y', String(at.y));
  text.textContent = label;
  const title = document.createElementNS(SVG, 'title');
  title.textContent = tooltip;
  text.append(title);
  return text;
}

/**
 * The node's tooltip and its screen-reader label get the verdict as a further sentence; the
 * drawn texts are kept to restore.
 */
function extendTitle(node: SVGGElement, line: string): void {
  const title = node.querySelector(':scope > title');
  if (title instanceof SVGElement) {
    title.dataset.plain ??= title.textContent ?? '';
    title.textContent = `${title.textContent ?? ''}\n${line}`;
  }
  const label = node.getAttribute('aria-label');
  if (label !== null) {
    node.dataset.plainLabel ??= label;
    node.setAttribute('aria-label', `${label}; ${line}`);
  }
}

function restoreTitle(node: SVGGElement): void {
  const title = node.querySelector(':scope > title');
  if (title instanceof SVGElement && title.dataset.plain !== undefined) {
    title.textContent = title.dataset.plain;
    delete title.dataset.plain;
  }
  if (node.dataset.plainLabel !== undefined) {
    node.setAttribute('aria-label', node.dataset.plainLabel);
    delete node.dataset.plainLabel;
  }
}
