// Sign-in: SSO when configured (with the dialog fallback; outside Office the popup sign-in, started
// from a click since browsers block popups otherwise), else / additionally the dev picker.
import { useEffect, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Text, makeStyles } from '@fluentui/react-components';
import type { DevUser } from '../../../shared/api/contract';
import { ROLE_LABEL } from '../labels';
import { config } from '../config';
import { demoUsers, devSignIn, inOffice, signInWithSso, SignInError, type SignedIn } from '../api/auth';
import { popupSignIn } from '../api/popupSignIn';
import type { ApiClient } from '../api/client';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '12px', padding: '4px 0' } });

export function SignIn({
  api,
  onSignedIn,
  testIds = { root: 'sign-in', button: 'dev-sign-in' },
}: {
  api: ApiClient;
  onSignedIn: (s: SignedIn) => void;
  testIds?: { root: string; button: string };
}) {
  const s = useStyles();
  const [users, setUsers] = useState<DevUser[] | null>(null);
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(false);
  // Not in Office with an organisation sign-in page configured: the page opens in a popup on a click.
  const viaPopup = config.ssoEnabled && !!config.fallbackSignInUrl && !inOffice();

  useEffect(() => {
    if (!config.ssoEnabled || viaPopup) return;
    setBusy(true);
    signInWithSso()
      .then(onSignedIn)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  }, [onSignedIn, viaPopup]);

  useEffect(() => {
    if (config.devSignIn)
      void demoUsers(api).then((list) => {
        setUsers(list);
        if (list[0]) setUserId(list[0].userId);
      });
  }, [api]);

  const signIn = async () => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await devSignIn(api, userId.trim()));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const orgSignIn = () => {
    setError(null);
    setBlocked(false);
    if (!viaPopup) return void signInWithSso().then(onSignedIn, (e: Error) => setError(e.message));
    setBusy(true);
    popupSignIn(config.fallbackSignInUrl)
      .then(onSignedIn, (e: Error) => {
        setBlocked(e instanceof SignInError && e.code === 'POPUP_BLOCKED');
        setError(e.message);
      })
      .finally(() => setBusy(false));
  };

  return (
    <div className={s.root} data-testid={testIds.root}>
      <Text size={500} weight="semibold">
        登录台账通
      </Text>
      {busy && <Spinner size="small" label="正在登录…" />}
      {config.devSignIn && (
        <>
          <Text size={200}>开发模式：选择一个演示用户登录。</Text>
          {users && users.length > 0 ? (
            <Field label="演示用户">
              <Select value={userId} onChange={(_, d) => setUserId(d.value)} data-testid="dev-user">
                {users.map((u) => (
                  <option key={`${u.userId}|${u.role}|${u.unitId ?? ''}`} value={u.userId}>
                    {u.name}（{ROLE_LABEL[u.role]}
                    {u.unitName ? ` · ${u.unitName}` : ''}）
                  </option>
                ))}
              </Select>
            </Field>
          ) : (
            <Field label="用户标识" hint="演示数据中的用户标识，例如 liaison 用户。">
              <Input value={userId} onChange={(_, d) => setUserId(d.value)} data-testid="dev-user-id" />
            </Field>
          )}
          <Button appearance="primary" onClick={signIn} disabled={busy || !userId.trim()} data-testid={testIds.button}>
            登录
          </Button>
        </>
      )}
      {config.ssoEnabled && !busy && (
        <Button appearance={viaPopup && !config.devSignIn ? 'primary' : 'secondary'} onClick={orgSignIn} data-testid="org-sign-in">
          {blocked ? '重新打开登录窗口' : '使用单位账户登录'}
        </Button>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
