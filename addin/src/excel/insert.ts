// Guarding insertWorksheetsFromBase64: it needs ExcelApi 1.13, and Excel on the web refuses requests
// over 5 MB and source sheets with charts or comments. Every such case becomes SheetInsertUnavailable,
// which the pane answers with a download of the file instead.
import { EXCEL_API, OfficeCodes, excelApiSupported, officeErrorCode } from './run';

/** Excel on the web's cap on one request (the base64 text is the bulk of it). */
export const WEB_REQUEST_LIMIT = 5 * 1024 * 1024;

export type InsertRefusal = 'api' | 'size' | 'feature' | 'wps';

const MESSAGE: Record<InsertRefusal, string> = {
  api: '当前 Excel 版本不支持插入工作表（需要 ExcelApi 1.13），请下载文件后在 Excel 中打开。',
  size: '文件超过网页版 Excel 单次 5 MB 的限制，无法直接插入当前工作簿，请下载后在 Excel 中打开。',
  feature: '网页版 Excel 无法插入含图表或批注的工作表，请下载文件后在 Excel 中打开。',
  wps: 'WPS 表格无法由加载项直接插入工作表，请下载标准模板，在 WPS 表格中打开后再点“台账通”。',
};

export class SheetInsertUnavailable extends Error {
  constructor(readonly reason: InsertRefusal) {
    super(MESSAGE[reason]);
    this.name = 'SheetInsertUnavailable';
  }
}

const onTheWeb = () => typeof Office !== 'undefined' && String(Office.context?.platform) === 'OfficeOnline';

/** Throws SheetInsertUnavailable before anything is queued when Excel cannot insert this file. */
export function assertCanInsert(base64: string): void {
  if (!excelApiSupported(EXCEL_API.insertSheets)) throw new SheetInsertUnavailable('api');
  if (onTheWeb() && base64.length > WEB_REQUEST_LIMIT) throw new SheetInsertUnavailable('size');
}

/** The refusal an Office error from an insert stands for, or null when it is another failure. */
export function insertRefusal(e: unknown): SheetInsertUnavailable | null {
  switch (officeErrorCode(e)) {
    case OfficeCodes.apiNotFound:
      return new SheetInsertUnavailable('api');
    case OfficeCodes.requestTooLarge:
      return new SheetInsertUnavailable('size');
    case OfficeCodes.unsupportedFeature:
    case OfficeCodes.unsupported:
      return new SheetInsertUnavailable('feature');
    default:
      return null;
  }
}
