// The Fluent theme of the pane and the 网页版. Chinese UI: Office's own CJK faces first, then common
// system ones; no web fonts (the 网页版 must work on an intranet without outside requests).
import { webLightTheme, type Theme } from '@fluentui/react-components';

export const paneTheme: Theme = {
  ...webLightTheme,
  fontFamilyBase: "'Segoe UI', 'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
};
