import { QuantileKeys, type ColumnProfile, type HistogramBin, type Quantiles, type ScalarValue } from '../../common/profile/profile-schema';
import { columnAlerts } from './alerts';
import { binEdges, binIndex, formatTemporal } from './bins';
import type { ColumnInfo } from './column-kinds';
import { TOP_K, type DistributionKey, type KeyResult } from './distribution-query';
import { finiteOrNull, toScalar } from './duck-values';
import type { ColumnStats } from './stats-query';

export interface AssembleContext {
  rowCount: number;
  /** True for a sample profile: counts are within the sample, nothing is exact. */
  sampled: boolean;
  exactDistinct: boolean;
  exactQuantiles: boolean;
  /** From the sample stage: whether each column's sampled values were all distinct (evidence for a key). */
  sampleAllDistinct?: ReadonlyMap<string, boolean>;
}

/** Builds every column's profile from the two passes, then its alerts. */
export function assembleColumns(
  columns: readonly ColumnInfo[],
  stats: readonly ColumnStats[],
  keys: readonly DistributionKey[],
  results: readonly KeyResult[],
  context: AssembleContext,
): ColumnProfile[] {
  return columns.map((column, i) => {
    const mine = keys.flatMap((key, j) => (key.column === i ? [{ key, result: results[j]! }] : []));
    const profile = assembleColumn(column, stats[i]!, mine, context);
    const sampleAllDistinct = context.sampleAllDistinct?.get(column.name);
    const distinctError = profile.exact.distinctCount ? null : stats[i]!.distinctError;
    profile.alerts = columnAlerts(profile, context.rowCount, context.sampled, {
      ...(sampleAllDistinct === undefined ? {} : { sampleAllDistinct }),
      ...(distinctError === null ? {} : { distinctError }),
    });
    return profile;
  });
}

function assembleColumn(column: ColumnInfo, s: ColumnStats, keyed: { key: DistributionKey; result: KeyResult }[], context: AssembleContext): ColumnProfile {
  const exact: Record<string, boolean> = {};
  const mark = (field: string, isExact: boolean) => {
    exact[field] = isExact && !context.sampled;
  };
  const { rowCount } = context;
  const nullCount = rowCount - s.count;
  mark('count', true);
  mark('nullCount', true);
  mark('nullPercent', true);
  const asValue = (n: number | null): ScalarValue => {
    const finite = finiteOrNull(n);
    if (finite === null) return null;
    return column.temporal ? formatTemporal(column.temporal, finite) : finite;
  };

  const find = <R extends DistributionKey['role']>(role: R) => keyed.find((k) => k.key.role === role) as { key: Extract<DistributionKey, { role: R }>; result: KeyResult } | undefined;
  const top = find('top');
  let distinctCount = s.distinct;
  if (distinctCount !== null) mark('distinctCount', context.exactDistinct);
  if (top) {
    distinctCount = top.result.distinct;
    mark('distinctCount', true);
  }

  let topValues: ColumnProfile['topValues'] = null;
  let topValuesComplete: boolean | null = null;
  if (top) {
    topValues = top.result.groups.filter((g) => g.value !== null).map((g) => ({ value: toScalar(g.value), count: g.count }));
    topValuesComplete = top.result.distinct <= topValues.length;
  } else if (s.candidateCounts) {
    // Values the sample saw repeat, counted exactly over every row; a value the sample missed may be absent.
    topValues = s.candidateCounts.slice(0, TOP_K).map((c) => ({ value: c.value, count: c.count }));
    topValuesComplete = false;
    if (topValues.length > 0) exact.topValues = false;
  } else if (column.kind === 'boolean' && s.trues !== null && s.falses !== null) {
    topValues = [
      { value: true, count: s.trues },
      { value: false, count: s.falses },
    ]
      .filter((v) => v.count > 0)
      .sort((a, b) => b.count - a.count);
    topValuesComplete = true;
    distinctCount = topValues.length;
    mark('distinctCount', true);
  }
  if (topValues && exact.topValues === undefined) mark('topValues', true);

  let quantiles: Quantiles | null = null;
  if (s.quantiles && s.quantiles.some((q) => q !== null)) {
    // A t-digest interpolates between centroids; whole-number columns report whole numbers.
    const round = (q: number | null) => (q !== null && column.integral ? Math.round(q) : q);
    quantiles = Object.fromEntries(QuantileKeys.map((key, k) => [key, asValue(round(s.quantiles![k] ?? null))])) as Quantiles;
    mark('quantiles', context.exactQuantiles || s.quantilesExact === true);
  }

  let histogram: HistogramBin[] | null = null;
  const hist = find('histogram');
  if (hist) {
    const counts = new Map<number, number>();
    for (const group of hist.result.groups) {
      if (group.value === null) continue;
      const bin = binIndex(hist.key.plan, Number(group.value));
      counts.set(bin, (counts.get(bin) ?? 0) + group.count);
    }
    histogram = Array.from({ length: hist.key.plan.bins }, (_, b) => {
      const { lo, hi } = binEdges(hist.key.plan, b);
      return { lo: asValue(lo) as number | string, hi: asValue(hi) as number | string, count: counts.get(b) ?? 0 };
    });
  } else if ((column.kind === 'numeric' || column.kind === 'temporal') && s.vmin !== null && s.vmin === s.vmax) {
    histogram = [{ lo: asValue(s.vmin) as number | string, hi: asValue(s.vmax) as number | string, count: s.vcount ?? s.count }];
  }
  if (histogram) mark('histogram', true);

  const outlierKey = find('outliers');
  const outliers = outlierKey
    ? { count: outlierKey.result.groups.find((g) => g.value === true)?.count ?? 0, low: outlierKey.key.low, high: outlierKey.key.high }
    : s.outliers;
  // Fences from a sample's quartiles or a t-digest's are estimates; from exact quartiles (value groups) the count is exact.
  if (outliers) mark('outliers', !outlierKey && s.quantilesExact === true);

  const periodKey = find('periods');
  let temporal: ColumnProfile['temporal'] = null;
  if (column.temporal && s.vmin !== null && s.vmax !== null && periodKey) {
    const periods = periodKey.result.groups
      .filter((g) => g.value !== null)
      .map((g) => ({ start: periodKey.key.start ? periodKey.key.start(Number(g.value)) : periodStart(toScalar(g.value), column.temporal === 'date'), count: g.count }))
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const span = column.temporal === 'date' ? (s.vmax - s.vmin) * 86_400 : (s.vmax - s.vmin) / 1e6;
    temporal = { spanSeconds: span, unit: periodKey.key.unit, periods };
    mark('temporal', true);
  }

  const jsonKey = find('json-types');
  const jsonTypes = jsonKey
    ? jsonKey.result.groups.filter((g) => g.value !== null).map((g) => ({ type: String(toScalar(g.value)), count: g.count }))
    : null;
  if (jsonTypes) mark('jsonTypes', true);

  const present = (field: string, value: unknown, isExact = true) => {
    if (value !== null && value !== undefined) mark(field, isExact);
    return value;
  };
  const isNumeric = column.kind === 'numeric';
  const profile: ColumnProfile = {
    name: column.name,
    type: column.type,
    kind: column.kind,
    count: s.count,
    nullCount,
    nullPercent: rowCount > 0 ? (nullCount / rowCount) * 100 : null,
    distinctCount,
    min: present('min', s.min) as ScalarValue,
    max: present('max', s.max) as ScalarValue,
    mean: present('mean', isNumeric ? finiteOrNull(s.mean) : column.temporal ? asValue(s.mean) : null) as ScalarValue,
    stddev: present('stddev', isNumeric ? finiteOrNull(s.stddev) : null) as number | null,
    skewness: present('skewness', isNumeric ? finiteOrNull(s.skewness) : null) as number | null,
    quantiles,
    histogram,
    topValues,
    topValuesComplete,
    zeros: present('zeros', s.zeros) as number | null,
    negatives: present('negatives', s.negatives) as number | null,
    nonFinite: present('nonFinite', s.nonFinite) as number | null,
    emptyStrings: present('emptyStrings', s.empty) as number | null,
    length:
      s.lengthMin !== null && s.lengthMax !== null && s.lengthMean !== null
        ? (present('length', { min: s.lengthMin, mean: s.lengthMean, max: s.lengthMax }) as ColumnProfile['length'])
        : null,
    numericText: present('numericText', s.numericText) as number | null,
    outliers,
    temporal,
    jsonTypes,
    exact,
    alerts: [],
  };
  return profile;
}

/** date_trunc returns a timestamp; a DATE column's periods read better as dates. */
function periodStart(value: ScalarValue, dateOnly: boolean): string {
  const text = String(value);
  return dateOnly ? text.replace(/ 00:00:00$/, '') : text;
}
