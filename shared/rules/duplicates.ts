// ID_DUPLICATE, the one cross-row rule: an index from normalised ID to the rows holding it. Building it
// and each row's issue are O(1) per row (a group of 20,000 rows sharing one ID costs no more per row than
// a pair), and the message names at most DUPLICATE_ROWS_LISTED other rows plus the total.
import { SHEET_ROSTER } from '../template/definition';
import type { Issue } from '../ledger/schema';
import { RULES } from './catalogue';
import type { Spec } from './fields';
import { DUPLICATE_ROWS_LISTED, msgDuplicate } from './messages';
import type { RowState } from './row/checker';

export class IdIndex {
  /** ID → the row holding it, or the rows (sorted by row number) when several do. */
  private readonly groups = new Map<string, RowState | RowState[]>();
  /** How many IDs are held by several rows (0: no row has an ID_DUPLICATE issue). */
  private dupGroups = 0;

  get hasDuplicates(): boolean {
    return this.dupGroups > 0;
  }

  add(st: RowState): void {
    if (st.idKey === null) return;
    const g0 = this.groups.get(st.idKey);
    if (g0 === undefined) {
      this.groups.set(st.idKey, st);
      return;
    }
    const g = Array.isArray(g0) ? g0 : [g0];
    if (g !== g0) {
      this.groups.set(st.idKey, g);
      this.dupGroups++;
    }
    // Rows usually arrive in worksheet order, so this is an append.
    let i = g.length;
    while (i > 0 && g[i - 1].n > st.n) i--;
    g.splice(i, 0, st);
  }

  remove(st: RowState): void {
    if (st.idKey === null) return;
    const g = this.groups.get(st.idKey);
    if (g === undefined) return;
    if (!Array.isArray(g)) {
      if (g === st) this.groups.delete(st.idKey);
      return;
    }
    const i = g.lastIndexOf(st);
    if (i >= 0) g.splice(i, 1);
    if (g.length === 1) {
      this.groups.set(st.idKey, g[0]);
      this.dupGroups--;
    } else if (g.length === 0) {
      this.groups.delete(st.idKey);
      this.dupGroups--;
    }
  }

  /** Every row holding `id` (one or several). */
  rowsWith(id: string): readonly RowState[] {
    const g = this.groups.get(id);
    return g === undefined ? [] : Array.isArray(g) ? g : [g];
  }

  /** The row's ID_DUPLICATE issue, or null. */
  issueFor(st: RowState, idSpec: Spec): Issue | null {
    if (st.idKey === null) return null;
    const g = this.groups.get(st.idKey);
    if (g === undefined || !Array.isArray(g)) return null;
    return {
      sheet: SHEET_ROSTER,
      row: st.n,
      column: idSpec.header,
      cell: idSpec.letter === null ? null : idSpec.letter + st.n,
      code: 'ID_DUPLICATE',
      severity: RULES.ID_DUPLICATE.severity,
      message: this.message(st, st.idKey, g),
    };
  }

  /** Rows past the group's head all list the same other rows: their message is built once per group state. */
  private readonly tailMessages = new WeakMap<RowState[], { length: number; head: RowState[]; message: string }>();

  private message(st: RowState, id: string, g: RowState[]): string {
    const headLength = DUPLICATE_ROWS_LISTED + 1;
    let inHead = false;
    for (let i = 0; i < headLength && i < g.length; i++) if (g[i] === st) inHead = true;
    if (inHead || g.length <= headLength) {
      const others: number[] = [];
      for (let i = 0; i < g.length && others.length < headLength; i++) if (g[i] !== st) others.push(g[i].n);
      return msgDuplicate(id, others, g.length - 1);
    }
    const cached = this.tailMessages.get(g);
    if (cached && cached.length === g.length && cached.head.every((h, i) => g[i] === h)) return cached.message;
    const head = g.slice(0, headLength);
    const message = msgDuplicate(
      id,
      head.map((h) => h.n),
      g.length - 1,
    );
    this.tailMessages.set(g, { length: g.length, head, message });
    return message;
  }
}
