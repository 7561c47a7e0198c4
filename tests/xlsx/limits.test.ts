// Hostile workbooks (spec api.md "Limits on hostile input"): refused by the shared reader, on each of its
// inflate paths (node:zlib for Node, inline or on a worker thread; fflate for browsers, whole parts and,
// for parts past WHOLE_ENTRY_LIMIT, streamed), before doing the work they ask for.
import { describe, expect, it } from 'vitest';
import { readLedgerFromXlsx } from '../../shared/ledger/fromXlsx';
import { backgroundInflater } from '../../shared/node/backgroundInflate';
import { nodeInflateRaw } from '../../shared/node/inflate';
import {
  LimitExceededError,
  MAX_COLUMNS,
  MAX_ROWS,
  MAX_SHARED_STRINGS,
  MAX_STRING_CHARS,
  MAX_TOTAL_BYTES,
  ReadBudget,
} from '../../shared/xlsx/limits';
import { readWorkbook, WorkbookReadError, type WorkbookReadErrorCode } from '../../shared/xlsx/read';
import { columnLetter } from '../../shared/a1';
import {
  cellAt,
  deflatedPart,
  entityBomb,
  farRightCells,
  ledgerPackage,
  longText,
  lyingZipBomb,
  manyPartsBomb,
  sharedStringsBomb,
  SHEET_HEAD,
  SHEET_TAIL,
  zipBomb,
} from './bombs';

const STREAMED = { wholeEntryLimit: 0 };
const paths = [
  ['node:zlib', { inflateRaw: nodeInflateRaw }],
  ['fflate', {}],
  ['fflate streamed', STREAMED],
  // Every sheet, however small, inflated on a worker thread while this one scans (the CLI's path).
  ['node:zlib on a worker thread', { inflateRaw: nodeInflateRaw, inflateInBackground: backgroundInflater(0) }],
] as const;

function codeOf(bytes: Uint8Array, opts: Parameters<typeof readLedgerFromXlsx>[1]): WorkbookReadErrorCode | 'OK' {
  try {
    readLedgerFromXlsx(bytes, opts);
    return 'OK';
  } catch (e) {
    if (e instanceof WorkbookReadError) return e.code;
    throw e;
  }
}

// Some cases build and scan tens of MB; generous time on a busy machine (these are not timing assertions).
describe('limits on hostile workbooks', { timeout: 180_000 }, () => {
  const bomb = zipBomb(1024);

  for (const [path, opts] of paths) {
    describe(path, () => {
      it('refuses a 1 GB zip bomb from its directory, without inflating it', () => {
        expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
        const before = process.memoryUsage().rss;
        expect(codeOf(bomb, opts)).toBe('WORKBOOK_TOO_LARGE');
        expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
      });

      it('stops a part that lies about its size at the size it claims', () => {
        // 4 MB claimed, 1 GB real: inflating stops at 4 MB and the sheet is cut short (damaged).
        expect(codeOf(lyingZipBomb(1024), opts)).toBe('CORRUPT_WORKBOOK');
      });

      it("refuses a cell past Excel's last column or row and accepts the last cell itself", () => {
        expect(codeOf(cellAt(`${columnLetter(MAX_COLUMNS)}2`), opts)).toBe('WORKBOOK_TOO_LARGE'); // XFE2
        expect(codeOf(cellAt(`A${MAX_ROWS + 1}`), opts)).toBe('WORKBOOK_TOO_LARGE');
        expect(codeOf(cellAt(`${columnLetter(MAX_COLUMNS - 1)}${MAX_ROWS}`), opts)).toBe('OK'); // XFD1048576
      });

      it('refuses rows past the last one even without row numbers', () => {
        const rows = '<row/>'.repeat(MAX_ROWS) + '<row><c><v>1</v></c></row>';
        expect(codeOf(ledgerPackage(deflatedPart('roster', SHEET_HEAD + rows + SHEET_TAIL)), opts)).toBe('WORKBOOK_TOO_LARGE');
      });

      it('refuses a sheet whose few cells would fill millions of slots', () => {
        expect(codeOf(farRightCells(100), opts)).toBe('OK');
        expect(codeOf(farRightCells(1100), opts)).toBe('WORKBOOK_TOO_LARGE'); // 1,100 × 16,384 > 2^24
      });

      it('refuses a shared-strings table past its limit, declared or real', () => {
        expect(codeOf(sharedStringsBomb(10, 1_000_000_000), opts)).toBe('WORKBOOK_TOO_LARGE');
        expect(codeOf(sharedStringsBomb(MAX_SHARED_STRINGS + 1, 10), opts)).toBe('WORKBOOK_TOO_LARGE');
      });

      it("refuses a text longer than Excel's 32,767 characters", () => {
        expect(codeOf(longText(MAX_STRING_CHARS), opts)).toBe('OK');
        expect(codeOf(longText(MAX_STRING_CHARS + 1), opts)).toBe('WORKBOOK_TOO_LARGE');
      });

      it('refuses a DTD with entity declarations as a damaged workbook', () => {
        expect(codeOf(entityBomb('sheet'), opts)).toBe('CORRUPT_WORKBOOK');
        expect(codeOf(entityBomb('workbook'), opts)).toBe('CORRUPT_WORKBOOK');
      });
    });
  }

  it('refuses a package of more parts than any workbook has', () => {
    expect(codeOf(manyPartsBomb(), {})).toBe('WORKBOOK_TOO_LARGE');
    expect(codeOf(manyPartsBomb(1000), {})).toBe('OK');
  });

  it('refuses a row of XML too long to be one when streamed (a row split across chunks is carried)', () => {
    // 6 MB of varied attributes in one row: compresses ~3:1, so only the row limit applies.
    let junk = '';
    for (let i = 0; junk.length < 6 * 1024 * 1024; i++) junk += `<x a="${((i * 2654435761) >>> 0).toString(36)}"/>`;
    const bytes = ledgerPackage(deflatedPart('roster', `${SHEET_HEAD}<row r="2">${junk}</row>${SHEET_TAIL}`));
    expect(codeOf(bytes, STREAMED)).toBe('WORKBOOK_TOO_LARGE');
  });

  it('counts inflated bytes across parts against one total', () => {
    const budget = new ReadBudget();
    budget.checkPart('a', MAX_TOTAL_BYTES / 2, MAX_TOTAL_BYTES / 4);
    budget.addInflated(MAX_TOTAL_BYTES / 2);
    expect(() => budget.checkPart('b', MAX_TOTAL_BYTES / 2 + 1, MAX_TOTAL_BYTES / 4)).toThrow(LimitExceededError);
    expect(() => budget.addInflated(MAX_TOTAL_BYTES / 2 + 1)).toThrow(LimitExceededError);
  });

  it('names the limit in the error detail and gives people a Chinese message', () => {
    try {
      readWorkbook(bomb);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookReadError);
      expect((e as WorkbookReadError).code).toBe('WORKBOOK_TOO_LARGE');
      expect((e as WorkbookReadError).detail).toMatch(/ratio|inflates/);
      expect((e as WorkbookReadError).message).toMatch(/工作簿超出可处理的范围/);
    }
  });
});
