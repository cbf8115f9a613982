/** A few typed helpers to build the panel's DOM without a framework. */

type Child = Node | string | undefined | false;

export interface Props {
  readonly class?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

/** An element with classes, attributes, text and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class !== undefined) {
    element.className = props.class;
  }
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    element.setAttribute(name, value);
  }
  if (props.text !== undefined) {
    element.textContent = props.text;
  }
  for (const child of children) {
    if (child !== undefined && child !== false) {
      element.append(child);
    }
  }
  return element;
}

/** A button that runs `action` on click, with a label for screen readers. */
export function button(
  text: string,
  label: string,
  action: () => void,
  props: { readonly action?: string; readonly class?: string } = {},
): HTMLButtonElement {
  const attrs: Record<string, string> = { type: 'button', 'aria-label': label, title: label };
  if (props.action !== undefined) {
    attrs['data-action'] = props.action;
  }
  const element = h('button', { text, attrs, class: props.class ?? 'gl-button' });
  element.addEventListener('click', action);
  return element;
}

/** Whether keyboard input goes to a text field rather than to the panel's shortcuts. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}
