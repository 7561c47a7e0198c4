// Baseline for bench/validate.ts, run as its own plain-Node process (no TypeScript loader, as fair as the
// built CLI): reads every row of an .xlsx with ExcelJS's streaming reader and prints the count.
//   node bench/exceljsRead.mjs FILE
import ExcelJS from 'exceljs';

const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[2], {
  sharedStrings: 'cache',
  styles: 'cache',
  worksheets: 'emit',
  hyperlinks: 'ignore',
  entries: 'ignore',
});
let rows = 0;
for await (const ws of reader) for await (const _row of ws) rows++;
process.stdout.write(`${rows}\n`);
