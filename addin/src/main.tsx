// Entry: wait for Office, then render the pane with the Office (Fluent) look.
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme, type Theme } from '@fluentui/react-components';
import { App } from './ui/App';

// Chinese UI: Office's own CJK faces first, then common system ones.
const theme: Theme = {
  ...webLightTheme,
  fontFamilyBase: "'Segoe UI', 'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
};

const root = createRoot(document.getElementById('root')!);

Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    root.render(
      <FluentProvider theme={theme}>
        <p style={{ padding: 12 }}>台账通是 Excel 加载项，请在 Excel 中打开（开始 → 台账校验与报送）。</p>
      </FluentProvider>,
    );
    return;
  }
  root.render(
    <FluentProvider theme={theme} lang="zh-CN">
      <App />
    </FluentProvider>,
  );
});
