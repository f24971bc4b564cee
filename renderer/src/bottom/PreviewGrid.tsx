import { memo, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Preview } from '../../../common/contract/api';
import { formatDuration } from '../canvas/node-cards';
import { useDocumentStore, type DocumentState } from '../state/document-store';
import { nodeSql } from '../state/node-kinds';
import { usePreviewEntry, type PreviewEntry } from '../state/preview-cache';
import { selectActivePreview, useUiStore } from '../state/ui-store';
import { columnWidths, formatCell, isNumericType } from './grid-format';

const ROW_HEIGHT = 24;
const ROW_NUMBER_WIDTH = 56;
const numberFormat = new Intl.NumberFormat('en-US');
const selectNodes = (state: DocumentState) => state.pipeline?.nodes;

/** The rows of the active preview, read from the preview cache by key (never from zustand). */
export function PreviewPane() {
  const entry = usePreviewEntry(useUiStore(selectActivePreview));
  return (
    <div className="preview-pane">
      <PreviewStatus entry={entry} />
      {entry?.status === 'ready' ? (
        entry.preview.columns.length === 0 ? (
          <div className="pane-message">The query returned no columns.</div>
        ) : (
          <Grid preview={entry.preview} />
        )
      ) : entry?.status === 'error' ? (
        <div className="pane-message pane-message--error" data-testid="preview-error">
          {entry.error.message}
        </div>
      ) : entry?.status === 'loading' ? (
        <div className="pane-message">
          <span className="spinner" aria-hidden="true" /> Running {entry.node}…
        </div>
      ) : (
        <div className="pane-message">Click a node to preview its rows.</div>
      )}
    </div>
  );
}

function PreviewStatus({ entry }: { entry: PreviewEntry | undefined }) {
  const nodes = useDocumentStore(selectNodes);
  if (!entry) return null;
  let text: string;
  if (entry.status === 'ready') {
    const { preview } = entry;
    const total = preview.totalRows;
    text =
      total !== null && total > preview.rowCount
        ? `first ${numberFormat.format(preview.rowCount)} of ${numberFormat.format(total)} rows`
        : `${numberFormat.format(preview.rowCount)} ${preview.rowCount === 1 ? 'row' : 'rows'}`;
    text += ` · ${preview.columns.length} columns · ${formatDuration(preview.durationMs)}`;
  } else if (entry.status === 'loading') text = 'running…';
  else if (entry.status === 'cancelled') text = 'cancelled';
  else text = 'failed';
  const node = nodes?.find((n) => n.name === entry.node);
  const stale = entry.status === 'ready' && node !== undefined && entry.sql !== null && entry.sql !== nodeSql(node);
  return (
    <div className="preview-status" data-testid="preview-status" data-state={entry.status}>
      <span className="preview-status__node">{entry.node}</span>
      <span className="preview-status__text">{text}</span>
      {stale && <span className="preview-status__stale">SQL edited since this preview — press Ctrl+Enter to refresh</span>}
    </div>
  );
}

const Grid = memo(function Grid({ preview }: { preview: Preview }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const widths = useMemo(() => columnWidths(preview), [preview]);
  const numeric = useMemo(() => preview.columns.map((c) => isNumericType(c.type)), [preview]);
  const totalWidth = ROW_NUMBER_WIDTH + widths.reduce((a, b) => a + b, 0);
  const virtualizer = useVirtualizer({
    count: preview.rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  return (
    <div className="grid" ref={scrollRef} data-testid="preview-grid" role="grid" aria-rowcount={preview.rowCount + 1} aria-colcount={preview.columns.length}>
      <div className="grid__header" role="row" style={{ width: totalWidth }}>
        <div className="grid__cell grid__cell--rownum" style={{ width: ROW_NUMBER_WIDTH }} />
        {preview.columns.map((column, index) => (
          <div
            key={index}
            role="columnheader"
            className={`grid__cell grid__header-cell${numeric[index] ? ' is-numeric' : ''}`}
            style={{ width: widths[index] }}
            data-testid="grid-column"
            title={`${column.name} ${column.type}`}
          >
            <span className="grid__column-name">{column.name}</span>
            <span className="grid__column-type">{column.type}</span>
          </div>
        ))}
      </div>
      <div className="grid__body" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            role="row"
            className={`grid__row${item.index % 2 ? ' is-odd' : ''}`}
            data-testid="grid-row"
            aria-rowindex={item.index + 2}
            style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
          >
            <div className="grid__cell grid__cell--rownum" style={{ width: ROW_NUMBER_WIDTH }}>
              {item.index + 1}
            </div>
            {preview.columnData.map((values, column) => {
              const value = values[item.index];
              const text = formatCell(value);
              return (
                <div
                  key={column}
                  role="gridcell"
                  className={`grid__cell${numeric[column] ? ' is-numeric' : ''}${value === null ? ' is-null' : ''}`}
                  style={{ width: widths[column] }}
                  title={text.length > 40 ? text : undefined}
                >
                  {text}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
});
