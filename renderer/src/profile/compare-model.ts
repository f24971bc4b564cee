import { compareProfiles, type ColumnComparison, type ShiftLevel } from '../../../common/profile/compare';
import type { ColumnProfile, Profile } from '../../../common/profile/profile-schema';
import { formatCount, formatDelta, formatPercent, formatValue } from './profile-format';

/** The "Compare with previous" table as text, computed from two profiles of one node (pure). */

export interface CompareRow {
  name: string;
  status: ColumnComparison['status'];
  type: string;
  nullBefore: string;
  nullAfter: string;
  nullDelta: string;
  /** Absolute change of the NULL share in points; for highlighting. */
  nullDeltaPoints: number | null;
  distinct: string;
  mean: string;
  shift: ShiftLevel | null;
  shiftText: string;
  before: ColumnProfile | null;
  after: ColumnProfile | null;
}

export interface CompareView {
  rowsBefore: string;
  rowsAfter: string;
  rowDelta: string;
  /** Columns left out because one side profiled only some columns. */
  partial: boolean;
  changed: number;
  rows: CompareRow[];
}

const STATUS_RANK: Record<ColumnComparison['status'], number> = { removed: 0, added: 0, 'type-changed': 0, 'same-type': 1 };
const SHIFT_RANK: Record<ShiftLevel, number> = { major: 0, moderate: 1, none: 2 };

function restrict(profile: Profile, names: Set<string>): Profile {
  return { ...profile, columns: profile.columns.filter((c) => names.has(c.name)) };
}

export function compareView(before: Profile, after: Profile): CompareView {
  // A profile of chosen columns cannot say whether the others were added or removed.
  const partial = before.omittedColumns > 0 || after.omittedColumns > 0;
  let b = before;
  let a = after;
  if (partial) {
    const inAfter = new Set(after.columns.map((c) => c.name));
    const both = new Set(before.columns.map((c) => c.name).filter((n) => inAfter.has(n)));
    b = restrict(before, both);
    a = restrict(after, both);
  }
  const comparison = compareProfiles(b, a);
  const beforeByName = new Map(b.columns.map((c) => [c.name, c]));
  const afterByName = new Map(a.columns.map((c) => [c.name, c]));
  const rows = comparison.columns.map((c, index): CompareRow & { index: number } => ({
    index,
    name: c.name,
    status: c.status,
    type: c.status === 'type-changed' ? `${c.typeBefore} → ${c.typeAfter}` : (c.typeAfter ?? c.typeBefore ?? ''),
    nullBefore: formatPercent(c.nullPercentBefore),
    nullAfter: formatPercent(c.nullPercentAfter),
    nullDelta: formatDelta(c.nullPercentDelta, ' pts'),
    nullDeltaPoints: c.nullPercentDelta,
    distinct: c.distinctBefore === c.distinctAfter ? formatCount(c.distinctAfter) : `${formatCount(c.distinctBefore)} → ${formatCount(c.distinctAfter)}`,
    mean: c.meanBefore === null && c.meanAfter === null ? '–' : sameValue(c.meanBefore, c.meanAfter) ? formatValue(c.meanAfter, 24) : `${formatValue(c.meanBefore, 24)} → ${formatValue(c.meanAfter, 24)}`,
    shift: c.shift?.level ?? null,
    shiftText: c.shift ? `${c.shift.level} · PSI ${c.shift.psi.toFixed(2)}${c.shift.ks !== null ? ` · KS ${c.shift.ks.toFixed(2)}` : ''}` : c.status === 'added' ? 'new column' : c.status === 'removed' ? 'removed' : '–',
    before: beforeByName.get(c.name) ?? null,
    after: afterByName.get(c.name) ?? null,
  }));
  const isChanged = (row: CompareRow) => row.status !== 'same-type' || (row.shift !== null && row.shift !== 'none') || Math.abs(row.nullDeltaPoints ?? 0) >= 1;
  rows.sort((x, y) => STATUS_RANK[x.status] - STATUS_RANK[y.status] || SHIFT_RANK[x.shift ?? 'none'] - SHIFT_RANK[y.shift ?? 'none'] || x.index - y.index);
  return {
    rowsBefore: formatCount(comparison.rowCountBefore),
    rowsAfter: formatCount(comparison.rowCountAfter),
    rowDelta:
      comparison.rowDelta === null
        ? '–'
        : `${formatDelta(comparison.rowDelta, '')}${comparison.rowDeltaPercent !== null ? ` (${formatDelta(comparison.rowDeltaPercent, '%')})` : ''}`,
    partial,
    changed: rows.filter(isChanged).length,
    rows: rows.map(({ index: _index, ...row }) => row),
  };
}

function sameValue(x: unknown, y: unknown): boolean {
  return typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)) : x === y;
}
