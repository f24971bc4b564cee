import type { ColumnProfile, HistogramBin, Profile, ScalarValue } from './profile-schema';

/** How far a column's distribution moved: PSI < 0.1 none, < 0.25 moderate, else major (the usual PSI bands). */
export type ShiftLevel = 'none' | 'moderate' | 'major';

export interface DistributionShift {
  /** Histograms (numeric, temporal) or top values (categories). */
  basis: 'histogram' | 'categories';
  /** Population stability index, with the "before" profile as the reference. */
  psi: number;
  /** Largest gap between the two cumulative distributions (histograms only; values spread evenly within a bin). */
  ks: number | null;
  level: ShiftLevel;
}

export interface ColumnComparison {
  name: string;
  status: 'same-type' | 'type-changed' | 'added' | 'removed';
  typeBefore: string | null;
  typeAfter: string | null;
  nullPercentBefore: number | null;
  nullPercentAfter: number | null;
  /** Percentage points. */
  nullPercentDelta: number | null;
  distinctBefore: number | null;
  distinctAfter: number | null;
  meanBefore: ScalarValue;
  meanAfter: ScalarValue;
  shift: DistributionShift | null;
}

export interface ProfileComparison {
  rowCountBefore: number | null;
  rowCountAfter: number | null;
  rowDelta: number | null;
  /** Relative to "before", in percent; null when before had no rows. */
  rowDeltaPercent: number | null;
  columns: ColumnComparison[];
}

const EPSILON = 1e-4;

export function shiftLevel(psi: number): ShiftLevel {
  return psi < 0.1 ? 'none' : psi < 0.25 ? 'moderate' : 'major';
}

/** Compares a node's (or file's) profile before and after an edit: rows, NULL shares, distinct counts, distribution shift. */
export function compareProfiles(before: Profile, after: Profile): ProfileComparison {
  const rowDelta = before.rowCount !== null && after.rowCount !== null ? after.rowCount - before.rowCount : null;
  const byName = new Map(after.columns.map((c) => [c.name, c]));
  const columns: ColumnComparison[] = before.columns.map((b) => compareColumn(b, byName.get(b.name) ?? null));
  const known = new Set(before.columns.map((c) => c.name));
  for (const a of after.columns) if (!known.has(a.name)) columns.push(compareColumn(null, a));
  return {
    rowCountBefore: before.rowCount,
    rowCountAfter: after.rowCount,
    rowDelta,
    rowDeltaPercent: rowDelta !== null && before.rowCount ? (rowDelta / before.rowCount) * 100 : null,
    columns,
  };
}

function compareColumn(before: ColumnProfile | null, after: ColumnProfile | null): ColumnComparison {
  const status = !before ? 'added' : !after ? 'removed' : before.type === after.type ? 'same-type' : 'type-changed';
  const nb = before?.nullPercent ?? null;
  const na = after?.nullPercent ?? null;
  return {
    name: (before ?? after)!.name,
    status,
    typeBefore: before?.type ?? null,
    typeAfter: after?.type ?? null,
    nullPercentBefore: nb,
    nullPercentAfter: na,
    nullPercentDelta: nb !== null && na !== null ? na - nb : null,
    distinctBefore: before?.distinctCount ?? null,
    distinctAfter: after?.distinctCount ?? null,
    meanBefore: before?.mean ?? null,
    meanAfter: after?.mean ?? null,
    shift: before && after ? distributionShift(before, after) : null,
  };
}

export function distributionShift(before: ColumnProfile, after: ColumnProfile): DistributionShift | null {
  if (before.histogram && after.histogram && before.histogram.length > 0 && after.histogram.length > 0) {
    const b = numericBins(before.histogram);
    const a = numericBins(after.histogram);
    if (b && a) return histogramShift(b, a);
  }
  if (before.topValues && after.topValues && (before.count ?? 0) > 0 && (after.count ?? 0) > 0) {
    return categoryShift(before.topValues, before.count!, after.topValues, after.count!);
  }
  return null;
}

interface Bin {
  lo: number;
  hi: number;
  count: number;
}

/** Bin edges as numbers: numbers stay, timestamp text becomes milliseconds (UTC; both sides read alike). */
function numericBins(bins: readonly HistogramBin[]): Bin[] | null {
  const edge = (v: number | string) => (typeof v === 'number' ? v : Date.parse(`${v.replace(' ', 'T').replace(/\+00$/, '')}${/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? '' : 'Z'}`));
  const out = bins.map((bin) => ({ lo: edge(bin.lo), hi: edge(bin.hi), count: bin.count }));
  return out.every((b) => Number.isFinite(b.lo) && Number.isFinite(b.hi)) ? out : null;
}

/** Share of values at or below x, with values spread evenly within each bin. */
function cdf(bins: readonly Bin[], total: number, x: number): number {
  let below = 0;
  for (const bin of bins) {
    if (x >= bin.hi) below += bin.count;
    else if (x > bin.lo) below += (bin.count * (x - bin.lo)) / (bin.hi - bin.lo);
  }
  return total > 0 ? below / total : 0;
}

function histogramShift(before: Bin[], after: Bin[]): DistributionShift {
  const totalB = before.reduce((s, b) => s + b.count, 0);
  const totalA = after.reduce((s, b) => s + b.count, 0);
  const edges = [...new Set([...before, ...after].flatMap((b) => [b.lo, b.hi]))].sort((x, y) => x - y);
  let ks = 0;
  for (const x of edges) ks = Math.max(ks, Math.abs(cdf(before, totalB, x) - cdf(after, totalA, x)));
  // PSI over the reference bins, with everything "after" holds outside them folded into the end bins.
  let psi = 0;
  before.forEach((bin, i) => {
    const lo = i === 0 ? -Infinity : bin.lo;
    const hi = i === before.length - 1 ? Infinity : bin.hi;
    const p = Math.max(EPSILON, totalB > 0 ? bin.count / totalB : 0);
    const q = Math.max(EPSILON, (hi === Infinity ? 1 : cdf(after, totalA, hi)) - (lo === -Infinity ? 0 : cdf(after, totalA, lo)));
    psi += (q - p) * Math.log(q / p);
  });
  return { basis: 'histogram', psi, ks, level: shiftLevel(psi) };
}

function categoryShift(before: readonly { value: ScalarValue; count: number }[], totalB: number, after: readonly { value: ScalarValue; count: number }[], totalA: number): DistributionShift {
  const key = (v: ScalarValue) => JSON.stringify(v);
  const b = new Map(before.map((v) => [key(v.value), v.count / totalB]));
  const a = new Map(after.map((v) => [key(v.value), v.count / totalA]));
  const categories = new Set([...b.keys(), ...a.keys()]);
  let psi = 0;
  let restB = 1;
  let restA = 1;
  for (const category of categories) {
    const p = b.get(category) ?? 0;
    const q = a.get(category) ?? 0;
    restB -= p;
    restA -= q;
    psi += term(p, q);
  }
  // Values beyond either top list form one "other" category.
  psi += term(Math.max(0, restB), Math.max(0, restA));
  return { basis: 'categories', psi, ks: null, level: shiftLevel(psi) };
}

function term(p: number, q: number): number {
  const pp = Math.max(EPSILON, p);
  const qq = Math.max(EPSILON, q);
  return (qq - pp) * Math.log(qq / pp);
}
