// Browser entry: installed before the page's scripts (an init script), as WPS gives a task pane
// `window.Application`; the test drives it through window.__wpsDouble.
import { createWpsDouble } from './index';

const double = createWpsDouble();
(window as unknown as { Application: unknown }).Application = double.Application;
(window as unknown as { __wpsDouble: typeof double }).__wpsDouble = double;
