// The phone page a sign-off QR code opens (手机扫码核验): the verify answer in large type. No script, no
// outside resources, only what the printed page already shows.
import type { VerifyResult } from '../../../shared/api/contract';
import { UNIT_STATUS_LABEL } from '../../../shared/desk/sheets';
import { chinaTime } from '../domain/time';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderVerifyPage(receiptNo: string, r: VerifyResult): string {
  const body = r.valid
    ? `<div class="verdict ok" data-testid="verify-valid">✔ 核验通过</div>
<p>该回执号和摘要与系统中报送的台账一致。</p>
<dl>
<dt>单位</dt><dd>${esc(r.unitName)}</dd>
<dt>回执号</dt><dd class="mono">${esc(receiptNo)}</dd>
<dt>版本</dt><dd>第 ${r.version} 版</dd>
<dt>报送时间</dt><dd>${esc(chinaTime(r.submittedAt!))}（北京时间）</dd>
<dt>状态</dt><dd>${esc(UNIT_STATUS_LABEL[r.status!] ?? r.status)}</dd>
</dl>
${r.superseded ? '<p class="warn">注意：该版本已被同一单位更新的版本取代，纸质页面不是最新版本。</p>' : ''}`
    : `<div class="verdict bad" data-testid="verify-invalid">✘ 未找到</div>
<p>系统中没有与该回执号和摘要一致的报送记录。纸质页面可能被改动、不完整，或不是本系统打印的。</p>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>台账通 · 扫码核验</title>
<style>
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; padding: 20px; font-size: 17px; line-height: 1.5; color: #222; }
h1 { font-size: 20px; margin: 0 0 16px; }
.verdict { font-size: 28px; font-weight: 700; padding: 14px; border-radius: 8px; text-align: center; margin-bottom: 12px; }
.ok { background: #e6f4ea; color: #137333; } .bad { background: #fce8e6; color: #a50e0e; }
dl { display: grid; grid-template-columns: 5em 1fr; gap: 6px 10px; } dt { color: #666; } dd { margin: 0; }
.mono { font-family: monospace; word-break: break-all; } .warn { color: #a50e0e; font-weight: 700; }
footer { margin-top: 24px; font-size: 13px; color: #777; }
</style></head><body>
<h1>编外人员台账 · 扫码核验</h1>
${body}
<footer>台账通 · 只显示纸质页面上已有的信息，不含任何个人信息。</footer>
</body></html>`;
}
