import { describe, expect, it } from 'vitest';
import { compareView } from './compare-model';
import { column, profile } from './profile-fixtures.test-util';

const bins = (counts: number[]) => counts.map((count, i) => ({ lo: i * 10, hi: (i + 1) * 10, count }));

describe('compareView', () => {
  const before = profile({
    rowCount: 1000,
    columns: [
      column({ name: 'id', type: 'BIGINT', nullPercent: 0, histogram: bins([250, 250, 250, 250]) }),
      column({ name: 'delay', type: 'BIGINT', nullPercent: 2, histogram: bins([700, 200, 50, 50]) }),
      column({ name: 'note', type: 'VARCHAR', kind: 'string' }),
    ],
  });
  const after = profile({
    fingerprint: 'f2',
    rowCount: 800,
    columns: [
      column({ name: 'id', type: 'BIGINT', nullPercent: 0, histogram: bins([200, 200, 200, 200]) }),
      column({ name: 'delay', type: 'DOUBLE', nullPercent: 12.5, histogram: bins([50, 50, 200, 500]) }),
      column({ name: 'added', type: 'DATE', kind: 'temporal' }),
    ],
  });

  it('gives the row delta in rows and percent', () => {
    const view = compareView(before, after);
    expect(view.rowsBefore).toBe('1,000');
    expect(view.rowsAfter).toBe('800');
    expect(view.rowDelta).toBe('−200 (−20%)');
  });

  it('puts added, removed and retyped columns first, then shifted ones, and counts what changed', () => {
    const view = compareView(before, after);
    expect(view.rows.map((r) => [r.name, r.status])).toEqual([
      ['delay', 'type-changed'],
      ['note', 'removed'],
      ['added', 'added'],
      ['id', 'same-type'],
    ]);
    const delay = view.rows[0]!;
    expect(delay.type).toBe('BIGINT → DOUBLE');
    expect(delay.nullDelta).toBe('+10.5 pts');
    expect(delay.shift).toBe('major');
    expect(view.rows[3]!.shift).toBe('none');
    expect(view.changed).toBe(3);
  });

  it('compares only the columns both sides profiled when one side chose columns', () => {
    const partial = { ...after, columns: after.columns.slice(0, 1), omittedColumns: 2 };
    const view = compareView(before, partial);
    expect(view.partial).toBe(true);
    expect(view.rows.map((r) => r.name)).toEqual(['id']);
  });
});
