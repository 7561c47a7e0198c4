// Pixel comparison of two PNG screenshots, decoded with @napi-rs/canvas (already a dependency). A pixel
// differs when any RGBA channel differs by more than `tolerance`; where the sizes differ, every pixel
// outside the smaller image counts as differing. The diff image is the old shot faded, differences red.
import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface Comparison {
  width: number;
  height: number;
  /** Pixels that differ, of width × height (the larger extent of the two). */
  differing: number;
  percent: number;
  sameSize: boolean;
  diffPng: Buffer;
}

async function rgba(png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

export async function comparePngs(before: Buffer, after: Buffer, tolerance = 8): Promise<Comparison> {
  const [a, b] = await Promise.all([rgba(before), rgba(after)]);
  const width = Math.max(a.width, b.width);
  const height = Math.max(a.height, b.height);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const out = ctx.createImageData(width, height);
  let differing = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const inA = x < a.width && y < a.height;
      const inB = x < b.width && y < b.height;
      const ia = (y * a.width + x) * 4;
      const ib = (y * b.width + x) * 4;
      let diff = inA !== inB;
      if (inA && inB) for (let c = 0; c < 4 && !diff; c++) diff = Math.abs(a.data[ia + c] - b.data[ib + c]) > tolerance;
      if (diff) {
        differing++;
        out.data.set([255, 0, 0, 255], o);
      } else {
        // Faded grey of the old pixel, so the differences stand out in context.
        const grey = inA ? (a.data[ia] + a.data[ia + 1] + a.data[ia + 2]) / 3 : 255;
        const v = 255 - (255 - grey) * 0.25;
        out.data.set([v, v, v, 255], o);
      }
    }
  }
  ctx.putImageData(out, 0, 0);
  return {
    width,
    height,
    differing,
    percent: (100 * differing) / (width * height),
    sameSize: a.width === b.width && a.height === b.height,
    diffPng: canvas.toBuffer('image/png'),
  };
}
