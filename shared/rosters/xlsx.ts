// An external roster from an .xlsx file: the first sheet (in workbook order) whose first rows hold the
// 姓名, 身份证号码 and 单位统一社会信用代码 headers. Rows stream from the shared reader straight into the
// parser, so a large list never exists as raw cells. Throws WorkbookReadError for files that are no workbook.
import { peekSheetNames, readWorkbook } from '../xlsx/read';
import type { InflateRaw } from '../xlsx/zip';
import { RosterSheetParser, type RosterParse } from './external';

export function readRosterXlsx(bytes: Uint8Array, opts: { inflateRaw?: InflateRaw } = {}): RosterParse {
  const names = peekSheetNames(bytes);
  const parsers = new Map(names.map((n) => [n, new RosterSheetParser()]));
  readWorkbook(bytes, {
    sheets: [],
    rowSinks: Object.fromEntries([...parsers].map(([n, p]) => [n, (r: number, values: unknown[]) => p.row(r, values)])),
    inflateRaw: opts.inflateRaw,
  });
  const withHeader = names.map((n) => parsers.get(n) as RosterSheetParser).find((p) => p.hasHeader);
  return (withHeader ?? new RosterSheetParser()).result();
}
