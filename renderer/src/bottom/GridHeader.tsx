import { memo, useEffect, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { VirtualItem } from '@tanstack/react-virtual';
import type { Column, RowSort } from '../../../common/contract/api';
import { ColumnHeaderChart } from '../profile/ColumnHeaderChart';
import { isNumericType } from './grid-format';
import { useGridStore } from './grid-store';

interface GridHeaderProps {
  node: string;
  columns: Column[];
  widths: number[];
  items: VirtualItem[];
  rowNumberWidth: number;
  totalWidth: number;
  sort: RowSort[];
  filterTexts: Record<string, string>;
  filterErrors: Record<string, string>;
  profileSignature: string | null;
}

/** Column names, types and profile sparklines; click to sort, drag the right edge to resize; a filter row below. */
export const GridHeader = memo(function GridHeader({ node, columns, widths, items, rowNumberWidth, totalWidth, sort, filterTexts, filterErrors, profileSignature }: GridHeaderProps) {
  const lead = (items[0]?.start ?? rowNumberWidth) - rowNumberWidth;
  return (
    <div className="grid__head" style={{ width: totalWidth }}>
      <div className="grid__header" role="row">
        <div className="grid__cell grid__cell--rownum grid__corner" style={{ width: rowNumberWidth }} />
        <div style={{ width: lead, flexShrink: 0 }} />
        {items.map((item) => {
          const column = columns[item.index]!;
          const position = sort.findIndex((s) => s.column === column.name);
          const direction = position < 0 ? 'none' : sort[position]!.descending ? 'descending' : 'ascending';
          return (
            <div
              key={column.name}
              role="columnheader"
              aria-sort={direction}
              className={`grid__cell grid__header-cell${isNumericType(column.type) ? ' is-numeric' : ''}`}
              style={{ width: widths[item.index] }}
              data-testid="grid-column"
              data-column={column.name}
              title={`${column.name} ${column.type}\nClick to sort (Shift+click adds a sort key); drag the right edge to resize`}
              onClick={(event) => useGridStore.getState().toggleSort(node, column.name, event.shiftKey)}
            >
              <span className="grid__header-line">
                <span className="grid__column-name">{column.name}</span>
                {direction !== 'none' && (
                  <span className="grid__sort" data-testid="grid-sort" data-direction={direction}>
                    {direction === 'ascending' ? '▲' : '▼'}
                    {sort.length > 1 ? position + 1 : ''}
                  </span>
                )}
              </span>
              <span className="grid__column-type">{column.type}</span>
              <ColumnHeaderChart node={node} column={column.name} signature={profileSignature} />
              <ResizeHandle node={node} column={column.name} width={widths[item.index]!} />
            </div>
          );
        })}
      </div>
      <div className="grid__filters" role="row">
        <div className="grid__cell grid__cell--rownum grid__corner grid__filter-label" style={{ width: rowNumberWidth }} title="Filters: text (contains), = v, != v, > v, < v, >= v, <= v, null, !null. Enter applies.">
          filter
        </div>
        <div style={{ width: lead, flexShrink: 0 }} />
        {items.map((item) => {
          const column = columns[item.index]!;
          return (
            <FilterInput
              key={column.name}
              node={node}
              column={column}
              width={widths[item.index]!}
              applied={filterTexts[column.name] ?? ''}
              error={filterErrors[column.name]}
            />
          );
        })}
      </div>
    </div>
  );
});

function FilterInput({ node, column, width, applied, error }: { node: string; column: Column; width: number; applied: string; error: string | undefined }) {
  const [draft, setDraft] = useState(applied);
  useEffect(() => setDraft(applied), [applied]);
  const apply = () => {
    if (draft !== applied) useGridStore.getState().setFilterText(node, column.name, draft);
  };
  return (
    <div className={`grid__cell grid__filter-cell${error ? ' is-invalid' : ''}${applied ? ' is-applied' : ''}`} style={{ width }}>
      <input
        className="grid__filter-input"
        data-testid="grid-filter"
        data-column={column.name}
        aria-label={`Filter ${column.name}`}
        placeholder={isNumericType(column.type) ? '= > < null' : 'contains…'}
        title={error ?? 'text (contains), = v, != v, > v, < v, >= v, <= v, null, !null — Enter applies, Escape reverts'}
        value={draft}
        spellCheck={false}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === 'Enter') apply();
          else if (event.key === 'Escape') setDraft(applied);
        }}
      />
    </div>
  );
}

function ResizeHandle({ node, column, width }: { node: string; column: string; width: number }) {
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    const startX = event.clientX;
    handle.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => useGridStore.getState().setWidth(node, column, width + e.clientX - startX);
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };
  return (
    <div
      className="grid__resize"
      data-testid="grid-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${column}`}
      onPointerDown={onPointerDown}
      onClick={(event) => event.stopPropagation()}
    />
  );
}
