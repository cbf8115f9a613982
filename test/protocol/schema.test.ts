import assert from 'node:assert/strict';
import {
  anyNumber,
  count,
  object,
  oneOf,
  optional,
  text,
  type Schema,
} from '../../src/protocol/schema';

interface Message {
  readonly node: number;
  readonly name?: string;
  readonly level: 'info' | 'error';
}

describe('message schemas typed against their types', () => {
  it('a schema of every field fits, and checks what it says', () => {
    const message: Schema<Message> = object<Message>({
      node: count,
      name: optional(text(10)),
      level: oneOf('info', 'error'),
    });
    assert.equal(message({ node: 1, level: 'info' }), undefined);
    assert.equal(message({ node: 1, name: 'x', level: 'error' }), undefined);
    assert.equal(message({ node: -1, level: 'info' }), '.node: a whole number ≥ 0');
    assert.equal(message({ node: 1, level: 'warn' }), '.level: one of info, error');
  });

  it('a field the schema misses, or types otherwise, does not compile', () => {
    // These lines are checked by `tsc` (the typecheck); at run time they only build schemas.
    // @ts-expect-error: `level` is missing from the schema
    object<Message>({ node: count, name: optional(text()) });
    object<Message>({
      node: count,
      // @ts-expect-error: `name` is optional in the type but required by the schema
      name: text(),
      level: oneOf('info', 'error'),
    });
    object<Message>({
      // @ts-expect-error: `node` is required in the type but optional in the schema
      node: optional(count),
      name: optional(text()),
      level: oneOf('info', 'error'),
    });
    object<Message>({
      node: count,
      name: optional(text()),
      // @ts-expect-error: `level` allows a value the type does not
      level: oneOf('info', 'warn'),
    });
    object<Message>({
      // @ts-expect-error: `node` is checked as a text
      node: text(),
      name: optional(text()),
      level: oneOf('info', 'error'),
    });
    object<Message>({
      node: count,
      name: optional(text()),
      level: oneOf('info', 'error'),
      // @ts-expect-error: a field the type does not have
      extra: anyNumber,
    });
  });
});
