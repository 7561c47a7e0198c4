// In-page clocks for the 网页版 benchmark: everything is timed by the page's own performance.now(), so the
// figures are what the liaison's browser sees, not playwright's round trips. Installed once per page:
// - every main-thread long task (PerformanceObserver 'longtask': tasks over 50 ms), with start and length;
// - a check: from the file input's change event to the counts on screen (the first render of
//   summary-errors after the progress bar appeared, i.e. of this check and not the previous one);
// - the annotated copy: from the click on download-annotated to the Blob handed to URL.createObjectURL.
import type { Page } from 'playwright-core';

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
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (o: Blob | MediaSource) => {
      if (o instanceof Blob && c.annotate.t0 && !c.annotate.t1) c.annotate = { ...c.annotate, t1: performance.now(), bytes: o.size };
      return create(o);
    };
  });
}

export async function readClocks(page: Page): Promise<Clocks> {
  return page.evaluate(() => (window as unknown as { __clocks: Clocks }).__clocks);
}

/** Long tasks overlapping [from, to] (page clock). */
export function tasksWithin(tasks: LongTask[], from: number, to: number): LongTask[] {
  return tasks.filter((x) => x.start + x.dur >= from && x.start <= to);
}
