// Desk actions: inside a spreadsheet (a host with desk actions) 拉取汇总工作簿 inserts the aggregated
// sheets + native charts and, for office staff, 载入在编人员名单 reads the ID column of the current sheet
// (→ PUT /on-staff); without one (the 网页版) the aggregated workbook and the public notice are downloads.
import { useState } from 'react';
import { Button, Link, MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';
import type { ProgressRow } from '../../../shared/api/contract';
import type { ApiClient } from '../api/client';
import type { DeskHost } from '../host/types';
import { SheetInsertUnavailable } from '../excel/insert';
import { saveBytes, XLSX_TYPE } from '../web/download';

const useStyles = makeStyles({ row: { display: 'flex', gap: '8px', flexWrap: 'wrap' } });

type Note = { intent: 'success' | 'warning' | 'error'; text: string; download?: string } | null;

/** Longest ID text the API accepts; longer entries cannot be ID numbers. */
const MAX_ID = 18;

const isApiError = (e: unknown): e is Error => e instanceof Error && 'status' in e;

export function DeskTools({
  api,
  campaignId,
  units,
  office,
  desk,
}: {
  api: ApiClient;
  campaignId: string;
  units: ProgressRow[];
  office: boolean;
  desk?: DeskHost;
}) {
  const s = useStyles();
  const [busy, setBusy] = useState<'aggregate' | 'onstaff' | 'notice' | null>(null);
  const [note, setNote] = useState<Note>(null);
  const describe = (e: unknown) => (isApiError(e) || !desk ? (e instanceof Error ? e.message : String(e)) : desk.describeError(e));

  const pull = async () => {
    setBusy('aggregate');
    setNote(null);
    let bytes: Uint8Array | null = null;
    try {
      bytes = await api.bytes('aggregate', { campaignId });
      if (!desk) {
        saveBytes(bytes, `${campaignId}-汇总.xlsx`, XLSX_TYPE);
        setNote({ intent: 'success', text: `已下载汇总工作簿（${units.length} 个单位）。` });
        return;
      }
      const data = await desk.insertAggregate(bytes, units);
      const persons = data.forms.slice(1).reduce((n, [, v]) => n + Number(v), 0);
      setNote({ intent: 'success', text: `已插入汇总工作簿（${units.length} 个单位，编外人员 ${persons} 人）和统计图表。` });
    } catch (e) {
      if (bytes && desk?.shouldDownloadInstead(e)) {
        const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE }));
        const why = e instanceof SheetInsertUnavailable ? e.message : '汇总工作簿较大，无法直接插入当前工作簿，请下载后在 Excel 中打开。';
        setNote({ intent: 'warning', text: why, download: url });
      } else setNote({ intent: 'error', text: describe(e) });
    } finally {
      setBusy(null);
    }
  };

  const downloadNotice = async () => {
    setBusy('notice');
    setNote(null);
    try {
      saveBytes(await api.bytes('notice', { campaignId }), `${campaignId}-公示名单.xlsx`, XLSX_TYPE);
      setNote({ intent: 'success', text: '已下载公示名单（姓名、身份证号码已按规定遮蔽）。' });
    } catch (e) {
      setNote({ intent: 'error', text: describe(e) });
    } finally {
      setBusy(null);
    }
  };

  const loadOnStaff = async () => {
    setBusy('onstaff');
    setNote(null);
    try {
      const read = await desk!.readOnStaffIds();
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
      setNote({ intent: 'error', text: describe(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div className={s.row}>
        <Button appearance="primary" onClick={pull} disabled={busy !== null} data-testid="pull-aggregate">
          {busy === 'aggregate' ? '正在拉取…' : desk ? '拉取汇总工作簿' : '下载汇总工作簿'}
        </Button>
        {office && (
          <Button onClick={downloadNotice} disabled={busy !== null} data-testid="download-notice">
            {busy === 'notice' ? '正在下载…' : '下载公示名单'}
          </Button>
        )}
        {office && desk && (
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
