// In-page clocks for the 网页版 benchmark: everything is timed by the page's own performance.now(), so the
// figures are what the liaison's browser sees, not playwright's round trips. Installed once per page:
// - every main-thread long task (PerformanceObserver 'longtask': tasks over 50 ms), with start and length;
// - a check: from the file input's change event to the counts on screen (the first render of
//   summary-errors after the progress bar appeared, i.e. of this check and not the previous one);
// - the annotated copy: from the click on download-annotated to the Blob handed to URL.createObjectURL.
// A long task's wall time also counts the time its thread waited for a core, so on a shared machine the
// main thread is traced too (Chromium's 'toplevel' trace: each task's wall and thread CPU time).
import type { Browser, Page } from 'playwright-core';

export interface LongTask {
  start: number;
  dur: number;
}

interface Clocks {
  longtasks: LongTask[];
  check: { t0: number; t1: number; sawProgress: boolean };
  annotate: { t0: number; t1: number; bytes: number };
}

export async function installClocks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const c: Clocks = { longtasks: [], check: { t0: 0, t1: 0, sawProgress: false }, annotate: { t0: 0, t1: 0, bytes: 0 } };
    (window as unknown as { __clocks: Clocks }).__clocks = c;
    new PerformanceObserver((l) => c.longtasks.push(...l.getEntries().map((e) => ({ start: e.startTime, dur: e.duration })))).observe({
      type: 'longtask',
    });
    document.addEventListener(
      'change',
      (e) => {
        if ((e.target as Element).matches?.('[data-testid=file-input]')) c.check = { t0: performance.now(), t1: 0, sawProgress: false };
      },
      { capture: true },
    );
    new MutationObserver(() => {
      const k = c.check;
      if (!k.t0 || k.t1) return;
      if (document.querySelector('[data-testid=check-progress]')) k.sawProgress = true;
      else if (k.sawProgress && document.querySelector('[data-testid=summary-errors]')) k.t1 = performance.now();
    }).observe(document.body, { subtree: true, childList: true });
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as Element).closest?.('[data-testid=download-annotated]')) c.annotate = { t0: performance.now(), t1: 0, bytes: 0 };
      },
      { capture: true },
    );
    (window as unknown as { __checked: () => Promise<void> }).__checked = () =>
      new Promise<void>((resolve) => {
        // No named function in here: tsx's keepNames would wrap it in a helper the page does not have.
        const timer = setInterval(() => {
          if (!c.check.t1) return;
          clearInterval(timer);
          resolve();
        }, 50);
      });
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (o: Blob | MediaSource) => {
      if (o instanceof Blob && c.annotate.t0 && !c.annotate.t1) c.annotate = { ...c.annotate, t1: performance.now(), bytes: o.size };
      return create(o);
    };
  });
}

/** Resolves when the check started by the last file choice shows its counts (one call, no polling from outside). */
export async function checked(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __checked: () => Promise<void> }).__checked());
}

export async function readClocks(page: Page): Promise<Clocks> {
  return page.evaluate(() => (window as unknown as { __clocks: Clocks }).__clocks);
}

/** Long tasks overlapping [from, to] (page clock). */
export function tasksWithin(tasks: LongTask[], from: number, to: number): LongTask[] {
  return tasks.filter((x) => x.start + x.dur >= from && x.start <= to);
}

export interface TracedTask {
  wallMs: number;
  cpuMs: number;
}

export async function startMainThreadTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: ['toplevel'] });
}

/** Every task of the renderer's main thread since startMainThreadTrace, longest first. */
export async function stopMainThreadTrace(browser: Browser): Promise<TracedTask[]> {
  type Ev = { name: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } };
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: Ev[] }).traceEvents;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur !== undefined && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wallMs: e.dur! / 1000, cpuMs: (e.tdur ?? 0) / 1000 }))
    .sort((a, b) => b.wallMs - a.wallMs);
}
