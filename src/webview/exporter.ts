/**
 * The exporter: SVG and DOT are drawn and saved by the host (asked with the page's filters and
 * the theme's palette); PNG is rendered here from the same drawing and handed to the host.
 */
import type { DrawOptions, GraphDrawing } from '../present/graph/drawGraph';
import type { ExportView, WebviewMessage } from '../protocol/protocol';
import { svgToPng } from './exportPng';

export type ExportFormat = 'svg' | 'png' | 'dot';

export interface ExportRequest {
  /** The graph drawn as the PNG shows it (the scalar graph's drawGraph, the tensor graph's). */
  readonly draw: (options: DrawOptions) => GraphDrawing;
  readonly precision: number;
  readonly hideConstants: boolean;
  readonly hideOffPath: boolean;
}

export class Exporter {
  constructor(
    private readonly post: (message: WebviewMessage) => void,
    /** A PNG that could not be made: the reason, for the user. */
    private readonly failed: (reason: string) => void,
  ) {}

  async export(format: ExportFormat, request: ExportRequest): Promise<void> {
    const view: ExportView = {
      colors: isDarkTheme() ? 'dark' : 'light',
      hideConstants: request.hideConstants,
      hideOffPath: request.hideOffPath,
    };
    if (format === 'svg') {
      this.post({ type: 'exportSvg', view });
    } else if (format === 'dot') {
      this.post({ type: 'exportDot' });
    } else {
      try {
        const drawing = request.draw({ precision: request.precision, ...view });
        const dataUrl = await svgToPng(drawing.svg, drawing.width, drawing.height);
        this.post({ type: 'exportPng', dataUrl });
      } catch (error) {
        this.failed(`PNG export failed: ${describeError(error)}`);
        this.post({ type: 'log', level: 'error', message: `PNG export: ${describeError(error)}` });
      }
    }
  }
}

function isDarkTheme(): boolean {
  const classes = document.body.classList;
  return (
    classes.contains('vscode-dark') ||
    (classes.contains('vscode-high-contrast') && !classes.contains('vscode-high-contrast-light'))
  );
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
