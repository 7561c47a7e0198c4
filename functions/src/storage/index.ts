// The repositories, one per aggregate (see each module's header for its table and keys).
export { CampaignRepository, type Campaign, type Directory, type UnitNode } from './campaigns';
export { SubmissionRepository, VersionNotFound, type UnitState, type VersionRecord } from './submissions';
export { LedgerRowsRepository, readLedgers, type CurrentLedgerRef } from './rows';
export { AuditRepository, type NewAuditEntry } from './audit';
export { OutboxRepository } from './outbox';
export { SealStore } from './seals';
export { createStorage, plain, TABLES, type Storage } from './tables';
export { OnStaffRepository } from './onStaff';
export { VerificationRepository } from './verifications';
export { RosterRepository, type LedgerIndex } from './rosters';
