// Review of one unit through the chain of responsibility: the version diff, the version's persons (a
// click on a person pins a note to that row or one of its cells), and the decision the caller may take
// now — the unit's supervising department endorses (主管部门审核通过) or returns; the office accepts
// (once endorsed where a supervisor reviews first) or returns. Notes go with a return.
import { useState } from 'react';
import {
  Button,
  Dropdown,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { DiffResponse, MeResponse, ProgressRow } from '../../../shared/api/contract';
import type { ReviewNote } from '../../../shared/api/chain';
import { ROSTER_FIELDS, SHEET_ROSTER } from '../../../shared/template/definition';
import type { ApiClient } from '../api/client';
import { useAsync } from '../ui/hooks';
import { DiffView, parseReasons } from './UnitReview';
import { reviewActions } from './chainRules';
import { MUTED, PANEL } from './panelStyles';

const useStyles = makeStyles({
  root: PANEL,
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  persons: { maxHeight: '180px', overflowY: 'auto', display: 'flex', flexDirection: 'column' },
  person: { justifyContent: 'flex-start', fontWeight: tokens.fontWeightRegular, minHeight: '24px', padding: '0 4px' },
  note: { fontSize: tokens.fontSizeBase200, display: 'flex', gap: '6px', alignItems: 'center' },
  muted: MUTED,
});

const WHOLE_ROW = '（整行）';

export function ChainReview({
  api,
  campaignId,
  unit,
  me,
  onDone,
}: {
  api: ApiClient;
  campaignId: string;
  unit: ProgressRow;
  me: MeResponse | null;
  onDone: () => void;
}) {
  const s = useStyles();
  const [reasons, setReasons] = useState('');
  const [notes, setNotes] = useState<ReviewNote[]>([]);
  const [draft, setDraft] = useState<{ row: number; name: string; column: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const version = unit.version;
  const diff = useAsync<DiffResponse | null>(
    () => (version && version > 1 ? api.call('diff', { campaignId, unitId: unit.unitId, version }) : Promise.resolve(null)),
    [campaignId, unit.unitId, version],
  );
  const actions = reviewActions(unit, me);
  const sub = useAsync(
    () => (version && actions.canReturn ? api.call('getSubmission', { campaignId, unitId: unit.unitId, version }) : Promise.resolve(null)),
    [campaignId, unit.unitId, version, actions.canReturn],
  );
  if (!version) return <Text className={s.muted}>{unit.name}尚未报送台账。</Text>;

  const decide = async (decision: 'accept' | 'endorse' | 'return') => {
    setBusy(true);
    setError(null);
    try {
      const body =
        decision === 'return' ? { decision, reasons: parseReasons(reasons), notes } : { decision, reasons: parseReasons(reasons) };
      await api.call('review', { campaignId, unitId: unit.unitId, version }, { body });
      setReasons('');
      setNotes([]);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const rows = sub.data?.ledger.roster?.rows ?? [];
  return (
    <div className={s.root} data-testid="unit-review">
      <Text weight="semibold">
        {unit.name} · 第 {version} 版
      </Text>
      {actions.waitingFor && (
        <Text className={s.muted} data-testid="review-waiting">
          {actions.waitingFor}
        </Text>
      )}
      {diff.loading && !diff.data && version > 1 && <Spinner size="tiny" label="正在比较版本…" />}
      {diff.error && <Text className={s.muted}>版本比较失败：{diff.error.message}</Text>}
      {diff.data && <DiffView diff={diff.data} />}
      {version === 1 && <Text className={s.muted}>首次报送，无历史版本可比较。</Text>}
      {actions.canReturn && rows.length > 0 && (
        <>
          <Text size={200}>点击人员可针对该行或某一列填写审核意见：</Text>
          <div className={s.persons} data-testid="review-persons">
            {rows.map((r) => (
              <Button
                key={r.row}
                size="small"
                appearance="subtle"
                className={s.person}
                data-row={r.row}
                onClick={() => setDraft({ row: r.row, name: String(r.values.name ?? ''), column: WHOLE_ROW, text: '' })}
              >
                第 {r.row} 行 · {String(r.values.name ?? '')} · {String(r.values.postName ?? '')}
              </Button>
            ))}
          </div>
        </>
      )}
      {draft && (
        <div className={s.row} data-testid="note-draft">
          <Text size={200}>
            {draft.name}（第 {draft.row} 行）
          </Text>
          <Dropdown
            size="small"
            value={draft.column}
            selectedOptions={[draft.column]}
            onOptionSelect={(_, d) => setDraft({ ...draft, column: d.optionValue ?? WHOLE_ROW })}
            aria-label="列"
          >
            {[WHOLE_ROW, ...ROSTER_FIELDS.map((f) => f.header)].map((h) => (
              <Option key={h} value={h}>
                {h}
              </Option>
            ))}
          </Dropdown>
          <Input
            size="small"
            value={draft.text}
            onChange={(_, d) => setDraft({ ...draft, text: d.value })}
            placeholder="审核意见"
            aria-label="审核意见内容"
            data-testid="note-text"
          />
          <Button
            size="small"
            disabled={!draft.text.trim()}
            data-testid="note-add"
            onClick={() => {
              setNotes([
                ...notes,
                { sheet: SHEET_ROSTER, row: draft.row, column: draft.column === WHOLE_ROW ? null : draft.column, text: draft.text.trim() },
              ]);
              setDraft(null);
            }}
          >
            添加
          </Button>
        </div>
      )}
      {notes.length > 0 && (
        <div data-testid="review-note-list">
          {notes.map((n, i) => (
            <div key={i} className={s.note}>
              <span>
                第 {n.row} 行{n.column ? `【${n.column}】` : ''}：{n.text}
              </span>
              <Button size="small" appearance="subtle" onClick={() => setNotes(notes.filter((_, k) => k !== i))}>
                删除
              </Button>
            </div>
          ))}
        </div>
      )}
      {(actions.canAccept || actions.canEndorse || actions.canReturn) && (
        <>
          <Textarea
            value={reasons}
            onChange={(_, d) => setReasons(d.value)}
            placeholder="退回理由，每行一条（通过时可不填）"
            resize="vertical"
            aria-label="审核意见"
          />
          <div className={s.row}>
            {actions.canEndorse && (
              <Button appearance="primary" disabled={busy} onClick={() => decide('endorse')} data-testid="review-endorse">
                主管部门审核通过
              </Button>
            )}
            {actions.canAccept && (
              <Button appearance="primary" disabled={busy} onClick={() => decide('accept')} data-testid="review-accept">
                审核通过
              </Button>
            )}
            {actions.canReturn && (
              <Button disabled={busy || parseReasons(reasons).length === 0} onClick={() => decide('return')} data-testid="review-return">
                退回修改{notes.length > 0 ? `（附 ${notes.length} 条标注）` : ''}
              </Button>
            )}
          </div>
        </>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
