/**
 * Turns a drawn SVG into another drawing in place: where the two have the same elements in the
 * same order (the same graph with new numbers), only the attributes and texts that differ are
 * written, so the browser restyles and repaints just those; wherever the children of an element
 * differ in number or kind, they are replaced by the new drawing's. Either way the result is the
 * new drawing exactly: nothing of the old one (a number, a mark added after drawing) is left.
 */

/** Makes `target` equal to `source` (same tag), moving `source`'s nodes in where they differ. */
export function morphElement(target: Element, source: Element): void {
  syncAttributes(target, source);
  if (!sameShape(target, source)) {
    target.replaceChildren(...source.childNodes);
    return;
  }
  let after = source.firstChild;
  for (let before = target.firstChild; before !== null && after !== null;) {
    if (before instanceof Element) {
      morphElement(before, after as Element);
    } else if (before.nodeValue !== after.nodeValue) {
      before.nodeValue = after.nodeValue;
    }
    before = before.nextSibling;
    after = after.nextSibling;
  }
}

/** The same number of children, pairwise the same kind of node (elements: the same tag). */
function sameShape(target: Element, source: Element): boolean {
  if (target.childNodes.length !== source.childNodes.length) {
    return false;
  }
  let after = source.firstChild;
  for (let before = target.firstChild; before !== null; before = before.nextSibling) {
    if (after === null || before.nodeName !== after.nodeName) {
      return false;
    }
    after = after.nextSibling;
  }
  return true;
}

/** Names without namespaces: the drawing's attributes have none (xmlns is the same in both). */
export function syncAttributes(target: Element, source: Element): void {
  const names = source.getAttributeNames();
  for (const name of names) {
    const value = source.getAttribute(name) ?? '';
    if (target.getAttribute(name) !== value) {
      target.setAttribute(name, value);
    }
  }
  if (target.attributes.length === names.length) {
    return;
  }
  for (const name of target.getAttributeNames()) {
    if (!source.hasAttribute(name)) {
      target.removeAttribute(name);
    }
  }
}
