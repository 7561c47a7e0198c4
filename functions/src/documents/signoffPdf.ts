// The sign-off page drawn as a one-page A4 PDF on the server (pdfkit, with the Noto Sans SC subset
// embedded), so what is printed does not depend on a browser or the fonts of the printing machine.
import PDFDocument from 'pdfkit';
import { fontkitFont } from './fonts';
import { qrMatrix } from './qr';
import type { SignOffFacts } from './signoffModel';

const MM = 72 / 25.4;
const PAGE_W = 210 * MM;
const PAGE_H = 297 * MM;
const LEFT = 14 * MM;
const TOP = 12 * MM;
const WIDTH = 182 * MM;
const BOTTOM = PAGE_H - 12 * MM;
const QR_MM = 34;
const PAD = 1.4 * MM;

type Doc = InstanceType<typeof PDFDocument>;

/** Renders the page; `createdAt` is the PDF's creation date (fixed input gives the same bytes). */
export function renderSignOffPdf(f: SignOffFacts, createdAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: true,
    bufferPages: true,
    info: { Title: `签字盖章页 ${f.receiptNo}`, Creator: '台账通', Producer: '台账通', CreationDate: createdAt, ModDate: createdAt },
  });
  doc.registerFont('r', fontkitFont('regular') as never);
  doc.registerFont('b', fontkitFont('bold') as never);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc, f);
  if (doc.bufferedPageRange().count !== 1) throw new Error('sign-off page overflowed one A4 page');
  doc.end();
  return done;
}

function text(
  doc: Doc,
  font: 'r' | 'b',
  size: number,
  s: string,
  x: number,
  y: number,
  width: number,
  opts: PDFKit.Mixins.TextOptions = {},
): number {
  doc.font(font).fontSize(size);
  const h = doc.heightOfString(s, { width, lineGap: 1, ...opts });
  doc.text(s, x, y, { width, lineGap: 1, lineBreak: true, ...opts });
  return h;
}

function draw(doc: Doc, f: SignOffFacts) {
  doc
    .lineWidth(0.3 * MM)
    .strokeColor('#000')
    .fillColor('#000');
  // Head: titles left, QR code right.
  const qrX = LEFT + WIDTH - QR_MM * MM;
  drawQr(doc, f.qrText, qrX, TOP, QR_MM * MM);
  text(doc, 'r', 7.5, '扫码核验', qrX, TOP + QR_MM * MM + 0.5 * MM, QR_MM * MM, { align: 'center' });
  const titleW = WIDTH - QR_MM * MM - 5 * MM;
  let y = TOP + 2 * MM;
  y += text(doc, 'b', 17, f.title, LEFT, y, titleW, { characterSpacing: 1 }) + 1.5 * MM;
  y += text(doc, 'r', 10.5, f.campaignTitle, LEFT, y, titleW) + 1.5 * MM;
  if (f.warning) {
    doc.fillColor('#a00');
    y += text(doc, 'b', 10, f.warning, LEFT, y, titleW) + MM;
    doc.fillColor('#000');
  }
  y = Math.max(y, TOP + QR_MM * MM + 5 * MM);

  // Identity table.
  const labelW = 33 * MM;
  for (const r of f.rows) {
    const size = r.mono ? 8.6 : 10.5;
    doc.font(r.strong ? 'b' : 'r').fontSize(size);
    const h = Math.max(doc.heightOfString(r.value, { width: WIDTH - labelW - 2 * PAD, lineGap: 1 }), 10.5 * 1.3) + 2 * PAD;
    doc.rect(LEFT, y, labelW, h).fillAndStroke('#f2f2f2', '#000').fillColor('#000');
    doc.rect(LEFT + labelW, y, WIDTH - labelW, h).stroke();
    text(doc, 'b', 10.5, r.label, LEFT + PAD, y + PAD, labelW - 2 * PAD);
    text(doc, r.strong ? 'b' : 'r', size, r.value, LEFT + labelW + PAD, y + PAD, WIDTH - labelW - 2 * PAD);
    y += h;
  }

  // Findings by rule, two per row.
  y += 3 * MM;
  y += text(doc, 'b', 11.5, '问题发现分类统计（条）', LEFT, y, WIDTH) + 1.5 * MM;
  const colW = WIDTH / 2;
  const numW = 14 * MM;
  const rowH = 9.5 * 1.3 + 1.6 * MM;
  for (let i = 0; i < f.findings.length; i += 2) {
    for (let k = 0; k < 2; k++) {
      const x = LEFT + k * colW;
      doc.rect(x, y, colW - numW, rowH).stroke();
      doc.rect(x + colW - numW, y, numW, rowH).stroke();
      const item = f.findings[i + k];
      if (!item) continue;
      text(doc, 'r', 9.5, item.title, x + PAD, y + 0.8 * MM, colW - numW - 2 * PAD, { lineBreak: false, ellipsis: true });
      text(doc, item.count ? 'b' : 'r', 9.5, String(item.count), x + colW - numW + PAD, y + 0.8 * MM, numW - 2 * PAD, {
        align: 'right',
        lineBreak: false,
      });
    }
    y += rowH;
  }

  // Declaration, signature and seal boxes, footer.
  y += 2.5 * MM;
  y += text(doc, 'r', 9.5, f.declaration, LEFT, y, WIDTH) + 4 * MM;
  const boxW = (WIDTH - 6 * MM) / 2;
  const boxH = 52 * MM;
  for (const [k, label] of ['单位主要负责人（签字）：', '单位公章：'].entries()) {
    const x = LEFT + k * (boxW + 6 * MM);
    doc.rect(x, y, boxW, boxH).stroke();
    text(doc, 'b', 10.5, label, x + 2.5 * MM, y + 2.5 * MM, boxW - 5 * MM);
    if (k === 0 && f.headName) text(doc, 'r', 10.5, f.headName, x + 2.5 * MM, y + 8 * MM, boxW - 5 * MM);
    text(doc, 'r', 10.5, '年　　月　　日', x, y + boxH - 8 * MM, boxW - 4 * MM, { align: 'right' });
  }
  y += boxH;
  doc.fillColor('#333');
  doc.font('r').fontSize(8.5);
  const footH = doc.heightOfString(f.footer, { width: WIDTH, lineGap: 1 });
  if (y + 3 * MM + footH > BOTTOM) throw new Error('sign-off page overflowed one A4 page');
  text(doc, 'r', 8.5, f.footer, LEFT, BOTTOM - footH, WIDTH);
  doc.fillColor('#000');
}

function drawQr(doc: Doc, value: string, x: number, y: number, size: number) {
  const { size: n, dark } = qrMatrix(value);
  const quiet = 4;
  const m = size / (n + 2 * quiet);
  // One rectangle per run of dark modules in a row: a fifth of the path operators of one per module.
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      if (!dark(c, r)) continue;
      const start = c;
      while (c + 1 < n && dark(c + 1, r)) c++;
      doc.rect(x + (start + quiet) * m, y + (r + quiet) * m, (c - start + 1) * m, m);
    }
  doc.fill('#000');
}

export const SIGNOFF_PDF_PAGE = { width: PAGE_W, height: PAGE_H };
