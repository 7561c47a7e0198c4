// The app shell shared by the task pane and the 网页版: sign-in, then the screen for the user's role
// (chosen in roles.ts only). The liaison's ledger screen is host-specific and passed in; the Excel
// task pane's is ExcelLiaisonPane below.
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Button, MessageBar, MessageBarBody, Spinner, Tab, TabList, Text, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import type { UnitView } from '../../../shared/api/contract';
import { ROLE_LABEL } from '../labels';
import { config } from '../config';
import { ApiClient } from '../api/client';
import type { SignedIn } from '../api/auth';
import { choosePane, type PaneChoice } from '../roles';
import { DeskPane } from '../desk/DeskPane';
import type { DeskHost, SpreadsheetHost } from '../host/types';
import { insertStandardTemplate, useAsync, useLiveSession, type AsyncState } from './hooks';
import { IssuesPanel, SeverityCounts } from './IssuesPanel';
import { SignIn } from './SignIn';
import { SignOffPanel } from './SignOffPanel';
import { ReturnedReasons, StatusPanel } from './StatusPanel';
import { SubmitPanel } from './SubmitPanel';
import { TemplateBanner } from './TemplateBanner';
import { ReviewNotesPanel } from './ReviewNotesPanel';

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

export interface LiaisonScreenProps {
  api: ApiClient;
  unitId: string;
  unit: AsyncState<UnitView>;
}

export interface AppProps {
  /** The liaison's ledger screen (the live pane in a spreadsheet, the file check in a browser). */
  liaison: (p: LiaisonScreenProps) => ReactNode;
  /** Desk actions inside the spreadsheet; without them the desk offers downloads. */
  desk?: DeskHost;
  /** data-testid of the sign-in button (the 网页版's contract names it `sign-in`). */
  signInTestIds?: { root: string; button: string };
  /** Extra classes of the body (the 网页版 is wider). */
  bodyClassName?: string;
}

export function App({ liaison, desk, signInTestIds, bodyClassName }: AppProps) {
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
            <Button size="small" appearance="subtle" onClick={signOut} data-testid="sign-out">
              退出
            </Button>
          </Tooltip>
        )}
      </div>
      <div className={bodyClassName ? `${s.body} ${bodyClassName}` : s.body}>
        {!signedIn ? (
          <SignIn api={api} onSignedIn={onSignedIn} testIds={signInTestIds} />
        ) : me.error ? (
          <MessageBar intent="error">
            <MessageBarBody>
              {me.error.message}{' '}
              <Button size="small" onClick={signOut}>
                重新登录
              </Button>
            </MessageBarBody>
          </MessageBar>
        ) : !choice ? (
          <Spinner size="small" label="正在读取身份…" />
        ) : choice.kind === 'desk' ? (
          <DeskPane api={api} campaignId={config.campaignId} desk={desk} />
        ) : choice.kind === 'liaison' ? (
          <LiaisonScreen api={api} unitId={choice.unitId!} render={liaison} />
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

function LiaisonScreen({ api, unitId, render }: { api: ApiClient; unitId: string; render: AppProps['liaison'] }) {
  const unit = useUnit(api, unitId);
  return <>{render({ api, unitId, unit })}</>;
}

/** The Excel (or WPS) task pane's liaison screen: live check, submit and status in tabs. */
export function SpreadsheetLiaisonPane({ api, unitId, unit, host }: LiaisonScreenProps & { host: SpreadsheetHost }) {
  const s = useStyles();
  const { session, snap, result } = useLiveSession(host);
  const [tab, setTab] = useState<'check' | 'submit' | 'status'>('check');
  return (
    <>
      {unit.data && <ReturnedReasons unit={unit.data} />}
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as typeof tab)} size="small">
        <Tab value="check" data-testid="tab-check">
          校验
        </Tab>
        <Tab value="submit" data-testid="tab-submit">
          报送
        </Tab>
        <Tab value="status" data-testid="tab-status">
          进度
        </Tab>
      </TabList>
      {snap.error && (
        <MessageBar intent="error" data-testid="live-error">
          <MessageBarBody>{snap.error}</MessageBarBody>
        </MessageBar>
      )}
      {tab === 'check' && (
        <>
          <TemplateBanner snap={snap} onInsert={() => insertStandardTemplate(session, host)} />
          {snap.phase === 'starting' && <Spinner size="small" label="正在校验台账…" />}
          {unit.data && <ReviewNotesPanel unit={unit.data} session={session} revision={result ? snap.revision + 1 : 0} />}
          {result && (
            <>
              <div className={s.row}>
                <SeverityCounts result={result} />
                <Button
                  size="small"
                  appearance="subtle"
                  onClick={() => void session.recheck().catch(() => undefined)}
                  data-testid="recheck"
                >
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
          {unit.data?.latest && (
            <SignOffPanel api={api} campaignId={config.campaignId} unit={unit.data} canSign={false} onChanged={unit.reload} />
          )}
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
