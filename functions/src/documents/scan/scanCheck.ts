// The QR check of an uploaded seal scan: decode the file for what it claims to be (a PDF that is really
// HTML is refused), find the QR codes on it, and compare them with the version being sealed.
import { imageSize } from 'image-size';
import { parseQrText, type QrClaim } from '../qr';
import { judgeClaims, ScanUnreadable, type ScanType, type ScanVerdict } from './verdict';
import { ImageUndecodable, qrTextsInImageFile, qrTextsInPixels } from './qrDecode';
import { MAX_PIXELS, openPdf, pageImages, pagesToCheck, PdfUnreadable, renderPage } from './pdfPages';

export { ScanUnreadable, type ScanType };

/** Our QR claims on the scan (other QR codes are ignored), stopping at the first page that has one. */
export async function scanClaims(bytes: Uint8Array, type: ScanType): Promise<QrClaim[]> {
  const ours = (texts: string[]) => texts.map(parseQrText).filter((c): c is QrClaim => c !== null);
  if (type !== 'application/pdf') {
    let size: { width?: number; height?: number };
    try {
      size = imageSize(bytes);
    } catch {
      throw new ScanUnreadable('图片文件已损坏或不是真正的 PNG/JPEG 图片。');
    }
    if (!size.width || !size.height) throw new ScanUnreadable('无法读取图片尺寸。');
    if (size.width * size.height > MAX_PIXELS)
      throw new ScanUnreadable(`图片像素过多（${size.width}×${size.height}），请以 150–300 dpi 重新扫描。`);
    try {
      return ours(await qrTextsInImageFile(bytes));
    } catch (e) {
      if (e instanceof ImageUndecodable) throw new ScanUnreadable('图片内容无法解码：文件已损坏或不是真正的 PNG/JPEG 图片。');
      throw e;
    }
  }
  let doc;
  try {
    doc = await openPdf(bytes);
  } catch (e) {
    if (e instanceof PdfUnreadable) throw new ScanUnreadable('PDF 文件无法解析：文件已损坏或不是真正的 PDF。');
    throw e;
  }
  const pages = doc.getPages();
  for (const i of pagesToCheck(doc)) {
    const found: QrClaim[] = [];
    for (const img of pageImages(doc, pages[i])) {
      try {
        found.push(...ours(img.kind === 'jpeg' ? await qrTextsInImageFile(img.bytes) : await qrTextsInPixels(img.pixels)));
      } catch (e) {
        if (!(e instanceof ImageUndecodable)) throw e; // a broken picture on one page: look at the rest
      }
    }
    if (found.length === 0) {
      const rendered = await renderPage(bytes, i);
      if (rendered) found.push(...ours(await qrTextsInPixels(rendered)));
    }
    if (found.length > 0) return found;
  }
  return [];
}

export async function checkScan(bytes: Uint8Array, type: ScanType, expected: QrClaim): Promise<ScanVerdict & { ms: number }> {
  const t0 = performance.now();
  const verdict = judgeClaims(await scanClaims(bytes, type), expected);
  return { ...verdict, ms: performance.now() - t0 };
}
