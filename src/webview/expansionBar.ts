/**
 * The bar of "expand to scalars": under a tensor result, the button that asks the host for the
 * scalar graph of the same computation (and, when the host refuses, why); over the expanded
 * scalar graph, what it is and the way back to the tensors.
 */
import { button, h } from './dom';

export interface ExpansionEvents {
  readonly expand: () => void;
  readonly back: () => void;
}

export class ExpansionBar {
  private readonly message = h('span', {
    class: 'gl-expansion-message',
    attrs: { id: 'gl-expansion-message', role: 'status' },
  });
  private readonly expandButton: HTMLButtonElement;
  private readonly backButton: HTMLButtonElement;
  readonly element = h('div', {
    class: 'gl-expansion',
    attrs: { id: 'gl-expansion' },
  });

  constructor(events: ExpansionEvents) {
    this.expandButton = button(
      'Expand to scalars',
      'draw the scalar graph of the same computation, element by element',
      () => {
        this.message.textContent = 'Expanding…';
        events.expand();
      },
      { action: 'expand-scalars' },
    );
    this.backButton = button('Back to tensors', 'back to the tensor result', () => events.back(), {
      action: 'back-to-tensors',
    });
  }

  /** Under a tensor result: the button, no message yet. */
  showTensor(): void {
    this.message.textContent = '';
    this.element.classList.remove('gl-expansion--expanded');
    this.element.replaceChildren(this.expandButton, this.message);
  }

  /** The host could not expand this result: why, next to the button. */
  refused(reason: string): void {
    this.message.textContent = reason;
  }

  /** Over the expanded graph: what it is and the way back. */
  showExpanded(output: string): void {
    this.message.textContent = `Expanded to scalars: every element of ${output}'s computation is a node of its own; its steps are the matrix steps element by element.`;
    this.element.classList.add('gl-expansion--expanded');
    this.element.replaceChildren(this.backButton, this.message);
  }
}
