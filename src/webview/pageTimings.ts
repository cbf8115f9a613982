/**
 * Where the page's time went on the message it drew (PageTimings): when the message arrived,
 * was decoded and was checked, then when its drawing was done and when the next frame came.
 * What `drawn` reports, so the real-editor latency test can tell the page's stages apart.
 */
import type { PageTimings } from '../protocol/protocol';

export class MessageArrival {
  private arrived = 0;
  private decoded = 0;
  private checked = 0;

  /** A message arrived (call first, before decoding it). */
  arrive(): void {
    this.arrived = performance.now();
  }

  decodedNow(): void {
    this.decoded = performance.now();
  }

  checkedNow(): void {
    this.checked = performance.now();
  }

  /**
   * Called when the drawing is done: `report` gets the timings once the next frame has come
   * (the frame that paints it).
   */
  afterNextFrame(report: (timings: PageTimings) => void): void {
    const { arrived, decoded, checked } = this;
    const rendered = performance.now();
    requestAnimationFrame(() =>
      report({
        decodeMs: decoded - arrived,
        checkMs: checked - decoded,
        renderMs: rendered - checked,
        frameMs: performance.now() - rendered,
      }),
    );
  }
}
