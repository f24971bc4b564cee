import { memo, useEffect } from 'react';
import { Panel } from '@xyflow/react';
import { formatKeybinding } from '../commands/registry';
import { selectRedoLabel, selectUndoLabel, useDocumentStore } from '../state/document-store';
import { autoLayout, zoomToFit } from './canvas-actions';
import { selectMessage, selectPaletteOpen, useCanvasStore } from './canvas-store';

/** Undo, redo, layout and fit, over the canvas; titles say what undo would undo. */
export const CanvasToolbar = memo(function CanvasToolbar() {
  const undoLabel = useDocumentStore(selectUndoLabel);
  const redoLabel = useDocumentStore(selectRedoLabel);
  const paletteOpen = useCanvasStore(selectPaletteOpen);
  return (
    <Panel position="top-center" className="canvas-toolbar" data-testid="canvas-toolbar">
      <button
        type="button"
        className={`canvas-toolbar__button${paletteOpen ? ' is-on' : ''}`}
        data-testid="palette-toggle"
        aria-pressed={paletteOpen}
        title={`Node palette: drag a node type onto the canvas (${formatKeybinding('Mod+Shift+A')})`}
        onClick={() => useCanvasStore.getState().togglePalette()}
      >
        + Node
      </button>
      <span className="canvas-toolbar__separator" aria-hidden="true" />
      <button
        type="button"
        className="canvas-toolbar__button"
        data-testid="undo-button"
        disabled={!undoLabel}
        title={undoLabel ? `Undo ${undoLabel} (${formatKeybinding('Mod+Z')})` : 'Nothing to undo'}
        onClick={() => useDocumentStore.getState().undo()}
      >
        Undo
      </button>
      <button
        type="button"
        className="canvas-toolbar__button"
        data-testid="redo-button"
        disabled={!redoLabel}
        title={redoLabel ? `Redo ${redoLabel} (${formatKeybinding('Mod+Shift+Z')})` : 'Nothing to redo'}
        onClick={() => useDocumentStore.getState().redo()}
      >
        Redo
      </button>
      <span className="canvas-toolbar__separator" aria-hidden="true" />
      <button type="button" className="canvas-toolbar__button" data-testid="layout-button" title="Auto-layout (Shift+L)" onClick={() => void autoLayout()}>
        Auto-layout
      </button>
      <button type="button" className="canvas-toolbar__button" data-testid="fit-button" title="Zoom to fit (Shift+F)" onClick={() => zoomToFit()}>
        Fit
      </button>
    </Panel>
  );
});

const SHOWN_MS = { info: 4000, warn: 12000, error: 12000 };

/** Why a connection was refused, what a rename left behind, what a drop copied. */
export const CanvasMessageBar = memo(function CanvasMessageBar() {
  const message = useCanvasStore(selectMessage);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => {
      if (useCanvasStore.getState().message?.id === message.id) useCanvasStore.getState().dismissMessage();
    }, SHOWN_MS[message.level]);
    return () => clearTimeout(timer);
  }, [message]);
  if (!message) return null;
  return (
    <div className={`canvas-message canvas-message--${message.level}`} role={message.level === 'info' ? 'status' : 'alert'} data-testid="canvas-message" data-level={message.level}>
      <span className="canvas-message__text">{message.text}</span>
      <button type="button" className="canvas-message__close" aria-label="Dismiss" onClick={() => useCanvasStore.getState().dismissMessage()}>
        ×
      </button>
    </div>
  );
});
