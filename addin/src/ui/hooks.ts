// React glue: the ledger session, the API client and small async helpers. Components get the
// spreadsheet only through these (the session and the host), never by calling Excel themselves.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CheckResult } from '../../../shared/ledger/schema';
import { toBase64 } from '../../../shared/base64';
import { LiveSession } from '../live/session';
import type { LedgerSession, LedgerSnapshot, SpreadsheetHost, TemplateAsset } from '../host/types';

/** How often the open pane re-reads the ledger to catch edits the host did not report. */
const RECONCILE_MS = 15_000;

/** Subscribes a component to a session's snapshot and result. */
export function useLedgerSession<S extends LedgerSession>(session: S): { session: S; snap: LedgerSnapshot; result: CheckResult | null } {
  const snap = useSyncExternalStore(
    (cb) => session.subscribe(cb),
    () => session.snapshot(),
  );
  // Sessions cache the result per revision, so this is the same object until the ledger changes.
  const result = session.result();
  return { session, snap, result };
}

/** The live check over a spreadsheet host, opened on mount. */
export function useLiveSession(host: SpreadsheetHost): { session: LiveSession; snap: LedgerSnapshot; result: CheckResult | null } {
  const session = useMemo(() => new LiveSession(host), [host]);
  useEffect(() => {
    // Failures are shown from the snapshot (snap.error); log them as well for diagnosis.
    session.open().catch((e: unknown) => console.error('台账通: full check failed', e));
    // Excel on the web misses some edits (dropdown picks, fills): re-read while the pane is open and
    // whenever it gets focus again, so a missed event never leaves stale marks.
    const stop = session.every(RECONCILE_MS);
    const onFocus = () => void session.reconcile();
    window.addEventListener('focus', onFocus);
    return () => {
      stop();
      window.removeEventListener('focus', onFocus);
    };
  }, [session]);
  return useLedgerSession(session);
}

export interface AsyncState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/** Runs `fn` on mount and whenever `deps` change; `reload` runs it again. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (data) => live.current && setState({ data, error: null, loading: false }),
      (error: Error) => live.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      live.current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Template bytes and the reference of its version cell, generated at build time (vite plugin). */
export async function fetchTemplate(): Promise<TemplateAsset> {
  const base = (import.meta as unknown as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  const [bin, meta] = await Promise.all([fetch(`${base}template.xlsx`), fetch(`${base}template.json`)]);
  if (!bin.ok) throw new Error(`无法获取标准模板（${bin.status}）。`);
  const bytes = new Uint8Array(await bin.arrayBuffer());
  const info = meta.ok ? ((await meta.json()) as { versionName: string; versionRef: string | null }) : null;
  return { bytes, base64: toBase64(bytes), versionRef: info?.versionRef ? { name: info.versionName, reference: info.versionRef } : null };
}

/** Inserts the standard template, then re-opens the live check. */
export async function insertStandardTemplate(session: LiveSession, host: SpreadsheetHost): Promise<void> {
  await host.insertTemplate(await fetchTemplate());
  await session.open();
}
