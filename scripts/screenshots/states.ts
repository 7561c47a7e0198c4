// The pane states both builds are driven through, in order, like the e2e test's liaison and office staff:
// each step acts through the pane or the Excel double, waits for the state, and is then screenshot.
// Only testids and labels both revisions share are used, so the steps run against either build. The
// server's clock is pinned for the run (X-Dev-Now, see paneScreenshots.ts), so receipt numbers and
// submission times match between the two builds.
import { fillUnitSheet, typeCell, type PaneSession } from '../../tests/e2e/harness';
import { OFFICE_ADMIN } from '../../fixtures/demoSeed';
import { validRosterRow, validUnitValues, type RosterValues } from '../../fixtures/sampleLedgers';
import { ROSTER_FIELDS, SHEET_ROSTER, UNIT_FIELDS } from '../../shared/template/definition';
import { columnLetter } from '../../shared/a1';
import { todayInChina } from '../../shared/dates';

export const UNIT = 'edu-s1';

export interface PaneState {
  name: string;
  /** What the state shows (printed beside its numbers). */
  what: string;
  reach(pane: PaneSession): Promise<void>;
}

async function signIn(pane: PaneSession, userId: string): Promise<void> {
  await pane.page.locator('[data-testid=sign-in]').waitFor();
  await pane.page.selectOption('select[data-testid=dev-user]', userId);
  await pane.page.click('[data-testid=dev-sign-in]');
}

/** Roster field keys in the order of the workbook's header row. */
async function headerKeys(pane: PaneSession): Promise<(string | null)[]> {
  const headers = await pane.evalDouble<string[]>(
    `(d, sheet) => d.model.values(d.model.sheet(sheet), { r0: 2, c0: 0, r1: 2, c1: 40 })[0]`,
    SHEET_ROSTER,
  );
  return headers.map((h) => ROSTER_FIELDS.find((f) => f.header === h)?.key ?? null);
}

/** A state reached by one click, ready when `ready` shows. */
const clickThenSee = (target: string, ready: string) => async (p: PaneSession) => {
  await p.page.click(target);
  await p.page.locator(ready).waitFor();
};

const person = validRosterRow(0);
const goodId = String(person.idNumber);
const badId = goodId.slice(0, 17) + (goodId[17] === '0' ? '1' : '0');
let idCell = '';

export const PANE_STATES: PaneState[] = [
  {
    name: '1-sign-in',
    what: 'first open: the sign-in panel',
    // The user list decides the picker's width: wait for it.
    reach: (p) => p.page.locator(`select[data-testid=dev-user] option[value="${UNIT}-liaison"]`).waitFor({ state: 'attached' }),
  },
  {
    name: '2-empty-workbook',
    what: 'liaison signed in, empty workbook: offer of the standard template',
    reach: async (p) => {
      await signIn(p, `${UNIT}-liaison`);
      await p.page.locator('[data-testid=template-missing]').waitFor();
    },
  },
  {
    name: '3-template-errors',
    what: 'empty template inserted: unit facts missing (errors listed)',
    reach: async (p) => {
      await p.page.getByRole('button', { name: '插入标准模板' }).click();
      await p.page.locator('[data-rule=REQUIRED_MISSING]').first().waitFor();
    },
  },
  {
    name: '4-wrong-id',
    what: 'unit facts and one roster row typed, its ID wrong: error and findings listed',
    reach: async (p) => {
      await fillUnitSheet(
        p,
        Object.fromEntries(UNIT_FIELDS.map((f) => [f.header, validUnitValues(1, { filingDate: todayInChina() })[f.key] ?? ''])),
      );
      const keys = await headerKeys(p);
      const line = keys.map((k) => (k && k !== 'idNumber' ? ((person as RosterValues)[k as keyof RosterValues] ?? '') : ''));
      for (let c = 0; c < line.length; c++) if (line[c] !== '') await typeCell(p, SHEET_ROSTER, `${columnLetter(c)}4`, line[c]);
      idCell = `${columnLetter(keys.indexOf('idNumber'))}4`;
      await typeCell(p, SHEET_ROSTER, idCell, badId);
      await p.page.locator('[data-rule=ID_CHECKSUM]').waitFor();
    },
  },
  {
    name: '5-issue-selected',
    what: 'the ID_CHECKSUM issue clicked (its cell selected in the workbook)',
    reach: async (p) => {
      await p.page.locator(`[data-rule=ID_CHECKSUM] [data-cell="${idCell}"]`).click();
      await p.page.waitForFunction(
        () => (window as unknown as { __excelDouble: { model: { selection: unknown } } }).__excelDouble.model.selection !== null,
      );
    },
  },
  {
    name: '6-explain',
    what: "the rule's explanation (popover)",
    reach: async (p) => {
      await p.page.locator('[data-rule=ID_CHECKSUM] [data-explain=ID_CHECKSUM]').click();
      await p.page.locator('.fui-PopoverSurface').waitFor();
    },
  },
  {
    name: '7-clean-ledger',
    what: 'ID fixed: a clean ledger checked (no errors)',
    reach: async (p) => {
      await p.page.keyboard.press('Escape');
      await p.page.locator('.fui-PopoverSurface').waitFor({ state: 'detached' });
      await typeCell(p, SHEET_ROSTER, idCell, goodId);
      await p.page.locator('[data-rule=ID_CHECKSUM]').waitFor({ state: 'detached' });
      await p.page.waitForFunction(() => document.querySelector('[data-severity=error]')?.getAttribute('data-count') === '0');
    },
  },
  {
    name: '8-submit-panel',
    what: 'the submit tab',
    reach: clickThenSee('[data-testid=tab-submit]', '[data-testid=submit]'),
  },
  {
    name: '9-submit-confirm',
    what: 'the submit confirmation dialog',
    reach: clickThenSee('[data-testid=submit]', '[data-testid=submit-confirm]'),
  },
  {
    name: '10-receipt',
    what: 'submitted: the receipt',
    reach: clickThenSee('[data-testid=submit-confirm]', '[data-testid=receipt]'),
  },
  {
    name: '11-head-review',
    what: 'the unit head signed in: the submitted version to review and sign',
    reach: async (p) => {
      await p.page.click('[data-testid=sign-out]');
      await signIn(p, `${UNIT}-head`);
      await p.page.locator('[data-testid=signoff-panel]').waitFor();
    },
  },
  {
    name: '12-desk',
    what: 'office staff signed in: the progress desk (one unit submitted)',
    reach: async (p) => {
      await p.page.click('[data-testid=sign-out]');
      await signIn(p, OFFICE_ADMIN);
      await p.page.locator(`[data-testid=desk-pane] [data-unit="${UNIT}"]`).waitFor();
    },
  },
];
