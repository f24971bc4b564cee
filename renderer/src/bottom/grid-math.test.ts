import { describe, expect, it } from 'vitest';
import {
  MAX_SCROLL_HEIGHT,
  ROW_HEIGHT,
  clampVirtualTop,
  formatRowNumber,
  pagesForRows,
  rowNumberWidth,
  scrollGeometry,
  scrollTopFromVirtual,
  virtualTopFromScroll,
  virtualTopShowingRow,
  visibleRows,
} from './grid-math';

describe('scroll geometry', () => {
  it('is 1:1 while the rows fit the browser height limit', () => {
    const g = scrollGeometry(1000, 300);
    expect(g).toEqual({ virtualHeight: 1000 * ROW_HEIGHT, realHeight: 1000 * ROW_HEIGHT, scale: 1 });
  });

  it('compresses 10M rows into MAX_SCROLL_HEIGHT and maps both ends exactly', () => {
    const viewport = 400;
    const g = scrollGeometry(10_000_000, viewport);
    expect(g.realHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(g.scale).toBeGreaterThan(29);
    const maxScrollTop = g.realHeight - viewport;
    const top = virtualTopFromScroll(maxScrollTop, g, viewport);
    expect(top).toBeCloseTo(10_000_000 * ROW_HEIGHT - viewport, 3);
    const range = visibleRows(top, viewport, 10_000_000);
    expect(range.last).toBe(9_999_999);
    expect(virtualTopFromScroll(0, g, viewport)).toBe(0);
  });

  it('round-trips a virtual offset through scrollTop', () => {
    const g = scrollGeometry(3_000_000, 500);
    const virtual = 1_234_567 * ROW_HEIGHT;
    expect(virtualTopFromScroll(scrollTopFromVirtual(virtual, g), g, 500)).toBeCloseTo(virtual, 3);
  });

  it('clamps offsets past either end', () => {
    const g = scrollGeometry(100, 240);
    expect(clampVirtualTop(-50, g, 240)).toBe(0);
    expect(clampVirtualTop(1e9, g, 240)).toBe(100 * ROW_HEIGHT - 240);
    expect(clampVirtualTop(50, scrollGeometry(3, 240), 240)).toBe(0);
  });
});

describe('visible rows and pages', () => {
  it('covers the viewport plus overscan, inside the result', () => {
    expect(visibleRows(0, 240, 1000)).toEqual({ first: 0, last: 9 });
    expect(visibleRows(0, 240, 1000, 5)).toEqual({ first: 0, last: 14 });
    expect(visibleRows(100 * ROW_HEIGHT + 12, 240, 1000, 2)).toEqual({ first: 98, last: 112 });
    expect(visibleRows(0, 240, 4)).toEqual({ first: 0, last: 3 });
    expect(visibleRows(0, 240, 0)).toEqual({ first: 0, last: -1 });
  });

  it('maps a row range to the pages that hold it', () => {
    expect(pagesForRows({ first: 0, last: 499 }, 500)).toEqual([0]);
    expect(pagesForRows({ first: 490, last: 510 }, 500)).toEqual([0, 1]);
    expect(pagesForRows({ first: 2_999_990, last: 2_999_999 }, 500)).toEqual([5999]);
    expect(pagesForRows({ first: 5, last: 4 }, 500)).toEqual([]);
  });

  it('scrolls a row into view with the least movement', () => {
    expect(virtualTopShowingRow(5, 0, 240)).toBe(0);
    expect(virtualTopShowingRow(10, 0, 240)).toBe(11 * ROW_HEIGHT - 240);
    expect(virtualTopShowingRow(3, 10 * ROW_HEIGHT, 240)).toBe(3 * ROW_HEIGHT);
  });

  it('numbers rows from 1 with separators and sizes the column for the largest', () => {
    expect(formatRowNumber(2_999_999)).toBe('3,000,000');
    expect(rowNumberWidth(3_000_000)).toBeGreaterThan(rowNumberWidth(100));
  });
});
