// The printable sign-off sheet (签字盖章页): what the head signs and the unit seals, then scans and uploads.
// It names the exact version by receipt number and digest, so a signature cannot be moved to another ledger.
import { RULES, type RuleCode } from '../../../shared/rules/catalogue';
import type { Issue, Ledger } from '../../../shared/ledger/schema';
import type { Campaign, UnitNode, VersionRecord } from '../storage';
import { chinaDay, chinaTime } from '../domain/time';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** What the sheet shows: the version, its ledger and issues, and who signs. */
export interface SignOffSheetData {
  campaign: Campaign;
  unit: UnitNode;
  record: VersionRecord;
  superseded: boolean;
  ledger: Ledger;
  issues: Issue[];
  headName: string;
  submitterName: string;
  printedAt: Date;
}

export function renderSignOffSheet(d: SignOffSheetData): string {
  const r = d.record;
  const byRule = new Map<RuleCode, number>();
  for (const i of d.issues) if (i.severity === 'finding') byRule.set(i.code, (byRule.get(i.code) ?? 0) + 1);
  const findingRows = [...byRule.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `<tr><td>${esc(RULES[code].title)}</td><td class="code">${esc(code)}</td><td class="num">${n}</td></tr>`)
    .join('');
  const uv = d.ledger.unit?.values ?? {};
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>签字盖章页 ${esc(r.receiptNo)}</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; font-size: 12pt; margin: 0 auto; max-width: 180mm; }
h1 { text-align: center; font-size: 20pt; margin: 0 0 4mm; letter-spacing: 2pt; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 2mm 3mm; text-align: left; vertical-align: top; }
th { width: 32mm; background: #f2f2f2; }
.num { text-align: right; width: 18mm; }
.code { font-family: monospace; font-size: 9pt; }
.digest { font-family: monospace; font-size: 9.5pt; word-break: break-all; }
.boxes { display: flex; gap: 6mm; margin-top: 8mm; }
.box { flex: 1; border: 1px solid #000; height: 48mm; padding: 3mm; position: relative; }
.box .label { font-weight: bold; }
.box .date { position: absolute; bottom: 3mm; right: 4mm; }
.warn { color: #a00; font-weight: bold; }
.note { font-size: 10pt; margin-top: 5mm; }
@media screen { body { padding: 10mm; } }
@media print { .noprint { display: none; } }
</style></head><body>
<p class="noprint"><button onclick="window.print()">打印</button></p>
<h1>编外人员台账报送签字盖章页</h1>
<p style="text-align:center">${esc(d.campaign.title)}</p>
${d.superseded ? '<p class="warn">注意：该版本已被更新的版本取代，请打印最新版本的签字盖章页。</p>' : ''}
<table>
<tr><th>单位名称</th><td>${esc(d.unit.name)}（${esc(d.unit.unitId)}）</td></tr>
<tr><th>统一社会信用代码</th><td>${esc(uv.creditCode)}</td></tr>
<tr><th>回执号</th><td><strong>${esc(r.receiptNo)}</strong></td></tr>
<tr><th>版本</th><td>第 ${r.version} 版，报送时间 ${esc(chinaTime(r.submittedAt))}（北京时间），报送人 ${esc(d.submitterName)}</td></tr>
<tr><th>编外人员数</th><td>${r.summary.rows} 人</td></tr>
<tr><th>校验结果</th><td>错误 ${r.summary.errors} 处；提醒 ${r.summary.warnings} 处；问题发现 ${r.summary.findings} 处</td></tr>
<tr><th>SHA-256 摘要</th><td class="digest">${esc(r.digest)}</td></tr>
${r.sm3 ? `<tr><th>SM3 摘要</th><td class="digest">${esc(r.sm3)}</td></tr>` : ''}
</table>
<h2>问题发现分类统计</h2>
${findingRows ? `<table><tr><th style="width:auto">问题类型</th><th style="width:auto">规则代码</th><th class="num">条数</th></tr>${findingRows}</table>` : '<p>无。</p>'}
<p class="note">本单位已对编外人员进行全面排查，上述台账（以回执号和摘要为准）内容真实、完整，无漏报、瞒报。如有不实，单位主要负责人、分管负责人和联络员依规依纪承担责任。</p>
<div class="boxes">
  <div class="box"><div class="label">单位主要负责人（签字）：</div><div>${esc(d.headName)}</div><div class="date">年　　月　　日</div></div>
  <div class="box"><div class="label">单位公章：</div><div class="date">年　　月　　日</div></div>
</div>
<p class="note">打印日期：${esc(chinaDay(d.printedAt))}。签字盖章后请扫描本页（PDF、PNG 或 JPEG，不超过 10 MB）并在系统中上传。</p>
</body></html>`;
}
