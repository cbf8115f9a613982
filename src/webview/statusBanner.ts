/**
 * The top of the panel when its result is not the last inspection's (PanelStatus): while
 * another selection is read, a line that it is being read; after a refusal, the error and its
 * place with a "Show the previous result" button; and whenever a result from before is in
 * sight, a mark that it belongs to an earlier selection. Text only (textContent): the message
 * and the file name come from the document.
 */
import type { PanelStatus } from '../protocol/protocol';
import { assertNever } from '../engine/assertNever';
import { button, h } from './dom';

/** The result on the page, as the earlier-selection mark names it. */
export interface ShownResult {
  readonly fileName: string;
  readonly output: string;
}

export class StatusBanner {
  readonly element = h('div', { class: 'gl-status', attrs: { id: 'gl-status', hidden: '' } });

  constructor(private readonly showPrevious: () => void) {}

  /**
   * Shows `status` over `shown` (undefined: the page has no result). Returns whether the
   * result stays out of sight: after a refusal, until the user asks for it.
   */
  render(status: PanelStatus, shown: ShownResult | undefined): boolean {
    switch (status.kind) {
      case 'current':
        this.element.replaceChildren();
        this.element.hidden = true;
        return false;
      case 'pending':
        this.show('gl-status--pending', [
          h('p', { attrs: { role: 'status' }, text: 'Inspecting the new selection…' }),
          earlierMark(shown),
        ]);
        return false;
      case 'refused': {
        const { fileName, line, column } = status.place;
        const offer = shown !== undefined && !status.previousShown;
        this.show('gl-status--refused', [
          h('p', { class: 'gl-refusal', attrs: { role: 'alert' } }, [
            h('strong', { text: 'Not inspected: ' }),
            h('span', { class: 'gl-refusal-message', text: status.message }),
            ' ',
            h('span', { class: 'gl-refusal-place', text: `(${fileName}:${line}:${column})` }),
          ]),
          offer &&
            button(
              'Show the previous result',
              'show the result of the earlier selection',
              this.showPrevious,
              { action: 'show-previous' },
            ),
          status.previousShown && earlierMark(shown),
        ]);
        return offer;
      }
      default:
        return assertNever(status, 'status');
    }
  }

  private show(className: string, children: readonly (Node | false)[]): void {
    this.element.className = `gl-status ${className}`;
    this.element.replaceChildren(...children.filter((child): child is Node => child !== false));
    this.element.hidden = false;
  }
}

function earlierMark(shown: ShownResult | undefined): HTMLElement | false {
  return (
    shown !== undefined &&
    h('p', {
      class: 'gl-earlier',
      text: `Below: ${shown.output} in ${shown.fileName}, for an earlier selection.`,
    })
  );
}
