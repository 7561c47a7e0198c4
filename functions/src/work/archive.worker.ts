// The evidence archive's thread (pool.ts): renders one version's workbook and sign-off PDF at a time,
// so building an archive of hundreds of versions never holds up the host's event loop.
import { renderArchiveVersion } from '../documents/archiveVersion';

export default renderArchiveVersion;
