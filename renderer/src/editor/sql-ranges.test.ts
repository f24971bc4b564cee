import { describe, expect, it } from 'vitest';
import { runTarget, topLevelCtes } from './sql-ranges';

const sql = `-- WITH in a comment (x AS (1))
WITH late AS NOT MATERIALIZED (
  SELECT * FROM flights WHERE delay > 60 AND note <> ')'
), "per airport"(o, n) AS (
  SELECT origin, count(*) FROM late GROUP BY ALL
)
SELECT * FROM "per airport"`;

describe('run selection targets', () => {
  it('finds top-level CTEs past comments, strings, column aliases and MATERIALIZED', () => {
    const ctes = topLevelCtes(sql);
    expect(ctes.map((c) => c.name)).toEqual(['late', '"per airport"']);
    expect(sql.slice(ctes[1]!.start, ctes[1]!.end)).toMatch(/^"per airport"\(o, n\) AS \([^]*GROUP BY ALL\n\)$/);
  });

  it('runs the selection when there is one, trailing semicolon dropped', () => {
    const start = sql.indexOf('SELECT origin');
    const end = sql.indexOf('GROUP BY ALL') + 'GROUP BY ALL'.length;
    expect(runTarget(sql, start, end)).toEqual({ sql: 'SELECT origin, count(*) FROM late GROUP BY ALL', label: 'selection' });
    expect(runTarget('SELECT 1;  ', 0, 11)).toEqual({ sql: 'SELECT 1', label: 'selection' });
  });

  it('runs the CTE under the cursor with the CTEs before it', () => {
    const inSecond = runTarget(sql, sql.indexOf('count(*)'), sql.indexOf('count(*)'));
    expect(inSecond!.label).toBe('CTE "per airport"');
    expect(inSecond!.sql.startsWith('WITH late AS NOT MATERIALIZED (')).toBe(true);
    expect(inSecond!.sql.endsWith(')\nSELECT * FROM "per airport"')).toBe(true);
    const inFirst = runTarget(sql, sql.indexOf('delay > 60'), sql.indexOf('delay > 60'));
    expect(inFirst!.sql).toBe(`WITH late AS NOT MATERIALIZED (\n  SELECT * FROM flights WHERE delay > 60 AND note <> ')'\n)\nSELECT * FROM late`);
    expect(runTarget(sql, sql.length - 3, sql.length - 3)).toBeNull();
    expect(runTarget('SELECT 1', 3, 3)).toBeNull();
  });
});
