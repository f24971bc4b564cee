import { useEffect, useRef } from 'react';
import { useGridStore } from './grid-store';

interface GridMenuProps {
  x: number;
  y: number;
  node: string;
  canCopy: boolean;
  onCopy(format: 'tsv' | 'tsv-with-headers' | 'csv'): void;
  onClose(): void;
}

/** The grid's context menu: copy in three forms, and clear the sort and filters. */
export function GridMenu({ x, y, node, canCopy, onCopy, onClose }: GridMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => window.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose]);
  const item = (label: string, run: () => void, enabled: boolean, testId: string) => (
    <button
      type="button"
      role="menuitem"
      className="context-menu__item"
      data-testid={testId}
      disabled={!enabled}
      onClick={() => {
        onClose();
        run();
      }}
    >
      {label}
    </button>
  );
  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      data-testid="grid-menu"
      style={{ left: Math.min(x, window.innerWidth - 220), top: Math.min(y, window.innerHeight - 150) }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      {item('Copy as TSV', () => onCopy('tsv'), canCopy, 'grid-copy-tsv')}
      {item('Copy as TSV with headers', () => onCopy('tsv-with-headers'), canCopy, 'grid-copy-tsv-headers')}
      {item('Copy as CSV (with headers)', () => onCopy('csv'), canCopy, 'grid-copy-csv')}
      {item('Clear sort and filters', () => useGridStore.getState().clearView(node), true, 'grid-clear-view')}
    </div>
  );
}
