/**
 * The panel's on-request answers that need the tensor engine on the host: a window or one
 * element's chain rule of a kept tensor result, and the scalar expansion. Built as its own
 * bundle (dist/panelAnswers.js) and loaded on the first such request (lazyPanelAnswers.ts), so
 * activation does not load the engine for them.
 */
export { tensorDetailsReply } from '../protocol/tensorDetailAnswers';
export { scalarExpansionOf } from './expandScalars';
