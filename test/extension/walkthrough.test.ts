// The Get Started walkthrough as package.json contributes it: every step can be shown and can
// tick off, because what it names exists (media files, commands, the context keys the
// extension sets), and the sample it opens outside samples/ is the sample itself.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface Step {
  readonly id: string;
  readonly description: string;
  readonly media: { readonly image?: string; readonly markdown?: string };
  readonly completionEvents: readonly string[];
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  readonly activationEvents: readonly string[];
  readonly contributes: {
    readonly commands: readonly { readonly command: string }[];
    readonly walkthroughs: readonly { readonly id: string; readonly steps: readonly Step[] }[];
  };
};

const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === 'gettingStarted');
const steps = walkthrough?.steps ?? [];
const commands = new Set(manifest.contributes.commands.map((c) => c.command));

/** Every `.ts` file under src/extension and src/extension.ts, as text. */
function extensionSources(): string {
  const dir = join(root, 'src', 'extension');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
  return [...files, join(root, 'src', 'extension.ts')]
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

describe('the Get Started walkthrough', () => {
  it('walks through opening, selecting, inspecting, stepping, hovering and editing a value', () => {
    assert.deepEqual(
      steps.map((step) => step.id),
      ['openSample', 'select', 'inspect', 'step', 'hover', 'editValue'],
    );
  });

  it('shows media files that exist', () => {
    for (const step of steps) {
      const file = step.media.image ?? step.media.markdown;
      assert.ok(file !== undefined, `${step.id} has no image or markdown`);
      assert.ok(existsSync(join(root, file)), `${step.id}: ${file} is missing`);
    }
  });

  it('links and waits for commands the extension contributes', () => {
    for (const step of steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      const awaited = step.completionEvents
        .filter((event) => event.startsWith('onCommand:'))
        .map((event) => event.slice('onCommand:'.length));
      for (const command of [...linked, ...awaited]) {
        assert.ok(commands.has(command ?? ''), `${step.id} names ${command}, not contributed`);
      }
    }
  });

  it('waits only for context keys the extension sets', () => {
    const sources = extensionSources();
    const marked = new Set(
      [...sources.matchAll(/markWalkthroughStep\('(\w+)'\)/g)].map(
        (m) => `gradientLens.walkthrough.${m[1]}`,
      ),
    );
    for (const step of steps) {
      assert.ok(step.completionEvents.length > 0, `${step.id} would tick off when merely seen`);
      for (const event of step.completionEvents.filter((e) => e.startsWith('onContext:'))) {
        const key = event.slice('onContext:'.length);
        const set = marked.has(key) || sources.includes(`'${key}'`);
        assert.ok(set, `${step.id} waits for ${key}, which nothing sets`);
      }
    }
  });

  it('activates after startup, so that it can open on first install', () => {
    assert.ok(manifest.activationEvents.includes('onStartupFinished'));
  });

  it('bundles the very reference sample it opens where the workspace has none', () => {
    assert.equal(
      readFileSync(join(root, 'media', 'walkthrough', 'reference.py'), 'utf8'),
      readFileSync(join(root, 'samples', 'reference.py'), 'utf8'),
    );
  });
});
