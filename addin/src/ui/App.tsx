// The task pane: sign-in, then the pane for the user's role (chosen in roles.ts only).
import { useCallback, useMemo, useState } from 'react';
import {
  Button, MessageBar, MessageBarBody, Spinner, Tab, TabList, Text, Tooltip, makeStyles, tokens,
} from '@fluentui/react-components';
import type { UnitView } from '../../../shared/api/contract';
import { ROLE_LABEL } from '../labels';
import { config } from '../config';
import { ApiClient } from '../api/client';
import type { SignedIn } from '../api/auth';
import { choosePane, type PaneChoice } from '../roles';
import { DeskPane } from '../desk/DeskPane';
import { insertStandardTemplate, useAsync, useLiveSession } from './hooks';
import { IssuesPanel, SeverityCounts } from './IssuesPanel';
import { SignIn } from './SignIn';
import { SignOffPanel } from './SignOffPanel';
import { ReturnedReasons, StatusPanel } from './StatusPanel';
import { SubmitPanel } from './SubmitPanel';
import { TemplateBanner } from './TemplateBanner';

const useStyles = makeStyles({
  app: { display: 'flex', flexDirection: 'column', minHeight: '100vh', background: tokens.colorNeutralBackground1 },
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: '8px',
    padding: '8px 12px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, flexGrow: 1 },
  who: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  body: { padding: '10px 12px', display: 'flex', flexDirection: 'column', gap: '10px' },
  row: { display: 'flex', alignItems: 'center', gap: '8px', justifyContent: 'space-between' },
});

const TOKEN_KEY = 'taizhang.signin';

export function App() {
  const s = useStyles();
  const [signedIn, setSignedIn] = useState<SignedIn | null>(() => {
    const saved = sessionStorage.getItem(TOKEN_KEY);
    return saved ? (JSON.parse(saved) as SignedIn) : null;
  });
  const api = useMemo(() => new ApiClient(config.apiBase, () => signedIn?.token ?? null), [signedIn]);
  const onSignedIn = useCallback((x: SignedIn) => {
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify(x));
    setSignedIn(x);
  }, []);
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setSignedIn(null);
  };
  const me = useAsync(() => (signedIn ? api.call('getMe', { campaignId: config.campaignId }) : Promise.resolve(null)), [signedIn, api]);
  const choice: PaneChoice | null = me.data ? choosePane(me.data) : null;

  return (
    <div className={s.app}>
      <div className={s.bar}>
        <span className={s.brand}>台账通</span>
        {me.data && choice && (
          <span className={s.who} data-testid="who">
            {me.data.name}
            {choice.role && ROLE_LABEL[choice.role] !== me.data.name ? ` · ${ROLE_LABEL[choice.role]}` : ''}
          </span>
        )}
        {signedIn && (
          <Tooltip content="退出登录" relationship="label">
            <Button size="small" appearance="subtle" onClick={signOut} data-testid="sign-out">退出</Button>
          </Tooltip>
        )}
      </div>
      <div className={s.body}>
        {!signedIn ? (
          <SignIn api={api} onSignedIn={onSignedIn} />
        ) : me.error ? (
          <MessageBar intent="error">
            <MessageBarBody>
              {me.error.message} <Button size="small" onClick={signOut}>重新登录</Button>
            </MessageBarBody>
          </MessageBar>
        ) : !choice ? (
          <Spinner size="small" label="正在读取身份…" />
        ) : choice.kind === 'desk' ? (
          <DeskPane api={api} campaignId={config.campaignId} />
        ) : choice.kind === 'liaison' ? (
          <LiaisonPane api={api} unitId={choice.unitId!} />
        ) : choice.kind === 'head' || choice.kind === 'viewer' ? (
          <HeadPane api={api} unitId={choice.unitId!} canSign={choice.kind === 'head'} />
        ) : (
          <Text>您不是本次清理工作的成员，请联系领导小组办公室。</Text>
        )}
      </div>
    </div>
  );
}

function useUnit(api: ApiClient, unitId: string) {
  return useAsync<UnitView>(() => api.call('getUnit', { campaignId: config.campaignId, unitId }), [api, unitId]);
}

function LiaisonPane({ api, unitId }: { api: ApiClient; unitId: string }) {
  const s = useStyles();
  const { session, snap, result } = useLiveSession();
  const unit = useUnit(api, unitId);
  const [tab, setTab] = useState<'check' | 'submit' | 'status'>('check');
  return (
    <>
      {unit.data && <ReturnedReasons unit={unit.data} />}
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as typeof tab)} size="small">
        <Tab value="check" data-testid="tab-check">校验</Tab>
        <Tab value="submit" data-testid="tab-submit">报送</Tab>
        <Tab value="status" data-testid="tab-status">进度</Tab>
      </TabList>
      {snap.error && (
        <MessageBar intent="error" data-testid="live-error">
          <MessageBarBody>{snap.error}</MessageBarBody>
        </MessageBar>
      )}
      {tab === 'check' && (
        <>
          <TemplateBanner snap={snap} onInsert={() => insertStandardTemplate(session)} />
          {snap.phase === 'starting' && <Spinner size="small" label="正在校验台账…" />}
          {result && (
            <>
              <div className={s.row}>
                <SeverityCounts result={result} />
                <Button size="small" appearance="subtle" onClick={() => void session.recheck().catch(() => undefined)} data-testid="recheck">
                  {snap.busy ? '校验中…' : '重新校验'}
                </Button>
              </div>
              <IssuesPanel result={result} onSelect={(i) => void session.select(i)} />
            </>
          )}
        </>
      )}
      {tab === 'submit' && (
        <SubmitPanel session={session} result={result} api={api} campaignId={config.campaignId} unitId={unitId} onSubmitted={unit.reload} />
      )}
      {tab === 'status' && (
        <>
          <StatusPanel unit={unit.data} loading={unit.loading} />
          {unit.data?.latest && <SignOffPanel api={api} campaignId={config.campaignId} unit={unit.data} canSign={false} onChanged={unit.reload} />}
        </>
      )}
    </>
  );
}

function HeadPane({ api, unitId, canSign }: { api: ApiClient; unitId: string; canSign: boolean }) {
  const unit = useUnit(api, unitId);
  return (
    <>
      <StatusPanel unit={unit.data} loading={unit.loading} />
      {unit.error && (
        <MessageBar intent="error">
          <MessageBarBody>{unit.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {unit.data && <SignOffPanel api={api} campaignId={config.campaignId} unit={unit.data} canSign={canSign} onChanged={unit.reload} />}
    </>
  );
}
