// QR decoding with ZXing-C++ (zxing-wasm): from image file bytes (PNG/JPEG, decoded inside the module)
// or from RGBA pixels. The WebAssembly binary is read from the package on disk — never fetched.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
let ready: Promise<unknown> | undefined;

function init() {
  ready ??= (() => {
    const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    return prepareZXingModule({
      overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer },
      fireImmediately: true,
    });
  })();
  return ready;
}

// Rotation (90°, upside down) and small skew are handled by the detector; tryHarder and tryDownscale
// cover 150–300 dpi scans and phone photos where the code is a small part of the picture.
const OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  tryDownscale: true,
  maxNumberOfSymbols: 4,
};

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Uint8ClampedArray;
}

export class ImageUndecodable extends Error {}

/** QR texts found in an image file; ImageUndecodable when the bytes are not a decodable image. */
export async function qrTextsInImageFile(bytes: Uint8Array): Promise<string[]> {
  await init();
  const results = await readBarcodes(bytes, OPTIONS);
  if (results.some((r) => /failed to load image/i.test(r.error))) throw new ImageUndecodable('image cannot be decoded');
  return results.filter((r) => r.isValid && r.text).map((r) => r.text);
}

export async function qrTextsInPixels(p: Pixels): Promise<string[]> {
  await init();
  const results = await readBarcodes(p as unknown as ImageData, OPTIONS);
  return results.filter((r) => r.isValid && r.text).map((r) => r.text);
}
