// Entry of the Excel task pane: wait for Office, then render the shared app with the Excel host.
import { createRoot } from 'react-dom/client';
import { FluentProvider } from '@fluentui/react-components';
import { App, SpreadsheetLiaisonPane } from './ui/App';
import { excelHost } from './host/excel';
import { paneTheme } from './ui/theme';

const root = createRoot(document.getElementById('root')!);

Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    root.render(
      <FluentProvider theme={paneTheme}>
        <p style={{ padding: 12 }}>
          台账通是 Excel 加载项，请在 Excel 中打开（开始 → 台账校验与报送）。没有 Excel 时可使用网页版：本网站的 web.html。
        </p>
      </FluentProvider>,
    );
    return;
  }
  const host = excelHost();
  root.render(
    <FluentProvider theme={paneTheme} lang="zh-CN">
      <App liaison={(p) => <SpreadsheetLiaisonPane {...p} host={host} />} desk={host.desk} />
    </FluentProvider>,
  );
});
