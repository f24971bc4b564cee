import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { TemporalUnit } from '../../common/profile/profile-schema';
import { classifyColumn } from './column-kinds';
import { periodKey } from './periods';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  connection = await instance.connect();
  // Irregular values on both sides of 1970, Mondays and month ends included.
  await connection.run(`CREATE TABLE t AS SELECT TIMESTAMP '1961-03-30 17:45:12.25' + to_microseconds((hash(i) % 2000000000000000)::BIGINT) AS ts,
    DATE '1957-12-30' + (hash(i * 7) % 40000)::INTEGER AS d FROM range(20000) r(i)`);
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** Groups by the whole-number key and by date_trunc, and compares the periods with their counts. */
async function compare(column: 'ts' | 'd', unit: TemporalUnit): Promise<void> {
  const info = classifyColumn(column, column === 'ts' ? 'TIMESTAMP' : 'DATE');
  const value = column === 'ts' ? `epoch_us(${column})` : `(${column} - DATE '1970-01-01')`;
  const [min, max] = (await connection.runAndReadAll(`SELECT min(${value}), max(${value}) FROM t`)).getRows()[0]!.map(Number);
  const key = periodKey(info, unit, min!, max!);
  expect(key, unit).not.toBeNull();
  const fast = (await connection.runAndReadAll(`SELECT ${key!.sql} AS k, count(*) FROM t GROUP BY k`)).getRows().map(([k, n]) => `${key!.start(Number(k))}=${String(n)}`);
  const want = (await connection.runAndReadAll(`SELECT date_trunc('${unit}', ${column})::VARCHAR AS p, count(*) FROM t GROUP BY p`)).getRows()
    .map(([p, n]) => `${column === 'd' ? String(p).replace(/ 00:00:00$/, '') : String(p)}=${String(n)}`);
  expect(fast.sort()).toEqual(want.sort());
}

describe('whole-number period keys', () => {
  it('group timestamps as date_trunc does for every unit it replaces', async () => {
    for (const unit of ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year', 'decade'] as const) await compare('ts', unit);
  });

  it('group dates as date_trunc does', async () => {
    for (const unit of ['day', 'week', 'month', 'quarter', 'year', 'decade'] as const) await compare('d', unit);
  });

  it('leave time zones, centuries and early years to date_trunc', () => {
    expect(periodKey(classifyColumn('x', 'TIMESTAMP WITH TIME ZONE'), 'day', 0, 1e12)).toBeNull();
    expect(periodKey(classifyColumn('x', 'DATE'), 'century', 0, 1e5)).toBeNull();
    expect(periodKey(classifyColumn('x', 'DATE'), 'year', -800_000, 0)).toBeNull();
  });
});
