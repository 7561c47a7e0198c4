// The two spreadsheet hosts the live check runs on, each over its test double, behind one fixture so
// the SAME live-checking tests run against Excel (office-js double) and WPS 表格 (ET object-model double).
import { createExcelDouble, installExcelDouble } from '../e2e/excel-double/index';
import { createWpsDouble } from '../e2e/wps-double/index';
import { excelHost } from '../../addin/src/host/excel';
import { wpsHost } from '../../addin/src/host/wps/host';
import { runExcel } from '../../addin/src/excel/run';
import type { SpreadsheetHost } from '../../addin/src/host/types';
import type { EtApplication } from '../../addin/src/host/wps/et';

type Value = string | number | boolean;

export interface HostFixture {
  host: SpreadsheetHost;
  seed(sheets: Record<string, unknown[][]>, names?: Record<string, string>): void;
  user: {
    type(sheet: string, a1: string, value: Value): void;
    paste(sheet: string, a1: string, rows: Value[][]): void;
    clear(sheet: string, address: string): void;
    insertRows(sheet: string, row: number, count: number): void;
    fill(sheet: string, a1: string, color: string): void;
    addConditionalFormat(sheet: string, address: string, formula: string, fill: string): void;
    activate(sheet: string): void;
    /** A change that fires no event. */
    pickSilently(sheet: string, a1: string, value: Value): void;
  };
  inspect: {
    value(sheet: string, a1: string): unknown;
    mark(sheet: string, a1: string): string | null;
    ownFill(sheet: string, a1: string): string | null;
    conditionalFormulas(sheet: string): string[];
    selection(): { sheet: string } | null;
    enableEvents(): boolean;
  };
  /** Round trips to the program: Excel syncs; WPS reads of Range.Value2 (each a call into ET). */
  roundTrips(): number;
  cellsRead(): number;
  renameSheet(from: string, to: string): void;
}

export const HOSTS: Record<'Excel' | 'WPS', () => HostFixture> = {
  Excel() {
    const d = createExcelDouble();
    installExcelDouble(d);
    return {
      host: excelHost(runExcel),
      seed: (s, n) => d.seed(s, n),
      user: {
        type: (s, a, v) => d.user.type(s, a, v),
        paste: (s, a, r) => d.user.paste(s, a, r),
        clear: (s, a) => d.user.clear(s, a),
        insertRows: (s, r, c) => d.user.insertRows(s, r, c),
        fill: (s, a, c) => d.user.fill(s, a, c),
        addConditionalFormat: (s, a, f, c) => d.user.addConditionalFormat(s, a, f, c),
        activate: (s) => d.user.activate(s),
        pickSilently: (s, a, v) => d.user.pickSilently(s, a, v),
      },
      inspect: {
        value: (s, a) => d.inspect.value(s, a),
        mark: (s, a) => d.inspect.mark(s, a),
        ownFill: (s, a) => d.inspect.ownFill(s, a),
        conditionalFormulas: (s) => d.inspect.conditionalFormulas(s),
        selection: () => d.inspect.selection(),
        enableEvents: () => d.inspect.enableEvents(),
      },
      roundTrips: () => d.inspect.syncs(),
      cellsRead: () => d.model.stats.cellsRead,
      renameSheet: (from, to) => {
        d.model.sheet(from)!.name = to;
      },
    };
  },
  WPS() {
    const d = createWpsDouble();
    const cells = () => d.model.stats.cellsRead;
    const host = wpsHost(d.Application as unknown as EtApplication);
    return {
      host,
      seed: (s, n) => d.seed(s, n),
      user: d.user,
      inspect: {
        value: (s, a) => d.inspect.value(s, a) ?? '',
        mark: (s, a) => d.inspect.mark(s, a),
        ownFill: (s, a) => d.inspect.ownFill(s, a),
        conditionalFormulas: (s) => d.inspect.conditionalFormulas(s),
        selection: () => d.inspect.selection(),
        enableEvents: () => d.inspect.enableEvents(),
      },
      roundTrips: () => d.model.stats.valueReads,
      cellsRead: cells,
      renameSheet: (from, to) => {
        d.model.sheet(from)!.name = to;
      },
    };
  },
};
