import type { TemporalUnit } from '../../common/profile/profile-schema';

export const MIN_BINS = 10;
export const MAX_BINS = 60;

/** Equal-width bins over [lo, lo + bins·width]; the last bin is closed and ends at the column's max. */
export interface BinPlan {
  lo: number;
  width: number;
  bins: number;
  max: number;
}

export interface BinInputs {
  min: number;
  max: number;
  /** Non-null (finite) values. */
  n: number;
  p25: number | null;
  p75: number | null;
  /** Whole-number values (integers, days, microseconds): bins then hold whole steps. */
  integral: boolean;
  /**
   * Units bin edges should fall on, largest first (timestamps: a day, an hour, a
   * minute, a second in microseconds); the largest that keeps MIN_BINS bins wins.
   */
  quanta?: readonly number[];
}

export const TIMESTAMP_QUANTA = [86_400e6, 3_600e6, 60e6, 1e6] as const;

/**
 * Freedman–Diaconis bin width (2·IQR·n^-1/3), held to MIN_BINS..MAX_BINS bins;
 * Sturges' rule when the IQR is 0. Whole-number columns with a small range get
 * one bin per value, and wider ones a whole-number width so no bin holds more
 * distinct values than its neighbour.
 */
export function planBins(input: BinInputs): BinPlan | null {
  const { min, max, n, integral } = input;
  if (n <= 0 || !Number.isFinite(min) || !Number.isFinite(max)) return null;
  const range = max - min;
  if (range <= 0) return { lo: min, width: integral ? 1 : 0, bins: 1, max };
  if (integral && range + 1 <= MAX_BINS) return { lo: min, width: 1, bins: range + 1, max };
  const iqr = input.p25 !== null && input.p75 !== null ? input.p75 - input.p25 : 0;
  let bins = iqr > 0 ? Math.ceil((range * Math.cbrt(n)) / (2 * iqr)) : Math.ceil(Math.log2(n)) + 1;
  if (!Number.isFinite(bins)) bins = MAX_BINS;
  bins = Math.min(MAX_BINS, Math.max(MIN_BINS, bins));
  if (integral) {
    const width = Math.ceil((range + 1) / bins);
    for (const quantum of input.quanta ?? []) {
      if (quantum > width) continue;
      const lo = Math.floor(min / quantum) * quantum;
      const roundWidth = Math.ceil(width / quantum) * quantum;
      const count = Math.ceil((max - lo + 1) / roundWidth);
      if (count >= MIN_BINS) return { lo, width: roundWidth, bins: count, max };
    }
    return { lo: min, width, bins: Math.ceil((range + 1) / width), max };
  }
  return { lo: min, width: range / bins, bins, max };
}

/**
 * The bin of a value: SQL over `value` (a DOUBLE expression), or over `wholeValue` (the same
 * value as a BIGINT) when the column holds whole numbers; NULL stays NULL.
 * The max itself can land one past the last bin; binIndex folds it back (cheaper than clamping per row in SQL).
 */
export function binKeySql(plan: BinPlan, value: string, wholeValue?: string): string {
  if (plan.bins === 1) return `(${value} * 0)::INTEGER`;
  // Whole numbers with whole edges: integer division (value − lo ≥ 0, so it floors) is cheaper than floor() over doubles.
  if (wholeValue !== undefined && wholeEdges(plan)) {
    return `((${wholeValue} - ${plan.lo}) // ${plan.width})::INTEGER`;
  }
  return `CAST(floor((${value} - ${numberLiteral(plan.lo)}) / ${numberLiteral(plan.width)}) AS INTEGER)`;
}

/** Whether binKeySql bins whole values by integer division (whole edges) rather than floor() over doubles. */
function wholeEdges(plan: BinPlan): boolean {
  return Number.isSafeInteger(plan.lo) && Number.isSafeInteger(plan.width) && Number.isSafeInteger(plan.max);
}

/**
 * binKeySql in JS: the key of one value as DuckDB computes it (an integer column's value
 * as a number or bigint, a double as a number), null where the SQL gives NULL.
 * Same operations in the same IEEE doubles, so the same key.
 */
export function binKeyOf(plan: BinPlan, value: unknown, whole: boolean): number | null {
  if (typeof value !== 'number' && typeof value !== 'bigint') return null;
  if (whole && plan.bins > 1 && wholeEdges(plan)) {
    const v = typeof value === 'bigint' ? value : BigInt(value);
    return Number((v - BigInt(plan.lo)) / BigInt(plan.width));
  }
  const x = Number(value);
  if (!Number.isFinite(x)) return null;
  return plan.bins === 1 ? 0 : Math.floor((x - plan.lo) / plan.width);
}

export function binIndex(plan: BinPlan, key: number): number {
  return Math.max(0, Math.min(plan.bins - 1, key));
}

export function binEdges(plan: BinPlan, index: number): { lo: number; hi: number } {
  const lo = plan.lo + index * plan.width;
  const hi = index === plan.bins - 1 ? plan.max : plan.lo + (index + 1) * plan.width;
  return { lo, hi };
}

/** A JS number as a SQL DOUBLE literal that DuckDB reads back to the same value. */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return `${String(value)}::DOUBLE`;
}

const UNIT_SECONDS: [TemporalUnit, number][] = [
  ['second', 1],
  ['minute', 60],
  ['hour', 3600],
  ['day', 86_400],
  ['week', 604_800],
  ['month', 2_629_746],
  ['quarter', 7_889_238],
  ['year', 31_556_952],
  ['decade', 315_569_520],
];

/** The smallest calendar period that splits a span into at most MAX_BINS periods. */
export function periodUnit(spanSeconds: number, dateOnly: boolean): TemporalUnit {
  for (const [unit, seconds] of UNIT_SECONDS) {
    if (dateOnly && seconds < 86_400) continue;
    if (spanSeconds / seconds <= MAX_BINS) return unit;
  }
  return 'century';
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * DuckDB's text for a date (days since 1970) or a timestamp (microseconds since
 * 1970), in UTC; `tz` appends "+00" as DuckDB does for TIMESTAMP WITH TIME ZONE in UTC.
 */
export function formatTemporal(kind: 'date' | 'timestamp' | 'timestamptz', value: number): string {
  if (kind === 'date') {
    const d = new Date(Math.round(value) * 86_400_000);
    return `${formatYear(d.getUTCFullYear())}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  const micros = Math.round(value);
  const millis = Math.floor(micros / 1000);
  const d = new Date(millis);
  const fraction = micros - millis * 1000 + d.getUTCMilliseconds() * 1000;
  const seconds = fraction === 0 ? '' : `.${pad(fraction, 6).replace(/0+$/, '')}`;
  const text = `${formatYear(d.getUTCFullYear())}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${seconds}`;
  return kind === 'timestamptz' ? `${text}+00` : text;
}

// Years before 1 AD are rare in data; they print with a minus sign rather than DuckDB's "(BC)".
function formatYear(year: number): string {
  return year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
}

/** Seconds between two values of numericValueSql's scale. */
export function spanSeconds(kind: 'date' | 'timestamp' | 'timestamptz', min: number, max: number): number {
  return kind === 'date' ? (max - min) * 86_400 : (max - min) / 1e6;
}
