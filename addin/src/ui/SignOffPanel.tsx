// The head's sign-off: the submitted version's summary (rows, findings by rule, digest), signing it
// (posting the digest), the printable sign-off sheet and the seal scan upload.
import { useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { SubmissionView, UnitView } from '../../../shared/api/contract';
import { RULES, type RuleCode } from '../../../shared/rules/catalogue';
import { ApiError, type ApiClient } from '../api/client';
import { useAsync } from './hooks';
import { formatDigest } from './SubmitPanel';
import { SealUpload } from './SealUpload';
import { RuleExplain } from './IssuesPanel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px' },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '10px 12px',
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
  },
  dl: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: '12px', rowGap: '4px' },
  digest: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  rule: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '6px' },
});

export function SignOffPanel(props: { api: ApiClient; campaignId: string; unit: UnitView; canSign: boolean; onChanged: () => void }) {
  const s = useStyles();
  const { api, campaignId, unit } = props;
  const latest = unit.latest;
  const sub = useAsync<SubmissionView | null>(
    () => (latest ? api.call('getSubmission', { campaignId, unitId: unit.unitId, version: latest.version }) : Promise.resolve(null)),
    [latest?.version, latest?.digest, latest?.signOff?.at, latest?.seal?.at],
  );
  const [agreed, setAgreed] = useState(false);
  const [signing, setSigning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const findingsByRule = useMemo(() => {
    const m = new Map<RuleCode, number>();
    for (const i of sub.data?.issues ?? []) if (i.severity === 'finding') m.set(i.code, (m.get(i.code) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1]);
  }, [sub.data]);

  if (!latest) return <Text data-testid="nothing-to-sign">本单位尚未报送台账，联络员报送后即可在此签字确认。</Text>;
  if (sub.loading && !sub.data) return <Spinner size="small" label="正在读取报送内容…" />;
  if (sub.error)
    return (
      <MessageBar intent="error">
        <MessageBarBody>{sub.error.message}</MessageBarBody>
      </MessageBar>
    );
  const view = sub.data!;

  const sign = async () => {
    setSigning(true);
    setError(null);
    try {
      await api.call('signOff', { campaignId, unitId: unit.unitId, version: view.version }, { body: { digest: view.digest } });
      props.onChanged();
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === 'VERSION_SUPERSEDED'
          ? '联络员已报送新的版本，请刷新后核对新版本再签字。'
          : e instanceof ApiError && e.code === 'DIGEST_MISMATCH'
            ? '台账内容与签字时核对的不一致，请刷新后重新核对。'
            : e instanceof Error
              ? e.message
              : String(e),
      );
    } finally {
      setSigning(false);
    }
  };

  const openSheet = async () => {
    setError(null);
    try {
      const html = await api.text('signOffSheet', { campaignId, unitId: unit.unitId, version: view.version });
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      const w = window.open(url, '_blank');
      if (!w) {
        const a = document.createElement('a');
        a.href = url;
        a.download = `签字盖章页-${unit.name}-第${view.version}版.html`;
        a.click();
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className={s.root} data-testid="signoff-panel">
      <div className={s.card}>
        <Text weight="semibold">
          {view.signOff ? '已签字的台账' : '待签字的台账'}：第 {view.version} 版
        </Text>
        <div className={s.dl}>
          <Text>回执号</Text>
          <Text>{view.receiptNo}</Text>
          <Text>报送时间</Text>
          <Text>{new Date(view.submittedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</Text>
          <Text>编外人员</Text>
          <Text weight="semibold" data-testid="signoff-rows">
            {view.summary.rows} 人
          </Text>
          <Text>提醒</Text>
          <Text>{view.summary.warnings} 条</Text>
          <Text>问题发现</Text>
          <Text>{view.summary.findings} 条</Text>
          <Text>摘要</Text>
          <Text className={s.digest} data-testid="signoff-digest">
            {formatDigest(view.digest)}
          </Text>
        </div>
        {findingsByRule.length > 0 && (
          <>
            <Text weight="semibold">问题发现（按类别）</Text>
            {findingsByRule.map(([code, n]) => (
              <div key={code} className={s.rule} data-finding-rule={code}>
                <Text>{RULES[code].title}</Text>
                <span>
                  <Text weight="semibold">{n}</Text>
                  <RuleExplain code={code} />
                </span>
              </div>
            ))}
          </>
        )}
      </div>
      {view.signOff ? (
        <MessageBar intent="success" layout="multiline" data-testid="signed">
          <MessageBarBody>
            <MessageBarTitle>已签字</MessageBarTitle>
            {view.signOff.name} 于 {new Date(view.signOff.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} 签字确认。
          </MessageBarBody>
        </MessageBar>
      ) : props.canSign ? (
        <>
          <Checkbox
            checked={agreed}
            onChange={(_, d) => setAgreed(!!d.checked)}
            data-testid="signoff-agree"
            label="本人已审阅上述台账，确认所填人员真实、完整，无漏报、瞒报。"
          />
          <Button appearance="primary" disabled={!agreed || signing} onClick={sign} data-testid="signoff">
            {signing ? '正在签字…' : '签字确认'}
          </Button>
        </>
      ) : (
        <Text>等待单位主要负责人签字确认。</Text>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Button onClick={openSheet} data-testid="signoff-sheet">
        打开签字盖章页（打印）
      </Button>
      {view.signOff && (
        <SealUpload
          api={api}
          campaignId={campaignId}
          unitId={unit.unitId}
          version={view.version}
          seal={view.seal}
          onDone={props.onChanged}
        />
      )}
    </div>
  );
}
