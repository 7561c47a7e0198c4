// The liaison's review notes (审核意见): the notes of the last returned version, placed on the live
// workbook by the person's ID number, marked on their cells (the fourth kind of mark, purple), listed
// with whether that person's row has changed since; a click selects the cell.
import { useEffect, useMemo } from 'react';
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { UnitView } from '../../../shared/api/contract';
import type { StoredReviewNote } from '../../../shared/api/chain';
import { LEDGER_SHEETS } from '../../../shared/template/definition';
import { NOTE_STATE_LABEL, placeNotes, type PlacedNote } from '../../../shared/ledger/reviewNotes';
import { NOTE_STYLE, replaceNoteMarks } from '../excel/noteMarks';
import { runExcel } from '../excel/run';
import { selectCell } from '../excel/select';
import type { LiveSession } from '../live/session';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    padding: '6px 8px',
    borderLeft: `3px solid ${NOTE_STYLE.font}`,
    background: NOTE_STYLE.fill,
  },
  item: {
    display: 'flex',
    gap: '6px',
    alignItems: 'baseline',
    justifyContent: 'flex-start',
    textAlign: 'left',
    width: '100%',
    fontWeight: tokens.fontWeightRegular,
    padding: '2px 4px',
    minHeight: '24px',
  },
  where: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3, minWidth: '44px' },
});

const BADGE = { unchanged: 'warning', changed: 'success', removed: 'informative' } as const;

/** Note marks are drawn with office.js; in WPS (no `Excel` global) the notes are listed, not marked. */
const inExcel = () => typeof Excel !== 'undefined';

export function ReviewNotesPanel({ unit, session, revision }: { unit: UnitView; session: LiveSession; revision: number }) {
  const s = useStyles();
  const notes: StoredReviewNote[] = unit.returnNotes;
  const placed: PlacedNote[] = useMemo(
    () => (notes.length > 0 && revision > 0 ? placeNotes(notes, session.ledger()) : []),
    [notes, session, revision],
  );
  const cellsKey = placed.map((p) => `${p.note.sheet}!${p.cell}`).join(',');

  useEffect(() => {
    if (revision === 0 || !inExcel()) return;
    const cells = new Map<string, string[]>();
    for (const p of placed) if (p.cell) cells.set(p.note.sheet, [...(cells.get(p.note.sheet) ?? []), p.cell]);
    void runExcel((ctx) => replaceNoteMarks(ctx, [...LEDGER_SHEETS], cells)).catch(() => undefined); // marks are a help; the list below stays
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cellsKey, revision === 0]);

  if (notes.length === 0) return null;
  const open = placed.filter((p) => p.state === 'unchanged').length;
  return (
    <div className={s.root} data-testid="review-notes">
      <Text weight="semibold">
        审核意见 {notes.length} 条（第 {notes[0].version} 版退回）{open > 0 ? `，${open} 条待修改` : '，均已处理'}
      </Text>
      {placed.map((p, i) => (
        <Button
          key={i}
          appearance="subtle"
          className={s.item}
          disabled={!p.cell}
          onClick={() => p.cell && inExcel() && void runExcel((ctx) => selectCell(ctx, p.note.sheet, p.cell!)).catch(() => undefined)}
          data-testid="review-note"
          data-state={p.state}
          data-cell={p.cell ?? ''}
        >
          <span className={s.where}>{p.cell ?? '—'}</span>
          <span style={{ flexGrow: 1 }}>
            {p.note.name ? `${p.note.name}：` : ''}
            {p.note.column ? `【${p.note.column}】` : ''}
            {p.note.text}
          </span>
          <Badge size="small" appearance="tint" color={BADGE[p.state]}>
            {NOTE_STATE_LABEL[p.state]}
          </Badge>
        </Button>
      ))}
    </div>
  );
}
