// Office mode (领导小组办公室 / 主管部门): the progress table of the campaign's units with filters (the
// review queues among them), the review of a selected unit through the chain (ChainReview: version diff,
// notes pinned to persons, endorse / accept / return), suspected under-reporting from the county's
// rosters, the risk-weighted draw (office), and the workbook actions (aggregated sheets with charts; the
// on-staff roster).
import { useMemo, useState } from 'react';
import {
  Badge,
  type BadgeProps,
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
  ToggleButton,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { MeResponse, ProgressResponse } from '../../../shared/api/contract';
import type { ApiClient } from '../api/client';
import type { DeskHost } from '../host/types';
import { useAsync } from '../ui/hooks';
import { StatusBadge } from '../ui/StatusPanel';
import { AccessLog } from './AccessLog';
import { DeskTools } from './DeskTools';
import { ChainReview } from './ChainReview';
import { DrawPanel } from './DrawPanel';
import { LeadsPanel } from './LeadsPanel';
import { applyFilter, DESK_FILTER_KEYS, DESK_FILTERS, filterCounts, treeOrder, type DeskFilter } from './filters';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  filters: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  table: { fontSize: tokens.fontSizeBase200 },
  // A narrow pane scrolls the table sideways rather than squeezing the names to one character a line.
  scroll: { overflowX: 'auto' },
  name: { minWidth: '5em' },
  num: { textAlign: 'right', whiteSpace: 'nowrap' },
  status: { width: '76px' },
  child: { paddingLeft: '12px' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
});

/** A count worth attention as a tinted badge; nothing to count as a dash. */
function CountBadge({ count, color, unit = '', testId }: { count: number; color: BadgeProps['color']; unit?: string; testId?: string }) {
  if (count <= 0) return <>—</>;
  return (
    <Badge color={color} appearance="tint" data-testid={testId}>
      {count}
      {unit}
    </Badge>
  );
}

export function DeskPane({ api, campaignId, desk }: { api: ApiClient; campaignId: string; desk?: DeskHost }) {
  const s = useStyles();
  const progress = useAsync<ProgressResponse>(() => api.call('progress', { campaignId }), [campaignId]);
  const me = useAsync<MeResponse>(() => api.call('getMe', { campaignId }), [campaignId]);
  const [filter, setFilter] = useState<DeskFilter>('all');
  const [selected, setSelected] = useState<string | null>(null);
  const all = useMemo(() => treeOrder(progress.data?.units ?? []), [progress.data]);
  const counts = useMemo(() => filterCounts(all), [all]);
  const units = applyFilter(all, filter);
  const reported = all.filter((u) => u.reported).length;
  const office = me.data?.office ?? false;
  const current = all.find((u) => u.unitId === selected) ?? null;
  return (
    <div className={s.root} data-testid="desk-pane">
      <div className={s.head}>
        <Text weight="semibold">报送进度{progress.data ? `（${reported}/${all.length} 已报送）` : ''}</Text>
        <Button size="small" onClick={progress.reload}>
          刷新
        </Button>
      </div>
      {progress.data && <DeskTools api={api} campaignId={campaignId} units={all} office={office} desk={desk} />}
      <div className={s.filters} role="group" aria-label="筛选">
        {DESK_FILTER_KEYS.map((k) => (
          <ToggleButton key={k} size="small" checked={filter === k} onClick={() => setFilter(k)} data-filter={k}>
            {DESK_FILTERS[k].label}
            {progress.data ? ` ${counts[k]}` : ''}
          </ToggleButton>
        ))}
      </div>
      {progress.loading && !progress.data && <Spinner size="small" label="正在读取…" />}
      {progress.error && (
        <MessageBar intent="error">
          <MessageBarBody>{progress.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {progress.data && (
        <div className={s.scroll}>
          <Table size="extra-small" className={s.table} style={{ tableLayout: 'auto' }} aria-label="各单位报送进度">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: '100%' }}>单位</TableHeaderCell>
                <TableHeaderCell style={{ width: 84, whiteSpace: 'nowrap' }}>状态</TableHeaderCell>
                <TableHeaderCell style={{ width: 44, whiteSpace: 'nowrap' }}>人数</TableHeaderCell>
                <TableHeaderCell style={{ width: 44, whiteSpace: 'nowrap' }}>问题</TableHeaderCell>
                <TableHeaderCell style={{ width: 48, whiteSpace: 'nowrap' }}>逾期</TableHeaderCell>
                <TableHeaderCell style={{ width: 44, whiteSpace: 'nowrap' }}>漏报</TableHeaderCell>
                <TableHeaderCell style={{ width: 44, whiteSpace: 'nowrap' }}>疑似</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {units.map((u) => (
                <TableRow
                  key={u.unitId}
                  data-unit={u.unitId}
                  className={u.unitId === selected ? s.selected : undefined}
                  onClick={() => setSelected(u.unitId === selected ? null : u.unitId)}
                  style={{ cursor: 'pointer' }}
                  aria-selected={u.unitId === selected}
                >
                  <TableCell className={mergeClasses(s.name, u.parentId ? s.child : undefined)}>{u.name}</TableCell>
                  <TableCell className={s.status} style={{ whiteSpace: 'nowrap' }}>
                    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '2px' }}>
                      <StatusBadge status={u.status} />
                      {u.sealQr === 'not_found' && (
                        // The scan carries no QR code the server could read: the office compares it by hand.
                        <Badge
                          color="warning"
                          appearance="tint"
                          size="small"
                          data-testid="seal-manual-check"
                          title="盖章扫描件上未识别到本版本的二维码，请人工核对扫描件与回执号、摘要是否一致"
                        >
                          需人工核对
                        </Badge>
                      )}
                    </div>
                  </TableCell>
                  <TableCell className={s.num}>{u.rows ?? '—'}</TableCell>
                  <TableCell className={s.num}>{u.findings ?? '—'}</TableCell>
                  <TableCell className={s.num}>
                    <CountBadge count={u.overdueDays} color="danger" unit=" 天" />
                  </TableCell>
                  <TableCell className={s.num}>
                    <CountBadge count={u.underReports} color="warning" testId="under-reports" />
                  </TableCell>
                  <TableCell className={s.num}>
                    <CountBadge count={u.suspectedUnreported} color="important" testId="suspected" />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {progress.data && units.length === 0 && <Text size={200}>没有符合条件的单位。</Text>}
      {current && (
        <ChainReview
          key={`${current.unitId}-${current.version}-${current.status}`}
          api={api}
          campaignId={campaignId}
          unit={current}
          me={me.data ?? null}
          onDone={progress.reload}
        />
      )}
      {progress.data && (filter === 'suspected' || (current?.suspectedUnreported ?? 0) > 0) && (
        <LeadsPanel
          api={api}
          campaignId={campaignId}
          unitNames={new Map(all.map((u) => [u.unitId, u.name]))}
          onlyUnit={filter === 'suspected' ? null : (current?.unitId ?? null)}
        />
      )}
      {progress.data && office && <DrawPanel api={api} campaignId={campaignId} />}
      {progress.data && <AccessLog api={api} campaignId={campaignId} />}
    </div>
  );
}
