// Scans made from a sign-off PDF as a person would make them: pdftoppm at 150/300 dpi to PNG or JPEG,
// then ImageMagick for rotation, skew and noise; and a scan wrapped in a PDF the way scanner apps do.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';

const dir = mkdtempSync(join(tmpdir(), 'tz-scan-'));
let n = 0;

export function rasterise(pdf: Uint8Array, dpi: number, format: 'png' | 'jpeg'): Uint8Array {
  const base = join(dir, `p${n++}`);
  writeFileSync(`${base}.pdf`, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), `-${format}`, '-singlefile', `${base}.pdf`, base]);
  return new Uint8Array(readFileSync(`${base}.${format === 'png' ? 'png' : 'jpg'}`));
}

/** ImageMagick on an image: e.g. ['-rotate', '3', '+noise', 'Gaussian']; out is png or jpg. */
export function magick(image: Uint8Array, args: string[], out: 'png' | 'jpg'): Uint8Array {
  const base = join(dir, `m${n++}`);
  writeFileSync(`${base}.in`, image);
  execFileSync('convert', [`${base}.in`, ...args, `${base}.${out}`]);
  return new Uint8Array(readFileSync(`${base}.${out}`));
}

/** A one-page PDF holding the picture full-page, as a scanner app writes it. */
export function imageToPdf(image: Uint8Array): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((r) => doc.on('end', () => r(new Uint8Array(Buffer.concat(chunks)))));
  doc.image(Buffer.from(image), 0, 0, { fit: [595.28, 841.89] });
  doc.end();
  return done;
}
