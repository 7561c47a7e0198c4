// Entry of the 网页版 (web.html): the same app outside Office. It never loads office.js; the liaison's
// ledger is a file checked in a Web Worker; the desk offers downloads instead of inserting sheets.
import { createRoot } from 'react-dom/client';
import { FluentProvider, makeStyles } from '@fluentui/react-components';
import { App } from '../ui/App';
import { paneTheme } from '../ui/theme';
import { startCheckWorker } from './checkWorker';
import { WebLiaison } from './WebLiaison';

const worker = startCheckWorker();

const useStyles = makeStyles({
  wide: { maxWidth: '1100px', width: '100%', margin: '0 auto', boxSizing: 'border-box', padding: '16px 20px' },
});

function WebApp() {
  const s = useStyles();
  return (
    <App
      liaison={(p) => <WebLiaison {...p} worker={worker} />}
      signInTestIds={{ root: 'sign-in-form', button: 'sign-in' }}
      bodyClassName={s.wide}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={paneTheme} lang="zh-CN">
    <WebApp />
  </FluentProvider>,
);
