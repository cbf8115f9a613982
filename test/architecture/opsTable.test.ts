/** The README's op table is the one the op records render (npm run docs:ops rewrites it). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OPS } from '../../src/engine/ops';
import { README, readmeSection, renderTable } from '../support/opsTable';

describe("README's op table", () => {
  it('is the table rendered from the op records', () => {
    const fresh = renderTable();
    const written = readmeSection(readFileSync(README, 'utf8'));
    assert.ok(
      written === fresh,
      `README.md's op table is stale: run npm run docs:ops, or put this between the ops markers:\n\n${fresh}\n`,
    );
  });

  it('has a row for every op', () => {
    const table = renderTable();
    for (const name of Object.keys(OPS)) {
      assert.match(table, new RegExp(`\\| \`${name}\``), name);
    }
  });
});
