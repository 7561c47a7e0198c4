// The one place that decides which pane a signed-in user sees.
import type { MeResponse, Role } from '../../shared/api/contract';

export type PaneKind = 'liaison' | 'head' | 'desk' | 'viewer' | 'none';

export interface PaneChoice {
  kind: PaneKind;
  unitId: string | null;
  unitName: string | null;
  role: Role | null;
}

const ORDER: Role[] = ['office', 'supervisor', 'liaison', 'head', 'leader'];
const KIND: Record<Role, PaneKind> = { office: 'desk', supervisor: 'desk', liaison: 'liaison', head: 'head', leader: 'viewer' };

/** Office staff and supervisors get the desk; a liaison the ledger pane; a head the sign-off pane. */
export function choosePane(me: MeResponse, preferUnit?: string | null): PaneChoice {
  if (me.office) return { kind: 'desk', unitId: null, unitName: null, role: 'office' };
  const ms = [...me.memberships].sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role));
  const m = (preferUnit && ms.find((x) => x.unitId === preferUnit)) || ms[0];
  if (!m) return { kind: 'none', unitId: null, unitName: null, role: null };
  return { kind: KIND[m.role], unitId: m.unitId, unitName: m.unitName, role: m.role };
}
