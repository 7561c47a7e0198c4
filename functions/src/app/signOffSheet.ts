// The sign-off page of one version for a reader of the unit: its facts, as HTML or as a PDF.
import type { Call } from '../services';
import { AppError } from '../errors';
import { fontBytes, fontWeightOfFile } from '../documents/fonts';
import { signOffSheetData } from './versions';
import { signOffFacts, type SignOffInput } from '../documents/signoffModel';
import { renderSignOffHtml } from '../documents/signoffHtml';
import { renderSignOffPdf } from '../documents/signoffPdf';

type SheetData = Awaited<ReturnType<typeof signOffSheetData>>;

export function signOffInputOf(d: SheetData, apiBase: string): SignOffInput {
  const r = d.record;
  const credit = d.ledger.unit?.values.creditCode;
  return {
    campaignTitle: d.campaign.title,
    unitName: d.unit.name,
    unitId: d.unit.unitId,
    creditCode: typeof credit === 'string' ? credit : credit == null ? '' : String(credit),
    receiptNo: r.receiptNo,
    version: r.version,
    submittedAt: r.submittedAt,
    submitterName: d.submitterName,
    summary: r.summary,
    digest: r.digest,
    sm3: r.sm3 ?? null,
    issues: d.issues,
    superseded: d.superseded,
    headName: d.headName,
    printedAt: d.printedAt,
    apiBase,
  };
}

export async function signOffSheet(
  call: Call,
  campaignId: string,
  unitId: string,
  version: number,
  apiBase: string,
  format: 'html' | 'pdf',
) {
  const facts = signOffFacts(signOffInputOf(await signOffSheetData(call, campaignId, unitId, version), apiBase));
  return format === 'pdf'
    ? { pdf: await renderSignOffPdf(facts, call.now), receiptNo: facts.receiptNo }
    : { html: renderSignOffHtml(facts, apiBase), receiptNo: facts.receiptNo };
}

/** A font file the HTML sheet loads (GET /fonts/{file}); 404 for any other name. */
export function signOffFont(file: string): Uint8Array {
  const weight = fontWeightOfFile(file);
  if (!weight) throw new AppError(404, 'NOT_FOUND', '没有这个字体文件。');
  return new Uint8Array(fontBytes(weight));
}
