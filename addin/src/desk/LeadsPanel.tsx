// 疑似漏报 at the desk: persons on the county's rosters (社保参保 / 工资统发 / 派遣) under a unit's credit
// code who are in neither its ledger nor the on-staff roster, grouped by unit, with their sources; one
// click turns a unit's open leads into a verification record. The office also sees 范围遗漏 (credit
// codes of no campaign unit).
import { useState } from 'react';
import { Badge, Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { LeadsResponse } from '../../../shared/api/chain';
import { ROSTER_SOURCE_LABEL } from '../../../shared/rosters/external';
import { todayInChina } from '../../../shared/dates';
import type { ApiClient } from '../api/client';
import { useAsync } from '../ui/hooks';
import { MUTED, PANEL } from './panelStyles';

const useStyles = makeStyles({
  root: PANEL,
  unit: { display: 'flex', flexDirection: 'column', gap: '2px', paddingTop: '4px', borderTop: `1px solid ${tokens.colorNeutralStroke3}` },
  head: { display: 'flex', gap: '8px', alignItems: 'center', justifyContent: 'space-between' },
  lead: { fontSize: tokens.fontSizeBase200, display: 'flex', gap: '6px', flexWrap: 'wrap' },
  muted: MUTED,
});

const SHOWN_PER_UNIT = 20;

export function LeadsPanel({
  api,
  campaignId,
  unitNames,
  onlyUnit,
}: {
  api: ApiClient;
  campaignId: string;
  unitNames: Map<string, string>;
  onlyUnit?: string | null;
}) {
  const s = useStyles();
  const leads = useAsync<LeadsResponse>(() => api.call('leads', { campaignId }), [campaignId]);
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  if (leads.loading && !leads.data) return <Spinner size="tiny" label="正在比对名单…" />;
  if (leads.error) return <Text className={s.muted}>疑似漏报读取失败：{leads.error.message}</Text>;
  const data = leads.data;
  if (!data) return null;
  const loaded = Object.values(data.rosters).filter(Boolean).length;
  const byUnit = new Map<string, LeadsResponse['leads']>();
  for (const l of data.leads) if (!onlyUnit || l.unitId === onlyUnit) byUnit.set(l.unitId, [...(byUnit.get(l.unitId) ?? []), l]);

  const verify = async (unitId: string) => {
    const open = (byUnit.get(unitId) ?? []).filter((l) => !l.verificationId);
    setBusy(unitId);
    setNote(null);
    try {
      const v = await api.call(
        'verifyLeads',
        { campaignId },
        { body: { unitId, idNumbers: open.map((l) => l.idNumber), kind: 'onsite', at: todayInChina() } },
      );
      setNote({ intent: 'success', text: `已为${unitNames.get(unitId) ?? unitId}生成核查记录，漏报 ${v.underReports.length} 人。` });
      leads.reload();
    } catch (e) {
      setNote({ intent: 'error', text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={s.root} data-testid="leads-panel">
      <Text weight="semibold">
        疑似漏报（已载入 {loaded} 份名单）：{[...byUnit.values()].reduce((n, l) => n + l.length, 0)} 人
      </Text>
      {loaded === 0 && <Text className={s.muted}>尚未载入社保参保、工资统发或派遣人员名单。</Text>}
      {[...byUnit].map(([unitId, list]) => {
        const open = list.filter((l) => !l.verificationId).length;
        return (
          <div key={unitId} className={s.unit} data-unit={unitId}>
            <div className={s.head}>
              <Text size={200} weight="semibold">
                {unitNames.get(unitId) ?? unitId}：{list.length} 人
              </Text>
              <Button size="small" disabled={open === 0 || busy !== null} onClick={() => verify(unitId)} data-testid="lead-verify">
                {open === 0 ? '已转核查' : busy === unitId ? '正在生成…' : `转为核查记录（${open} 人）`}
              </Button>
            </div>
            {list.slice(0, SHOWN_PER_UNIT).map((l) => (
              <div key={l.idNumber} className={s.lead}>
                <span>{l.name}</span>
                <span className={s.muted}>{l.idNumber}</span>
                {l.sources.map((src) => (
                  <Badge key={src} size="small" appearance="tint">
                    {ROSTER_SOURCE_LABEL[src]}
                  </Badge>
                ))}
                {l.verificationId && (
                  <Badge size="small" color="success" appearance="tint">
                    已核查
                  </Badge>
                )}
              </div>
            ))}
            {list.length > SHOWN_PER_UNIT && (
              <Text className={s.muted}>另有 {list.length - SHOWN_PER_UNIT} 人，见汇总工作簿“疑似漏报”表。</Text>
            )}
          </div>
        );
      })}
      {!onlyUnit && data.outOfScope.length > 0 && (
        <div className={s.unit} data-testid="out-of-scope">
          <Text size={200} weight="semibold">
            范围遗漏：{data.outOfScope.length} 个统一社会信用代码不属于本次清理的任何单位
          </Text>
          {data.outOfScope.slice(0, SHOWN_PER_UNIT).map((o) => (
            <div key={o.creditCode} className={s.lead}>
              <span>{o.creditCode}</span>
              <span>
                {o.persons} 人（{o.sampleNames.join('、')}
                {o.persons > o.sampleNames.length ? '等' : ''}）
              </span>
            </div>
          ))}
        </div>
      )}
      {note && (
        <MessageBar intent={note.intent}>
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
