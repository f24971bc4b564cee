import { lazy, Suspense, useEffect } from 'react';
import { selectLogs, useSessionStore, type SessionState } from '../state/session-store';
import { selectBottomTab, useUiStore, type BottomTab } from '../state/ui-store';
import { ProfileTab } from '../profile/ProfileTab';
import { useSelectedProfileAlerts } from '../profile/profile-alerts';
import { registerHistoryCommands } from '../history/history-commands';
import { registerGridCommands } from './grid-commands';
import { LineageTab } from '../lineage/LineageTab';
import { LogPanel } from './LogPanel';
import { PreviewPane } from './PreviewGrid';
import './bottom-panel.css';

// The History tab draws its charts with echarts; loaded when the tab is first opened, not with the window.
const HistoryPanel = lazy(() => import('../history/HistoryPanel').then((m) => ({ default: m.HistoryPanel })));

const selectErrorCount = (state: SessionState) => state.logs.reduce((count, entry) => count + (entry.level === 'error' ? 1 : 0), 0);

export function BottomPanel() {
  const tab = useUiStore(selectBottomTab);
  const errors = useSessionStore(selectErrorCount);
  const logCount = useSessionStore(selectLogs).length;
  const profileAlerts = useSelectedProfileAlerts();
  // Grid and history commands live as long as the bottom panel (the grid registers the handle they act on).
  useEffect(() => {
    const disposeGrid = registerGridCommands();
    const disposeHistory = registerHistoryCommands();
    return () => {
      disposeGrid();
      disposeHistory();
    };
  }, []);
  return (
    <section className="bottom-panel" data-testid="bottom-panel">
      <div className="tabs" role="tablist">
        <TabButton tab="preview" current={tab} label="Preview" />
        <TabButton tab="profile" current={tab} label="Profile" count={profileAlerts} />
        <TabButton tab="log" current={tab} label="Log" count={errors > 0 ? errors : logCount} alert={errors > 0} />
        <TabButton tab="lineage" current={tab} label="Lineage" />
        <TabButton tab="history" current={tab} label="History" />
      </div>
      <div className="bottom-panel__content">
        <TabContent tab={tab} />
      </div>
    </section>
  );
}

function TabButton({ tab, current, label, count, alert }: { tab: BottomTab; current: BottomTab; label: string; count?: number; alert?: boolean }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={tab === current}
      className={`tab${tab === current ? ' is-active' : ''}`}
      data-testid={`${tab}-tab`}
      onClick={() => useUiStore.getState().setBottomTab(tab)}
    >
      {label}
      {count !== undefined && count > 0 && <span className={`tab__count${alert ? ' is-alert' : ''}`}>{count}</span>}
    </button>
  );
}

function TabContent({ tab }: { tab: BottomTab }) {
  switch (tab) {
    case 'preview':
      return <PreviewPane />;
    case 'profile':
      return <ProfileTab />;
    case 'history':
      return (
        <Suspense fallback={<div className="pane-message">Loading the run history…</div>}>
          <HistoryPanel />
        </Suspense>
      );
    case 'lineage':
      return <LineageTab />;
    default:
      return <LogPanel />;
  }
}
