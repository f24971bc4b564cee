import type { TemporalUnit } from '../../common/profile/profile-schema';
import { quoteIdentifier } from '../engine/sql-text';
import { formatTemporal } from './bins';
import { epochValueSql, type ColumnInfo } from './column-kinds';

/** A per-period grouping key as whole numbers, and the period's start (as date_trunc prints it) back from a key. */
export interface PeriodKey {
  sql: string;
  start: (key: number) => string;
}

const DAY_US = 86_400e6;
const UNIT_US: Partial<Record<TemporalUnit, number>> = { second: 1e6, minute: 60e6, hour: 3_600e6, day: DAY_US, week: 7 * DAY_US };
/** date_trunc('week') starts weeks on Monday; 1970-01-01 was a Thursday, so Mondays fall 3 days (mod 7) before it. */
const MONDAY_DAYS = -3;
/** Calendar keys use year(), which counts 1 BC as 0; from year 1000 on, its whole-number division floors as date_trunc does. */
const CALENDAR_FROM_DAYS = Date.UTC(1000, 0, 1) / 86_400_000;

/**
 * Whole-number keys for date_trunc(unit, column) on DATE and TIMESTAMP columns:
 * date_trunc converts each value to a calendar date (~4x the cost of the rest of the
 * histogram pass's keys on a timestamp column); (value − origin) // width and
 * year·12 + month do the same grouping in integer arithmetic. `min` and `max` are the
 * column's exact range on numericValueSql's scale (days or microseconds). Null where
 * date_trunc is kept: time zones (TIMESTAMPTZ truncates in the session's zone), centuries,
 * and ranges outside what the integer forms cover exactly.
 */
export function periodKey(column: ColumnInfo, unit: TemporalUnit, min: number, max: number): PeriodKey | null {
  if (column.temporal !== 'date' && column.temporal !== 'timestamp') return null;
  const date = column.temporal === 'date';
  const scale = date ? 1 : DAY_US;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) return null;
  const value = epochValueSql(column, quoted(column))!;
  const format = (daysOrMicros: number) => formatTemporal(column.temporal as 'date' | 'timestamp', daysOrMicros);
  const fixed = UNIT_US[unit];
  if (fixed !== undefined) {
    const width = date ? fixed / DAY_US : fixed;
    if (!Number.isInteger(width)) return null;
    const shift = unit === 'week' ? MONDAY_DAYS * scale : 0;
    // The first period start at or before min: every value − origin is ≥ 0, so // floors.
    const origin = Math.floor((min - shift) / width) * width + shift;
    if (!Number.isSafeInteger(origin) || !Number.isSafeInteger(max - origin)) return null;
    return { sql: `((${value} - ${origin}) // ${width})`, start: (key) => format(origin + key * width) };
  }
  if (min / scale < CALENDAR_FROM_DAYS) return null;
  const monthIndex = `(year(${quoted(column)}) * 12 + month(${quoted(column)}) - 1)`;
  const startOfMonth = (index: number) => format((Date.UTC(Math.floor(index / 12), index % 12, 1) / 86_400_000) * scale);
  switch (unit) {
    case 'month':
      return { sql: monthIndex, start: startOfMonth };
    case 'quarter':
      return { sql: `(${monthIndex} // 3)`, start: (key) => startOfMonth(key * 3) };
    case 'year':
      return { sql: `year(${quoted(column)})`, start: (key) => startOfMonth(key * 12) };
    case 'decade':
      return { sql: `(year(${quoted(column)}) // 10)`, start: (key) => startOfMonth(key * 120) };
    default:
      return null;
  }
}

function quoted(column: ColumnInfo): string {
  return quoteIdentifier(column.name);
}
