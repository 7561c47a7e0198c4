// The public notice (公示): persons whose proposed disposition is 清退, per unit, with personal data
// masked. Only the columns a notice needs: no phone numbers, salaries, birth dates or remarks.
import { ENUMS, ROSTER_FIELD_BY_KEY } from '../../../shared/template/definition';
import type { Ledger } from '../../../shared/ledger/schema';
import type { ColumnSpec } from '../../../shared/node/xlsxWriter';
import type { WorkbookSink } from './sink';
import { maskIdNumber, maskName } from '../domain/mask';

/** The disposition a notice lists (拟处理意见 = 清退). */
export const NOTICE_DISPOSITION: (typeof ENUMS.disposition)[number] = '清退';
export const NOTICE_SHEET = '公示名单';
export const NOTICE_NOTES_SHEET = '公示说明';

const H = ROSTER_FIELD_BY_KEY;
export const NOTICE_COLUMNS: ColumnSpec[] = [
  { header: '序号', kind: 'integer', width: 6 },
  { header: '单位名称', kind: 'text', width: 28 },
  { header: '主管部门', kind: 'text', width: 22 },
  { header: H.name.header, kind: 'text', width: 12 },
  { header: H.gender.header, kind: 'text', width: 6 },
  { header: H.idNumber.header, kind: 'text', width: 21 },
  { header: H.postName.header, kind: 'text', width: 16 },
  { header: H.employmentForm.header, kind: 'text', width: 14 },
  { header: H.disposition.header, kind: 'text', width: 12 },
];

export interface NoticeUnit {
  unitId: string;
  name: string;
  parentName: string | null;
  ledger: Ledger;
}

export interface NoticeOptions {
  /** Full names instead of masked ones (office only, where the law allows). ID numbers stay masked. */
  fullNames: boolean;
  title: string;
  asOf: string;
}

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Writes the notice; returns the number of persons listed. */
export async function writeNotice(
  units: AsyncIterable<NoticeUnit> | Iterable<NoticeUnit>,
  opts: NoticeOptions,
  out: WorkbookSink,
): Promise<number> {
  const list = out.addSheet({ name: NOTICE_SHEET, columns: NOTICE_COLUMNS });
  let n = 0;
  for await (const u of units as AsyncIterable<NoticeUnit>) {
    for (const r of u.ledger.roster?.rows ?? []) {
      if (r.values.disposition !== NOTICE_DISPOSITION) continue;
      n++;
      list.row([
        n,
        u.name,
        u.parentName,
        opts.fullNames ? s(r.values.name) : maskName(s(r.values.name)),
        s(r.values.gender),
        maskIdNumber(s(r.values.idNumber)),
        s(r.values.postName),
        s(r.values.employmentForm),
        s(r.values.disposition),
      ]);
    }
  }
  list.end();
  const notes = out.addSheet({ name: NOTICE_NOTES_SHEET, columns: [{ header: '说明', kind: 'text', width: 100 }], autoFilter: false });
  notes.row([`${opts.title}：拟清退编外人员公示名单（截至 ${opts.asOf}，共 ${n} 人）。`]);
  notes.row([`身份证号码仅显示前2位和后3位；${opts.fullNames ? '姓名为全名（仅限依法可公开全名的场合使用）' : '姓名仅显示姓氏'}。`]);
  notes.row(['名单不含手机号码、工资等个人信息。对公示名单有异议的，请在公示期内向领导小组办公室反映。']);
  notes.end();
  return n;
}
