import type { DuckDBConnection } from '@duckdb/node-api';
import type { ScalarValue } from '../../common/profile/profile-schema';
import { toJsonValue } from '../engine/values';

/** Runs a one-row query and returns its values by column alias. */
export async function readOneRow(connection: DuckDBConnection, sql: string): Promise<Map<string, unknown>> {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  const columns = reader.getColumns();
  return new Map(names.map((name, i) => [name, columns[i]?.[0] ?? null]));
}

/** Rows of a query as arrays of raw DuckDB values. */
export async function readRows(connection: DuckDBConnection, sql: string): Promise<{ names: string[]; rows: unknown[][] }> {
  const reader = await connection.runAndReadAll(sql);
  return { names: reader.columnNames(), rows: reader.getRows() };
}

/** A DuckDB number (integer, bigint, decimal, double) as a JS number; null when absent or not a number. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  const parsed = Number(String(value));
  return Number.isNaN(parsed) && String(value) !== 'NaN' ? null : parsed;
}

/** A count as a JS number (counts are BIGINT). */
export function toCount(value: unknown): number {
  return toNumber(value) ?? 0;
}

const MAX_TEXT = 200;

/** A value for the profile's JSON: long text is cut, nested values become their JSON text. */
export function toScalar(value: unknown): ScalarValue {
  const json = toJsonValue(value);
  if (json === null || typeof json === 'number' || typeof json === 'boolean') return json;
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** A finite number for JSON, or null (NaN and infinities have no JSON form). */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
