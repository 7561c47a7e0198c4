// The 网页版's liaison screen: choose the ledger file, see it checked (in the worker) with the pane's
// counts and issue list, download the annotated copy, submit the file, and follow status, deadlines
// and the head's sign-off. One page, no tabs: everything a liaison needs is visible at once.
import { startTransition, useEffect, useMemo, useState } from 'react';
import {
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { config } from '../config';
import type { LiaisonScreenProps } from '../ui/App';
import type { CheckResult } from '../../../shared/ledger/schema';
import { IssuesPanel, SeverityCounts } from '../ui/IssuesPanel';
import { SignOffPanel } from '../ui/SignOffPanel';
import { ReturnedReasons, StatusPanel } from '../ui/StatusPanel';
import { SubmitPanel } from '../ui/SubmitPanel';
import { TemplateBanner } from '../ui/TemplateBanner';
import type { CheckWorker } from './checkWorker';
import { saveBytes, XLSX_TYPE } from './download';
import { FileSession, type FileSnapshot } from './fileSession';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(280px, 2fr)',
    gap: '16px',
    alignItems: 'start',
    '@media (max-width: 760px)': { gridTemplateColumns: '1fr' },
  },
  col: { display: 'flex', flexDirection: 'column', gap: '12px' },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '12px 14px',
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    background: tokens.colorNeutralBackground1,
  },
  row: { display: 'flex', alignItems: 'center', gap: '10px', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** Annotated copy's file name: the chosen one with 标注版 before the extension. */
export function annotatedName(name: string): string {
  const base = name.replace(/\.[^.]*$/, '');
  return `${base}（标注版）.xlsx`;
}

/**
 * The session's snapshot, re-rendered in a transition: React slices the render of a large result into
 * short tasks, so the page never stalls (the target is no main-thread task over 100 ms).
 */
function useSlicedSnapshot(session: FileSession): FileSnapshot {
  const [snap, setSnap] = useState(session.snapshot());
  useEffect(() => session.subscribe(() => startTransition(() => setSnap(session.snapshot()))), [session]);
  return snap;
}

/** A result with one issue of each severity, rendered hidden once so Fluent inserts its styles before the first real result. */
const WARM_UP: CheckResult = {
  ok: false,
  summary: { rows: 1, errors: 1, warnings: 1, findings: 1 },
  issues: (['error', 'warning', 'finding'] as const).map((severity, k) => ({
    sheet: null,
    row: null,
    column: null,
    cell: `A${k + 1}`,
    code: 'ID_CHECKSUM' as const,
    severity,
    message: '',
  })),
};

function WarmUp() {
  const [on, setOn] = useState(true);
  useEffect(() => {
    const t = setTimeout(() => startTransition(() => setOn(false)), 2000);
    return () => clearTimeout(t);
  }, []);
  return on ? (
    <div hidden aria-hidden>
      <IssuesPanel result={WARM_UP} />
      <ProgressBar value={0.5} thickness="large" />
      <MessageBar intent="error">
        <MessageBarBody>.</MessageBarBody>
      </MessageBar>
    </div>
  ) : null;
}

export function WebLiaison({ api, unitId, unit, worker }: LiaisonScreenProps & { worker: CheckWorker }) {
  const s = useStyles();
  const session = useMemo(() => new FileSession(worker), [worker]);
  const file = useSlicedSnapshot(session);
  // FileSession keeps the result of the last check, so this is stable until the next one.
  const result = session.result();
  const [annotating, setAnnotating] = useState(false);
  const [annotateError, setAnnotateError] = useState<string | null>(null);

  const download = async () => {
    setAnnotating(true);
    setAnnotateError(null);
    try {
      saveBytes(await session.annotated(), annotatedName(file.file?.name ?? '台账.xlsx'), XLSX_TYPE);
    } catch (e) {
      setAnnotateError(e instanceof Error ? e.message : String(e));
    } finally {
      setAnnotating(false);
    }
  };

  return (
    <div className={s.grid}>
      <WarmUp />
      <div className={s.col}>
        {unit.data && <ReturnedReasons unit={unit.data} />}
        <section className={s.card} aria-labelledby="choose-title">
          <Text id="choose-title" weight="semibold" size={400}>
            选择台账文件
          </Text>
          <Text className={s.muted}>
            在 Excel、WPS 或 LibreOffice 中填好标准台账并保存为 .xlsx 后选择该文件。文件只在本机浏览器中校验，报送时才上传。
          </Text>
          <input
            type="file"
            accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,.et,.xls"
            data-testid="file-input"
            aria-label="选择台账文件"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void session.load(f);
              e.currentTarget.value = ''; // choosing the same (fixed) file again must check it again
            }}
          />
          <Text className={s.muted}>
            还没有台账？
            <Link
              href={`${(import.meta as unknown as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/'}template.xlsx`}
              download="编外人员台账模板.xlsx"
            >
              下载标准模板
            </Link>
          </Text>
          {file.progress && (
            <div data-testid="check-progress" role="status">
              <ProgressBar value={(file.progress.step + 0.5) / file.progress.of} thickness="large" />
              <Text className={s.muted}>
                正在校验“{file.file?.name}”：第 {file.progress.step + 1}/{file.progress.of} 步，{file.progress.label}…
              </Text>
            </div>
          )}
          {file.error && (
            <MessageBar intent="error" layout="multiline" data-testid="file-error" data-code={file.code ?? ''}>
              <MessageBarBody>
                <MessageBarTitle>无法校验该文件</MessageBarTitle>
                {file.error}
              </MessageBarBody>
            </MessageBar>
          )}
        </section>

        {result && file.phase === 'ready' && (
          <section className={s.card} aria-labelledby="result-title" data-testid="check-result">
            <Text id="result-title" weight="semibold" size={400}>
              校验结果：{file.file?.name}
            </Text>
            {file.template === 'missing' ? (
              <MessageBar intent="warning" layout="multiline" data-testid="template-missing">
                <MessageBarBody>
                  <MessageBarTitle>文件中没有台账工作表</MessageBarTitle>
                  没有找到“单位基本情况”和“编外人员台账”工作表。请下载标准模板，按模板填写后再选择文件。
                </MessageBarBody>
              </MessageBar>
            ) : (
              <TemplateBanner snap={file} onInsert={async () => undefined} />
            )}
            <div className={s.row}>
              <SeverityCounts result={result} />
              {file.checkMs !== null && (
                <Text className={s.muted} data-testid="check-ms" data-timings={JSON.stringify(session.timings())}>
                  用时 {(file.checkMs / 1000).toFixed(1)} 秒
                </Text>
              )}
            </div>
            <div className={s.row}>
              <Button
                onClick={download}
                disabled={annotating || result.issues.length === 0 || file.template === 'missing'}
                data-testid="download-annotated"
              >
                {annotating ? '正在生成标注版…' : '下载标注版'}
              </Button>
              <Text className={s.muted}>
                标注版是您的工作簿副本：问题单元格按严重程度着色并附批注，另加“校验结果”工作表，其余内容不变。
              </Text>
            </div>
            {annotateError && (
              <MessageBar intent="error" data-testid="annotate-error">
                <MessageBarBody>{annotateError}</MessageBarBody>
              </MessageBar>
            )}
            <IssuesPanel result={result} totals={session.ruleCounts()} moreHint="完整清单见下载标注版中的“校验结果”工作表" />
          </section>
        )}

        <section className={s.card} aria-labelledby="submit-title">
          <Text id="submit-title" weight="semibold" size={400}>
            一键报送
          </Text>
          <SubmitPanel
            session={session}
            result={file.phase === 'ready' ? result : null}
            api={api}
            campaignId={config.campaignId}
            unitId={unitId}
            onSubmitted={unit.reload}
            confirmTestId="confirm-submit"
          />
        </section>
      </div>
      <div className={s.col}>
        <section className={s.card} aria-labelledby="status-title">
          <Text id="status-title" weight="semibold" size={400}>
            报送进度与时限
          </Text>
          <StatusPanel unit={unit.data} loading={unit.loading} />
        </section>
        {unit.data?.latest && (
          <section className={s.card}>
            <SignOffPanel api={api} campaignId={config.campaignId} unit={unit.data} canSign={false} onChanged={unit.reload} />
          </section>
        )}
      </div>
    </div>
  );
}
