/**
 * The TypeScript projects (`tsc -b` over project references): every source file is checked by
 * exactly one project, no `include` is stale, and each layer sees only what it may: the DOM in
 * src/webview alone, Node in the Node side of src/ and the tests, nothing but ES2022 in the
 * pure layers.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const posixPath = (path: string): string => relative(ROOT, path).split(sep).join('/');

/** The projects `tsc -b` builds, by the folder of their tsconfig.json. */
const PROJECTS: Record<string, { lib: string[]; types: string[] }> = {
  '.': { lib: ['es2022'], types: ['node', 'mocha'] },
  src: { lib: ['es2022'], types: ['node'] },
  'src/engine': { lib: ['es2022'], types: [] },
  'src/language': { lib: ['es2022'], types: [] },
  'src/present': { lib: ['es2022'], types: [] },
  'src/protocol': { lib: ['es2022'], types: [] },
  'src/core': { lib: ['es2022'], types: [] },
  'src/webview': { lib: ['es2022', 'dom', 'dom.iterable'], types: [] },
};

function parse(folder: string): ts.ParsedCommandLine {
  const path = join(ROOT, folder, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) =>
        assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    },
  );
  assert.ok(parsed !== undefined, path);
  assert.deepEqual(
    parsed.errors,
    [],
    `${path}: ${parsed.errors.map((e) => e.messageText).join('; ')}`,
  );
  return parsed;
}

function tsFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [posixPath(path)] : [];
  });
}

/** The files of src/, test/ and bench/ (samples/ holds user code to inspect, not ours). */
const SOURCE_FOLDERS = ['src', 'test', 'bench'];

describe('architecture: the TypeScript projects', () => {
  const parsed = Object.fromEntries(Object.keys(PROJECTS).map((folder) => [folder, parse(folder)]));

  it('every tsconfig.json of src/ is one of the projects', () => {
    const found = filesNamed(join(ROOT, 'src'), 'tsconfig.json').map((path) => dirname(path));
    assert.deepEqual(
      found.sort(),
      Object.keys(PROJECTS)
        .filter((f) => f.startsWith('src'))
        .sort(),
    );
  });

  it('every source file is checked by exactly one project', () => {
    const owners = new Map<string, string[]>();
    for (const [folder, config] of Object.entries(parsed)) {
      for (const file of config.fileNames) {
        const path = posixPath(file);
        owners.set(path, [...(owners.get(path) ?? []), folder]);
      }
    }
    const files = SOURCE_FOLDERS.flatMap((folder) => tsFiles(join(ROOT, folder)));
    assert.ok(files.length > 100, `${files.length} files`);
    const wrong = files
      .map((file) => [file, owners.get(file) ?? []] as const)
      .filter(([, projects]) => projects.length !== 1)
      .map(
        ([file, projects]) =>
          `${file}: ${projects.length === 0 ? 'no project' : projects.join(', ')}`,
      );
    assert.deepEqual(wrong, []);
  });

  it('no include is stale: each pattern matches a file', () => {
    for (const [folder, config] of Object.entries(parsed)) {
      const specs = (config.raw as { include?: string[] }).include ?? [];
      assert.ok(specs.length > 0, `${folder} lists its files`);
      for (const spec of specs) {
        const matched = ts.sys.readDirectory(join(ROOT, folder), ['.ts'], undefined, [spec]);
        assert.ok(matched.length > 0, `${folder}/tsconfig.json: "${spec}" matches no file`);
      }
    }
  });

  it('the root builds every project, and each reference is a project', () => {
    const rootReferences = (parsed['.']!.projectReferences ?? []).map((r) => posixPath(r.path));
    assert.deepEqual(
      rootReferences.sort(),
      Object.keys(PROJECTS)
        .filter((f) => f !== '.')
        .sort(),
    );
    for (const [folder, config] of Object.entries(parsed)) {
      for (const reference of config.projectReferences ?? []) {
        const target = posixPath(reference.path);
        assert.ok(target in PROJECTS, `${folder} references ${target}, not a project`);
        if (folder !== '.') {
          assert.equal(parsed[target]!.options.composite, true, `${target} is composite`);
        }
      }
    }
  });

  for (const [folder, expected] of Object.entries(PROJECTS)) {
    it(`${folder} sees lib ${expected.lib.join(', ')} and types [${expected.types.join(', ')}]`, () => {
      const options = parsed[folder]!.options;
      // The compiler names libs by file (lib.es2022.d.ts); compare the names.
      const lib = (options.lib ?? []).map((l) => l.replace(/^lib\.|\.d\.ts$/g, '').toLowerCase());
      assert.deepEqual(lib, expected.lib);
      assert.deepEqual(options.types, expected.types);
      // Declarations and build info go to the ignored cache, never beside the sources.
      assert.equal(posixPath(options.outDir ?? ''), '.cache/tsc');
    });
  }
});

function filesNamed(directory: string, name: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return filesNamed(path, name);
    return entry.name === name ? [posixPath(path)] : [];
  });
}
