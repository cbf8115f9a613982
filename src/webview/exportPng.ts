/**
 * The PNG export: the standalone SVG (fixed light or dark palette) drawn into a canvas through a
 * `data:` image (the only image source the page's CSP allows besides the extension), then
 * encoded as a PNG data URL for the host to save.
 */

/** Chromium refuses bigger canvases; a huge graph is scaled down to fit. */
const MAX_SIDE = 16_384;
const MAX_PIXELS = 64 * 1024 * 1024;

export async function svgToPng(svg: string, width: number, height: number): Promise<string> {
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the SVG could not be rendered as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  const scale = Math.min(
    2,
    MAX_SIDE / Math.max(width, 1),
    MAX_SIDE / Math.max(height, 1),
    Math.sqrt(MAX_PIXELS / Math.max(width * height, 1)),
  );
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(width * scale));
  canvas.height = Math.max(1, Math.floor(height * scale));
  const context = canvas.getContext('2d');
  if (context === null) {
    throw new Error('no 2D canvas');
  }
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL('image/png');
}
