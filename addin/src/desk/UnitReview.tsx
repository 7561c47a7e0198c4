// The version diff as the desk shows it next to the review buttons (ChainReview.tsx), and the reasons
// typed one per line.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { DiffResponse } from '../../../shared/api/contract';
import { MUTED } from './panelStyles';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200 },
  muted: MUTED,
});

/** Reasons typed one per line. */
export const parseReasons = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

export function DiffView({ diff }: { diff: DiffResponse }) {
  const s = useStyles();
  const { summary } = diff;
  if (summary.added + summary.removed + summary.changed + summary.unitChanges === 0) {
    return <Text className={s.muted}>与第 {diff.previousVersion} 版相比没有变化。</Text>;
  }
  return (
    <div data-testid="unit-diff">
      <Text size={200} weight="semibold">
        与第 {diff.previousVersion} 版相比：新增 {summary.added} 人，删除 {summary.removed} 人，修改 {summary.changed} 人
        {summary.unitChanges > 0 ? `，单位信息 ${summary.unitChanges} 项` : ''}
      </Text>
      <ul className={s.list}>
        {diff.added.map((p) => (
          <li key={`a${p.idNumber}`}>
            新增：{p.name}（第 {p.row} 行）
          </li>
        ))}
        {diff.removed.map((p) => (
          <li key={`r${p.idNumber}`}>删除：{p.name}</li>
        ))}
        {diff.changed.map((p) => (
          <li key={`c${p.idNumber}`}>
            修改：{p.name}（第 {p.row} 行）{p.changes.map((c) => `${c.column}：${c.before ?? '空'} → ${c.after ?? '空'}`).join('；')}
          </li>
        ))}
        {diff.unitChanges.map((c) => (
          <li key={`u${c.field}`}>
            单位信息 {c.column}：{c.before ?? '空'} → {c.after ?? '空'}
          </li>
        ))}
      </ul>
    </div>
  );
}
