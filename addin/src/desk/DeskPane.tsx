// Office mode (领导小组办公室 / 主管部门): a minimal progress table of the campaign's units.
// The DESK helper extends this pane (filters, review, aggregate, charts).
import { Badge, Button, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { ProgressResponse } from '../../../shared/api/contract';
import type { ApiClient } from '../api/client';
import { useAsync } from '../ui/hooks';
import { StatusBadge } from '../ui/StatusPanel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  table: { fontSize: tokens.fontSizeBase200 },
  num: { textAlign: 'right', whiteSpace: 'nowrap' },
  status: { width: '76px' },
  child: { paddingLeft: '12px' },
});

export function DeskPane({ api, campaignId }: { api: ApiClient; campaignId: string }) {
  const s = useStyles();
  const progress = useAsync<ProgressResponse>(() => api.call('progress', { campaignId }), [campaignId]);
  // Each supervising department followed by its subordinate units.
  const units = [...(progress.data?.units ?? [])].sort(
    (a, b) => (a.parentId ?? a.unitId).localeCompare(b.parentId ?? b.unitId) || (a.parentId ? 1 : 0) - (b.parentId ? 1 : 0) || a.name.localeCompare(b.name, 'zh-CN'),
  );
  const reported = units.filter((u) => u.reported).length;
  return (
    <div className={s.root} data-testid="desk-pane">
      <div className={s.head}>
        <Text weight="semibold">报送进度{progress.data ? `（${reported}/${units.length} 已报送）` : ''}</Text>
        <Button size="small" onClick={progress.reload}>刷新</Button>
      </div>
      {progress.loading && !progress.data && <Spinner size="small" label="正在读取…" />}
      {progress.error && (
        <MessageBar intent="error">
          <MessageBarBody>{progress.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {progress.data && (
        <Table size="extra-small" className={s.table} style={{ tableLayout: 'auto' }} aria-label="各单位报送进度">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: '100%' }}>单位</TableHeaderCell>
              <TableHeaderCell style={{ width: 84, whiteSpace: 'nowrap' }}>状态</TableHeaderCell>
              <TableHeaderCell style={{ width: 44, whiteSpace: 'nowrap' }}>人数</TableHeaderCell>
              <TableHeaderCell style={{ width: 44, whiteSpace: 'nowrap' }}>问题</TableHeaderCell>
              <TableHeaderCell style={{ width: 48, whiteSpace: 'nowrap' }}>逾期</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {units.map((u) => (
              <TableRow key={u.unitId} data-unit={u.unitId}>
                <TableCell className={u.parentId ? s.child : undefined}>{u.name}</TableCell>
                <TableCell className={s.status} style={{ whiteSpace: 'nowrap' }}><StatusBadge status={u.status} /></TableCell>
                <TableCell className={s.num}>{u.rows ?? '—'}</TableCell>
                <TableCell className={s.num}>{u.findings ?? '—'}</TableCell>
                <TableCell className={s.num}>
                  {u.overdueDays > 0 ? <Badge color="danger" appearance="tint">{u.overdueDays} 天</Badge> : '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
