import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFrontEnds } from '../../src/core/frontEnds';
import { FRONT_END_FACTORIES } from '../../src/language/frontEnds';
import {
  isLanguageId,
  LANGUAGE_IDS,
  LANGUAGES,
  languageOfExtension,
  languageOfVscode,
  VSCODE_LANGUAGES,
  wasmFiles,
} from '../../src/language/languages';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';

interface MenuItem {
  readonly command: string;
  readonly when?: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  readonly activationEvents: readonly string[];
  readonly contributes: { readonly menus: Readonly<Record<string, readonly MenuItem[]>> };
};

function repeated(items: readonly string[]): string[] {
  return items.filter((item, i) => items.indexOf(item) !== i);
}

describe('language descriptors', () => {
  it('give each language, VS Code language and file extension to one descriptor', () => {
    assert.deepEqual(repeated(LANGUAGE_IDS), []);
    assert.deepEqual(repeated(VSCODE_LANGUAGES), []);
    assert.deepEqual(repeated(LANGUAGES.flatMap((language) => language.fileExtensions)), []);
    for (const language of LANGUAGES) {
      assert.ok(isLanguageId(language.id));
      for (const vscodeLanguage of language.vscodeLanguages) {
        assert.equal(languageOfVscode(vscodeLanguage), language.id);
      }
      for (const extension of language.fileExtensions) {
        assert.match(extension, /^\.[a-z0-9]+$/);
        assert.equal(languageOfExtension(extension.toUpperCase()), language.id);
      }
    }
    assert.equal(languageOfVscode('rust'), undefined);
    assert.equal(isLanguageId('rust'), false);
  });

  it('have a factory each, whose front end reads its language', () => {
    assert.deepEqual(Object.keys(FRONT_END_FACTORIES).sort(), [...LANGUAGE_IDS].sort());
    const frontEnds = createFrontEnds(wasmFromNodeModules);
    for (const id of LANGUAGE_IDS) {
      assert.equal(frontEnds(id).language, id);
    }
  });

  it('name grammar files that are installed', () => {
    assert.ok(wasmFiles().length > 1);
    for (const file of wasmFiles()) {
      assert.doesNotThrow(() => require.resolve(file), file);
    }
  });

  it('agree with the activation events in package.json', () => {
    const onLanguage = manifest.activationEvents
      .filter((event) => event.startsWith('onLanguage:'))
      .map((event) => event.slice('onLanguage:'.length));
    assert.deepEqual([...onLanguage].sort(), [...VSCODE_LANGUAGES].sort());
  });

  it('agree with the languages of the editor menu in package.json', () => {
    const inspect = manifest.contributes.menus['editor/context']?.find(
      (item) => item.command === 'gradientLens.inspect',
    );
    const match = /^editorLangId =~ \/\^\(([\w|]+)\)\$\/$/.exec(inspect?.when ?? '');
    assert.ok(match?.[1] !== undefined, `unexpected when clause: ${inspect?.when}`);
    assert.deepEqual(match[1].split('|').sort(), [...VSCODE_LANGUAGES].sort());
  });
});
