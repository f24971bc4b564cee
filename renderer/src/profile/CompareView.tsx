import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Profile } from '../../../common/profile/profile-schema';
import { ColumnSparkline } from './ColumnHeaderChart';
import { compareView } from './compare-model';
import { loadProfileHistory } from './profile-actions';

const ROW_HEIGHT = 34;

function when(profile: Profile): string {
  return new Date(profile.createdAt).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * The node's profile before and after an edit, side by side: the previous
 * profile held in memory, or any earlier one from the profile history.
 */
export function CompareView({ node, profile, previous }: { node: string; profile: Profile; previous: Profile | null }) {
  const [history, setHistory] = useState<Profile[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadProfileHistory(node)
      .then((list) => live && setHistory(list))
      .catch(() => live && setHistory([]));
    return () => {
      live = false;
    };
  }, [node, profile.fingerprint]);
  const candidates = useMemo(() => {
    const seen = new Set([profile.fingerprint]);
    const list: Profile[] = [];
    for (const p of [...(previous ? [previous] : []), ...(history ?? [])]) {
      if (seen.has(p.fingerprint) || p.stage === 'metadata') continue;
      seen.add(p.fingerprint);
      list.push(p);
    }
    return list;
  }, [history, previous, profile.fingerprint]);
  const before = candidates.find((p) => p.fingerprint === chosen) ?? candidates[0] ?? null;
  const view = useMemo(() => (before ? compareView(before, profile) : null), [before, profile]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: view?.rows.length ?? 0, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });

  if (!before || !view) {
    return <div className="pane-message" data-testid="profile-compare-empty">{history === null ? 'Loading earlier profiles…' : `No earlier profile of ${node} to compare with: edit its SQL and profile it again.`}</div>;
  }
  return (
    <div className="profile-compare" data-testid="profile-compare">
      <div className="profile-compare__summary">
        <label>
          before{' '}
          <select value={before.fingerprint} onChange={(event) => setChosen(event.target.value)} data-testid="compare-before">
            {candidates.map((p) => (
              <option key={p.fingerprint} value={p.fingerprint}>
                {when(p)} · {p.rowCount?.toLocaleString('en-US') ?? '?'} rows · {p.stage}
              </option>
            ))}
          </select>
        </label>
        <span data-testid="compare-rows">
          rows {view.rowsBefore} → {view.rowsAfter} <strong>{view.rowDelta}</strong>
        </span>
        <span>
          {view.changed} of {view.rows.length} columns changed
        </span>
        {view.partial && <span className="approx-tag">only the columns profiled in both</span>}
      </div>
      <div className="profile-compare__head compare-row">
        <span>column</span>
        <span>type</span>
        <span>null %</span>
        <span>distinct</span>
        <span>mean</span>
        <span>distribution shift</span>
        <span>before</span>
        <span>after</span>
      </div>
      <div className="profile-compare__rows" ref={scrollRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = view.rows[item.index]!;
            return (
              <div key={row.name} className={`compare-row compare-row--${row.shift ?? row.status}`} data-testid="compare-row" data-column={row.name} style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
                <span className="compare-row__name" title={row.name}>
                  {row.name}
                </span>
                <span title={row.type}>{row.type}</span>
                <span>
                  {row.nullBefore} → {row.nullAfter} <em className={Math.abs(row.nullDeltaPoints ?? 0) >= 1 ? 'is-changed' : ''}>{row.nullDelta}</em>
                </span>
                <span>{row.distinct}</span>
                <span title={row.mean}>{row.mean}</span>
                <span className={`shift shift--${row.shift ?? 'none'}`} data-testid="compare-shift">
                  {row.shiftText}
                </span>
                <span>{row.before && <ColumnSparkline column={row.before} testId="compare-before-chart" className="compare-chart" />}</span>
                <span>{row.after && <ColumnSparkline column={row.after} testId="compare-after-chart" className="compare-chart" />}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
