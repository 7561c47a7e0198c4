// The process's services: settings, storage clients, repositories and the token verifier, built once.
import { createVerifier, type TokenVerifier } from './infra/jwt';
import { getSettings, type Settings } from './settings';
import {
  AuditRepository,
  CampaignRepository,
  createStorage,
  LedgerRowsRepository,
  OnStaffRepository,
  OutboxRepository,
  SealStore,
  SubmissionRepository,
  VerificationRepository,
  RosterRepository,
  type Storage,
} from './storage';

export interface Services {
  settings: Settings;
  storage: Storage;
  campaigns: CampaignRepository;
  submissions: SubmissionRepository;
  rows: LedgerRowsRepository;
  audit: AuditRepository;
  outbox: OutboxRepository;
  seals: SealStore;
  onStaff: OnStaffRepository;
  verifications: VerificationRepository;
  rosters: RosterRepository;
  verifier: TokenVerifier;
}

export function createServices(settings: Settings): Services {
  const storage = createStorage(settings.STORAGE_CONNECTION_STRING, settings.SEAL_CONTAINER);
  return {
    settings,
    storage,
    campaigns: new CampaignRepository(storage),
    submissions: new SubmissionRepository(storage),
    rows: new LedgerRowsRepository(storage),
    audit: new AuditRepository(storage),
    outbox: new OutboxRepository(storage),
    seals: new SealStore(storage),
    onStaff: new OnStaffRepository(storage),
    verifications: new VerificationRepository(storage),
    rosters: new RosterRepository(storage),
    verifier: createVerifier(settings),
  };
}

let services: Services | undefined;
/** The singleton, from process.env settings (fails loudly on bad settings). */
export function getServices(): Services {
  services ??= createServices(getSettings());
  return services;
}

/** A request's context for use cases: who calls, when (China days derive from it). */
export interface Call {
  s: Services;
  userId: string;
  now: Date;
}
