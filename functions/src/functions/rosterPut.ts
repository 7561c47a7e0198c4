// PUT /campaigns/{campaignId}/rosters/{source} — an external roster (社保参保 / 工资统发 / 派遣) as JSON
// `{ persons }` or a raw .xlsx with 姓名, 身份证号码, 单位统一社会信用代码 headers (office). Replaces that
// source's earlier upload; a roster with any bad row is refused whole, naming the rows.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes, XLSX_CONTENT_TYPE } from '../../../shared/api/contract';
import { parseRosterPersons, type RosterParse } from '../../../shared/rosters/external';
import { readRosterXlsx } from '../../../shared/rosters/xlsx';
import { WorkbookReadError } from '../../../shared/xlsx/read';
import { nodeInflateRaw } from '../../../shared/node/inflate';
import { putRoster } from '../app/leads';
import { AppError } from '../errors';
import { authenticate, handle, json, mediaType, readBytes, readJson, readParams, trigger } from '../http/request';

/** A county's roster as JSON is ~85 bytes a person: 30 MB holds ~350,000 (an .xlsx several times more). */
export const MAX_ROSTER_BYTES = 30 * 1024 * 1024;

export async function rosterPut(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId, source } = readParams(req, routes.putRoster.params);
    const type = mediaType(req);
    if (type !== XLSX_CONTENT_TYPE && type !== 'application/json' && type !== '')
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `名单只接受 application/json 或 Excel 工作簿（${XLSX_CONTENT_TYPE}）。`);
    const parse = async (): Promise<RosterParse> => {
      const bytes = await readBytes(req, MAX_ROSTER_BYTES).catch((e) => {
        throw e instanceof AppError && e.status === 413
          ? new AppError(413, 'PAYLOAD_TOO_LARGE', '名单文件超过 30 MB 上限，请以 Excel 工作簿（.xlsx）上传。')
          : e;
      });
      if (type !== XLSX_CONTENT_TYPE) return parseRosterPersons((await readJson(req, routes.putRoster.body.jsonOrRaw, bytes)).persons);
      try {
        return readRosterXlsx(bytes, { inflateRaw: nodeInflateRaw });
      } catch (e) {
        if (e instanceof WorkbookReadError) throw new AppError(400, 'WORKBOOK_UNREADABLE', e.message, { reason: e.code });
        throw new AppError(400, 'WORKBOOK_UNREADABLE', '工作簿无法读取，请在 Excel 或 WPS 中重新保存后再试。', {
          reason: 'CORRUPT_WORKBOOK',
        });
      }
    };
    return json(200, await putRoster(call, campaignId, source, parse));
  });
}

app.http('rosterPut', { ...trigger(routes.putRoster), handler: rosterPut });
