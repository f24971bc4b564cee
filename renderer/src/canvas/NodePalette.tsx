import { memo, useMemo, useState, type DragEvent } from 'react';
import type { NodeType } from '../../../common/pipeline/model';
import { addNodeOfType } from './canvas-actions';
import { selectPaletteOpen, useCanvasStore } from './canvas-store';
import { paletteGroups } from './node-templates';

/** The drag payload of a palette entry; the canvas drop handler reads it. */
export const NODE_TYPE_MIME = 'application/x-sluice-node-type';

function onDragStart(event: DragEvent<HTMLButtonElement>, type: NodeType) {
  event.dataTransfer.setData(NODE_TYPE_MIME, type);
  event.dataTransfer.effectAllowed = 'copy';
}

/** Every node type, grouped and searchable: drag one onto the canvas, or click to add it next to the selected node. */
export const NodePalette = memo(function NodePalette() {
  const open = useCanvasStore(selectPaletteOpen);
  const [search, setSearch] = useState('');
  const groups = useMemo(() => paletteGroups(search), [search]);
  if (!open) return null;
  return (
    <aside className="node-palette" data-testid="node-palette" aria-label="Node palette">
      <div className="node-palette__header">
        <input
          className="node-palette__search"
          data-testid="palette-search"
          type="search"
          placeholder="Search nodes"
          aria-label="Search node types"
          autoFocus
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            const first = groups[0]?.entries[0];
            if (event.key === 'Enter' && first) addNodeOfType(first.type);
            if (event.key === 'Escape') setSearch('');
          }}
        />
        <button type="button" className="node-palette__close" title="Hide the palette" aria-label="Hide the palette" onClick={() => useCanvasStore.getState().togglePalette(false)}>
          ×
        </button>
      </div>
      <div className="node-palette__list">
        {groups.length === 0 && <p className="node-palette__empty">No node type matches “{search}”.</p>}
        {groups.map((group) => (
          <section key={group.category} className="node-palette__group">
            <h3 className="node-palette__title">{group.title}</h3>
            {group.entries.map((entry) => (
              <button
                key={entry.type}
                type="button"
                draggable
                className={`node-palette__item node-palette__item--${entry.category}`}
                data-testid={`palette-${entry.type}`}
                title={`${entry.type}: drag onto the canvas, or click to add`}
                onDragStart={(event) => onDragStart(event, entry.type)}
                onClick={() => addNodeOfType(entry.type)}
              >
                {entry.label}
              </button>
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
});
