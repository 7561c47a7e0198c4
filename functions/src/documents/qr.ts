// What the sign-off page's QR code says, and how a decoded QR text is read back. The text is the public
// verify page's URL, so a phone camera opens it; its query carries the receipt number and the full
// SHA-256 digest, which is what the seal check compares.
import QRCode from 'qrcode';

/** Path of the public verify page (HTML) under the API base; `/verify` is its JSON twin. */
export const VERIFY_PAGE_PATH = '/verify/page';

export interface QrClaim {
  receiptNo: string;
  digest: string;
}

/** 回执号 TZ-{yyyymmdd}-{unitId}-V{version}-{6 hex}: the unit and version a receipt names. */
const RECEIPT = /^TZ-(\d{8})-(.+)-V(\d+)-([0-9A-F]{6})$/;
const DIGEST = /^[0-9a-f]{64}$/;

export function receiptParts(receiptNo: string): { day: string; unitId: string; version: number } | null {
  const m = RECEIPT.exec(receiptNo);
  return m ? { day: m[1], unitId: m[2], version: Number(m[3]) } : null;
}

export function qrText(apiBase: string, claim: QrClaim): string {
  const q = new URLSearchParams({ receiptNo: claim.receiptNo, digest: claim.digest });
  return `${apiBase.replace(/\/+$/, '')}${VERIFY_PAGE_PATH}?${q}`;
}

/** The receipt and digest a decoded QR text carries, or null when it is not one of ours. */
export function parseQrText(text: string): QrClaim | null {
  let receiptNo: string | null = null;
  let digest: string | null = null;
  try {
    const u = new URL(text.trim());
    receiptNo = u.searchParams.get('receiptNo');
    digest = u.searchParams.get('digest');
  } catch {
    // Not a URL: accept the bare form "回执号 摘要" too (a hand-made code, an older print).
    receiptNo = /TZ-\d{8}-\S+?-V\d+-[0-9A-F]{6}/.exec(text)?.[0] ?? null;
    digest = /\b[0-9a-f]{64}\b/.exec(text)?.[0] ?? null;
  }
  if (!receiptNo || !digest || !receiptParts(receiptNo) || !DIGEST.test(digest)) return null;
  return { receiptNo, digest };
}

/** The QR code's module matrix (medium error correction: survives a stamp's edge or a fold). */
export function qrMatrix(text: string): { size: number; dark: (x: number, y: number) => boolean } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size } = qr.modules;
  return { size, dark: (x, y) => Boolean(qr.modules.get(y, x)) };
}

/** The QR code as an SVG element (with its quiet zone), for the HTML page. */
export function qrSvg(text: string, sizeMm: number): string {
  const { size, dark } = qrMatrix(text);
  const quiet = 4;
  const n = size + 2 * quiet;
  let path = '';
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (dark(x, y)) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" width="${sizeMm}mm" height="${sizeMm}mm" shape-rendering="crispEdges" role="img" aria-label="核验二维码"><rect width="${n}" height="${n}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}
