/**
 * A small, strict XML reader for the tests: enough to prove the drawing is well formed
 * (balanced tags, quoted attributes, no duplicate attribute, no raw `<` or stray `&`) and to
 * query it. Throws with the offset of the first problem.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text (not its children's), entities decoded. */
  text: string;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/g;
const TAG = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`, 'y');
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*"([^"<]*)"`, 'g');

export function parseXml(source: string): XmlElement {
  let at = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (message: string): never => {
    throw new Error(`${message} at ${at}: ${JSON.stringify(source.slice(at, at + 60))}`);
  };
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    at = end < 0 ? fail('unclosed XML declaration') : end + 2;
  }
  while (at < source.length) {
    const next = source.indexOf('<', at);
    const text = source.slice(at, next < 0 ? source.length : next);
    if (text.length > 0) {
      checkText(text, fail);
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        if (text.trim() !== '') {
          fail('text outside the root element');
        }
      } else {
        parent.text += decode(text);
      }
    }
    if (next < 0) {
      break;
    }
    at = next;
    if (source.startsWith('<!--', at)) {
      const end = source.indexOf('-->', at);
      at = end < 0 ? fail('unclosed comment') : end + 3;
      continue;
    }
    TAG.lastIndex = at;
    const match = TAG.exec(source);
    if (match === null) {
      return fail('malformed tag');
    }
    const [whole, closing, name = '', attributeText = '', selfClosing] = match;
    if (closing === '/') {
      const open = stack.pop();
      if (open?.name !== name) {
        fail(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      }
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key = '', value = ''] of attributeText.matchAll(ATTRIBUTE)) {
        if (key in attributes) {
          fail(`duplicate attribute ${key}`);
        }
        checkText(value, fail);
        attributes[key] = decode(value);
      }
      const element: XmlElement = { name, attributes, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        if (root !== undefined) {
          fail('a second root element');
        }
        root = element;
      } else {
        parent.children.push(element);
      }
      if (selfClosing !== '/') {
        stack.push(element);
      }
    }
    at += whole.length;
  }
  if (stack.length > 0) {
    fail(`<${stack[stack.length - 1]?.name ?? ''}> is not closed`);
  }
  return root ?? fail('no root element');
}

function checkText(text: string, fail: (message: string) => never): void {
  if (text.replace(ENTITY, '').includes('&')) {
    fail('a bare & (not an entity)');
  }
}

function decode(text: string): string {
  return text.replace(ENTITY, (entity) => {
    switch (entity) {
      case '&amp;':
        return '&';
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&quot;':
        return '"';
      case '&apos;':
        return "'";
      default:
        return String.fromCodePoint(
          entity[2] === 'x' ? parseInt(entity.slice(3, -1), 16) : Number(entity.slice(2, -1)),
        );
    }
  });
}

/** Every element below `root` (depth first, in document order), without recursion. */
export function descendants(root: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  const stack = [...root.children].reverse();
  while (stack.length > 0) {
    const element = stack.pop()!;
    found.push(element);
    for (let i = element.children.length - 1; i >= 0; i -= 1) {
      stack.push(element.children[i]!);
    }
  }
  return found;
}

/** The elements below `root` whose class list has `className`. */
export function byClass(root: XmlElement, className: string): XmlElement[] {
  return descendants(root).filter((element) =>
    (element.attributes.class ?? '').split(/\s+/).includes(className),
  );
}
