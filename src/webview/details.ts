/**
 * Node details, shown for the node under the pointer or with the focus, else the selected
 * one: the texts of present/nodeDetails put in elements, with buttons to show the source and
 * to make the node the output.
 */
import { nodeDetails, type DetailsContext, type NodeDetailsText } from '../present/nodeDetails';
import { button, h } from './dom';

export type { DetailsContext } from '../present/nodeDetails';

export interface DetailsEvents {
  readonly revealSource: (node: number) => void;
  readonly chooseOutput: (node: number | null) => void;
}

export class NodeDetails {
  readonly element: HTMLElement;

  constructor(private readonly events: DetailsEvents) {
    this.element = h('aside', {
      class: 'gl-details',
      attrs: { id: 'gl-details', 'aria-label': 'node details', 'aria-live': 'polite' },
    });
  }

  show(context: DetailsContext | undefined, id: number | null): void {
    const details = id === null || context === undefined ? undefined : nodeDetails(context, id);
    if (details === undefined) {
      this.element.replaceChildren(
        h('p', {
          class: 'gl-hint',
          text: 'Hover, focus (Tab) or click a node for its details; click selects its source.',
        }),
      );
      return;
    }
    this.element.replaceChildren(...this.content(details));
  }

  private content(details: NodeDetailsText): Node[] {
    const { id, name } = details;
    const actions: HTMLElement[] = [];
    if (details.source !== undefined) {
      actions.push(
        button('Show source', `select ${name} in the editor`, () => this.events.revealSource(id)),
      );
    }
    if (details.outputAction === 'choose') {
      actions.push(
        button(
          `Differentiate ${name}`,
          `make ${name} the output`,
          () => this.events.chooseOutput(id),
          { action: 'choose-output' },
        ),
      );
    } else if (details.outputAction === 'reset') {
      actions.push(
        button(
          "Back to the code's output",
          "differentiate the code's own output",
          () => this.events.chooseOutput(null),
          { action: 'reset-output' },
        ),
      );
    }
    const parts: (HTMLElement | false)[] = [
      h('h3', { text: name, attrs: { 'data-node': String(id) } }),
      h(
        'dl',
        {},
        details.rows.flatMap(([term, text]) => [h('dt', { text: term }), h('dd', { text })]),
      ),
      list('local gradients', 'gl-partials', details.partials),
      list('with respect to each input (forward mode)', 'gl-sensitivities', details.forward),
      list('gate', undefined, details.gates),
      details.warnings.length > 0 &&
        h(
          'ul',
          { class: 'gl-warnings', attrs: { role: 'note' } },
          details.warnings.map((text) => h('li', { text: `⚠ ${text}` })),
        ),
      details.source !== undefined && h('p', { class: 'gl-source', text: details.source }),
      actions.length > 0 && h('div', { class: 'gl-actions' }, actions),
    ];
    return parts.filter((item): item is HTMLElement => item !== false);
  }
}

/** A headed list, or nothing when there is nothing to list. */
function list(
  heading: string,
  className: string | undefined,
  items: readonly string[],
): HTMLElement | false {
  return (
    items.length > 0 &&
    h('div', {}, [
      h('h4', { text: heading }),
      h(
        'ul',
        className === undefined ? {} : { class: className },
        items.map((text) => h('li', { text })),
      ),
    ])
  );
}
