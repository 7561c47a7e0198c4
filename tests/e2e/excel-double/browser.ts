// Browser entry: served in place of office.js; the test drives it through window.__excelDouble.
import { createExcelDouble, installExcelDouble } from './index';

const double = createExcelDouble();
installExcelDouble(double, window as unknown as Record<string, unknown>);
(window as unknown as { __excelDouble: typeof double }).__excelDouble = double;
