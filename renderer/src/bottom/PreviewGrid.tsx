import { memo, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { formatDuration } from '../canvas/node-cards';
import { useDocumentStore, type DocumentState } from '../state/document-store';
import { nodeSql } from '../state/node-kinds';
import { usePreviewEntry, type PreviewEntry } from '../state/preview-cache';
import { selectActivePreview, useUiStore } from '../state/ui-store';
import { DataGrid } from './DataGrid';
import { columnWidths } from './grid-format';
import { describeView, filtersFromTexts, isShaped, viewKey } from './grid-query';
import type { GridSource } from './grid-source';
import { gridSourceFor } from './grid-sources';
import { getActiveGrid, selectionBounds, useGridStore, useNodeView } from './grid-store';
import { signatureOf } from '../profile/header-profiles';

const numberFormat = new Intl.NumberFormat('en-US');
const selectNodes = (state: DocumentState) => state.pipeline?.nodes;
type ReadyEntry = Extract<PreviewEntry, { status: 'ready' }>;

/** The active preview: its status line and the grid that pages through the node's whole result. */
export function PreviewPane() {
  const key = useUiStore(selectActivePreview);
  const entry = usePreviewEntry(key);
  return (
    <div className="preview-pane">
      {entry?.status === 'ready' && key !== null ? (
        entry.preview.columns.length === 0 ? (
          <>
            <PreviewStatus entry={entry} />
            <div className="pane-message">The query returned no columns.</div>
          </>
        ) : (
          <ResultGrid previewKey={key} entry={entry} />
        )
      ) : (
        <>
          <PreviewStatus entry={entry} />
          {entry?.status === 'error' ? (
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
        </>
      )}
    </div>
  );
}

function PreviewStatus({ entry, source, view, children }: { entry: PreviewEntry | undefined; source?: GridSource; view?: string; children?: ReactNode }) {
  const nodes = useDocumentStore(selectNodes);
  useSyncExternalStore(source?.subscribe ?? noSubscribe, source?.getVersion ?? zero);
  if (!entry) return null;
  let text: string;
  if (entry.status === 'ready') {
    const { preview } = entry;
    const total = source?.totalRows ?? preview.totalRows;
    if (source && source.status === 'loading' && total === null) text = view ? 'reading…' : `${numberFormat.format(preview.rowCount)}+ rows (counting…)`;
    else if (total === null) text = `${numberFormat.format(preview.rowCount)}+ rows`;
    else text = `${numberFormat.format(total)} ${total === 1 ? 'row' : 'rows'}`;
    text += ` · ${preview.columns.length} columns · ${formatDuration(preview.durationMs)}`;
  } else if (entry.status === 'loading') text = 'running…';
  else if (entry.status === 'cancelled') text = 'cancelled';
  else text = 'failed';
  const node = nodes?.find((n) => n.name === entry.node);
  const stale = entry.status === 'ready' && node !== undefined && entry.sql !== null && entry.sql !== nodeSql(node);
  return (
    <div className="preview-status" data-testid="preview-status" data-state={entry.status}>
      <span className="preview-status__node">{entry.node}</span>
      <span className="preview-status__text" data-testid="preview-rows">
        {text}
      </span>
      {view && (
        <span className="preview-status__view" data-testid="grid-view">
          {view}
        </span>
      )}
      {stale && <span className="preview-status__stale">SQL edited since this preview — press Ctrl+Enter to refresh</span>}
      {children}
    </div>
  );
}

const noSubscribe = () => () => undefined;
const zero = () => 0;

/** Picks the page cache for the node's current sort and filters, and hands it to the grid. */
const ResultGrid = memo(function ResultGrid({ previewKey, entry }: { previewKey: string; entry: ReadyEntry }) {
  const { preview, node } = entry;
  const { sort, filterTexts } = useNodeView(node);
  const { filters, errors } = useMemo(() => filtersFromTexts(preview.columns, filterTexts), [preview.columns, filterTexts]);
  const view = useMemo(() => ({ sort: sort.filter((s) => preview.columns.some((c) => c.name === s.column)), filters }), [sort, filters, preview.columns]);
  const key = viewKey(view);
  const pipeline = entry.pipeline ?? useDocumentStore.getState().pipeline;
  const source = useMemo(() => (pipeline ? gridSourceFor(previewKey, { pipeline, node }, view, preview) : null), [previewKey, key]);
  const baseWidths = useMemo(() => columnWidths(preview), [preview]);
  // The headers describe the rows on screen: a profile of the node as this preview read it, even after an edit.
  // A run-selection preview shows a temporary node the pipeline does not have: no profile describes it.
  const profileSignature = pipeline?.nodes.some((n) => n.name === node) ? signatureOf(pipeline, node) : null;
  if (!source) return <div className="pane-message">Open a pipeline to page through its rows.</div>;
  return (
    <>
      <PreviewStatus entry={entry} source={source} view={describeView(view)}>
        <span className="preview-status__actions">
          <SelectionSize viewId={`${previewKey}\u0000${key}`} />
          {isShaped(view) && (
            <button type="button" className="link-button" data-testid="grid-clear" onClick={() => useGridStore.getState().clearView(node)}>
              Clear sort and filters
            </button>
          )}
          <button type="button" className="link-button" data-testid="grid-copy-csv-button" title="Copy the selected cells as CSV (with headers)" onClick={() => void getActiveGrid()?.copy('csv')}>
            Copy CSV
          </button>
        </span>
      </PreviewStatus>
      <DataGrid
      node={node}
      viewId={`${previewKey}\u0000${key}`}
      columns={preview.columns}
      source={source}
      fallbackRows={isShaped(view) ? 0 : preview.rowCount}
      baseWidths={baseWidths}
      sort={view.sort}
      filterTexts={filterTexts}
      filterErrors={errors}
      profileSignature={profileSignature}
    />
    </>
  );
});

/** "3 × 4 selected": what a copy would take. */
function SelectionSize({ viewId }: { viewId: string }) {
  const selection = useGridStore((state) => (state.selectionOwner === viewId ? state.selection : null));
  if (!selection) return null;
  const b = selectionBounds(selection);
  const rows = b.lastRow - b.firstRow + 1;
  const columns = b.lastColumn - b.firstColumn + 1;
  if (rows === 1 && columns === 1) return null;
  return (
    <span className="preview-status__selection" data-testid="grid-selection-size">
      {numberFormat.format(rows)} × {columns} selected
    </span>
  );
}
