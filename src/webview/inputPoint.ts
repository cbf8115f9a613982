/**
 * The heading's input values (`at x = −2, y = 5, …`) on one line at most: the rest behind a
 * "more" button (a real button, so keyboard and screen readers reach it; `aria-expanded` says
 * its state). A layer of 20 neurons has 120 inputs: written out they pushed the graph off screen.
 */
import { h } from './dom';

export class InputPoint {
  readonly element = h('span', { class: 'gl-point', attrs: { 'data-expanded': 'false' } });
  private readonly text = h('span', { class: 'gl-point-text', attrs: { id: 'gl-point-text' } });
  private readonly more = h('button', {
    class: 'gl-point-more',
    text: 'more',
    attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'gl-point-text' },
  });
  /** Kept across snapshots: a live update does not fold what the user opened. */
  private expanded = false;

  constructor() {
    this.more.addEventListener('click', () => this.toggle());
    this.element.append(this.text, this.more);
    window.addEventListener('resize', () => this.fit());
  }

  /** `point` is `x = −2, y = 5`; empty when the output has no inputs. */
  render(point: string): void {
    this.element.hidden = point.length === 0;
    this.text.textContent = point.length === 0 ? '' : `at ${point}`;
    this.apply();
  }

  private toggle(): void {
    this.expanded = !this.expanded;
    this.apply();
  }

  private apply(): void {
    this.element.dataset.expanded = String(this.expanded);
    this.more.setAttribute('aria-expanded', String(this.expanded));
    this.more.textContent = this.expanded ? 'less' : 'more';
    // Whether the line overflows is known only once it is laid out.
    requestAnimationFrame(() => this.fit());
  }

  /** The button only when there is more to see, or to fold again. */
  private fit(): void {
    this.more.hidden = !this.expanded && this.text.scrollWidth <= this.text.clientWidth;
  }
}
