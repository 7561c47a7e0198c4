// A campaign's unit tree and member list, checked before they replace the stored ones. Pure.
import type { Member, UnitDef } from '../../../shared/api/contract';
import { AppError } from '../errors';

/** 400 INVALID_UNIT_TREE: duplicate units, unknown or cyclic parents, members on unknown units, duplicate members. */
export function validateUnitTree(units: UnitDef[], members: Member[]): void {
  const byId = new Map<string, UnitDef>();
  const problems: string[] = [];
  for (const u of units) {
    if (byId.has(u.unitId)) problems.push(`单位编号重复：${u.unitId}`);
    byId.set(u.unitId, u);
  }
  for (const u of units) {
    if (u.parentId !== null && !byId.has(u.parentId)) problems.push(`单位 ${u.unitId} 的主管部门 ${u.parentId} 不在单位列表中`);
    const seen = new Set<string>([u.unitId]);
    for (let p = u.parentId; p; p = byId.get(p)?.parentId ?? null) {
      if (seen.has(p)) {
        problems.push(`单位 ${u.unitId} 的隶属关系成环`);
        break;
      }
      seen.add(p);
    }
  }
  const seenMembers = new Set<string>();
  for (const m of members) {
    if (m.unitId !== null && !byId.has(m.unitId)) problems.push(`成员 ${m.userId} 所在单位 ${m.unitId} 不在单位列表中`);
    const k = `${m.unitId ?? ''}|${m.userId}|${m.role}`;
    if (seenMembers.has(k)) problems.push(`成员重复：${m.userId}（${m.unitId ?? '未填单位'}，${m.role}）`);
    seenMembers.add(k);
  }
  if (problems.length) throw new AppError(400, 'INVALID_UNIT_TREE', problems.slice(0, 5).join('；'), { problems });
}
