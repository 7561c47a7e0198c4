// Storage as the paper benchmark's seed and its measured child processes see it: one campaign, one office
// user, the functions' own repositories over the given Azurite.
import { parseSettings } from '../../functions/src/settings';
import { createServices, type Services } from '../../functions/src/services';

export const CAMPAIGN = 'bench-paper';
export const OFFICE = 'office-admin';

export const services = (conn: string): Services =>
  createServices(
    parseSettings({
      STORAGE_CONNECTION_STRING: conn,
      AUTH_MODE: 'dev',
      DEV_SIGNING_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      OFFICE_ADMINS: OFFICE,
      // The machine may be shared and loaded while seeding 500 units: storage faults are not measured here.
      STORAGE_TIMEOUT_MS: '60000',
    }),
  );
