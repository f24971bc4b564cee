import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { AlertKind, Profile } from '../../common/profile/profile-schema';
import { quoteLiteral } from '../engine/sql-text';
import { makeTempDir } from '../test-support/temp';
import { columnAlerts } from './alerts';
import { profileSource } from './profiler';
import { verifyProfile } from './verify-profile';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let full: Profile;
let sample: Profile;
let file: string;

/** One column built to trigger each alert, and a control column that should trigger none. */
const COLUMNS = `
  'same' AS constant,
  NULL::INTEGER AS all_null,
  CASE WHEN i % 10 < 6 THEN NULL ELSE i END AS mostly_null,
  i * 7 + 3 AS key,
  'v' || (hash(i) % 150000)::VARCHAR AS high_card,
  pow(1 - (hash(i * 3) % 1000000) / 1000000.0, -3) AS skewed,
  CASE WHEN i % 500 = 0 THEN 100000 + i ELSE (i * 37) % 100 END AS outliers,
  ((hash(i * 5) % 9000) + 1000)::VARCHAR AS numbers_as_text,
  (i * 13) % 7 AS control
`;
const ROWS = 200_000;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  connection = await instance.connect();
  temp = await makeTempDir();
  file = path.join(temp.dir, 'alerts.parquet');
  await connection.run(`COPY (SELECT ${COLUMNS} FROM range(${ROWS}) t(i)) TO ${quoteLiteral(file)} (FORMAT parquet)`);
  full = await profileSource(connection, { kind: 'file', path: file }, {
    target: { kind: 'file', path: file, format: 'parquet' },
    fingerprint: 'alerts',
    onStage: (p) => {
      if (p.stage === 'sample') sample = p;
    },
  });
});
afterAll(async () => {
  connection.closeSync();
  instance.closeSync();
  await temp.dispose();
});

const kinds = (profile: Profile, column: string): AlertKind[] => profile.columns.find((c) => c.name === column)!.alerts.map((a) => a.kind);

describe('alerts on a file built to trigger them', () => {
  it('computes statistics that agree with independent queries', async () => {
    expect(await verifyProfile(connection, `read_parquet(${quoteLiteral(file)})`, full)).toEqual([]);
  });

  it.each([
    ['constant', 'constant'],
    ['all_null', 'all_null'],
    ['mostly_null', 'high_null_share'],
    ['key', 'unique_key_candidate'],
    ['high_card', 'high_cardinality'],
    ['skewed', 'skewed'],
    ['outliers', 'outliers'],
    ['numbers_as_text', 'numbers_as_text'],
  ] as const)('%s raises %s in the full profile and the sample', (column, kind) => {
    expect(kinds(full, column)).toContain(kind);
    expect(kinds(sample, column)).toContain(kind);
  });

  it('raises nothing on the control column, and says which alerts rest on exact numbers', () => {
    expect(kinds(full, 'control')).toEqual([]);
    const key = full.columns.find((c) => c.name === 'key')!;
    expect(key.alerts.find((a) => a.kind === 'unique_key_candidate')!.exact).toBe(true);
    expect(full.columns.find((c) => c.name === 'constant')!.alerts.find((a) => a.kind === 'constant')!.exact).toBe(true);
    expect(sample.columns.every((c) => c.alerts.every((a) => !a.exact))).toBe(true);
    // Each alert fires only where it was built to: no column but `skewed` is heavily skewed.
    const skewedColumns = full.columns.filter((c) => c.alerts.some((a) => a.kind === 'skewed')).map((c) => c.name);
    expect(skewedColumns).toEqual(expect.arrayContaining(['skewed']));
    expect(skewedColumns).not.toContain('control');
  });

  it('judges a key of a big file from its estimated distinct count and the sample, without grouping it', async () => {
    const big = path.join(temp.dir, 'big-key.parquet');
    await connection.run(`COPY (SELECT i * 3 + 1 AS key, i % 1000 AS repeated FROM range(400000) t(i)) TO ${quoteLiteral(big)} (FORMAT parquet)`);
    const profile = await profileSource(connection, { kind: 'file', path: big }, { target: { kind: 'file', path: big, format: 'parquet' }, fingerprint: 'big' });
    const key = profile.columns.find((c) => c.name === 'key')!;
    expect(key.exact.distinctCount).toBe(false);
    expect(key.topValues).toBeNull();
    expect(key.alerts.find((a) => a.kind === 'unique_key_candidate')).toMatchObject({ exact: false });
    expect(kinds(profile, 'repeated')).not.toContain('unique_key_candidate');
  });

  it('holds a distinct-sampling estimate to its own error before calling a column a key', () => {
    const key = full.columns.find((c) => c.name === 'key')!;
    const count = key.count!;
    // 95% distinct and no repeat in the sample: HyperLogLog's ±10% could hide the 5%; distinct sampling at 0.3% error cannot.
    const estimated = { ...key, distinctCount: Math.round(count * 0.95), exact: { ...key.exact, distinctCount: false }, topValues: null };
    expect(columnAlerts(estimated, count, false, { sampleAllDistinct: true }).map((a) => a.kind)).toContain('unique_key_candidate');
    expect(columnAlerts(estimated, count, false, { sampleAllDistinct: true, distinctError: 0.003 }).map((a) => a.kind)).not.toContain('unique_key_candidate');
    const close = { ...estimated, distinctCount: Math.round(count * 0.995) };
    expect(columnAlerts(close, count, false, { sampleAllDistinct: true, distinctError: 0.003 }).map((a) => a.kind)).toContain('unique_key_candidate');
  });

  it('finds mixed types in a JSON column', async () => {
    const ndjson = path.join(temp.dir, 'mixed.ndjson');
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: i, value: i % 3 === 0 ? i : i % 3 === 1 ? `text ${i}` : { nested: i } }));
    await writeFile(ndjson, `${lines.join('\n')}\n`);
    const profile = await profileSource(connection, { kind: 'file', path: ndjson }, { target: { kind: 'file', path: ndjson, format: 'ndjson' }, fingerprint: 'mixed' });
    const value = profile.columns.find((c) => c.name === 'value')!;
    expect(value.kind).toBe('json');
    expect(value.jsonTypes!.map((t) => t.type).sort()).toEqual(['OBJECT', 'UBIGINT', 'VARCHAR']);
    expect(value.alerts.map((a) => a.kind)).toContain('mixed_types');
    expect(profile.columns.find((c) => c.name === 'id')!.alerts.map((a) => a.kind)).not.toContain('mixed_types');
  });
});
