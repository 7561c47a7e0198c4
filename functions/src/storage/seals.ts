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

  /**
   * The scan as the chunks it arrived in: no buffer of its whole size and no concatenation copy, which
   * for an archive of hundreds of scans is most of the memory that waits to be collected.
   */
  async getChunks(name: string): Promise<Buffer[]> {
    const res = await this.storage.seals
      .getBlockBlobClient(name)
      .download(0, undefined, { abortSignal: AbortSignal.timeout(this.storage.timeoutMs) });
    const chunks: Buffer[] = [];
    for await (const c of res.readableStreamBody!) chunks.push(c as Buffer);
    return chunks;
  }
}
