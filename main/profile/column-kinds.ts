import type { ColumnKind } from '../../common/profile/profile-schema';

export interface ColumnInfo {
  name: string;
  type: string;
  kind: ColumnKind;
  /** Whole numbers (integer types, DATE in days, timestamps in microseconds): histogram bins hold whole steps. */
  integral: boolean;
  /** FLOAT or DOUBLE: may hold NaN and ±Infinity. */
  floating: boolean;
  temporal?: 'date' | 'timestamp' | 'timestamptz';
}

const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT']);
const FLOAT_TYPES = new Set(['FLOAT', 'DOUBLE', 'REAL']);

/** Sorts a DuckDB type name into what the profiler computes for it. */
export function classifyColumn(name: string, type: string): ColumnInfo {
  const upper = type.toUpperCase();
  const base = { name, type, integral: false, floating: false };
  if (/[[\]]$/.test(upper) || /^(STRUCT|MAP|UNION|LIST)\b/.test(upper)) return { ...base, kind: 'nested' };
  if (INTEGER_TYPES.has(upper)) return { ...base, kind: 'numeric', integral: true };
  if (FLOAT_TYPES.has(upper)) return { ...base, kind: 'numeric', floating: true };
  if (upper.startsWith('DECIMAL') || upper.startsWith('NUMERIC')) return { ...base, kind: 'numeric' };
  if (upper === 'DATE') return { ...base, kind: 'temporal', integral: true, temporal: 'date' };
  if (upper === 'TIMESTAMP WITH TIME ZONE' || upper === 'TIMESTAMPTZ') return { ...base, kind: 'temporal', integral: true, temporal: 'timestamptz' };
  if (upper.startsWith('TIMESTAMP') || upper === 'DATETIME') return { ...base, kind: 'temporal', integral: true, temporal: 'timestamp' };
  if (upper === 'BOOLEAN') return { ...base, kind: 'boolean' };
  if (upper === 'JSON') return { ...base, kind: 'json' };
  if (upper === 'VARCHAR' || upper.startsWith('ENUM')) return { ...base, kind: 'string' };
  return { ...base, kind: 'other' };
}

/** Dates as days since 1970, timestamps as microseconds since 1970 (whole numbers); null for other columns. */
export function epochValueSql(column: ColumnInfo, quoted: string): string | null {
  switch (column.temporal) {
    case 'date':
      return `(${quoted} - DATE '1970-01-01')`;
    case 'timestamp':
      return `epoch_us(${quoted}::TIMESTAMP)`;
    case 'timestamptz':
      return `epoch_us(${quoted})`;
    default:
      return null;
  }
}

/**
 * A column's values as a number for binning and quantiles: the value itself,
 * days since 1970 for DATE, microseconds since 1970 for timestamps.
 */
export function numericValueSql(column: ColumnInfo, quoted: string): string {
  const epoch = epochValueSql(column, quoted);
  if (epoch !== null) return epoch;
  if (column.floating) return `(CASE WHEN isfinite(${quoted}) THEN ${quoted} END)`;
  return `${quoted}::DOUBLE`;
}

/**
 * numericValueSql as a BIGINT for whole-number columns (integers, days, microseconds),
 * null for the others. Callers use it only where the values are known to fit.
 */
export function wholeValueSql(column: ColumnInfo, quoted: string): string | null {
  if (!column.integral) return null;
  return epochValueSql(column, quoted) ?? `${quoted}::BIGINT`;
}

/** The SQL that turns a number from numericValueSql back into the column's own type. */
export function fromNumericSql(column: ColumnInfo, numberSql: string): string {
  switch (column.temporal) {
    case 'date':
      return `(DATE '1970-01-01' + CAST(round(${numberSql}) AS INTEGER))`;
    case 'timestamp':
      return `make_timestamp(CAST(round(${numberSql}) AS BIGINT))`;
    case 'timestamptz':
      return `make_timestamptz(CAST(round(${numberSql}) AS BIGINT))`;
    default:
      return numberSql;
  }
}
