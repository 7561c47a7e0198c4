// The 网页版's check worker: the same shared reader and rule engine as `taizhang validate`
// (readLedgerFromXlsx + checkLedger), so the page shows the CLI's counts and stays responsive. It reads
// the chosen file itself and keeps the last check (bytes, ledger, issues) for the digest, the annotated
// copy (下载标注版) and the bytes to submit.
import { readLedgerFromXlsx } from '../../../shared/ledger/fromXlsx';
import { checkLedger } from '../../../shared/rules/engine';
import { ledgerDigest } from '../../../shared/ledger/canonical';
import { annotateWorkbook } from '../../../shared/xlsx/annotate';
import type { Issue, Ledger } from '../../../shared/ledger/schema';
import type { RuleCode } from '../../../shared/rules/catalogue';
import { CHECK_STEPS, ISSUES_PER_RULE, type WorkerRequest, type WorkerResponse } from './protocol';
import { describeReadError, FILE_NOT_READABLE_MESSAGE, FileCheckError } from './fileKind';

const post = (m: WorkerResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

let last: { check: number; bytes: Uint8Array; ledger: Ledger; issues: Issue[]; digest: Promise<string> | null } | null = null;

/** A transferable copy of `b` (the worker keeps its own bytes for the next request). */
const copyOut = (b: Uint8Array): ArrayBuffer => b.slice().buffer as ArrayBuffer;

async function readFile(file: Blob): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    // NotReadableError: the file was moved, deleted or changed on disk since it was chosen.
    throw new FileCheckError('FILE_NOT_READABLE', FILE_NOT_READABLE_MESSAGE);
  }
}

/** The latest check asked for: an earlier one still reading its file is dropped. */
let latest = 0;
const stale = () => new FileCheckError('STALE_CHECK', '文件已重新选择，请在新的校验结果上重试。');

async function check(id: number, file: Blob, asOf?: string) {
  last = null;
  latest = id;
  const timings: Record<string, number> = {};
  let t = performance.now();
  const step = (i: number) => {
    const now = performance.now();
    if (i > 0) timings[CHECK_STEPS[i - 1]] = now - t;
    t = now;
    post({ id, type: 'progress', step: i, label: CHECK_STEPS[i] });
  };
  step(0);
  const bytes = await readFile(file);
  if (id !== latest) throw stale();
  const ledger = readLedgerFromXlsx(bytes);
  step(1);
  const full = checkLedger(ledger, asOf ? { asOf } : {});
  step(2);
  const ruleCounts: Partial<Record<RuleCode, number>> = {};
  const shown: Issue[] = [];
  for (const i of full.issues) {
    const n = (ruleCounts[i.code] ?? 0) + 1;
    ruleCounts[i.code] = n;
    if (n <= ISSUES_PER_RULE) shown.push(i);
  }
  timings[CHECK_STEPS[2]] = performance.now() - t;
  last = { check: id, bytes, ledger, issues: full.issues, digest: null };
  post({
    id,
    type: 'checked',
    done: {
      result: { ...full, issues: shown },
      ruleCounts,
      templateVersion: ledger.templateVersion,
      hasUnitSheet: ledger.unit !== null,
      hasRosterSheet: ledger.roster !== null,
      timings,
    },
  });
}

function current(check: number) {
  if (!last || last.check !== check) throw stale();
  return last;
}

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  try {
    if (req.type === 'check') await check(req.id, req.file, req.asOf);
    else if (req.type === 'bytes') {
      const buf = copyOut(current(req.check).bytes);
      post({ id: req.id, type: 'bytes', bytes: buf }, [buf]);
    } else if (req.type === 'digest') {
      const c = current(req.check);
      post({ id: req.id, type: 'digest', digest: await (c.digest ??= ledgerDigest(c.ledger)) });
    } else {
      const c = current(req.check);
      const t = performance.now();
      const out = annotateWorkbook(c.bytes, c.issues);
      const buf = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? (out.buffer as ArrayBuffer) : copyOut(out);
      post({ id: req.id, type: 'annotated', bytes: buf, ms: performance.now() - t }, [buf]);
    }
  } catch (e) {
    const { code, message } = describeReadError(e);
    post({ id: req.id, type: 'failed', code, message });
  }
};
