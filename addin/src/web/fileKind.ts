// Which files the 网页版 can check, and what to tell people about those it cannot. The content decides
// (the shared reader sniffs it); the name only adds the WPS case, whose .et files look like any other
// OLE document inside.
import { WORKBOOK_READ_ERROR_MESSAGES } from '../../../shared/xlsx/read';

export const WPS_ET_MESSAGE =
  '这是 WPS 表格格式（.et）的文件，网页版只能读取 Excel 工作簿（.xlsx）。请在 WPS 中打开该文件，点“文件 → 另存为”，' +
  '文件类型选“Excel 工作簿（*.xlsx）”，保存后再选择新保存的文件。';

/** A refusal or failure of the file check: stable code, Chinese message. */
export class FileCheckError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'FileCheckError';
  }
}

export const FILE_NOT_READABLE_MESSAGE = '无法读取所选文件，请确认文件没有被其他程序占用后重新选择。';

/** Largest file the page will read (the submission route takes at most 10 MB; a check may take more). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** A refusal by name or size before reading, or null to go ahead. */
export function refuseBeforeReading(name: string, size: number): { code: string; message: string } | null {
  if (/\.(et|ett)$/i.test(name)) return { code: 'WPS_ET', message: WPS_ET_MESSAGE };
  if (size === 0) return { code: 'EMPTY_FILE', message: WORKBOOK_READ_ERROR_MESSAGES.EMPTY_FILE };
  if (size > MAX_FILE_BYTES) {
    return {
      code: 'FILE_TOO_LARGE',
      message: `文件有 ${(size / 1048576).toFixed(0)} MB，超过网页版可读取的 100 MB。请删除台账以外的工作表和图片后另存再试。`,
    };
  }
  return null;
}

/** The reader's errors carry a stable code and a Chinese message; anything else is unexpected. */
export function describeReadError(e: unknown): { code: string; message: string } {
  if (e instanceof Error && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return { code: (e as { code: string }).code, message: e.message };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `处理文件时出现意外错误（${detail}），请在 Excel 或 WPS 中重新保存后再试。` };
}
