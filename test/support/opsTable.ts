/**
 * The README's op table, rendered from the op records (src/engine/ops): one row per op with
 * its meaning and its spellings in math notation, Python and JavaScript. The table sits between
 * the markers below; test/architecture/opsTable.test.ts fails when it is stale, and
 * `npm run docs:ops` (this file run directly) rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILIES, type OpSpec } from '../../src/engine/opSpec';
import { OPS } from '../../src/engine/ops';
import { signatures, type LibrarySpellings } from '../../src/engine/spelling';

export const README = join(__dirname, '..', '..', 'README.md');
export const START = '<!-- ops:start (generated from src/engine/ops by npm run docs:ops) -->';
export const END = '<!-- ops:end -->';

const code = (text: string): string => `\`${text}\``;

function op(spec: OpSpec): string {
  const { notation } = spec;
  return notation.kind === 'function'
    ? code(spec.name)
    : `${code(spec.name)} ${code(notation.text)}`;
}

function mathNames(spec: OpSpec): string {
  const names = spec.spellings?.math?.split(' ') ?? [];
  return names.map((name) => code(name.replace(/\(\)$/, '(…)'))).join(' ');
}

/** Names grouped by function, the modules in braces: `{math,np,torch}.exp`, builtin `pow`. */
function libraryNames(spellings: LibrarySpellings | undefined): string {
  const modules = new Map<string, string[]>();
  for (const { name } of signatures(spellings)) {
    const dot = name.lastIndexOf('.');
    const short = name.slice(dot + 1);
    modules.set(short, [...(modules.get(short) ?? []), name.slice(0, Math.max(dot, 0))]);
  }
  return [...modules]
    .flatMap(([short, of]) => {
      const builtin = of.includes('') ? [code(short)] : [];
      const qualified = of.filter((module) => module !== '');
      const prefix = qualified.length > 1 ? `{${qualified.join(',')}}` : qualified[0];
      return prefix === undefined ? builtin : [...builtin, code(`${prefix}.${short}`)];
    })
    .join(' ');
}

/** A table cell: `|` would end it. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** Display width as Prettier counts it for aligning a table (one column per code point here). */
const width = (text: string): number => [...text].length;

export function renderTable(): string {
  const specs = FAMILIES.flatMap((family) =>
    Object.values(OPS).filter((spec) => spec.family === family),
  );
  const rows = [
    ['family', 'op', 'meaning', 'math notation', 'Python', 'JavaScript'],
    ...specs.map((spec, i) => [
      specs[i - 1]?.family === spec.family ? '' : spec.family,
      op(spec),
      spec.description,
      mathNames(spec),
      libraryNames(spec.spellings?.python),
      libraryNames(spec.spellings?.javascript),
    ]),
  ].map((row) => row.map(cell));
  const widths = rows[0]!.map((_, c) => Math.max(3, ...rows.map((row) => width(row[c]!))));
  const line = (row: readonly string[]): string =>
    `| ${row.map((text, c) => text + ' '.repeat(widths[c]! - width(text))).join(' | ')} |`;
  const [header, ...body] = rows;
  return [line(header!), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** The README's text between the markers (without the blank lines around the table). */
export function readmeSection(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no ${START} … ${END} section`);
  }
  return readme.slice(start + START.length, end).trim();
}

export function withFreshTable(readme: string): string {
  const start = readme.indexOf(START) + START.length;
  return `${readme.slice(0, start)}\n\n${renderTable()}\n\n${readme.slice(readme.indexOf(END))}`;
}

if (require.main === module) {
  const readme = readFileSync(README, 'utf8');
  readmeSection(readme);
  writeFileSync(README, withFreshTable(readme));
  console.log('README.md: op table rewritten from the op records');
}
