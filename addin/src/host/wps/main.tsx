// Entry of the pane inside WPS 表格 (wps.html): the shared app with the WPS host over the
// `window.Application` WPS gives a task pane. Desk actions that insert sheets are not offered (no desk
// host): the desk downloads the files instead.
import { createRoot } from 'react-dom/client';
import { FluentProvider } from '@fluentui/react-components';
import { App, SpreadsheetLiaisonPane } from '../../ui/App';
import { paneTheme } from '../../ui/theme';
import { wpsHost } from './host';
import type { EtApplication } from './et';

const root = createRoot(document.getElementById('root')!);
const app = (window as unknown as { Application?: EtApplication }).Application;

if (!app || typeof app.ApiEvent?.AddApiEventListener !== 'function') {
  root.render(
    <FluentProvider theme={paneTheme}>
      <p style={{ padding: 12 }}>
        这是台账通的 WPS 表格任务窗格，请在 WPS 表格中点击“开始 → 台账校验与报送”打开。没有 WPS 加载项时可使用网页版：本网站的 web.html。
      </p>
    </FluentProvider>,
  );
} else {
  const host = wpsHost(app);
  root.render(
    <FluentProvider theme={paneTheme} lang="zh-CN">
      <App liaison={(p) => <SpreadsheetLiaisonPane {...p} host={host} />} />
    </FluentProvider>,
  );
}
