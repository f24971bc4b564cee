import type { Alert, ColumnProfile } from '../../common/profile/profile-schema';

/** Thresholds of the alerts (docs/profiling.md). */
export const ALERT_THRESHOLDS = {
  highNullShare: 0.5,
  /** Approximate distinct counts within this share of the row count still make a key candidate. */
  uniqueTolerance: 0.03,
  /** …or within this share when a sample of the column had no value twice (HyperLogLog is ±10%). */
  uniqueToleranceWithSample: 0.15,
  highCardinalityShare: 0.5,
  highCardinalityMin: 50,
  skewness: 3,
  numericTextShare: 0.9,
} as const;

const NUMBER_JSON_TYPES = new Set(['BIGINT', 'UBIGINT', 'DOUBLE']);

function jsonFamily(type: string): string | null {
  if (type === 'NULL') return null;
  return NUMBER_JSON_TYPES.has(type) ? 'number' : type === 'VARCHAR' ? 'string' : type.toLowerCase();
}

const percent = (share: number) => `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;

/**
 * Alerts in the spirit of ydata-profiling's, read off the statistics only (no
 * extra queries). `exact` says whether the numbers behind an alert are exact.
 */
export function columnAlerts(column: ColumnProfile, rowCount: number, sampled: boolean, evidence: { sampleAllDistinct?: boolean; distinctError?: number } = {}): Alert[] {
  const alerts: Alert[] = [];
  const exact = (field: string) => !sampled && column.exact[field] === true;
  const add = (alert: Omit<Alert, 'exact'>, basis: string[]) => alerts.push({ ...alert, exact: basis.every(exact) });
  const count = column.count ?? 0;
  const nulls = column.nullCount ?? 0;
  if (rowCount > 0 && count === 0) {
    add({ kind: 'all_null', severity: 'warning', message: `${column.name} is NULL in every row`, value: 1 }, ['nullCount']);
    return alerts;
  }
  if (rowCount > 0 && nulls / rowCount >= ALERT_THRESHOLDS.highNullShare) {
    add({ kind: 'high_null_share', severity: 'warning', message: `${column.name} is NULL in ${percent(nulls / rowCount)} of rows`, value: nulls / rowCount }, ['nullCount']);
  }
  const distinct = column.distinctCount;
  const constant = column.min !== null && column.max !== null && column.kind !== 'string' ? column.min === column.max : distinct === 1;
  if (count > 0 && constant) {
    add({ kind: 'constant', severity: 'warning', message: `${column.name} has one value: ${String(column.min ?? column.topValues?.[0]?.value)}`, value: 1 }, column.min !== null ? ['min', 'max'] : ['distinctCount']);
    return alerts;
  }
  let unique = false;
  if (distinct !== null && count > 1 && nulls === 0 && column.kind !== 'nested' && column.kind !== 'boolean' && !(column.kind === 'numeric' && column.type.match(/FLOAT|DOUBLE|REAL/i))) {
    const repeated = column.topValues?.some((v) => v.count > 1) ?? false;
    const loose = evidence.sampleAllDistinct ? ALERT_THRESHOLDS.uniqueToleranceWithSample : ALERT_THRESHOLDS.uniqueTolerance;
    // An estimate whose error is known (distinct sampling) must come within three standard errors.
    const tolerance = evidence.distinctError === undefined ? loose : Math.min(loose, 3 * evidence.distinctError);
    unique = column.exact.distinctCount ? distinct === count : evidence.sampleAllDistinct !== false && !repeated && distinct >= count * (1 - tolerance);
    if (unique) {
      const about = column.exact.distinctCount && !sampled ? '' : 'about ';
      add({ kind: 'unique_key_candidate', severity: 'info', message: `${column.name} has ${about}one distinct value per row: a key candidate`, value: distinct / count }, ['distinctCount', 'nullCount']);
    }
  }
  if (!unique && distinct !== null && (column.kind === 'string' || column.kind === 'json') && distinct > ALERT_THRESHOLDS.highCardinalityMin && distinct / count >= ALERT_THRESHOLDS.highCardinalityShare) {
    add({ kind: 'high_cardinality', severity: 'info', message: `${column.name} has ${distinct.toLocaleString('en-US')} distinct values (${percent(distinct / count)} of non-null rows)`, value: distinct / count }, ['distinctCount']);
  }
  if (column.skewness !== null && Math.abs(column.skewness) > ALERT_THRESHOLDS.skewness) {
    add({ kind: 'skewed', severity: 'info', message: `${column.name} is heavily skewed (skewness ${column.skewness.toFixed(1)})`, value: column.skewness }, ['skewness']);
  }
  if (column.outliers && column.outliers.count > 0) {
    const share = column.outliers.count / count;
    add(
      {
        kind: 'outliers',
        severity: share >= 0.05 ? 'warning' : 'info',
        message: `${column.name} has ${column.outliers.count.toLocaleString('en-US')} value${column.outliers.count === 1 ? '' : 's'} (${percent(share)}) outside [${round(column.outliers.low)}, ${round(column.outliers.high)}] (1.5 × IQR)`,
        value: share,
      },
      ['outliers'],
    );
  }
  if (column.jsonTypes) {
    const families = new Set(column.jsonTypes.map((t) => jsonFamily(t.type)).filter((f): f is string => f !== null));
    if (families.size > 1) {
      const detail = column.jsonTypes.map((t) => `${t.type} ${t.count}`).join(', ');
      add({ kind: 'mixed_types', severity: 'warning', message: `${column.name} mixes JSON types: ${detail}`, value: families.size }, ['jsonTypes']);
    }
  }
  if (column.numericText !== null && column.kind === 'string') {
    const nonEmpty = count - (column.emptyStrings ?? 0);
    const share = nonEmpty > 0 ? column.numericText / nonEmpty : 0;
    if (nonEmpty > 0 && share >= ALERT_THRESHOLDS.numericTextShare) {
      add({ kind: 'numbers_as_text', severity: 'warning', message: `${column.name} is text but ${percent(share)} of its values are numbers`, value: share }, ['numericText']);
    }
  }
  return alerts;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}
