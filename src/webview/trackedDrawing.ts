/**
 * A drawing in the page kept together with the markup it was parsed from, and watched for what
 * the page changed in it since (step marks, the selection, hand-written checks). New markup with
 * the same tags in the same order (the same graph with new numbers, laid out in the same places,
 * see numberSlotWidth) is then written by its differences alone: only the elements whose markup
 * differs are parsed and written, and the page's own changes are undone, instead of parsing the
 * whole new drawing and comparing every element (svgMorph). The result is the new drawing
 * exactly, as svgMorph's is.
 */
import { syncAttributes } from './svgMorph';

/** Beyond this many changes by the page since drawing, the whole drawing is compared instead. */
const MAX_RECORDS = 20_000;

const SVG_NS = 'http://www.w3.org/2000/svg';

export class TrackedDrawing {
  /** The markup split before each `<`: one token per opening or closing tag, with its text. */
  private tokens: string[];
  /** Per token, the position of its element in document order (the root 0); −1 for the rest. */
  private readonly position: Int32Array;
  /** Per element position, its token. */
  private readonly tokenOf: Int32Array;
  private readonly observer: MutationObserver;
  private records: MutationRecord[] = [];
  private overflow = false;

  constructor(
    private readonly root: Element,
    markup: string,
  ) {
    this.tokens = markup.split('<');
    this.position = new Int32Array(this.tokens.length).fill(-1);
    const tokenOf: number[] = [];
    for (let t = 1; t < this.tokens.length; t += 1) {
      if (tagName(this.tokens[t]!) !== undefined) {
        this.position[t] = tokenOf.length;
        tokenOf.push(t);
      }
    }
    this.tokenOf = Int32Array.from(tokenOf);
    this.observer = new MutationObserver((records) => this.keep(records));
    this.observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  }

  stop(): void {
    this.observer.disconnect();
    this.records = [];
  }

  /**
   * Makes the drawing equal to `markup` by its differences. False when the markup's tags differ
   * or the page changed the drawing in a way this cannot undo: the drawing may then be partly
   * changed, and the caller morphs it whole.
   */
  update(markup: string): boolean {
    const records = this.taken();
    const next = markup.split('<');
    if (records === undefined || next.length !== this.tokens.length) {
      return false;
    }
    const changed = new Set<number>();
    const textOnly = new Set<number>();
    for (let t = 0; t < next.length; t += 1) {
      const before = this.tokens[t]!;
      const after = next[t]!;
      if (before === after) {
        continue;
      }
      const name = tagName(after);
      if (this.position[t]! < 0 || name === undefined || name !== tagName(before)) {
        return false;
      }
      (sameTagNewText(before, after) ? textOnly : changed).add(this.position[t]!);
    }
    const touched = this.undoAdditions(records);
    if (touched === undefined) {
      return false;
    }
    if (changed.size === 0 && textOnly.size === 0 && touched.size === 0) {
      this.tokens = next;
      return true;
    }
    const elements = [this.root, ...this.root.querySelectorAll('*')];
    if (elements.length !== this.tokenOf.length) {
      return false;
    }
    if (touched.size > 0) {
      elements.forEach((element, at) => {
        if (touched.has(element)) {
          changed.add(at);
        }
      });
    }
    this.writeTexts(elements, textOnly, changed, next);
    const ok =
      changed.size === 0 ||
      this.write(
        elements,
        [...changed].sort((a, b) => a - b),
        next,
      );
    this.tokens = next;
    this.observer.takeRecords();
    return ok;
  }

  /**
   * Sets the new texts of elements whose tag stayed the same; one the page changed, or whose
   * text node is not there, joins `changed` (parsed and written whole) instead.
   */
  private writeTexts(
    elements: readonly Element[],
    textOnly: ReadonlySet<number>,
    changed: Set<number>,
    next: readonly string[],
  ): void {
    for (const at of textOnly) {
      const text = elements[at]!.firstChild;
      if (changed.has(at) || text === null || text.nodeType !== Node.TEXT_NODE) {
        changed.add(at);
        continue;
      }
      const token = next[this.tokenOf[at]!]!;
      text.nodeValue = token.slice(token.indexOf('>') + 1);
    }
  }

  private keep(records: readonly MutationRecord[]): void {
    if (this.overflow) {
      return;
    }
    this.records.push(...records);
    if (this.records.length > MAX_RECORDS) {
      this.overflow = true;
      this.records = [];
    }
  }

  /** The page's changes since the last update; undefined when too many to go through. */
  private taken(): MutationRecord[] | undefined {
    this.keep(this.observer.takeRecords());
    const records = this.overflow ? undefined : this.records;
    this.records = [];
    this.overflow = false;
    return records;
  }

  /**
   * Removes what the page added to the drawing and returns the elements whose attributes or
   * leading text it changed; undefined when it removed something (not restored here).
   */
  private undoAdditions(records: readonly MutationRecord[]): Set<Node> | undefined {
    const touched = new Set<Node>();
    const added: Node[] = [];
    for (const record of records) {
      if (record.type === 'childList') {
        if (record.removedNodes.length > 0) {
          return undefined;
        }
        added.push(...record.addedNodes);
      } else if (record.type === 'attributes') {
        touched.add(record.target);
      } else {
        const parent = record.target.parentNode;
        if (parent === null || parent.firstChild !== record.target) {
          return undefined;
        }
        touched.add(parent);
      }
    }
    for (const node of added) {
      node.parentNode?.removeChild(node);
    }
    return touched;
  }

  /**
   * Parses the changed elements' new markup alone (each closed at once, inside an SVG, as in
   * the whole drawing) and writes their attributes and leading text.
   */
  private write(elements: readonly Element[], changed: readonly number[], next: string[]): boolean {
    const pieces: string[] = [`<svg xmlns="${SVG_NS}">`];
    for (const at of changed) {
      const token = next[this.tokenOf[at]!]!;
      pieces.push(`<${token}`);
      if (!token.endsWith('/>')) {
        pieces.push(`</${tagName(token)!}>`);
      }
    }
    pieces.push('</svg>');
    const parsed = document.createElement('template');
    parsed.innerHTML = pieces.join('');
    const sources = parsed.content.firstElementChild?.children;
    if (sources === undefined || sources.length !== changed.length) {
      return false;
    }
    for (let k = 0; k < changed.length; k += 1) {
      const target = elements[changed[k]!]!;
      const source = sources[k]!;
      if (target.nodeName !== source.nodeName || !writeText(target, source)) {
        return false;
      }
      syncAttributes(target, source);
    }
    return true;
  }
}

/**
 * Whether two tokens differ only in a text written as it stands (no character reference to
 * decode, not emptied): it is then set without parsing. A tag ends at its first `>`: the
 * drawing writes `>` in attribute values and texts as `&gt;`.
 */
function sameTagNewText(before: string, after: string): boolean {
  const cut = after.indexOf('>');
  return (
    cut > 0 &&
    cut < after.length - 1 &&
    before.length > cut + 1 &&
    before.charCodeAt(cut) === GREATER_THAN &&
    before.startsWith(after.slice(0, cut)) &&
    !after.includes('&', cut)
  );
}

const GREATER_THAN = 62;

/** The tag's name of an opening tag's token; undefined for a closing tag or anything else. */
function tagName(token: string): string | undefined {
  return /^[A-Za-z][^\s/>]*/.exec(token)?.[0];
}

/** The text before the element's first child element, as the new markup has it. */
function writeText(target: Element, source: Element): boolean {
  const text = source.firstChild;
  const old = target.firstChild;
  if (text === null) {
    return old === null || old.nodeType !== Node.TEXT_NODE;
  }
  if (old === null || old.nodeType !== Node.TEXT_NODE) {
    return false;
  }
  if (old.nodeValue !== text.nodeValue) {
    old.nodeValue = text.nodeValue;
  }
  return true;
}
