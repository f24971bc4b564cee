import { useEffect, useMemo, useState } from 'react';
import { selectDocumentPath, selectPipeline, useDocumentStore } from '../state/document-store';
import { selectSelectedNode, useUiStore } from '../state/ui-store';
import { ChecksView } from './ChecksView';
import { ColumnList } from './ColumnList';
import { CompareView } from './CompareView';
import { cancelNodeProfile, cancelProfileIfEdited, cancelProfileUnlessOf, profileNode } from './profile-actions';
import { formatCount, formatDuration } from './profile-format';
import { alertCount, nodeSignature, STAGES, stageLabel, stageSteps } from './profile-model';
import { getNodeProfile, profileKey, useNodeProfile, type NodeProfileEntry } from './profile-store';
import './profile.css';
import './compare-checks.css';

type View = 'columns' | 'compare' | 'checks';

/** The bottom panel's Profile tab: the selected node's column profile, a comparison with the one before, suggested checks. */
export function ProfileTab() {
  const selected = useUiStore(selectSelectedNode);
  const pipeline = useDocumentStore(selectPipeline);
  const path = useDocumentStore(selectDocumentPath);
  const exists = selected !== null && pipeline !== null && pipeline.nodes.some((n) => n.name === selected);
  const signature = useMemo(() => (exists ? nodeSignature(pipeline!, selected!) : null), [exists, pipeline, selected]);
  const key = exists ? profileKey(path, selected!) : null;
  const entry = useNodeProfile(key);
  const [view, setView] = useState<View>('columns');

  // Leaving the tab cancels what is in flight; coming back profiles again (from the cache when it got that far).
  useEffect(() => () => cancelNodeProfile('the profile tab was closed'), []);

  // Another node selected: the old profile is superseded; the new node is profiled unless it has a fresh profile.
  useEffect(() => {
    cancelProfileUnlessOf(key, selected ? `${selected} was selected` : 'no node is selected');
    if (!key || !selected) return;
    const current = getNodeProfile(key);
    const fresh = current && current.signature === nodeSignature(useDocumentStore.getState().pipeline!, selected) && (current.status === 'ready' || current.status === 'loading');
    if (!fresh) void profileNode(selected);
  }, [key, selected]);

  // An edit of the node (or of what it reads) makes the profile in flight stale: stop it; the user profiles again.
  useEffect(() => {
    if (key && signature && selected) cancelProfileIfEdited(key, signature, `${selected} was edited`);
  }, [key, signature, selected]);

  if (!selected || !exists) return <div className="pane-message">Select a node to profile its columns.</div>;
  const stale = entry !== undefined && entry.signature !== signature;
  return (
    <div className="profile-tab" data-testid="profile-tab-content" data-node={selected}>
      <ProfileHeader node={selected} entry={entry} stale={stale} view={view} onView={setView} />
      {entry?.status === 'error' && entry.error && (
        <div className="pane-message pane-message--error" data-testid="profile-error">
          {entry.error.message}
        </div>
      )}
      {entry?.profile ? (
        view === 'columns' ? (
          <ColumnList profile={entry.profile} pending={entry.status === 'loading' ? entry.pendingColumns : []} />
        ) : view === 'compare' ? (
          <CompareView node={selected} profile={entry.profile} previous={entry.previous} />
        ) : (
          <ChecksView node={selected} profile={entry.profile} />
        )
      ) : entry?.status === 'loading' ? (
        <div className="pane-message">
          <span className="spinner" aria-hidden="true" /> Reading the columns of {selected}…
        </div>
      ) : entry?.status === 'cancelled' ? (
        <div className="pane-message">Profile cancelled ({entry.cancelReason}).</div>
      ) : null}
    </div>
  );
}

function ProfileHeader({ node, entry, stale, view, onView }: { node: string; entry: NodeProfileEntry | undefined; stale: boolean; view: View; onView: (view: View) => void }) {
  const profile = entry?.profile ?? null;
  const steps = stageSteps(entry);
  const alerts = alertCount(profile);
  const profiled = profile ? profile.columns.length - (entry?.pendingColumns.length ?? 0) : 0;
  return (
    <div className="profile-header" data-testid="profile-status" data-state={entry?.status ?? 'idle'}>
      <span className="profile-header__node">{node}</span>
      {profile && (
        <span className="stage-label" data-testid="profile-stage" data-stage={entry?.pendingColumns.length ? `${profile.stage}-partial` : profile.stage} title={profile.sample?.description}>
          {stageLabel(profile)}
          {entry?.pendingColumns.length ? `, ${profiled} of ${profile.columns.length} columns` : ''}
        </span>
      )}
      <span className="stage-steps" aria-label="profile stages">
        {STAGES.map((stage) => (
          <span key={stage} className={`stage-step is-${steps[stage]}`} data-testid={`stage-step-${stage}`} data-state={steps[stage]}>
            {steps[stage] === 'running' ? <span className="spinner spinner--small" aria-hidden="true" /> : <span className="stage-step__dot" aria-hidden="true" />}
            {stage}
          </span>
        ))}
      </span>
      {profile && (
        <span className="profile-header__facts">
          <span title={profile.rowCountExact ? 'exact' : 'approximate'}>
            {profile.rowCount === null ? 'rows unknown' : `${profile.rowCountExact ? '' : '≈'}${formatCount(profile.rowCount)} rows`}
          </span>
          <span>
            {profile.omittedColumns > 0 ? `${profiled} of ${profile.columns.length}` : profile.columns.length} columns
          </span>
          {entry?.status === 'ready' && <span>{formatDuration(profile.durationMs)}{entry.chunks.every((c) => c.cached) ? ' (cached)' : ''}</span>}
          {alerts > 0 && (
            <span className="alert-badge alert-badge--warning" data-testid="profile-alert-count">
              {alerts} alert{alerts === 1 ? '' : 's'}
            </span>
          )}
        </span>
      )}
      {entry?.status === 'cancelled' && (
        <span className="profile-header__note" data-testid="profile-cancelled">
          cancelled: {entry.cancelReason}
        </span>
      )}
      {stale && (
        <span className="profile-header__note is-stale" data-testid="profile-stale">
          edited since this profile
        </span>
      )}
      <span className="profile-header__spacer" />
      <span className="segmented" role="tablist">
        {(['columns', 'compare', 'checks'] as const).map((v) => (
          <button key={v} type="button" role="tab" title={v === 'compare' ? 'Compare with the previous profile of this node' : v === 'checks' ? 'Check nodes this profile suggests' : 'Every column'} aria-selected={view === v} className={`segmented__button${view === v ? ' is-active' : ''}`} data-testid={`profile-view-${v}`} onClick={() => onView(v)}>
            {v === 'compare' ? 'Compare with previous' : v === 'checks' ? 'Checks' : 'Columns'}
          </button>
        ))}
      </span>
      <button type="button" className="button" data-testid="profile-again" disabled={entry?.status === 'loading' && !stale} onClick={() => void profileNode(node, { refresh: !stale && entry?.status === 'ready' })} title={stale || entry?.status !== 'ready' ? 'Profile the node as it is now' : 'Compute the profile again, ignoring the cache'}>
        {stale || entry?.status !== 'ready' ? 'Profile' : 'Refresh'}
      </button>
    </div>
  );
}
