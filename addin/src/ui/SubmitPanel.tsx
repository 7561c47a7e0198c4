// 一键报送: blocked (with the reason) while errors exist; a confirmation with the findings summary;
// the ledger is posted with an Idempotency-Key derived from its content and the server's latest version,
// so retrying after a network failure returns the same receipt instead of creating a second version.
import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CheckResult } from '../../../shared/ledger/schema';
import { XLSX_CONTENT_TYPE, type SubmitResult } from '../../../shared/api/contract';
import { ApiError, IDEMPOTENCY_HEADER, submissionKey, type ApiClient, type CallOptions } from '../api/client';
import type { LedgerSession, SubmissionBody } from '../host/types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  receipt: {
    border: `1px solid ${tokens.colorPaletteGreenBorder2}`,
    background: tokens.colorPaletteGreenBackground1,
    borderRadius: tokens.borderRadiusMedium,
    padding: '10px 12px',
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: '10px',
    rowGap: '4px',
  },
  digest: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  dl: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: '12px', rowGap: '4px', margin: '8px 0' },
});

export function formatDigest(d: string): string {
  return d.match(/.{1,8}/g)?.join(' ') ?? d;
}

interface Pending {
  body: SubmissionBody;
  key: string;
  summary: CheckResult['summary'];
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'preparing' }
  | { kind: 'confirm'; pending: Pending }
  | { kind: 'sending'; pending: Pending }
  | { kind: 'failed'; pending: Pending | null; message: string; retryable: boolean }
  | { kind: 'done'; receipt: SubmitResult; replayed: boolean };

export function SubmitPanel(props: {
  session: LedgerSession;
  result: CheckResult | null;
  api: ApiClient;
  campaignId: string;
  unitId: string;
  onSubmitted: (r: SubmitResult) => void;
  /** data-testid of the dialog's confirm button (the 网页版's contract names it `confirm-submit`). */
  confirmTestId?: string;
}) {
  const s = useStyles();
  const { session, result, api, campaignId, unitId } = props;
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const errors = result?.summary.errors ?? 0;

  const prepare = async () => {
    setPhase({ kind: 'preparing' });
    try {
      await session.recheck(); // what is sent is exactly what the workbook holds now
    } catch (e) {
      setPhase({ kind: 'failed', pending: null, message: session.describeError(e), retryable: false });
      return;
    }
    const fresh = session.result();
    if (!fresh || fresh.summary.errors > 0) {
      setPhase({
        kind: 'failed',
        pending: null,
        message: `重新校验发现 ${fresh?.summary.errors ?? 0} 处错误，请改正后再报送。`,
        retryable: false,
      });
      return;
    }
    let latestVersion: number;
    try {
      latestVersion = (await api.call('getUnit', { campaignId, unitId })).latest?.version ?? 0;
    } catch (e) {
      const message =
        e instanceof ApiError && e.code === 'NETWORK' ? '无法连接服务器，请检查网络后再报送。' : e instanceof Error ? e.message : String(e);
      setPhase({ kind: 'failed', pending: null, message, retryable: true });
      return;
    }
    const { body, digest } = await session.submission();
    const key = submissionKey(campaignId, unitId, digest, latestVersion);
    setPhase({ kind: 'confirm', pending: { body, key, summary: fresh.summary } });
  };

  const send = async (pending: Pending) => {
    setPhase({ kind: 'sending', pending });
    try {
      const headers = { [IDEMPOTENCY_HEADER]: pending.key };
      const opts: CallOptions<'submit'> =
        pending.body.kind === 'ledger'
          ? { body: { ledger: pending.body.ledger }, headers }
          : { raw: { data: new Blob([pending.body.bytes as Uint8Array<ArrayBuffer>]), contentType: XLSX_CONTENT_TYPE }, headers };
      const receipt = await api.call('submit', { campaignId, unitId }, opts);
      setPhase({ kind: 'done', receipt, replayed: false });
      props.onSubmitted(receipt);
    } catch (e) {
      if (e instanceof ApiError) {
        const message =
          e.code === 'NETWORK'
            ? '网络中断或服务器未响应，报送结果未知。可放心点击“重试”：同一内容重复报送不会产生第二个版本。'
            : e.code === 'LEDGER_INVALID'
              ? `服务器校验发现错误：${e.message}`
              : e.code === 'SUBMISSION_LOCKED'
                ? '本单位台账已通过审核，如需修改请联系领导小组办公室重新打开。'
                : e.code === 'IDEMPOTENCY_KEY_REUSED'
                  ? '报送冲突，请重新校验后再报送。'
                  : e.message;
        setPhase({ kind: 'failed', pending, message, retryable: e.retryable });
      } else {
        setPhase({ kind: 'failed', pending, message: String(e), retryable: true });
      }
    }
  };

  const busy = phase.kind === 'preparing' || phase.kind === 'sending';
  return (
    <div className={s.root} data-testid="submit-panel">
      {errors > 0 ? (
        <MessageBar intent="error" data-testid="submit-blocked">
          <MessageBarBody>
            <MessageBarTitle>暂不能报送</MessageBarTitle>
            台账中还有 {errors} 处错误（红色标记），改正后即可报送。提醒和问题发现不影响报送。
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Button appearance="primary" size="large" disabled={errors > 0 || busy || !result} onClick={prepare} data-testid="submit">
        一键报送
      </Button>
      {busy && (
        <div data-testid="submit-progress">
          <ProgressBar />
          <Text size={200}>{phase.kind === 'preparing' ? '正在读取并校验台账…' : '正在报送，请稍候…'}</Text>
        </div>
      )}
      {phase.kind === 'failed' && (
        <MessageBar intent="error" layout="multiline" data-testid="submit-failed">
          <MessageBarBody>
            <MessageBarTitle>报送未完成</MessageBarTitle>
            {phase.message}
          </MessageBarBody>
          {phase.pending && (
            <MessageBarActions>
              <Button onClick={() => send(phase.pending!)} data-testid="submit-retry">
                重试
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {phase.kind === 'done' && (
        <div className={s.receipt} data-testid="receipt" role="status">
          <Text weight="semibold" style={{ gridColumn: '1 / 3' }}>
            报送成功
          </Text>
          <Text>回执号</Text>
          <Text weight="semibold" data-testid="receipt-no">
            {phase.receipt.receiptNo}
          </Text>
          <Text>版本</Text>
          <Text data-testid="receipt-version">第 {phase.receipt.version} 版</Text>
          <Text>人数</Text>
          <Text>
            {phase.receipt.summary.rows} 人，问题发现 {phase.receipt.summary.findings} 条
          </Text>
          <Text>摘要</Text>
          <Text className={s.digest} data-testid="receipt-digest">
            {formatDigest(phase.receipt.digest)}
          </Text>
          <Text size={200} style={{ gridColumn: '1 / 3' }}>
            下一步：请单位主要负责人在台账通中核对并签字，再打印签字盖章页加盖公章后上传扫描件。
          </Text>
        </div>
      )}
      <Dialog open={phase.kind === 'confirm'} onOpenChange={(_, d) => !d.open && setPhase({ kind: 'idle' })}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>确认报送</DialogTitle>
            <DialogContent>
              {phase.kind === 'confirm' && (
                <>
                  <div className={s.dl}>
                    <Text>编外人员</Text>
                    <Text weight="semibold">{phase.pending.summary.rows} 人</Text>
                    <Text>提醒</Text>
                    <Text>{phase.pending.summary.warnings} 条</Text>
                    <Text>问题发现</Text>
                    <Text>{phase.pending.summary.findings} 条</Text>
                  </div>
                  <Text block>问题发现是清理工作需要掌握的情况，如实报送即可，不影响报送。报送后由单位主要负责人签字确认。</Text>
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setPhase({ kind: 'idle' })}>
                取消
              </Button>
              <Button
                appearance="primary"
                onClick={() => phase.kind === 'confirm' && send(phase.pending)}
                data-testid={props.confirmTestId ?? 'submit-confirm'}
              >
                确认报送
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
