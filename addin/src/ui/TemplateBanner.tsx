// Template awareness: offer to insert the standard template, explain an outdated or unstamped one.
import { useState } from 'react';
import { Button, Link, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { SheetInsertUnavailable } from '../excel/insert';
import { TEMPLATE_VERSION } from '../../../shared/template/definition';
import type { LiveSnapshot } from '../live/session';

const BASE = (import.meta as unknown as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';

export function TemplateBanner({ snap, onInsert }: { snap: LiveSnapshot; onInsert: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [offerDownload, setOfferDownload] = useState(false);
  const insert = async () => {
    setBusy(true);
    setError(null);
    try {
      await onInsert();
    } catch (e) {
      setOfferDownload(e instanceof SheetInsertUnavailable);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  if (snap.phase === 'unsupported')
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="excel-too-old">
        <MessageBarBody>
          <MessageBarTitle>当前 Excel 版本过旧，无法实时校验</MessageBarTitle>
          实时校验需要 Excel 2019、Microsoft 365 或网页版 Excel（ExcelApi 1.9 及以上）。请改用
          <Link href={`${BASE}web.html`} target="_blank" data-testid="open-web">
            台账通网页版
          </Link>
          ：上传台账文件即可校验并报送。
        </MessageBarBody>
      </MessageBar>
    );
  if (snap.template === 'missing')
    return (
      <MessageBar intent="info" layout="multiline" data-testid="template-missing">
        <MessageBarBody>
          <MessageBarTitle>当前工作簿不是编外人员台账</MessageBarTitle>
          插入标准模板后，按模板填写“单位基本情况”和“编外人员台账”两张表，填写时会实时校验。
          {error && <div role="alert">插入失败：{error}</div>}
          {offerDownload && (
            <div>
              <Link href={`${BASE}template.xlsx`} download="编外人员台账模板.xlsx" data-testid="template-download">
                下载标准模板
              </Link>
              ，在 Excel 中打开后再打开台账通。
            </div>
          )}
        </MessageBarBody>
        <MessageBarActions>
          <Button appearance="primary" onClick={insert} disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
            插入标准模板
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  if (snap.template === 'outdated')
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="template-outdated">
        <MessageBarBody>
          <MessageBarTitle>模板版本已更新</MessageBarTitle>
          本工作簿使用的是第 {snap.templateVersion} 版模板，当前标准模板为第 {TEMPLATE_VERSION} 版。仍可按列标题校验，
          但建议新建工作簿插入新模板，再把数据复制过去，以免遗漏新增的必填项。
        </MessageBarBody>
      </MessageBar>
    );
  if (snap.template === 'unversioned')
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="template-unversioned">
        <MessageBarBody>
          <MessageBarTitle>未识别到标准模板标记</MessageBarTitle>
          工作簿中有台账工作表，但不是由标准模板生成的。校验按列标题进行；如有缺列会列为错误。
        </MessageBarBody>
      </MessageBar>
    );
  return null;
}
