// Style rules the desk's panels share (for their makeStyles): a bordered column box, and small grey text.
import { tokens } from '@fluentui/react-components';

/** A panel: a bordered, padded column (review, leads, draw). */
export const PANEL = {
  display: 'flex',
  flexDirection: 'column',
  gap: '6px',
  padding: '8px',
  border: `1px solid ${tokens.colorNeutralStroke2}`,
  borderRadius: tokens.borderRadiusMedium,
} as const;

/** Secondary text: hints, counts, empty states. */
export const MUTED = { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 } as const;
