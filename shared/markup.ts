// Escaping text for HTML and XML (text and attribute values alike). Sheet XML written for Excel has its
// own rules on top (control characters, `_xHHHH_`): shared/node/writer/cells.ts.

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `s` with & < > " ' as entities; null and undefined become ''. */
export function escapeMarkup(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ENTITY[c]);
}
