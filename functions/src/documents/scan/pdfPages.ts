// The pictures on a PDF's pages, for the QR check of a seal scan. A scanner or phone app writes each page
// as one image: DCT (JPEG) images go to the decoder as they are, Flate images (8-bit gray/RGB, 1-bit
// bilevel, with or without PNG predictors) are unpacked here. A page without a usable image (a PDF
// printed straight from the sign-off page, a JBIG2/CCITT scan) is rendered with pdf.js instead.
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFPage } from 'pdf-lib';
import type { Pixels } from './qrDecode';

/** Largest picture decoded (pixels): a 300 dpi A3 page is 35 MP. */
export const MAX_PIXELS = 40_000_000;
/** Pages looked at: the signed page is the first or last of a short scan. */
export const MAX_PAGES = 10;

export class PdfUnreadable extends Error {}

export type PageImage = { kind: 'jpeg'; bytes: Uint8Array } | { kind: 'pixels'; pixels: Pixels };

export async function openPdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    if (doc.getPageCount() === 0) throw new PdfUnreadable('no pages');
    return doc;
  } catch (e) {
    throw e instanceof PdfUnreadable ? e : new PdfUnreadable(String((e as Error)?.message ?? e));
  }
}

/** The pages to look at, in order: first and last first (where a signed page usually is). */
export function pagesToCheck(doc: PDFDocument): number[] {
  const n = doc.getPageCount();
  const order = [...new Set([0, n - 1, ...Array.from({ length: n }, (_, i) => i)])];
  return order.slice(0, MAX_PAGES);
}

/** Images drawn on a page (its own XObjects and those of forms it uses, one level deep). */
export function pageImages(doc: PDFDocument, page: PDFPage): PageImage[] {
  const out: PageImage[] = [];
  const visit = (resources: PDFDict | undefined, depth: number) => {
    const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    if (!xobjects) return;
    for (const [, ref] of xobjects.entries()) {
      const obj = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
      if (!(obj instanceof PDFRawStream)) continue;
      const subtype = obj.dict.lookupMaybe(PDFName.of('Subtype'), PDFName);
      if (subtype === PDFName.of('Form') && depth < 1) visit(obj.dict.lookupMaybe(PDFName.of('Resources'), PDFDict), depth + 1);
      if (subtype !== PDFName.of('Image')) continue;
      const img = imageOf(obj);
      if (img) out.push(img);
    }
  };
  visit(page.node.Resources(), 0);
  return out;
}

function filtersOf(s: PDFRawStream): string[] {
  const f = s.dict.lookup(PDFName.of('Filter'));
  if (f instanceof PDFName) return [f.decodeText()];
  if (f instanceof PDFArray) return f.asArray().map((x) => (x instanceof PDFName ? x.decodeText() : '?'));
  return [];
}

const num = (d: PDFDict | undefined, key: string, dflt: number) => {
  const v = d?.lookupMaybe(PDFName.of(key), PDFNumber);
  return v ? v.asNumber() : dflt;
};

function componentsOf(s: PDFRawStream): number | null {
  const cs = s.dict.lookup(PDFName.of('ColorSpace'));
  if (cs instanceof PDFName)
    return ({ DeviceGray: 1, DeviceRGB: 3, CalGray: 1, CalRGB: 3 } as Record<string, number>)[cs.decodeText()] ?? null;
  if (cs instanceof PDFArray && cs.get(0) === PDFName.of('ICCBased')) {
    const icc = cs.lookup(1);
    return icc instanceof PDFRawStream ? num(icc.dict, 'N', 0) || null : null;
  }
  return cs === undefined && s.dict.lookup(PDFName.of('ImageMask')) ? 1 : null;
}

function imageOf(s: PDFRawStream): PageImage | null {
  const width = num(s.dict, 'Width', 0);
  const height = num(s.dict, 'Height', 0);
  if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) return null;
  const filters = filtersOf(s);
  if (filters.length === 1 && filters[0] === 'DCTDecode') return { kind: 'jpeg', bytes: s.contents };
  if (filters.length !== 1 || filters[0] !== 'FlateDecode') return null;
  const comps = componentsOf(s);
  const bpc = num(s.dict, 'BitsPerComponent', 1);
  if (!comps || (comps !== 1 && comps !== 3) || (bpc !== 8 && !(bpc === 1 && comps === 1))) return null;
  const parms = s.dict.lookupMaybe(PDFName.of('DecodeParms'), PDFDict);
  const predictor = num(parms, 'Predictor', 1);
  const rowBytes = Math.ceil((width * comps * bpc) / 8);
  const expected = (rowBytes + (predictor >= 10 ? 1 : 0)) * height;
  let raw: Uint8Array;
  try {
    raw = inflateSync(s.contents, { maxOutputLength: expected + 1024 });
  } catch {
    return null;
  }
  if (raw.length < expected) return null;
  if (predictor >= 10) raw = unpredictPng(raw, rowBytes, Math.max(1, Math.ceil((comps * bpc) / 8)), height);
  else if (predictor !== 1) return null;
  return { kind: 'pixels', pixels: toRgba(raw, width, height, comps, bpc, rowBytes, isInvertedMask(s)) };
}

function isInvertedMask(s: PDFRawStream): boolean {
  const decode = s.dict.lookupMaybe(PDFName.of('Decode'), PDFArray);
  return decode?.lookup(0) instanceof PDFNumber && (decode.lookup(0) as PDFNumber).asNumber() === 1;
}

/** Undoes PNG row filters (PDF Predictor ≥ 10): each row starts with its filter type byte. */
function unpredictPng(src: Uint8Array, rowBytes: number, bpp: number, height: number): Uint8Array {
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const type = src[y * (rowBytes + 1)];
    const inRow = y * (rowBytes + 1) + 1;
    const o = y * rowBytes;
    for (let x = 0; x < rowBytes; x++) {
      const a = x >= bpp ? out[o + x - bpp] : 0;
      const b = y > 0 ? out[o - rowBytes + x] : 0;
      const c = x >= bpp && y > 0 ? out[o - rowBytes + x - bpp] : 0;
      let p = src[inRow + x];
      if (type === 1) p += a;
      else if (type === 2) p += b;
      else if (type === 3) p += (a + b) >> 1;
      else if (type === 4) {
        const pa = Math.abs(b - c),
          pb = Math.abs(a - c),
          pc = Math.abs(a + b - 2 * c);
        p += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[o + x] = p & 0xff;
    }
  }
  return out;
}

function toRgba(raw: Uint8Array, width: number, height: number, comps: number, bpc: number, rowBytes: number, invert: boolean): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const r = y * rowBytes;
    for (let x = 0; x < width; x++) {
      let g: number, gg: number, bb: number;
      if (bpc === 1) {
        const bit = (raw[r + (x >> 3)] >> (7 - (x & 7))) & 1;
        g = gg = bb = bit ^ (invert ? 1 : 0) ? 255 : 0;
      } else if (comps === 1) g = gg = bb = raw[r + x];
      else [g, gg, bb] = [raw[r + 3 * x], raw[r + 3 * x + 1], raw[r + 3 * x + 2]];
      const o = (y * width + x) * 4;
      data[o] = g;
      data[o + 1] = gg;
      data[o + 2] = bb;
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

/** Renders one page with pdf.js onto a canvas (@napi-rs/canvas) at `dpi`. */
export async function renderPage(bytes: Uint8Array, pageIndex: number, dpi = 200): Promise<Pixels | null> {
  const [pdfjs, { createCanvas }] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('@napi-rs/canvas')]);
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(pageIndex + 1);
    let vp = page.getViewport({ scale: dpi / 72 });
    if (vp.width * vp.height > MAX_PIXELS) vp = page.getViewport({ scale: (dpi / 72) * Math.sqrt(MAX_PIXELS / (vp.width * vp.height)) });
    const canvas = createCanvas(Math.ceil(vp.width), Math.ceil(vp.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as never, canvasContext: ctx as never, viewport: vp }).promise;
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { width: img.width, height: img.height, data: img.data };
  } catch {
    return null;
  } finally {
    await task.destroy();
  }
}
