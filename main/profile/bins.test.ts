import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { binEdges, binKeyOf, binKeySql, formatTemporal, MAX_BINS, MIN_BINS, periodUnit, planBins, TIMESTAMP_QUANTA } from './bins';

describe('histogram bins', () => {
  it('uses Freedman–Diaconis within 10..60 bins and Sturges when the IQR is 0', () => {
    // Width 2·IQR/n^(1/3) = 2·50/100 = 1 over a range of 30: 30 bins.
    expect(planBins({ min: 0, max: 30, n: 1_000_000, p25: 0, p75: 50, integral: false })!.bins).toBe(30);
    expect(planBins({ min: 0, max: 1e9, n: 1_000_000, p25: 10, p75: 20, integral: false })!.bins).toBe(MAX_BINS);
    expect(planBins({ min: 0, max: 1, n: 8, p25: 0, p75: 1, integral: false })!.bins).toBe(MIN_BINS);
    expect(planBins({ min: 0, max: 5000, n: 1000, p25: 3, p75: 3, integral: true })!.bins).toBe(Math.ceil(Math.log2(1000)) + 1);
  });

  it('gives whole-number columns one bin per value when few, else whole-number widths ending at the max', () => {
    expect(planBins({ min: 1, max: 5, n: 100, p25: 2, p75: 4, integral: true })).toEqual({ lo: 1, width: 1, bins: 5, max: 5 });
    const plan = planBins({ min: 0, max: 1000, n: 1e7, p25: 250, p75: 750, integral: true })!;
    expect(Number.isInteger(plan.width)).toBe(true);
    expect(plan.lo + (plan.bins - 1) * plan.width).toBeLessThanOrEqual(1000);
    expect(plan.lo + plan.bins * plan.width).toBeGreaterThan(1000);
    expect(binEdges(plan, plan.bins - 1).hi).toBe(1000);
  });

  it('puts timestamp edges on whole days, hours, minutes or seconds', () => {
    const day = 86_400e6;
    const plan = planBins({ min: 978_307_260e6, max: 993_945_600e6, n: 3e6, p25: 0, p75: 1e15, integral: true, quanta: TIMESTAMP_QUANTA })!;
    expect(plan.lo % day).toBe(0);
    expect(plan.width % day).toBe(0);
    expect(plan.bins).toBeGreaterThanOrEqual(MIN_BINS);
    expect(planBins({ min: 0, max: 0, n: 10, p25: 0, p75: 0, integral: true })).toEqual({ lo: 0, width: 1, bins: 1, max: 0 });
  });

  it('chooses calendar periods that give at most 60 of them', () => {
    expect(periodUnit(60 * 50, false)).toBe('minute');
    expect(periodUnit(3600 * 5, false)).toBe('hour');
    expect(periodUnit(86_400 * 181, false)).toBe('week');
    expect(periodUnit(86_400 * 365 * 12, true)).toBe('quarter');
    expect(periodUnit(3600, true)).toBe('day');
  });

  it('writes dates and timestamps as DuckDB does', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const values = [0, 1, -1, 978_307_260_123_456, 1_700_000_000_000_001, -2_208_988_800_000_000, 4_102_444_800_999_999];
      const reader = await connection.runAndReadAll(`SELECT make_timestamp(v)::VARCHAR, (DATE '1970-01-01' + (v // 86400000000)::INTEGER)::VARCHAR, v // 86400000000 FROM (VALUES ${values.map((v) => `(${v}::BIGINT)`).join(', ')}) t(v)`);
      for (const [i, [timestamp, date, days]] of reader.getRows().entries()) {
        expect(formatTemporal('timestamp', values[i]!)).toBe(timestamp);
        expect(formatTemporal('date', Number(days))).toBe(date);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
  it('computes the same bin key as the SQL for each value (integers, bigints, doubles on the edges)', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const cases: { plan: ReturnType<typeof planBins>; type: string; values: (number | bigint)[] }[] = [
        { plan: planBins({ min: -1000, max: 1000, n: 1e6, p25: -500, p75: 500, integral: true }), type: 'INTEGER', values: [-1000, -999, -1, 0, 1, 33, 34, 999, 1000] },
        { plan: planBins({ min: -(2 ** 40), max: 2 ** 40, n: 1e7, p25: -(2 ** 38), p75: 2 ** 38, integral: true }), type: 'BIGINT', values: [-(2n ** 40n), -1n, 0n, 12_345_678_901n, 2n ** 40n] },
        { plan: planBins({ min: -20, max: 79.9999, n: 1e7, p25: 5, p75: 55, integral: false }), type: 'DOUBLE', values: [-20, -18.333335, -18.33333, 0, 0.1, 1 / 3, 30.000001, 79.9999, Number.NaN, Number.POSITIVE_INFINITY] },
        { plan: planBins({ min: 0.1, max: 0.7, n: 100, p25: 0.2, p75: 0.3, integral: false }), type: 'DOUBLE', values: [0.1, 0.15, 0.2, 0.30000000000000004, 0.3, 0.7] },
      ];
      for (const { plan, type, values } of cases) {
        const integral = type !== 'DOUBLE';
        const literal = (v: number | bigint) => (typeof v === 'number' && !Number.isFinite(v) ? `'${v}'` : String(v));
        const value = integral ? 'v::DOUBLE' : '(CASE WHEN isfinite(v) THEN v END)';
        const reader = await connection.runAndReadAll(
          `SELECT ${binKeySql(plan!, value, integral ? 'v::BIGINT' : undefined)} FROM (VALUES ${values.map((v) => `(${literal(v)}::${type})`).join(', ')}) t(v)`,
        );
        const sql = reader.getRows().map(([key]) => (key === null ? null : Number(key)));
        expect(values.map((v) => binKeyOf(plan!, v, integral))).toEqual(sql);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
