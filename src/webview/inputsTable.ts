/**
 * The inputs table: every input with its value (editable in place), its gradient, the
 * symbolic derivative and the numeric check; then, apart, the inputs the output does not use,
 * with their value (editable too) and no gradient. A committed edit asks the host to inspect
 * again with the new value; the new snapshot then redraws the table. Names are keys such as
 * `x (line 4)`, shown as they are, always as text.
 */
import { formatNumber } from '../engine/format';
import type { InspectionResult } from '../engine/result';
import { partialSymbol } from '../engine/stepText';
import { h } from './dom';
import { parseNumberText } from './numberText';

/** The columns; `gradient` is headed ∂f/∂input. */
const COLUMNS = ['input', 'value', 'gradient', 'symbolic', 'check'] as const;

export interface TableEvents {
  /** A new value for one input was typed and committed. */
  readonly setValue: (name: string, value: number) => void;
  /** The row of an input was picked. */
  readonly selectNode: (node: number) => void;
}

export class InputsTable {
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  /** The inputs the output does not use, apart: a value, no gradient. */
  private readonly unusedBody: HTMLTableSectionElement;
  private readonly headRow: HTMLTableRowElement;

  constructor(private readonly events: TableEvents) {
    this.headRow = h('tr');
    this.body = h('tbody');
    this.unusedBody = h('tbody', { class: 'gl-unused', attrs: { id: 'gl-unused' } });
    const table = h('table', { class: 'gl-inputs', attrs: { id: 'gl-inputs' } }, [
      h('caption', { text: 'Inputs: edit a value and press Enter' }),
      h('thead', {}, [this.headRow]),
      this.body,
      this.unusedBody,
    ]);
    this.element = h('section', { class: 'gl-table-area', attrs: { 'aria-label': 'inputs' } }, [
      table,
    ]);
  }

  render(result: InspectionResult, precision: number, selectedNode: number | null): void {
    const f = result.output.name;
    const format = { precision };
    this.headRow.replaceChildren(
      ...COLUMNS.map((column) =>
        h('th', {
          text: column === 'gradient' ? partialSymbol(f, 'input') : column,
          attrs: { scope: 'col' },
        }),
      ),
    );
    this.body.replaceChildren(
      ...result.inputs.map((input) => {
        const check = result.check?.find((entry) => entry.input === input.name);
        return this.row(input, format, selectedNode, [
          h('td', { class: 'gl-num gl-gradient', text: formatNumber(input.grad, format) }),
          h('td', { class: 'gl-symbolic', text: input.symbolic?.text ?? '' }),
          h('td', {
            class: `gl-check${check === undefined ? '' : ` gl-check--${check.verdict}`}`,
            text:
              check === undefined
                ? ''
                : `${formatNumber(check.relativeError, { precision: 2 })} (${check.verdict})`,
            ...(check?.note === undefined ? {} : { attrs: { title: check.note } }),
          }),
        ]);
      }),
    );
    this.renderUnused(result, format, selectedNode);
  }

  /**
   * Under their own heading, with their value, still editable (a new value may change the
   * branch taken, and so what the output uses), and no gradient: not even 0.
   */
  private renderUnused(
    result: InspectionResult,
    format: { readonly precision: number },
    selectedNode: number | null,
  ): void {
    if (result.unused.length === 0) {
      this.unusedBody.replaceChildren();
      return;
    }
    const heading = `not used by ${result.output.name}`;
    const rows = result.unused.map((input) =>
      this.row(input, format, selectedNode, [
        h('td', {
          class: 'gl-num gl-gradient gl-no-gradient',
          attrs: { 'aria-label': `no gradient: ${heading}` },
        }),
        h('td', { class: 'gl-symbolic' }),
        h('td', { class: 'gl-check' }),
      ]),
    );
    for (const row of rows) {
      row.dataset.unused = '';
    }
    this.unusedBody.replaceChildren(
      h('tr', { class: 'gl-unused-heading' }, [
        h('th', { text: heading, attrs: { scope: 'colgroup', colspan: String(COLUMNS.length) } }),
      ]),
      ...rows,
    );
  }

  /** An input's row: its name (picks its node), its editable value, then `cells`. */
  private row(
    input: { readonly id: number; readonly name: string; readonly value: number },
    format: { readonly precision: number },
    selectedNode: number | null,
    cells: readonly HTMLElement[],
  ): HTMLTableRowElement {
    const edit = this.valueEditor(input.name, formatNumber(input.value, format));
    const name = h('th', { text: input.name, attrs: { scope: 'row' }, class: 'gl-input-name' });
    name.addEventListener('click', () => this.events.selectNode(input.id));
    return h(
      'tr',
      {
        attrs: { 'data-name': input.name, 'data-node': String(input.id) },
        class: input.id === selectedNode ? 'gl-selected' : '',
      },
      [name, h('td', { class: 'gl-num gl-val' }, [edit]), ...cells],
    );
  }

  /** The value, editable where it is written: Enter or leaving commits, Escape restores. */
  private valueEditor(name: string, shown: string): HTMLElement {
    const edit = h('span', {
      class: 'gl-edit',
      text: shown,
      attrs: {
        contenteditable: 'plaintext-only',
        role: 'textbox',
        'aria-label': `value of ${name}`,
        spellcheck: 'false',
        title: 'edit, then press Enter',
      },
    });
    let committed = shown;
    const commit = () => {
      const typed = edit.textContent ?? '';
      if (typed.trim() === committed.trim()) {
        edit.removeAttribute('aria-invalid');
        return;
      }
      const value = parseNumberText(typed);
      if (value === undefined) {
        edit.setAttribute('aria-invalid', 'true');
        edit.title = `“${typed}” is not a number`;
        return;
      }
      edit.removeAttribute('aria-invalid');
      committed = typed;
      edit.classList.add('gl-pending');
      this.events.setValue(name, value);
    };
    edit.addEventListener('focus', () => selectContents(edit));
    edit.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        commit();
        edit.blur();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        edit.textContent = committed;
        edit.removeAttribute('aria-invalid');
        edit.blur();
      }
      event.stopPropagation();
    });
    edit.addEventListener('blur', commit);
    return edit;
  }
}

function selectContents(element: HTMLElement): void {
  const selection = window.getSelection();
  if (selection === null) {
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}
