import { describe, expect, it } from 'vitest';
import { columnWidths, formatCell, isNumericType } from './grid-format';

describe('grid formatting', () => {
  it('formats values of every JSON shape', () => {
    expect(formatCell(null)).toBe('NULL');
    expect(formatCell(12.5)).toBe('12.5');
    expect(formatCell(false)).toBe('false');
    expect(formatCell({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(formatCell('x')).toBe('x');
  });

  it('knows numeric DuckDB types', () => {
    expect(isNumericType('BIGINT')).toBe(true);
    expect(isNumericType('DECIMAL(18,3)')).toBe(true);
    expect(isNumericType('VARCHAR')).toBe(false);
    expect(isNumericType('TIMESTAMP')).toBe(false);
  });

  it('sizes columns between the bounds by content', () => {
    const widths = columnWidths({
      node: 'n',
      columns: [
        { name: 'id', type: 'INTEGER' },
        { name: 'text', type: 'VARCHAR' },
      ],
      columnData: [
        [1, 2],
        ['x'.repeat(500), 'y'],
      ],
      rowCount: 2,
      totalRows: 2,
      durationMs: 1,
    });
    expect(widths[0]).toBeGreaterThanOrEqual(72);
    expect(widths[0]).toBeLessThan(120);
    expect(widths[1]).toBe(360);
  });
});
