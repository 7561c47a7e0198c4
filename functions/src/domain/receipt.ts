// The receipt number (回执号) of a stored version. Pure.
import { chinaDay } from '../../../shared/dates';

/** 回执号: TZ-{China date of submission}-{unitId}-V{version}-{first 6 hex of the digest}. */
export function receiptNumber(unitId: string, version: number, digest: string, at: Date): string {
  return `TZ-${chinaDay(at).replaceAll('-', '')}-${unitId}-V${version}-${digest.slice(0, 6).toUpperCase()}`;
}
