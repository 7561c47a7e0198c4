// 双随机 at the desk (office): draw N units for on-site checks from a seed agreed beforehand; the pane
// shows the drawn units and, for each, why it weighed what it did. Every draw is in the audit trail.
import { useState } from 'react';
import { Button, Input, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { SamplingResult } from '../../../shared/api/chain';
import type { ApiClient } from '../api/client';
import { MUTED, PANEL } from './panelStyles';

const useStyles = makeStyles({
  root: PANEL,
  row: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  unit: { fontSize: tokens.fontSizeBase200, paddingTop: '4px', borderTop: `1px solid ${tokens.colorNeutralStroke3}` },
  reasons: { margin: 0, paddingLeft: '18px', color: tokens.colorNeutralForeground3 },
  muted: MUTED,
});

export function DrawPanel({ api, campaignId }: { api: ApiClient; campaignId: string }) {
  const s = useStyles();
  const [count, setCount] = useState('5');
  const [seed, setSeed] = useState('');
  const [draw, setDraw] = useState<SamplingResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setDraw(await api.call('sampling', { campaignId }, { body: { count: Number(count), seed } }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const byId = new Map(draw?.candidates.map((c) => [c.unitId, c]) ?? []);
  const total = draw?.candidates.reduce((a, c) => a + c.weight, 0) ?? 0;
  return (
    <div className={s.root} data-testid="draw-panel">
      <Text weight="semibold">双随机抽查</Text>
      <div className={s.row}>
        <Input
          size="small"
          type="number"
          min={1}
          value={count}
          onChange={(_, d) => setCount(d.value)}
          aria-label="抽取单位数"
          style={{ width: '72px' }}
        />
        <Input
          size="small"
          value={seed}
          onChange={(_, d) => setSeed(d.value)}
          placeholder="随机种子（事先公布，如日期+彩票号码）"
          aria-label="随机种子"
          data-testid="draw-seed"
        />
        <Button
          size="small"
          appearance="primary"
          disabled={busy || !seed.trim() || !(Number(count) >= 1)}
          onClick={run}
          data-testid="draw-run"
        >
          抽取
        </Button>
      </div>
      {draw && (
        <>
          <Text size={200} data-testid="draw-result">
            第 {draw.drawId.slice(0, 8)} 次抽取（种子“{draw.seed}”）：{draw.units.length}{' '}
            个单位，已记入审计日志。同一种子、同一数据可复现同一结果。
          </Text>
          {draw.units.map((id, i) => {
            const c = byId.get(id)!;
            return (
              <div key={id} className={s.unit} data-unit={id}>
                <Text size={200} weight="semibold">
                  {i + 1}. {c.name} · 权重 {c.weight}（占全部 {((c.weight / total) * 100).toFixed(1)}%）
                </Text>
                <ul className={s.reasons}>
                  {c.reasons
                    .filter((r) => r.points > 0)
                    .map((r) => (
                      <li key={r.factor}>
                        +{r.points}：{r.text}
                      </li>
                    ))}
                </ul>
              </div>
            );
          })}
          <Text className={s.muted}>{draw.method}</Text>
        </>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
