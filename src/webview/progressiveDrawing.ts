/**
 * A big drawing put into the page in parts: first the nodes and edges in view (and everything
 * else of the drawing: styles, legend, group boxes), so that the first screen is painted
 * without waiting for thousands of elements out of sight; then, once that screen's frame has
 * come, the rest, a slice per task, each element put at its own place among its siblings. When it is done the page holds exactly the
 * drawing a one-shot insertion makes.
 */

/** Elements moved into the page per task once the first screen is in. */
const SLICE = 400;

/** The containers whose children arrive in parts (drawGraph's, in drawing order). */
const PARTED = ['g.gl-edges', 'g.gl-nodes'] as const;

export interface Pending {
  /** Stops putting the rest in (a new drawing replaces this one). */
  cancel(): void;
}

/**
 * Puts the parsed drawing `root` into `stage`, the elements `inView` says first, the rest in
 * later tasks; `done` runs when everything is in.
 */
export function drawInParts(
  stage: HTMLElement,
  root: Element,
  inView: (element: Element) => boolean,
  done: () => void,
): Pending {
  const later: { readonly container: Element; readonly children: Element[] }[] = [];
  for (const selector of PARTED) {
    const container = root.querySelector(`:scope > ${selector}`);
    if (container !== null) {
      const children = [...container.children];
      container.replaceChildren(...children.filter(inView));
      later.push({ container, children });
    }
  }
  stage.replaceChildren(root);
  return insertRest(later, done);
}

/**
 * Inserts every child not yet in its container, from the last one back, each before the
 * sibling that follows it, so the order ends as it was.
 */
function insertRest(
  later: readonly { readonly container: Element; readonly children: Element[] }[],
  done: () => void,
): Pending {
  let part = 0;
  let index = (later[0]?.children.length ?? 0) - 1;
  let after: Element | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  const slice = (): void => {
    let moved = 0;
    while (part < later.length && moved < SLICE) {
      const { container, children } = later[part]!;
      if (index < 0) {
        part += 1;
        index = (later[part]?.children.length ?? 0) - 1;
        after = null;
        continue;
      }
      const child = children[index]!;
      if (child.parentNode !== container) {
        container.insertBefore(child, after);
        moved += 1;
      }
      after = child;
      index -= 1;
    }
    if (part < later.length) {
      timer = setTimeout(slice, 0);
      return;
    }
    timer = undefined;
    done();
  };
  // Slices queued now would run before the first screen's frame and put their elements in it.
  frame = requestAnimationFrame(() => {
    frame = undefined;
    timer = setTimeout(slice, 0);
  });
  return {
    cancel: () => {
      if (frame !== undefined) {
        cancelAnimationFrame(frame);
      }
      frame = undefined;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
