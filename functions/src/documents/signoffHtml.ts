// The sign-off page as HTML with print CSS: A4, one page (fixed-height blocks, no breaks inside them),
// the QR code top right, Chinese in the font we ship (served by GET /fonts/{file}).
import type { SignOffFacts } from './signoffModel';
import { qrSvg } from './qr';
import { FONT_ROUTE_FILES } from './fonts';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderSignOffHtml(f: SignOffFacts, apiBase: string): string {
  const font = (weight: number, file: string) =>
    `@font-face { font-family: "TZ Noto Sans SC"; font-weight: ${weight}; src: url("${esc(apiBase)}/fonts/${file}") format("truetype"); }`;
  const pairs: string[] = [];
  for (let i = 0; i < f.findings.length; i += 2) {
    const cell = (x: SignOffFacts['findings'][number] | undefined) =>
      x ? `<td>${esc(x.title)}</td><td class="num${x.count ? ' hit' : ''}">${x.count}</td>` : '<td></td><td></td>';
    pairs.push(`<tr>${cell(f.findings[i])}${cell(f.findings[i + 1])}</tr>`);
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>签字盖章页 ${esc(f.receiptNo)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
${font(400, FONT_ROUTE_FILES.regular)}
${font(700, FONT_ROUTE_FILES.bold)}
@page { size: A4 portrait; margin: 12mm 14mm; }
* { box-sizing: border-box; }
html, body { margin: 0; }
body { font-family: "TZ Noto Sans SC", "Noto Sans CJK SC", sans-serif; color: #000; font-size: 10.5pt; line-height: 1.35; }
.sheet { width: 182mm; height: 272mm; margin: 0 auto; overflow: hidden; display: flex; flex-direction: column; }
.head { display: flex; gap: 5mm; align-items: flex-start; }
.head .titles { flex: 1; }
h1 { font-size: 17pt; margin: 2mm 0 1mm; letter-spacing: 1pt; }
.campaign { margin: 0 0 2mm; }
.qr { width: 34mm; text-align: center; font-size: 7.5pt; }
.qr svg { display: block; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.3mm solid #000; padding: 1.2mm 2mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { width: 33mm; background: #f2f2f2; font-weight: 700; }
.mono { font-family: "DejaVu Sans Mono", monospace; font-size: 8.6pt; }
h2 { font-size: 11.5pt; margin: 3mm 0 1.5mm; }
.findings td { padding: 0.8mm 2mm; font-size: 9.5pt; }
.findings td.num { width: 14mm; text-align: right; }
.findings td.hit { font-weight: 700; }
.note { font-size: 9.5pt; margin: 2.5mm 0 0; }
.warn { color: #a00; font-weight: 700; margin: 0 0 2mm; }
.boxes { display: flex; gap: 6mm; margin-top: 4mm; break-inside: avoid; page-break-inside: avoid; }
.box { flex: 1; border: 0.3mm solid #000; height: 52mm; padding: 2.5mm; position: relative; }
.box .label { font-weight: 700; }
.box .date { position: absolute; bottom: 3mm; right: 4mm; }
.head, table, .boxes, .note { break-inside: avoid; page-break-inside: avoid; }
.footer { margin-top: auto; font-size: 8.5pt; color: #333; }
.noprint { text-align: center; margin: 4mm 0; }
@media screen { body { background: #eee; } .sheet { background: #fff; padding: 12mm 14mm; width: 210mm; height: 297mm; box-shadow: 0 0 2mm #999; } }
@media print { .noprint { display: none; } }
</style></head><body>
<p class="noprint"><button onclick="window.print()">打印</button> 打印时请选择 A4 纸、100% 缩放；也可下载 <a href="?format=pdf">PDF 版</a>打印。</p>
<div class="sheet" data-testid="signoff-sheet">
<div class="head">
  <div class="titles">
    <h1>${esc(f.title)}</h1>
    <p class="campaign">${esc(f.campaignTitle)}</p>
    ${f.warning ? `<p class="warn">${esc(f.warning)}</p>` : ''}
  </div>
  <div class="qr" data-testid="signoff-qr">${qrSvg(f.qrText, 34)}扫码核验</div>
</div>
<table>
${f.rows.map((r) => `<tr><th>${esc(r.label)}</th><td${r.mono ? ' class="mono"' : ''}>${r.strong ? `<strong>${esc(r.value)}</strong>` : esc(r.value)}</td></tr>`).join('\n')}
</table>
<h2>问题发现分类统计（条）</h2>
<table class="findings">${pairs.join('')}</table>
<p class="note">${esc(f.declaration)}</p>
<div class="boxes">
  <div class="box"><div class="label">单位主要负责人（签字）：</div><div>${esc(f.headName)}</div><div class="date">年　　月　　日</div></div>
  <div class="box"><div class="label">单位公章：</div><div class="date">年　　月　　日</div></div>
</div>
<p class="footer">${esc(f.footer)}</p>
</div>
</body></html>`;
}
