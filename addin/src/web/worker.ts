// The 网页版's check worker: the same shared reader and rule engine as `taizhang validate`
// (readLedgerFromXlsx + checkLedger), so the page shows the CLI's counts and stays responsive, and the
// annotated copy (下载标注版) is made here too.
import { readLedgerFromXlsx } from '../../../shared/ledger/fromXlsx';
import { checkLedger } from '../../../shared/rules/engine';
import { ledgerDigest } from '../../../shared/ledger/canonical';
import { annotateWorkbook } from '../../../shared/xlsx/annotate';
import { CHECK_STEPS, type WorkerRequest, type WorkerResponse } from './protocol';
import { describeReadError } from './fileKind';

const post = (m: WorkerResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

async function check(id: number, bytes: Uint8Array, asOf?: string) {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const step = (i: number) => {
    const now = performance.now();
    if (i > 0) timings[CHECK_STEPS[i - 1]] = now - t;
    t = now;
    post({ id, type: 'progress', step: i, label: CHECK_STEPS[i] });
  };
  step(0);
  const ledger = readLedgerFromXlsx(bytes);
  step(1);
  const result = checkLedger(ledger, asOf ? { asOf } : {});
  step(2);
  const digest = await ledgerDigest(ledger);
  timings[CHECK_STEPS[2]] = performance.now() - t;
  post({
    id,
    type: 'checked',
    done: { result, digest, templateVersion: ledger.templateVersion, hasUnitSheet: ledger.unit !== null, hasRosterSheet: ledger.roster !== null, timings },
  });
}

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  try {
    if (req.type === 'check') await check(req.id, new Uint8Array(req.bytes), req.asOf);
    else {
      const t = performance.now();
      const out = annotateWorkbook(new Uint8Array(req.bytes), req.issues);
      const buf = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? (out.buffer as ArrayBuffer) : (out.slice().buffer as ArrayBuffer);
      post({ id: req.id, type: 'annotated', bytes: buf, ms: performance.now() - t }, [buf]);
    }
  } catch (e) {
    const { code, message } = describeReadError(e);
    post({ id: req.id, type: 'failed', code, message });
  }
};
