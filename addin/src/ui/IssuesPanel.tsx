// The live issue list: counts by severity, issues grouped by severity and rule, a click selects the
// cell, the rule's plain-Chinese explanation one click away.
import { useMemo, useState } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  CounterBadge,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CheckResult, Issue } from '../../../shared/ledger/schema';
import { RULES, SEVERITIES, SEVERITY_LABEL, type RuleCode, type Severity } from '../../../shared/rules/catalogue';
import { MARK_STYLE } from '../excel/marks';

const PAGE = 50;

const useStyles = makeStyles({
  counts: { display: 'flex', gap: '8px', flexWrap: 'wrap', marginBottom: '8px' },
  rule: { display: 'flex', alignItems: 'center', gap: '6px', width: '100%' },
  ruleTitle: { flexGrow: 1 },
  item: {
    display: 'flex',
    gap: '8px',
    width: '100%',
    justifyContent: 'flex-start',
    textAlign: 'left',
    padding: '4px 6px',
    minHeight: '28px',
    fontWeight: tokens.fontWeightRegular,
  },
  cell: { fontFamily: tokens.fontFamilyMonospace, minWidth: '44px', color: tokens.colorNeutralForeground3 },
  explain: { maxWidth: '260px' },
  swatch: { width: '10px', height: '10px', borderRadius: '2px', flexShrink: 0, border: `1px solid ${tokens.colorNeutralStroke1}` },
  empty: { color: tokens.colorPaletteGreenForeground1, padding: '8px 0' },
});

const BADGE: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', finding: 'informative' };
/** data-testid of the element holding just the count (a contract for tests outside the project). */
const COUNT_TESTID: Record<Severity, string> = { error: 'summary-errors', warning: 'summary-warnings', finding: 'summary-findings' };

export function SeverityCounts({ result }: { result: CheckResult }) {
  const s = useStyles();
  const n = { error: result.summary.errors, warning: result.summary.warnings, finding: result.summary.findings };
  return (
    <div className={s.counts} data-testid="severity-counts">
      <Badge appearance="tint" color="brand">
        {result.summary.rows} 人
      </Badge>
      {SEVERITIES.map((sev) => (
        <Badge key={sev} appearance={n[sev] ? 'filled' : 'outline'} color={BADGE[sev]} data-severity={sev} data-count={n[sev]}>
          {/* One inline box: as separate items of the badge's flex row, the space would be dropped. */}
          <span>
            {SEVERITY_LABEL[sev]} <span data-testid={COUNT_TESTID[sev]}>{n[sev]}</span>
          </span>
        </Badge>
      ))}
    </div>
  );
}

export function RuleExplain({ code }: { code: RuleCode }) {
  const s = useStyles();
  return (
    <Popover withArrow>
      <PopoverTrigger disableButtonEnhancement>
        <Button
          size="small"
          appearance="transparent"
          aria-label={`说明：${RULES[code].title}`}
          data-explain={code}
          onClick={(e) => e.stopPropagation()}
        >
          说明
        </Button>
      </PopoverTrigger>
      <PopoverSurface className={s.explain}>
        <Text weight="semibold" block>
          {RULES[code].title}
        </Text>
        <Text block>{RULES[code].explain}</Text>
      </PopoverSurface>
    </Popover>
  );
}

/**
 * `onSelect` jumps to the cell; without it (no sheet to jump to) each issue just shows its address.
 * `totals`: exact issues per rule when `result.issues` holds only the first ones of each rule (网页版).
 */
export function IssuesPanel({
  result,
  onSelect,
  totals,
  moreHint,
}: {
  result: CheckResult;
  onSelect?: (i: Issue) => void;
  totals?: Partial<Record<RuleCode, number>> | null;
  /** Shown under a rule whose list here is shorter than its total. */
  moreHint?: string;
}) {
  const s = useStyles();
  const groups = useMemo(() => {
    const by = new Map<Severity, Map<RuleCode, Issue[]>>();
    for (const i of result.issues) {
      let rules = by.get(i.severity);
      if (!rules) by.set(i.severity, (rules = new Map()));
      let list = rules.get(i.code);
      if (!list) rules.set(i.code, (list = []));
      list.push(i);
    }
    return SEVERITIES.filter((sev) => by.has(sev)).map((sev) => ({
      severity: sev,
      rules: [...by.get(sev)!.entries()].sort((a, b) => b[1].length - a[1].length),
    }));
  }, [result]);
  const [shown, setShown] = useState<Record<string, number>>({});
  // Errors and warnings open by default (also when they appear later); the user's toggles are kept.
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const openItems = groups.flatMap((g) => g.rules.map(([code]) => code).filter((code) => toggled[code] ?? g.severity !== 'finding'));

  if (result.issues.length === 0) {
    return (
      <Text className={s.empty} block data-testid="no-issues">
        未发现问题，可以报送。
      </Text>
    );
  }
  return (
    <Accordion
      multiple
      collapsible
      openItems={openItems}
      onToggle={(_, d) => setToggled((t) => ({ ...t, [String(d.value)]: !openItems.includes(d.value as RuleCode) }))}
    >
      {groups.map((g) =>
        g.rules.map(([code, list]) => (
          <AccordionItem key={code} value={code} data-rule={code} data-severity={g.severity}>
            <AccordionHeader size="small">
              <span className={s.rule}>
                <span className={s.swatch} style={{ background: MARK_STYLE[g.severity].fill }} aria-hidden />
                <Text className={s.ruleTitle}>{RULES[code].title}</Text>
                <CounterBadge
                  count={totals?.[code] ?? list.length}
                  overflowCount={99999}
                  size="small"
                  color={g.severity === 'error' ? 'danger' : g.severity === 'warning' ? 'important' : 'informative'}
                />
                <RuleExplain code={code} />
              </span>
            </AccordionHeader>
            <AccordionPanel>
              {list.slice(0, shown[code] ?? PAGE).map((i, k) =>
                onSelect ? (
                  <Button
                    key={k}
                    className={s.item}
                    appearance="subtle"
                    size="small"
                    disabled={!i.cell}
                    title={i.cell ? '点击定位到该单元格' : undefined}
                    onClick={() => onSelect(i)}
                    data-cell={i.cell ?? ''}
                  >
                    <span className={s.cell}>{i.cell ?? (i.sheet ? '' : '—')}</span>
                    <span>{i.message}</span>
                  </Button>
                ) : (
                  <div key={k} className={s.item} data-cell={i.cell ?? ''} title={i.sheet ? `工作表“${i.sheet}”` : undefined}>
                    <span className={s.cell}>{i.cell ?? (i.sheet ? '' : '—')}</span>
                    <span>{i.message}</span>
                  </div>
                ),
              )}
              {list.length > (shown[code] ?? PAGE) && (
                <Button
                  size="small"
                  appearance="transparent"
                  onClick={() => setShown({ ...shown, [code]: (shown[code] ?? PAGE) + PAGE * 4 })}
                >
                  再显示 {Math.min(PAGE * 4, list.length - (shown[code] ?? PAGE))} 条（共 {list.length} 条）
                </Button>
              )}
              {(totals?.[code] ?? 0) > list.length && list.length <= (shown[code] ?? PAGE) && (
                <Text size={200} block>
                  另有 {totals![code]! - list.length} 条未在此列出{moreHint ? `，${moreHint}` : ''}。
                </Text>
              )}
            </AccordionPanel>
          </AccordionItem>
        )),
      )}
    </Accordion>
  );
}
