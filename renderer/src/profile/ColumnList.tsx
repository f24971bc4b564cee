import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Profile } from '../../../common/profile/profile-schema';
import { ColumnCard } from './ColumnCard';
import { setVisibleColumnsProvider } from './profile-actions';

const ROW_HEIGHT = 188;
const CARD_MIN_WIDTH = 360;

/** Which card indices a scroll position shows, for `perRow` cards per row of ROW_HEIGHT. */
export function visibleCardRange(scrollTop: number, height: number, perRow: number, count: number): [number, number] {
  const firstRow = Math.floor(scrollTop / ROW_HEIGHT);
  const lastRow = Math.max(firstRow, Math.ceil((scrollTop + height) / ROW_HEIGHT) - 1);
  return [Math.min(count, firstRow * perRow), Math.min(count, (lastRow + 1) * perRow)];
}

/**
 * The column cards in rows of as many as fit, virtualized: a table of hundreds
 * of columns mounts (and draws charts for) only the rows on screen.
 */
export function ColumnList({ profile, pending }: { profile: Profile; pending: readonly string[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const perRow = Math.max(1, Math.floor(width / CARD_MIN_WIDTH));
  const rows = Math.ceil(profile.columns.length / perRow);
  const pendingSet = useMemo(() => new Set(pending), [pending]);
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 1 });

  useLayoutEffect(() => {
    const element = scrollRef.current!;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    setVisibleColumnsProvider((names) => {
      const element = scrollRef.current;
      if (!element) return [];
      const [from, to] = visibleCardRange(element.scrollTop, element.clientHeight, perRow, names.length);
      return names.slice(from, to);
    });
    return () => setVisibleColumnsProvider(() => []);
  }, [perRow]);

  return (
    <div className="column-list" ref={scrollRef} data-testid="profile-columns">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div key={item.key} className="column-list__row" style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)`, gridTemplateColumns: `repeat(${perRow}, minmax(0, 1fr))` }}>
            {profile.columns.slice(item.index * perRow, item.index * perRow + perRow).map((column) => (
              <ColumnCard key={column.name} column={column} rowCount={profile.rowCount} pending={pendingSet.has(column.name)} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
