/** The extension's settings (package.json `contributes.configuration`), read as one typed object. */
import * as vscode from 'vscode';
import { INLAY_STYLES, type InlayStyle } from '../present/inlayHints';
import { ASK_BEFORE_DRAWING_NODES } from '../protocol/messages';

export interface Settings {
  readonly precision: number;
  readonly hoverEnabled: boolean;
  readonly inlayHintsEnabled: boolean;
  readonly inlayHintsStyle: InlayStyle;
  readonly codeLensEnabled: boolean;
  readonly codeLensInTextDocuments: boolean;
  readonly gradientCheck: boolean;
  readonly defaultValue: number;
  readonly askForUnbound: boolean;
  readonly reinspectDelay: number;
  readonly askBeforeDrawing: number;
  /** Check every result against the engine's invariants (src/engine/invariants.ts). */
  readonly checkInvariants: boolean;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration('gradientLens');
  return {
    precision: clamp(config.get<number>('precision', 6), 1, 17),
    hoverEnabled: config.get<boolean>('hover.enabled', true),
    inlayHintsEnabled: config.get<boolean>('inlayHints.enabled', true),
    inlayHintsStyle: inlayStyle(config.get<string>('inlayHints.style', 'line')),
    codeLensEnabled: config.get<boolean>('codeLens.enabled', true),
    codeLensInTextDocuments: config.get<boolean>('codeLens.inTextDocuments', false),
    gradientCheck: config.get<boolean>('gradientCheck.enabled', true),
    defaultValue: config.get<number>('unboundInputs.defaultValue', 1),
    askForUnbound: config.get<boolean>('unboundInputs.ask', true),
    reinspectDelay: clamp(config.get<number>('reinspectDelay', 400), 50, 5000),
    askBeforeDrawing: clamp(
      config.get<number>('panel.askBeforeDrawing', ASK_BEFORE_DRAWING_NODES),
      1,
      1_000_000,
    ),
    checkInvariants: config.get<boolean>('debug.checkInvariants', false),
  };
}

/** An unknown style (a typo in settings.json) reads as the default. */
function inlayStyle(text: string): InlayStyle {
  return INLAY_STYLES.find((style) => style === text) ?? 'line';
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, Math.round(value))) : low;
}
