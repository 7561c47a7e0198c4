// The reader's errors: one code per way a file can fail to be a readable workbook, each with the Chinese
// message people see. Lower layers (zip, XML) throw their own classes; readWorkbook maps them to these.

export type WorkbookReadErrorCode =
  'EMPTY_FILE' | 'NOT_A_WORKBOOK' | 'ENCRYPTED_WORKBOOK' | 'LEGACY_XLS' | 'CSV_FILE' | 'CORRUPT_WORKBOOK' | 'WORKBOOK_TOO_LARGE';

export const WORKBOOK_READ_ERROR_MESSAGES: Record<WorkbookReadErrorCode, string> = {
  EMPTY_FILE: '文件是空的（0 字节），请在 Excel 或 WPS 中重新保存台账后再试。',
  NOT_A_WORKBOOK: '该文件不是 Excel 工作簿（.xlsx），请确认选择的是填好的台账文件。',
  ENCRYPTED_WORKBOOK:
    '工作簿设置了打开密码，无法读取。请在 Excel 或 WPS 中取消文件密码（如“文件→信息→保护工作簿→用密码进行加密”，清空密码）并保存后再试。',
  LEGACY_XLS: '这是旧版 Excel 97-2003 格式（.xls）的文件，请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再试。',
  CSV_FILE: '这是文本文件（如 CSV），不是 Excel 工作簿。请使用标准模板填写，并保存为 Excel 工作簿（.xlsx）后再试。',
  CORRUPT_WORKBOOK: '工作簿文件已损坏或不完整，无法读取。请在 Excel 或 WPS 中打开并重新保存后再试。',
  WORKBOOK_TOO_LARGE:
    '工作簿超出可处理的范围（解压后过大、行列数超过 Excel 上限或内容异常），未予读取。请确认选择的是填好的台账文件；如台账确实很大，请删除多余的工作表和空白行列，在 Excel 或 WPS 中重新保存后再试。',
};

export class WorkbookReadError extends Error {
  readonly code: WorkbookReadErrorCode;
  constructor(code: WorkbookReadErrorCode, detail?: string) {
    super(WORKBOOK_READ_ERROR_MESSAGES[code]);
    this.name = 'WorkbookReadError';
    this.code = code;
    if (detail) this.detail = detail;
  }
  /** Technical detail for logs, never shown to users. */
  detail?: string;
}

/** Malformed XML inside a part (the zip itself was fine). */
export class XmlFormatError extends Error {}
