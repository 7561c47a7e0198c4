// SealStore — seal scans in Blob storage (container SEAL_CONTAINER, blob
// '{campaignId}/{unitId}/v{version}/{sha256}.{ext}'). Content-addressed by SHA-256: a re-upload of the
// same scan rewrites the same blob, and a blob is written before the version records it (commit point).
import type { Storage } from './tables';

const EXT: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

export class SealStore {
  constructor(private readonly storage: Storage) {}

  blobName(campaignId: string, unitId: string, version: number, sha256: string, contentType: string): string {
    return `${campaignId}/${unitId}/v${version}/${sha256}.${EXT[contentType] ?? 'bin'}`;
  }

  async put(name: string, bytes: Uint8Array, contentType: string, sha256: string): Promise<void> {
    await this.storage.seals.getBlockBlobClient(name).uploadData(bytes, {
      blobHTTPHeaders: { blobContentType: contentType },
      metadata: { sha256 },
      abortSignal: AbortSignal.timeout(this.storage.timeoutMs),
    });
  }

  async get(name: string): Promise<Buffer> {
    return this.storage.seals
      .getBlockBlobClient(name)
      .downloadToBuffer(0, undefined, { abortSignal: AbortSignal.timeout(this.storage.timeoutMs) });
  }
}
