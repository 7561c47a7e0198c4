// The unit's status, its milestones with countdown / overdue days, and a returned ledger's reasons.
import { Badge, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { UnitStatus, UnitView } from '../../../shared/api/contract';
import { MILESTONE_STATE_LABEL, UNIT_STATUS_LABEL } from '../labels';
import { daysBetween, todayInChina } from '../../../shared/dates';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px' },
  head: { display: 'flex', alignItems: 'center', gap: '8px', flexWrap: 'wrap' },
  ms: { display: 'flex', flexDirection: 'column', gap: '6px' },
  msRow: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'center',
    padding: '6px 8px',
    borderRadius: tokens.borderRadiusMedium,
    background: tokens.colorNeutralBackground2,
  },
  sub: { color: tokens.colorNeutralForeground3 },
});

const STATUS_COLOR: Record<UnitStatus, 'informative' | 'warning' | 'success' | 'danger' | 'brand' | 'important'> = {
  not_started: 'informative',
  submitted: 'warning',
  signed: 'brand',
  sealed: 'success',
  endorsed: 'success',
  returned: 'danger',
  accepted: 'success',
};

export function StatusBadge({ status }: { status: UnitStatus }) {
  return (
    <Badge appearance="filled" color={STATUS_COLOR[status]} data-testid="unit-status" data-status={status}>
      {UNIT_STATUS_LABEL[status]}
    </Badge>
  );
}

export function ReturnedReasons({ unit }: { unit: UnitView }) {
  if (unit.status !== 'returned' || unit.returnReasons.length === 0) return null;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="return-reasons">
      <MessageBarBody>
        <MessageBarTitle>台账已被退回，请按以下意见修改后重新报送</MessageBarTitle>
        <ol style={{ margin: '4px 0 0', paddingLeft: '18px' }}>
          {unit.returnReasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ol>
      </MessageBarBody>
    </MessageBar>
  );
}

export function StatusPanel({ unit, loading }: { unit: UnitView | null; loading?: boolean }) {
  const s = useStyles();
  if (!unit) return loading ? <Spinner size="small" label="正在读取进度…" /> : null;
  const today = todayInChina();
  return (
    <div className={s.root} data-testid="status-panel">
      <div className={s.head}>
        <Text weight="semibold">{unit.name}</Text>
        <StatusBadge status={unit.status} />
        {unit.latest && (
          <Text size={200} className={s.sub}>
            第 {unit.latest.version} 版 · 回执号 {unit.latest.receiptNo}
          </Text>
        )}
      </div>
      <ReturnedReasons unit={unit} />
      {unit.milestones.length > 0 && (
        <div className={s.ms}>
          <Text weight="semibold">时间节点</Text>
          {unit.milestones.map((m) => {
            const left = daysBetween(today, m.due);
            const note =
              m.state === 'overdue'
                ? `已逾期 ${m.overdueDays} 天`
                : m.state === 'done_late'
                  ? `逾期 ${m.overdueDays} 天完成`
                  : m.state === 'done_on_time'
                    ? '按时完成'
                    : left === 0
                      ? '今天截止'
                      : `还剩 ${left} 天`;
            return (
              <div key={m.id} className={s.msRow} data-milestone={m.id} data-state={m.state}>
                <div>
                  <Text block>{m.title}</Text>
                  <Text size={200} className={s.sub}>
                    截止 {m.due}
                    {m.extended ? '（已延期）' : ''} · {MILESTONE_STATE_LABEL[m.state]}
                  </Text>
                </div>
                <Badge
                  appearance="tint"
                  color={
                    m.state === 'overdue' || m.state === 'done_late'
                      ? 'danger'
                      : m.state === 'done_on_time'
                        ? 'success'
                        : left <= 3
                          ? 'warning'
                          : 'informative'
                  }
                >
                  {note}
                </Badge>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
