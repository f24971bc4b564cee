import { describe, expect, it } from 'vitest';
import { formatSql } from './sql-format';

describe('formatSql', () => {
  it('lays out DuckDB SQL without changing its words', () => {
    const sql = "select a.state, count(*) as n from flights f join airports a on a.iata = f.origin where f.delay > getvariable('min_delay') group by all order by n desc";
    const formatted = formatSql(sql);
    expect(formatted.split('\n')[0]).toBe('select');
    expect(formatted).toContain('\n  a.state,\n  count(*) as n\nfrom\n  flights f\n  join airports a on a.iata = f.origin\nwhere');
    expect(formatted.replace(/\s+/g, ' ')).toBe(sql.replace(/\s+/g, ' '));
  });

  it('knows DuckDB syntax: list literals, lambdas, EXCLUDE, :: casts', () => {
    const formatted = formatSql("SELECT * EXCLUDE (x), [1,2,3] AS l, list_transform(l, v -> v*2) AS d, '2024-01-01'::DATE AS day FROM t");
    expect(formatted).toContain('* EXCLUDE (x)');
    expect(formatted).toContain('[1, 2, 3] AS l');
    expect(formatted).toContain("'2024-01-01'::DATE AS day");
    expect(formatted).toMatch(/list_transform\(l, v -> v \* 2\) AS d/);
  });
});
