/**
 * The graph panel's page: receives the inspection from the extension host (after `ready`),
 * draws the annotated graph with the same code as `gradient-lens --svg`, and lets the user step
 * through the backward or forward pass, inspect nodes, edit inputs, pan, zoom, find, filter
 * and export. The controller (controller.ts) checks every message received and keeps the
 * view state with setState so the panel comes back as it was.
 */
import { PanelController } from './controller';
import { connectHost } from './vscodeApi';

function main(): void {
  const host = connectHost();
  window.addEventListener('error', (event) => {
    host.post({ type: 'log', level: 'error', message: `panel: ${event.message}` });
  });
  const root = document.getElementById('app') ?? document.body;
  const script = document.querySelector<HTMLScriptElement>('script[nonce]');
  const nonce = script?.nonce || undefined;
  new PanelController(host, root, nonce).start();
}

main();
