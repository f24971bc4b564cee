/**
 * Row geometry of the grid: fixed-height rows over a result of any length.
 *
 * Browsers stop growing an element at a few million pixels (Chromium near
 * 33.5M, Firefox near 17.9M), and 10M rows of 24 px are 240M. So the scroll
 * box is at most MAX_SCROLL_HEIGHT tall and maps its scrollTop linearly onto
 * the "virtual" offset of the full result: the scrollbar's ends are the first
 * and the last row, and the wheel moves by virtual pixels (see DataGrid).
 */
export const ROW_HEIGHT = 24;
/** Rows per read-rows request: a page is one request and one cache entry. */
export const PAGE_SIZE = 500;
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface ScrollGeometry {
  /** Height the rows would need at ROW_HEIGHT each. */
  virtualHeight: number;
  /** Height of the scrollable body actually laid out. */
  realHeight: number;
  /** Virtual pixels per real pixel of scrollTop (1 when nothing is compressed). */
  scale: number;
}

export function scrollGeometry(totalRows: number, viewportHeight: number): ScrollGeometry {
  const virtualHeight = Math.max(0, totalRows) * ROW_HEIGHT;
  const realHeight = Math.min(virtualHeight, MAX_SCROLL_HEIGHT);
  if (virtualHeight <= realHeight || realHeight <= viewportHeight) return { virtualHeight, realHeight, scale: 1 };
  return { virtualHeight, realHeight, scale: (virtualHeight - viewportHeight) / (realHeight - viewportHeight) };
}

export function maxVirtualTop(geometry: ScrollGeometry, viewportHeight: number): number {
  return Math.max(0, geometry.virtualHeight - viewportHeight);
}

export function clampVirtualTop(top: number, geometry: ScrollGeometry, viewportHeight: number): number {
  return Math.min(maxVirtualTop(geometry, viewportHeight), Math.max(0, top));
}

export function virtualTopFromScroll(scrollTop: number, geometry: ScrollGeometry, viewportHeight: number): number {
  return clampVirtualTop(scrollTop * geometry.scale, geometry, viewportHeight);
}

export function scrollTopFromVirtual(virtualTop: number, geometry: ScrollGeometry): number {
  return virtualTop / geometry.scale;
}

/** Inclusive row range; empty when last < first. */
export interface RowRange {
  first: number;
  last: number;
}

/** The rows the viewport shows at a virtual offset, plus `overscan` rows either side. */
export function visibleRows(virtualTop: number, viewportHeight: number, totalRows: number, overscan = 0): RowRange {
  if (totalRows <= 0 || viewportHeight <= 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(virtualTop / ROW_HEIGHT) - overscan);
  const last = Math.min(totalRows - 1, Math.ceil((virtualTop + viewportHeight) / ROW_HEIGHT) - 1 + overscan);
  return { first, last };
}

/** The pages holding rows first..last (inclusive). */
export function pagesForRows(range: RowRange, pageSize = PAGE_SIZE): number[] {
  if (range.last < range.first) return [];
  const pages: number[] = [];
  for (let page = Math.floor(range.first / pageSize); page <= Math.floor(range.last / pageSize); page++) pages.push(page);
  return pages;
}

/** The virtual offset that brings `row` into view with the least movement (unchanged when it is visible). */
export function virtualTopShowingRow(row: number, virtualTop: number, viewportHeight: number): number {
  const top = row * ROW_HEIGHT;
  if (top < virtualTop) return top;
  if (top + ROW_HEIGHT > virtualTop + viewportHeight) return top + ROW_HEIGHT - viewportHeight;
  return virtualTop;
}

const rowNumberFormat = new Intl.NumberFormat('en-US');

export function formatRowNumber(index: number): string {
  return rowNumberFormat.format(index + 1);
}

/** Wide enough for the largest row number (with thousands separators) in a monospace font. */
export function rowNumberWidth(totalRows: number): number {
  return Math.max(48, Math.ceil(formatRowNumber(Math.max(0, totalRows - 1)).length * 7.4 + 18));
}
