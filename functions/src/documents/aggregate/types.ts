// What the aggregated workbook (汇总工作簿) is built from, and what building it reports.
import type { Issue, Ledger } from '../../../../shared/ledger/schema';
import type { ProgressRow } from '../../../../shared/api/contract';
import type { RosterSource } from '../../../../shared/rosters/external';
import type { UnderReport } from '../../domain/verification';

/** A unit as the desk shows it: its progress row (with underReports) plus its supervising unit's name. */
export interface DeskUnit extends ProgressRow {
  /** Name of the supervising unit (主管部门) in the campaign's tree, null at the top. */
  parentName: string | null;
}

export interface UnitLedger {
  unitId: string;
  version: number;
  ledger: Ledger;
  /** The issues stored with that version (the server's own check at submission). */
  issues: Issue[];
  /**
   * False for a unit outside the caller's subtree: its IDs take part in the cross-unit check (so a
   * duplicate across two supervisors is still found) but none of its data is written.
   */
  inScope: boolean;
}

export interface AggregateInput {
  campaignId: string;
  title: string;
  asOf: string;
  /** The units in scope, in display order. */
  units: DeskUnit[];
  /** Current versions, in any order; units without a submission are simply absent. */
  ledgers: AsyncIterable<UnitLedger> | Iterable<UnitLedger>;
  /** idKeys of the on-staff roster (在编人员名单). */
  onStaff: ReadonlySet<string>;
  /** Under-reporting records (one per person) of units in scope. */
  underReports: readonly UnderReport[];
  /** Suspected under-reporting from the external rosters (疑似漏报), units in scope; none when no roster is loaded. */
  suspected?: readonly SuspectedRow[];
}

/** A 疑似漏报 row: a lead, or a person on a unit's roster listed in another unit's ledger. */
export interface SuspectedRow {
  kind: 'lead' | 'elsewhere';
  unitId: string;
  idNumber: string;
  name: string;
  sources: RosterSource[];
  ledgerUnitIds: string[];
  verificationId: string | null;
}

export interface AggregateStats {
  units: number;
  persons: number;
  findings: number;
  crossUnit: number;
  /** ms spent waiting for ledgers (reading storage) and building the workbook. */
  readMs: number;
  writeMs: number;
}
