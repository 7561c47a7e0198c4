// The one Excel.run wrapper, and Office error handling by `code` (never by message).

export type ExcelRunner = <T>(fn: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * Runs a batch against the workbook; errors propagate to the caller unchanged. `delayForCellEdit`:
 * while the user is typing in a cell, Excel waits for Enter/Esc instead of failing the batch with
 * InvalidOperationInCellEditMode.
 */
export const runExcel: ExcelRunner = (fn) => Excel.run({ delayForCellEdit: true }, fn);

/** ExcelApi requirement sets the pane relies on. */
export const EXCEL_API = {
  /** Live checking: conditional formats on RangeAreas (1.9), onChanged (1.7), enableEvents (1.8). */
  live: '1.9',
  /** insertWorksheetsFromBase64. */
  insertSheets: '1.13',
} as const;

/** Whether this Excel supports `ExcelApi <version>` (false outside Office or when Office cannot tell). */
export function excelApiSupported(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

/** Office error codes the add-in branches on (OfficeExtension.Error.code / Excel.ErrorCodes). */
export const OfficeCodes = {
  itemNotFound: 'ItemNotFound',
  cellEditMode: 'InvalidOperationInCellEditMode',
  accessDenied: 'AccessDenied',
  activityLimit: 'ActivityLimitReached',
  responseTooLarge: 'ResponsePayloadSizeLimitExceeded',
  requestTooLarge: 'RequestPayloadSizeLimitExceeded',
  apiNotFound: 'ApiNotFound',
  unsupported: 'UnsupportedOperation',
  unsupportedFeature: 'UnsupportedFeature',
  notImplemented: 'NotImplemented',
  insertDeleteConflict: 'InsertDeleteConflict',
} as const;

export function officeErrorCode(e: unknown): string | null {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const c = (e as { code: unknown }).code;
    if (typeof c === 'string') return c;
  }
  return null;
}

/** A short Chinese explanation of an Office error for the pane, chosen by code. */
export function describeOfficeError(e: unknown): string {
  switch (officeErrorCode(e)) {
    case OfficeCodes.cellEditMode:
      return '单元格正处于编辑状态，请按 Enter 或 Esc 结束编辑后再试。';
    case OfficeCodes.accessDenied:
      return '工作簿处于只读或受保护状态，加载项无法操作，请取消保护后再试。';
    case OfficeCodes.activityLimit:
    case OfficeCodes.responseTooLarge:
    case OfficeCodes.requestTooLarge:
      return '工作表数据量过大，Excel 暂时无法处理，请稍后重试。';
    case OfficeCodes.itemNotFound:
      return '找不到所需的工作表或单元格，工作簿可能刚被修改，请重新校验。';
    case OfficeCodes.apiNotFound:
    case OfficeCodes.unsupported:
    case OfficeCodes.notImplemented:
      return '当前 Excel 版本不支持此操作，请升级到 Microsoft 365 版 Excel 或使用网页版 Excel。';
    case OfficeCodes.insertDeleteConflict:
      return '插入失败：工作簿中已有同名工作表或受保护内容。';
    default: {
      const msg = e instanceof Error ? e.message : String(e);
      return `Excel 操作失败：${msg}`;
    }
  }
}
