// The desk's store per Services instance, and the under-reporting counts the progress view shows.
import type { Services } from '../services';
import { DeskStore } from './store';

const stores = new WeakMap<Services, DeskStore>();
export function deskStore(s: Services): DeskStore {
  let d = stores.get(s);
  if (!d) stores.set(s, (d = new DeskStore(s.storage)));
  return d;
}

/** Under-reported persons (漏报/瞒报) per unit, over every verification of the campaign. */
export async function underReportCounts(s: Services, campaignId: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const v of await deskStore(s).listVerifications(campaignId)) out.set(v.unitId, (out.get(v.unitId) ?? 0) + v.underReports.length);
  return out;
}
