// The evidence archive's manifest (archive.zip → manifest.json), read by the server that writes it and
// by `taizhang verify-archive`, which checks it offline. manifest.sha256 holds the SHA-256 of the exact
// manifest.json bytes, so a change to the manifest itself is named too.
import { z } from 'zod';

export const ARCHIVE_FORMAT = 'taizhang-archive/1';
export const MANIFEST_PATH = 'manifest.json';
export const MANIFEST_HASH_PATH = 'manifest.sha256';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ArchiveFileSchema = z.strictObject({ path: z.string(), sha256: Sha256, bytes: z.number().int().nonnegative() });

export const ArchiveVersionSchema = z.strictObject({
  unitId: z.string(),
  unitName: z.string(),
  version: z.number().int().positive(),
  receiptNo: z.string(),
  submittedAt: z.string(),
  status: z.string(),
  superseded: z.boolean(),
  /** The SHA-256 of the canonical ledger as stored when it was submitted (what the head signed). */
  digest: Sha256,
  /** Paths inside the archive. */
  ledger: z.string(),
  signoff: z.string(),
  seal: z.string().nullable(),
  sealQr: z.enum(['matched', 'not_found']).nullable(),
});

export const ManifestSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  campaignId: z.string(),
  title: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  files: z.array(ArchiveFileSchema),
  versions: z.array(ArchiveVersionSchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;
export type ArchiveVersion = z.infer<typeof ArchiveVersionSchema>;
