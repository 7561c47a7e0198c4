// One unit under review at the desk: what changed since the previous version (next to the buttons),
// and accept / return with reasons (office staff only).
import { useState } from 'react';
import { Button, MessageBar, MessageBarBody, Spinner, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { DiffResponse, ProgressRow } from '../../../shared/api/contract';
import type { ApiClient } from '../api/client';
import { useAsync } from '../ui/hooks';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px', padding: '8px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** Reasons typed one per line. */
export const parseReasons = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

export function DiffView({ diff }: { diff: DiffResponse }) {
  const s = useStyles();
  const { summary } = diff;
  if (summary.added + summary.removed + summary.changed + summary.unitChanges === 0) {
    return <Text className={s.muted}>与第 {diff.previousVersion} 版相比没有变化。</Text>;
  }
  return (
    <div data-testid="unit-diff">
      <Text size={200} weight="semibold">
        与第 {diff.previousVersion} 版相比：新增 {summary.added} 人，删除 {summary.removed} 人，修改 {summary.changed} 人
        {summary.unitChanges > 0 ? `，单位信息 ${summary.unitChanges} 项` : ''}
      </Text>
      <ul className={s.list}>
        {diff.added.map((p) => (
          <li key={`a${p.idNumber}`}>新增：{p.name}（第 {p.row} 行）</li>
        ))}
        {diff.removed.map((p) => (
          <li key={`r${p.idNumber}`}>删除：{p.name}</li>
        ))}
        {diff.changed.map((p) => (
          <li key={`c${p.idNumber}`}>
            修改：{p.name}（第 {p.row} 行）{p.changes.map((c) => `${c.column}：${c.before ?? '空'} → ${c.after ?? '空'}`).join('；')}
          </li>
        ))}
        {diff.unitChanges.map((c) => (
          <li key={`u${c.field}`}>
            单位信息 {c.column}：{c.before ?? '空'} → {c.after ?? '空'}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function UnitReview({ api, campaignId, unit, canReview, onDone }: { api: ApiClient; campaignId: string; unit: ProgressRow; canReview: boolean; onDone: () => void }) {
  const s = useStyles();
  const [reasons, setReasons] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const version = unit.version;
  const diff = useAsync<DiffResponse | null>(
    () => (version && version > 1 ? api.call('diff', { campaignId, unitId: unit.unitId, version }) : Promise.resolve(null)),
    [campaignId, unit.unitId, version],
  );
  if (!version) return <Text className={s.muted}>{unit.name}尚未报送台账。</Text>;

  const decide = async (decision: 'accept' | 'return') => {
    setBusy(true);
    setError(null);
    try {
      await api.call('review', { campaignId, unitId: unit.unitId, version }, { body: { decision, reasons: parseReasons(reasons) } });
      setReasons('');
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const canDecide = unit.status === 'sealed' || unit.status === 'signed' || unit.status === 'submitted';
  return (
    <div className={s.root} data-testid="unit-review">
      <Text weight="semibold">
        {unit.name} · 第 {version} 版
      </Text>
      {diff.loading && !diff.data && version > 1 && <Spinner size="tiny" label="正在比较版本…" />}
      {diff.error && <Text className={s.muted}>版本比较失败：{diff.error.message}</Text>}
      {diff.data && <DiffView diff={diff.data} />}
      {version === 1 && <Text className={s.muted}>首次报送，无历史版本可比较。</Text>}
      {canReview && canDecide && (
        <>
          <Textarea
            value={reasons}
            onChange={(_, d) => setReasons(d.value)}
            placeholder="退回理由，每行一条（通过时可不填）"
            resize="vertical"
            aria-label="审核意见"
          />
          <div className={s.row}>
            <Button appearance="primary" disabled={busy} onClick={() => decide('accept')} data-testid="review-accept">
              审核通过
            </Button>
            <Button disabled={busy || parseReasons(reasons).length === 0} onClick={() => decide('return')} data-testid="review-return">
              退回修改
            </Button>
          </div>
        </>
      )}
      {canReview && !canDecide && <Text className={s.muted}>当前状态不可审核。</Text>}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
