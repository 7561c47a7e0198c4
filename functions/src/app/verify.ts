// Public verification of a printed receipt: is this receipt number + SHA-256 pair a real submission?
// Answers only what the paper already shows (unit name, version, time, status), no personal data.
// The receipt names the unit and version; the campaign is found by a point read in each campaign
// (a county runs a handful), the campaign list cached briefly so the public route stays cheap.
import type { VerifyResult } from '../../../shared/api/contract';
import type { Services } from '../services';
import { versionStatus } from '../domain/lifecycle';
import { parseQrText, receiptParts } from '../documents/qr';
import { renderVerifyPage } from '../documents/verifyPage';

const LIST_TTL_MS = 30_000;
let listed: { at: number; ids: Promise<string[]> } | undefined;

function campaignIds(s: Services, now: number): Promise<string[]> {
  if (!listed || now - listed.at > LIST_TTL_MS) {
    const ids = s.campaigns.listIds();
    listed = { at: now, ids };
    ids.catch(() => (listed = undefined));
  }
  return listed.ids;
}

const INVALID: VerifyResult = { valid: false, unitName: null, version: null, submittedAt: null, status: null, superseded: null };

export async function verifyReceipt(s: Services, receiptNo: string, digest: string): Promise<VerifyResult> {
  const claim = parseQrText(`${receiptNo.trim()} ${digest.trim().toLowerCase()}`);
  const parts = claim && receiptParts(claim.receiptNo);
  if (!claim || !parts) return INVALID;
  for (const campaignId of await campaignIds(s, Date.now())) {
    const r = await s.submissions.getVersion(campaignId, parts.unitId, parts.version);
    if (!r || r.receiptNo !== claim.receiptNo || r.digest !== claim.digest) continue;
    const [dir, state] = await Promise.all([s.campaigns.getDirectory(campaignId), s.submissions.getState(campaignId, parts.unitId)]);
    return {
      valid: true,
      unitName: dir?.units.get(parts.unitId)?.name ?? null,
      version: r.version,
      submittedAt: r.submittedAt,
      status: versionStatus(r),
      superseded: (state?.latestVersion ?? r.version) > r.version,
    };
  }
  return INVALID;
}

/** The phone page the QR code opens (手机扫码核验): the same answer, as HTML. */
export async function verifyReceiptPage(s: Services, receiptNo: string, digest: string): Promise<string> {
  return renderVerifyPage(receiptNo, await verifyReceipt(s, receiptNo, digest));
}

/** Forget the cached campaign list (tests that create campaigns). */
export function forgetCampaignList() {
  listed = undefined;
}
