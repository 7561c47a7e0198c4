// The facts printed on the sign-off page (签字盖章页), once, for both renderings: the HTML page the
// pane opens and the PDF the server draws. Every finding rule is listed with its count (0 included), so
// the page has the same shape — and fits one A4 page — whatever the ledger holds.
import { RULES, type RuleCode } from '../../../shared/rules/catalogue';
import { FINDING_CODES } from '../../../shared/desk/sheets';
import type { Issue } from '../../../shared/ledger/schema';
import { chinaDay, chinaTime } from '../domain/time';
import { qrText } from './qr';

export interface SignOffFacts {
  title: string;
  campaignTitle: string;
  /** Shown in red when the version has been superseded. */
  warning: string | null;
  /** Label / value rows of the identity table; `mono` values are digests. */
  rows: { label: string; value: string; mono?: boolean; strong?: boolean }[];
  findings: { title: string; code: RuleCode; count: number }[];
  declaration: string;
  headName: string;
  footer: string;
  qrText: string;
  receiptNo: string;
}

export interface SignOffInput {
  campaignTitle: string;
  unitName: string;
  unitId: string;
  creditCode: string;
  receiptNo: string;
  version: number;
  submittedAt: string;
  submitterName: string;
  summary: { rows: number; errors: number; warnings: number; findings: number };
  digest: string;
  sm3: string | null;
  issues: readonly Pick<Issue, 'code' | 'severity'>[];
  superseded: boolean;
  headName: string;
  printedAt: Date;
  /** The API's public base URL (…/api) the QR code points into. */
  apiBase: string;
}

export { FINDING_CODES };

export function signOffFacts(d: SignOffInput): SignOffFacts {
  const counts = new Map<RuleCode, number>();
  for (const i of d.issues) if (i.severity === 'finding') counts.set(i.code, (counts.get(i.code) ?? 0) + 1);
  return {
    title: '编外人员台账报送签字盖章页',
    campaignTitle: d.campaignTitle,
    warning: d.superseded ? '注意：该版本已被更新的版本取代，请打印最新版本的签字盖章页。' : null,
    rows: [
      { label: '单位名称', value: `${d.unitName}（${d.unitId}）` },
      { label: '统一社会信用代码', value: d.creditCode },
      { label: '回执号', value: d.receiptNo, strong: true },
      { label: '版本', value: `第 ${d.version} 版，报送时间 ${chinaTime(d.submittedAt)}（北京时间），报送人 ${d.submitterName}` },
      { label: '编外人员数', value: `${d.summary.rows} 人` },
      { label: '校验结果', value: `错误 ${d.summary.errors} 处；提醒 ${d.summary.warnings} 处；问题发现 ${d.summary.findings} 处` },
      { label: 'SHA-256 摘要', value: d.digest, mono: true },
      ...(d.sm3 ? [{ label: 'SM3 摘要', value: d.sm3, mono: true }] : []),
    ],
    findings: FINDING_CODES.map((code) => ({ title: RULES[code].title, code, count: counts.get(code) ?? 0 })),
    declaration:
      '本单位已对编外人员进行全面排查，上述台账（以回执号和摘要为准）内容真实、完整，无漏报、瞒报。如有不实，单位主要负责人、分管负责人和联络员依规依纪承担责任。',
    headName: d.headName,
    footer: `打印日期：${chinaDay(d.printedAt)}。签字盖章后请扫描本页（PDF、PNG 或 JPEG，不超过 10 MB）并在系统中上传；系统读取右上角二维码核对版本。手机扫描二维码可核验真伪。`,
    qrText: qrText(d.apiBase, { receiptNo: d.receiptNo, digest: d.digest }),
    receiptNo: d.receiptNo,
  };
}
