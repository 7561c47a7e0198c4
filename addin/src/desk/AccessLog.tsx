// 数据调阅记录: who read persons' personal data in this campaign (ledgers, diffs, the aggregated
// workbook, the public notice, the archive), from GET …/audit?category=access. Collapsed until opened,
// so the desk does not read the trail on every visit.
import { useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { AuditEntry } from '../../../shared/api/contract';
import { chinaTime } from '../../../shared/dates';
import type { ApiClient } from '../api/client';
import { useAsync } from '../ui/hooks';

const ACTION_LABEL: Record<string, string> = {
  'ledger.read': '查看台账',
  'diff.read': '查看版本差异',
  'aggregate.download': '下载汇总工作簿',
  'notice.download': '下载公示名单',
  'archive.download': '下载归档包',
  'roster.upload': '上传外部名单',
};
const SCOPE_LABEL: Record<string, string> = { unit: '单位', subtree: '本系统', campaign: '全部单位' };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '4px' },
  table: { fontSize: tokens.fontSizeBase200 },
});

/** China wall-clock time to the minute. */
const chinaMinute = (iso: string) => chinaTime(iso).slice(0, 16);

function AccessTable({ api, campaignId }: { api: ApiClient; campaignId: string }) {
  const s = useStyles();
  const log = useAsync(() => api.call('audit', { campaignId }, { query: { category: 'access' } }), [campaignId]);
  if (log.loading && !log.data) return <Spinner size="tiny" label="正在读取…" />;
  if (log.error)
    return (
      <MessageBar intent="error">
        <MessageBarBody>{log.error.message}</MessageBarBody>
      </MessageBar>
    );
  const entries: AuditEntry[] = [...(log.data?.entries ?? [])].reverse();
  if (entries.length === 0) return <Text size={200}>暂无调阅记录。</Text>;
  return (
    <Table size="extra-small" className={s.table} data-testid="access-log">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>时间</TableHeaderCell>
          <TableHeaderCell>调阅人</TableHeaderCell>
          <TableHeaderCell>内容</TableHeaderCell>
          <TableHeaderCell>范围</TableHeaderCell>
          <TableHeaderCell>姓名</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((e) => (
          <TableRow key={e.id} data-action={e.action}>
            <TableCell>{chinaMinute(e.at)}</TableCell>
            <TableCell>{e.userId}</TableCell>
            <TableCell>
              {ACTION_LABEL[e.action] ?? e.action}
              {e.version ? `（第 ${e.version} 版）` : ''}
            </TableCell>
            <TableCell>{e.unitId ?? SCOPE_LABEL[String(e.details.scope)] ?? ''}</TableCell>
            <TableCell>{e.details.names === 'masked' ? '已遮蔽' : '完整'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function AccessLog({ api, campaignId }: { api: ApiClient; campaignId: string }) {
  const s = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <div className={s.root}>
      <Button size="small" appearance="subtle" onClick={() => setOpen(!open)} data-testid="access-log-toggle">
        {open ? '收起数据调阅记录' : '数据调阅记录'}
      </Button>
      {open && <AccessTable api={api} campaignId={campaignId} />}
    </div>
  );
}
