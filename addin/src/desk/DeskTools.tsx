// Desk actions on the workbook: 拉取汇总工作簿 (aggregated sheets + native charts into the current
// workbook) and, for office staff, 载入在编人员名单 (the ID column of the current sheet → PUT /on-staff).
import { useState } from 'react';
import { Button, Link, MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';
import type { ProgressRow } from '../../../shared/api/contract';
import type { ApiClient } from '../api/client';
import { describeOfficeError, officeErrorCode, OfficeCodes, runExcel, type ExcelRunner } from '../excel/run';
import { OnStaffColumnMissing, pullAggregate, readOnStaffIds, toBase64 } from '../excel/desk';
import { SheetInsertUnavailable } from '../excel/insert';

const useStyles = makeStyles({ row: { display: 'flex', gap: '8px', flexWrap: 'wrap' } });

type Note = { intent: 'success' | 'warning' | 'error'; text: string; download?: string } | null;

/** Longest ID text the API accepts; longer entries cannot be ID numbers. */
const MAX_ID = 18;

export function DeskTools({ api, campaignId, units, office, excel = runExcel }: { api: ApiClient; campaignId: string; units: ProgressRow[]; office: boolean; excel?: ExcelRunner }) {
  const s = useStyles();
  const [busy, setBusy] = useState<'aggregate' | 'onstaff' | null>(null);
  const [note, setNote] = useState<Note>(null);

  const pull = async () => {
    setBusy('aggregate');
    setNote(null);
    let bytes: Uint8Array | null = null;
    try {
      bytes = await api.bytes('aggregate', { campaignId });
      const data = await excel((ctx) => pullAggregate(ctx, toBase64(bytes!), units));
      const persons = data.forms.slice(1).reduce((n, [, v]) => n + Number(v), 0);
      setNote({ intent: 'success', text: `已插入汇总工作簿（${units.length} 个单位，编外人员 ${persons} 人）和统计图表。` });
    } catch (e) {
      if (bytes && (e instanceof SheetInsertUnavailable || officeErrorCode(e) === OfficeCodes.requestTooLarge || officeErrorCode(e) === OfficeCodes.apiNotFound)) {
        // Excel on the web caps a request at 5 MB (and older Excel lacks insertWorksheetsFromBase64): offer the file instead.
        const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
        setNote({ intent: 'warning', text: e instanceof SheetInsertUnavailable ? e.message : '汇总工作簿较大，无法直接插入当前工作簿，请下载后在 Excel 中打开。', download: url });
      } else setNote({ intent: 'error', text: e instanceof Error && 'status' in e ? e.message : describeOfficeError(e) });
    } finally {
      setBusy(null);
    }
  };

  const loadOnStaff = async () => {
    setBusy('onstaff');
    setNote(null);
    try {
      const read = await excel(readOnStaffIds);
      const ids = read.idNumbers.filter((x) => x.length <= MAX_ID);
      const tooLong = read.idNumbers.length - ids.length;
      const r = await api.call('putOnStaff', { campaignId }, { body: { idNumbers: ids } });
      const skipped = r.invalid + tooLong + read.numeric;
      setNote({
        intent: skipped > 0 ? 'warning' : 'success',
        text:
          `已从“${read.sheetName}”${read.column} 列载入在编人员 ${r.count} 人。` +
          (skipped > 0 ? `另有 ${skipped} 项不是有效身份证号码未载入` : '') +
          (read.numeric > 0 ? `（其中 ${read.numeric} 项是数字格式，18 位号码已被 Excel 截断，请把该列设为文本后重新录入）` : '') +
          (skipped > 0 ? '。' : ''),
      });
    } catch (e) {
      setNote({ intent: 'error', text: e instanceof OnStaffColumnMissing || (e instanceof Error && 'status' in e) ? e.message : describeOfficeError(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div className={s.row}>
        <Button appearance="primary" onClick={pull} disabled={busy !== null} data-testid="pull-aggregate">
          {busy === 'aggregate' ? '正在拉取…' : '拉取汇总工作簿'}
        </Button>
        {office && (
          <Button onClick={loadOnStaff} disabled={busy !== null} data-testid="load-onstaff">
            {busy === 'onstaff' ? '正在载入…' : '载入在编人员名单（当前工作表）'}
          </Button>
        )}
      </div>
      {note && (
        <MessageBar intent={note.intent} data-testid="desk-note">
          <MessageBarBody>
            {note.text}
            {note.download && (
              <>
                {' '}
                <Link href={note.download} download={`${campaignId}-汇总.xlsx`}>
                  下载汇总工作簿
                </Link>
              </>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
