import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Column, RowSort } from '../../../common/contract/api';
import { logError, logInfo } from '../actions/notices';
import { GridHeader } from './GridHeader';
import { GridMenu } from './GridMenu';
import { toCsv, toTsv, writeClipboard } from './grid-clipboard';
import { cellClass, formatGridValue } from './grid-format';
import {
  ROW_HEIGHT,
  clampVirtualTop,
  formatRowNumber,
  rowNumberWidth as rowNumberWidthFor,
  scrollGeometry,
  scrollTopFromVirtual,
  virtualTopFromScroll,
  virtualTopShowingRow,
  visibleRows,
} from './grid-math';
import type { GridSource } from './grid-source';
import './data-grid.css';
import { selectionBounds, setActiveGrid, useGridStore, type GridCell, type GridHandle, type GridSelection } from './grid-store';

interface DataGridProps {
  node: string;
  /** Identifies this view of this preview; the selection belongs to it. */
  viewId: string;
  columns: Column[];
  source: GridSource;
  /** Rows to show while the total is being counted (the preview's rows). */
  fallbackRows: number;
  baseWidths: number[];
  sort: RowSort[];
  filterTexts: Record<string, string>;
  filterErrors: Record<string, string>;
  /** The node as it was when these rows were read (profile-model's nodeSignature): the headers draw only a profile of it. */
  profileSignature: string | null;
}

const OVERSCAN_ROWS = 8;
/** How long the data-fetch waits for the scroll to settle, so a scrollbar drag through 10M rows asks for the last spot only. */
const FETCH_DELAY_MS = 40;

/**
 * The result grid. Rows: a fixed-height window over any number of rows (see
 * grid-math), pages read from the engine on demand. Columns: virtualized by
 * @tanstack/react-virtual, so a thousand columns render the visible ones.
 */
export const DataGrid = memo(function DataGrid(props: DataGridProps) {
  const { node, viewId, columns, source, fallbackRows, baseWidths, sort, filterTexts, filterErrors, profileSignature } = props;
  useSyncExternalStore(source.subscribe, source.getVersion);
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ height: 0, head: 0 });
  const [, rerender] = useState(0);
  const virtualTop = useRef(0);
  const expectedScrollTop = useRef<number | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const totalRows = source.totalRows ?? fallbackRows;
  const bodyHeight = Math.max(0, box.height - box.head);
  const geometry = useMemo(() => scrollGeometry(totalRows, bodyHeight), [totalRows, bodyHeight]);
  const rowNumberWidth = rowNumberWidthFor(totalRows);

  const widthOverrides = useGridStore((state) => state.widths[node]);
  const widths = useMemo(() => columns.map((c, i) => widthOverrides?.[c.name] ?? baseWidths[i] ?? 120), [columns, baseWidths, widthOverrides]);
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => widths[index] ?? 120,
    paddingStart: rowNumberWidth,
    overscan: 3,
  });
  useLayoutEffect(() => columnVirtualizer.measure(), [columnVirtualizer, widths, rowNumberWidth]);
  const columnItems = columnVirtualizer.getVirtualItems();
  const totalWidth = columnVirtualizer.getTotalSize();

  const selection = useGridStore((state) => (state.selectionOwner === viewId ? state.selection : null));
  const bounds = selection ? selectionBounds(selection) : null;

  useLayoutEffect(() => {
    const element = scrollRef.current!;
    const measure = () => setBox({ height: element.clientHeight, head: headRef.current?.offsetHeight ?? 0 });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (headRef.current) observer.observe(headRef.current);
    return () => observer.disconnect();
  }, []);

  // A new view (sort, filter, preview) starts at its first row.
  useLayoutEffect(() => {
    virtualTop.current = 0;
    expectedScrollTop.current = null;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    rerender((n) => n + 1);
  }, [viewId]);

  const setVirtualTop = useCallback(
    (top: number) => {
      const element = scrollRef.current;
      if (!element) return;
      virtualTop.current = clampVirtualTop(top, geometry, bodyHeight);
      const scrollTop = scrollTopFromVirtual(virtualTop.current, geometry);
      expectedScrollTop.current = scrollTop;
      element.scrollTop = scrollTop;
      rerender((n) => n + 1);
    },
    [geometry, bodyHeight],
  );

  const onScroll = () => {
    const element = scrollRef.current!;
    const expected = expectedScrollTop.current;
    // Our own scrollTop writes keep the exact virtual offset; only the user's (scrollbar, keys) recompute it.
    if (expected === null || Math.abs(element.scrollTop - expected) > 1.5) virtualTop.current = virtualTopFromScroll(element.scrollTop, geometry, bodyHeight);
    expectedScrollTop.current = null;
    rerender((n) => n + 1);
  };

  // Compressed scrolling (over ~330k rows) moves by virtual pixels, so a wheel notch is a few rows, not thousands.
  useEffect(() => {
    const element = scrollRef.current!;
    if (geometry.scale === 1) return;
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey) return;
      event.preventDefault();
      const unit = event.deltaMode === 1 ? ROW_HEIGHT : event.deltaMode === 2 ? bodyHeight : 1;
      if (event.deltaX !== 0) element.scrollLeft += event.deltaX * unit;
      if (event.deltaY !== 0) setVirtualTop(virtualTop.current + event.deltaY * unit);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [geometry.scale, bodyHeight, setVirtualTop]);

  const scrollTop = scrollRef.current?.scrollTop ?? 0;
  // The total can shrink under the offset (a filter, a count arriving); stay inside the rows.
  virtualTop.current = clampVirtualTop(virtualTop.current, geometry, bodyHeight);
  const range = visibleRows(virtualTop.current, bodyHeight, totalRows, OVERSCAN_ROWS);

  // A view the grid no longer shows (another sort, filter or preview) stops reading.
  useEffect(() => () => source.release(), [source]);

  useEffect(() => {
    const timer = setTimeout(() => source.ensure(range), source.totalRows === null ? 0 : FETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [source, range.first, range.last]);

  const copy = useCallback(
    async (format: 'tsv' | 'tsv-with-headers' | 'csv') => {
      const state = useGridStore.getState();
      if (state.selectionOwner !== viewId || !state.selection) return;
      const b = selectionBounds(state.selection);
      const picked = columns.map((_, i) => i).filter((i) => i >= b.firstColumn && i <= b.lastColumn);
      try {
        const rows = await source.readRange({ first: b.firstRow, last: b.lastRow }, picked);
        const header = format === 'tsv' ? undefined : picked.map((i) => columns[i]!.name);
        await writeClipboard(format === 'csv' ? toCsv(rows, header) : toTsv(rows, header));
        const what = `${rows.length.toLocaleString('en-US')} ${rows.length === 1 ? 'row' : 'rows'} × ${picked.length} ${picked.length === 1 ? 'column' : 'columns'}`;
        setCopied(`Copied ${what} as ${format === 'csv' ? 'CSV' : 'TSV'}`);
        logInfo(`copied ${what} of ${node} as ${format === 'csv' ? 'CSV' : 'TSV'}`);
      } catch (error) {
        logError('copy failed', error);
        setCopied(`Copy failed: ${(error as Error).message}`);
      }
    },
    [columns, node, source, viewId],
  );

  useEffect(() => {
    const handle: GridHandle = {
      node,
      hasFocus: () => scrollRef.current?.contains(document.activeElement) === true && !(document.activeElement instanceof HTMLInputElement),
      hasSelection: () => useGridStore.getState().selectionOwner === viewId && useGridStore.getState().selection !== null,
      copy,
    };
    setActiveGrid(handle);
    return () => setActiveGrid(null);
  }, [node, viewId, copy]);

  const live = useRef({ setVirtualTop, bodyHeight, totalRows, headHeight: box.head });
  live.current = { setVirtualTop, bodyHeight, totalRows, headHeight: box.head };
  const select = (selectionNext: GridSelection | null) => useGridStore.getState().select(viewId, selectionNext);
  const dragging = useRef(false);
  const cellAt = (target: EventTarget | null): (GridCell & { rows: boolean }) | null => {
    const cell = (target as HTMLElement | null)?.closest<HTMLElement>('[data-row]');
    if (!cell) return null;
    const rowNumber = cell.dataset.col === undefined;
    return { row: Number(cell.dataset.row), column: rowNumber ? columns.length - 1 : Number(cell.dataset.col), rows: rowNumber };
  };
  const onMouseDown = (event: MouseEvent) => {
    if (event.button !== 0) return;
    const hit = cellAt(event.target);
    if (!hit) return;
    event.preventDefault();
    scrollRef.current!.focus({ preventScroll: true });
    const current = useGridStore.getState().selectionOwner === viewId ? useGridStore.getState().selection : null;
    if (event.shiftKey && current) select({ anchor: current.anchor, focus: { row: hit.row, column: current.rows ? current.focus.column : hit.column }, rows: current.rows });
    else select({ anchor: { row: hit.row, column: hit.rows ? 0 : hit.column }, focus: { row: hit.row, column: hit.column }, rows: hit.rows });
    dragging.current = true;
    // Dragging past the top or bottom edge keeps scrolling and extending the selection, a row per tick.
    let direction = 0;
    const timer = setInterval(() => {
      const latest = live.current;
      const current = useGridStore.getState().selection;
      if (direction === 0 || !current) return;
      latest.setVirtualTop(virtualTop.current + direction * ROW_HEIGHT);
      const edge = direction > 0 ? Math.ceil((virtualTop.current + latest.bodyHeight) / ROW_HEIGHT) - 1 : Math.floor(virtualTop.current / ROW_HEIGHT);
      const row = Math.min(latest.totalRows - 1, Math.max(0, edge));
      if (row !== current.focus.row) select({ ...current, focus: { ...current.focus, row } });
    }, 40);
    const move = (e: globalThis.MouseEvent) => {
      const box = scrollRef.current?.getBoundingClientRect();
      if (!box) return;
      const top = box.top + live.current.headHeight;
      direction = e.clientY < top ? -1 : e.clientY > box.bottom ? 1 : 0;
    };
    const up = () => {
      dragging.current = false;
      clearInterval(timer);
      window.removeEventListener('mouseup', up);
      window.removeEventListener('mousemove', move);
    };
    window.addEventListener('mouseup', up);
    window.addEventListener('mousemove', move);
  };
  const onMouseOver = (event: MouseEvent) => {
    if (!dragging.current || (event.buttons & 1) === 0) return;
    const hit = cellAt(event.target);
    const current = useGridStore.getState().selection;
    if (!hit || !current) return;
    const focus = { row: hit.row, column: current.rows ? columns.length - 1 : hit.column };
    if (focus.row !== current.focus.row || focus.column !== current.focus.column) select({ ...current, focus });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target instanceof HTMLInputElement || totalRows === 0 || columns.length === 0) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      select({ anchor: { row: 0, column: 0 }, focus: { row: totalRows - 1, column: columns.length - 1 }, rows: true });
      return;
    }
    if (event.key === 'Escape') return select(null);
    const current = selection ?? { anchor: { row: range.first + (range.first > 0 ? OVERSCAN_ROWS : 0), column: 0 }, focus: { row: range.first + (range.first > 0 ? OVERSCAN_ROWS : 0), column: 0 }, rows: false };
    const page = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1);
    let { row, column } = current.focus;
    switch (event.key) {
      case 'ArrowDown': row += 1; break;
      case 'ArrowUp': row -= 1; break;
      case 'ArrowLeft': column -= 1; break;
      case 'ArrowRight': column += 1; break;
      case 'PageDown': row += page; break;
      case 'PageUp': row -= page; break;
      case 'Home': if (mod) row = 0; else column = 0; break;
      case 'End': if (mod) row = totalRows - 1; else column = columns.length - 1; break;
      default: return;
    }
    event.preventDefault();
    row = Math.min(totalRows - 1, Math.max(0, row));
    column = Math.min(columns.length - 1, Math.max(0, column));
    const focus = { row, column };
    select(event.shiftKey ? { anchor: current.anchor, focus, rows: current.rows } : { anchor: focus, focus, rows: false });
    setVirtualTop(virtualTopShowingRow(row, virtualTop.current, bodyHeight));
    columnVirtualizer.scrollToIndex(column, { align: 'auto' });
  };

  const rows = [];
  for (let row = range.first; row <= range.last; row++) {
    const loaded = source.hasRow(row);
    const top = scrollTop + row * ROW_HEIGHT - virtualTop.current;
    const rowSelected = bounds !== null && row >= bounds.firstRow && row <= bounds.lastRow;
    rows.push(
      <div
        key={row}
        role="row"
        className={`grid__row${row % 2 ? ' is-odd' : ''}${loaded ? '' : ' is-loading'}`}
        data-testid="grid-row"
        aria-rowindex={row + 2}
        aria-busy={!loaded || undefined}
        style={{ height: ROW_HEIGHT, width: totalWidth, transform: `translateY(${top}px)` }}
      >
        <div className={`grid__cell grid__cell--rownum${rowSelected ? ' is-selected-row' : ''}`} role="rowheader" data-row={row} style={{ width: rowNumberWidth }}>
          {formatRowNumber(row)}
        </div>
        <div style={{ width: (columnItems[0]?.start ?? rowNumberWidth) - rowNumberWidth, flexShrink: 0 }} />
        {columnItems.map((item) => {
          const value = loaded ? source.cell(row, item.index) : undefined;
          const type = columns[item.index]!.type;
          const selected = rowSelected && item.index >= bounds!.firstColumn && item.index <= bounds!.lastColumn;
          const focused = selected && selection!.focus.row === row && selection!.focus.column === item.index;
          const text = loaded ? formatGridValue(value ?? null, type) : '';
          return (
            <div
              key={item.key}
              role="gridcell"
              aria-selected={selected || undefined}
              data-row={row}
              data-col={item.index}
              className={`${cellClass(loaded ? (value ?? null) : undefined, type)}${selected ? ' is-selected' : ''}${focused ? ' is-focus' : ''}`}
              style={{ width: widths[item.index] }}
              title={text.length > 40 ? text : undefined}
            >
              {text}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div className="grid-frame">
      <div
        className="grid"
        ref={scrollRef}
        tabIndex={0}
        data-testid="preview-grid"
        data-total-rows={source.totalRows ?? undefined}
        data-state={source.status}
        role="grid"
        aria-rowcount={totalRows + 1}
        aria-colcount={columns.length}
        aria-multiselectable="true"
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        onMouseDown={onMouseDown}
        onMouseOver={onMouseOver}
        onContextMenu={(event) => {
          event.preventDefault();
          if (!selection) {
            const hit = cellAt(event.target);
            if (hit) select({ anchor: { row: hit.row, column: hit.rows ? 0 : hit.column }, focus: { row: hit.row, column: hit.column }, rows: hit.rows });
          }
          setMenu({ x: event.clientX, y: event.clientY });
        }}
      >
        <div ref={headRef} className="grid__sticky">
          <GridHeader
            node={node}
            columns={columns}
            widths={widths}
            items={columnItems}
            rowNumberWidth={rowNumberWidth}
            totalWidth={totalWidth}
            sort={sort}
            filterTexts={filterTexts}
            filterErrors={filterErrors}
            profileSignature={profileSignature}
          />
        </div>
        <div className="grid__body" style={{ height: geometry.realHeight, width: totalWidth }}>
          {rows}
        </div>
      </div>
      {source.status === 'loading' && source.totalRows === null && fallbackRows === 0 && (
        <div className="grid__overlay" data-testid="grid-loading">
          <span className="spinner" aria-hidden="true" /> {sort.length > 0 ? 'Sorting' : 'Filtering'} in DuckDB…
        </div>
      )}
      {source.status === 'error' && source.error && (
        <div className="grid__overlay grid__overlay--error" data-testid="grid-error">
          {source.error.message}
        </div>
      )}
      {source.status === 'ready' && totalRows === 0 && (
        <div className="grid__overlay" data-testid="grid-empty">
          {Object.keys(filterTexts).length > 0 ? 'No rows match the filters.' : 'The result has no rows.'}
        </div>
      )}
      {copied && (
        <div className="grid__toast" data-testid="grid-copied" role="status" onAnimationEnd={() => setCopied(null)}>
          {copied}
        </div>
      )}
      {menu && <GridMenu x={menu.x} y={menu.y} node={node} canCopy={selection !== null} onCopy={(format) => void copy(format)} onClose={() => setMenu(null)} />}
    </div>
  );
});
