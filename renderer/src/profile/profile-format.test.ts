import { describe, expect, it } from 'vitest';
import { columnChartData, formatCompact, formatQuantile, formatDelta, formatNumber, formatPercent, formatSpan, formatValue, marked } from './profile-format';
import { column } from './profile-fixtures.test-util';

describe('profile number formatting', () => {
  it('writes counts with separators and other numbers with a few significant digits', () => {
    expect(formatNumber(3_000_000)).toBe('3,000,000');
    expect(formatNumber(6.6712)).toBe('6.671');
    expect(formatNumber(1234.567)).toBe('1,234.6');
    expect(formatNumber(0.000012)).toBe('1.2e-5');
    expect(formatCompact(1_536_194)).toBe('1.5M');
    expect(formatCompact(950)).toBe('950');
  });

  it('keeps tiny and almost-whole shares distinguishable from 0% and 100%', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.04)).toBe('<0.1%');
    expect(formatPercent(99.95)).toBe('>99.9%');
    expect(formatPercent(4.56)).toBe('4.6%');
    expect(formatPercent(null)).toBe('–');
  });

  it('signs deltas with a real minus', () => {
    expect(formatDelta(2.5, ' pts')).toBe('+2.5 pts');
    expect(formatDelta(-20, '%')).toBe('−20%');
    expect(formatDelta(-600000, '')).toBe('−600,000');
    expect(formatDelta(0, '%')).toBe('0%');
  });

  it('drops midnight from timestamps and names empty text', () => {
    expect(formatValue('2001-01-01 00:00:00')).toBe('2001-01-01');
    expect(formatValue('2001-01-01 13:05:00')).toBe('2001-01-01 13:05');
    expect(formatValue('2001-04-02 01:17:07.37344')).toBe('2001-04-02 01:17:07');
    expect(formatQuantile('2001-03-04 05:06:07')).toBe('2001-03-04');
    expect(formatQuantile(113.4567)).toBe('113.5');
    expect(formatValue('')).toBe('(empty)');
    expect(formatValue(null)).toBe('NULL');
    expect(formatValue('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('reads a span in the largest whole unit', () => {
    expect(formatSpan(90 * 86400)).toBe('3 months');
    expect(formatSpan(86400)).toBe('1 day');
    expect(formatSpan(36 * 3600)).toBe('1.5 days');
    expect(formatSpan(364 * 86400)).toBe('12 months');
  });

  it('marks approximate statistics with ≈', () => {
    const c = column({ name: 'a', exact: { count: true, distinctCount: false } });
    expect(marked(c, 'distinctCount', '10')).toBe('≈10');
    expect(marked(c, 'count', '100')).toBe('100');
  });
});

describe('columnChartData', () => {
  it('draws a histogram for numbers, labelled by bin range', () => {
    const data = columnChartData(column({ name: 'delay', histogram: [{ lo: 0, hi: 10, count: 5 }, { lo: 10, hi: 20, count: 7 }] }));
    expect(data).toEqual({ kind: 'histogram', labels: ['0 – 10', '10 – 20'], counts: [5, 7], otherCount: 0 });
  });

  it('draws top values for text and counts what the list leaves out', () => {
    const data = columnChartData(column({ name: 'state', kind: 'string', type: 'VARCHAR', count: 20, topValues: [{ value: 'CA', count: 8 }, { value: 'TX', count: 5 }, { value: '', count: 1 }] }), 2);
    expect(data).toEqual({ kind: 'categories', labels: ['CA', 'TX'], counts: [8, 5], otherCount: 7 });
  });

  it('falls back to how values split when there is no distribution (a key)', () => {
    const data = columnChartData(column({ name: 'id', kind: 'string', type: 'VARCHAR', count: 52, distinctCount: 52, nullCount: 3, emptyStrings: 0 }));
    expect(data).toEqual({ kind: 'composition', labels: ['distinct', 'repeated', 'empty', 'null'], counts: [52, 0, 0, 3], otherCount: 0 });
  });

  it('has nothing to draw before any count is known (metadata)', () => {
    expect(columnChartData(column({ name: 'x', count: null, nullCount: null, distinctCount: null }))).toBeNull();
  });
});
