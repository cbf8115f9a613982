// What the latency, soak and worker-restart tests share: the extension's test API, a generated
// neuron layer in an editor, the gradient a hover shows, and the panel's drawn events.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { GradientLensApi } from '../../../src/extension';
import type { GradientLensTestApi } from '../../../src/extension/testApi';
import type { PanelDrawn } from '../../../src/extension/panel';
import { centralDifference, neuronLayer, type NeuronLayer } from '../neuronLayer';
import { activateExtension, hoverTexts, openUntitled } from './helpers';

/** The extension's test-only API (present because VS Code runs the extension's tests). */
export async function testApi(): Promise<GradientLensTestApi> {
  const extension = await activateExtension();
  const api = extension.exports as GradientLensApi | undefined;
  assert.ok(api?.testing, 'the extension exports no test API (is it running its tests?)');
  return api.testing;
}

/** A neuron layer in a new untitled Python editor, its inspected lines selected. */
export interface LayerEditor {
  readonly editor: vscode.TextEditor;
  readonly layer: NeuronLayer;
  /** Where `x0` is inside the selection: the hover the tests read. */
  readonly x0: vscode.Position;
}

export async function openLayer(neurons: number, inputs: number): Promise<LayerEditor> {
  const layer = neuronLayer(neurons, inputs);
  const editor = await openUntitled('python', layer.source);
  selectLayer(editor, layer);
  const line = editor.document.lineAt(layer.firstLine).text;
  const x0 = new vscode.Position(layer.firstLine, line.indexOf(' x0') + 1);
  return { editor, layer, x0 };
}

export function selectLayer(editor: vscode.TextEditor, layer: NeuronLayer): void {
  const end = editor.document.lineAt(layer.lastLine).range.end;
  editor.selection = new vscode.Selection(new vscode.Position(layer.firstLine, 0), end);
}

/**
 * ∂L/∂x0 as the hover writes it in its first line (to its printed precision; the output is
 * named after the last name bound to it, `o0` for one neuron), or undefined while there is no
 * current answer (no hover yet, or one marked stale).
 */
export function hoverGradient(texts: readonly string[]): number | undefined {
  const text = texts.join('\n').replace(/\\/g, '');
  if (/Stale/.test(text)) {
    return undefined;
  }
  const match = /^\*\*∂\S+\/∂x0 = ([−-]?[0-9.]+(?:e[−+-]?[0-9]+)?)\*\*$/m.exec(text);
  return match === null ? undefined : Number(match[1]!.replace(/−/g, '-'));
}

/** The hover's ∂L/∂x0 at the layer's x0, or undefined when it has none (yet). */
export async function hoveredGradient(probe: LayerEditor): Promise<number | undefined> {
  return hoverGradient(await hoverTexts(probe.editor.document.uri, probe.x0));
}

/** Asserts that `shown` (as printed: about six significant digits) is ∂L/∂x0 of the twin. */
export function assertGradient(shown: number | undefined, layer: NeuronLayer, what: string): void {
  const expected = centralDifference(layer, 'x0');
  assert.ok(
    shown !== undefined && Math.abs(shown - expected) <= 1e-5 * Math.max(1, Math.abs(expected)),
    `${what}: the hover shows ∂L/∂x0 = ${shown}; central differences give ${expected}`,
  );
}

/** The next time the panel draws a snapshot of `uri`. */
export function nextDraw(api: GradientLensTestApi, uri: string): Promise<PanelDrawn> {
  return new Promise((resolve) => {
    const subscription = api.onDidDrawPanel((drawn) => {
      if (drawn.uri === uri) {
        subscription.dispose();
        resolve(drawn);
      }
    });
  });
}

/** Rejects after `ms` with `what`, else settles as `promise`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Closes the Gradient Lens panel if it is open. */
export async function closePanel(): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
  const panels = tabs.filter(
    (tab) =>
      tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('gradientLens'),
  );
  if (panels.length > 0) {
    await vscode.window.tabGroups.close(panels);
  }
}

/** V8's gc() in the extension host (exposing it here affects only functions made from now on). */
export function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return gc;
}

/** The extension host's heap after full collections, in MB. */
export async function heapAfterGc(gc: () => void): Promise<number> {
  for (let round = 0; round < 3; round += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed / 1_048_576;
}
