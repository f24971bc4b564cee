import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunSummary } from '../../../common/contract/api';
import { api } from '../api/api';
import { logError } from '../actions/notices';
import { selectDocumentPath, useDocumentStore } from '../state/document-store';
import { selectProject, selectRun, useSessionStore } from '../state/session-store';
import { checksOption, durationOption, HistoryChart } from './HistoryCharts';
import { formatMs, historyMatrix } from './history-data';
import './history.css';

/** Runs listed per pipeline; enough to see a trend without a long query. */
const RUN_LIMIT = 50;
const numberFormat = new Intl.NumberFormat('en-US');

/**
 * Run history of the open pipeline (from the app-state store): per-node
 * durations across runs, check outcomes over time, and the node table of the
 * run picked in a chart or the list.
 */
export function HistoryPanel() {
  const path = useDocumentStore(selectDocumentPath);
  const projectPath = useSessionStore(selectProject)?.path ?? null;
  const run = useSessionStore(selectRun);
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const newestSeen = useRef<string | null>(null);
  const runStatus = run?.status;
  const runId = run?.requestId;

  useEffect(() => {
    // Reload when a run of this window finishes (its status leaves "running") and when the pipeline changes.
    if (runStatus === 'running') return;
    let current = true;
    api
      .listRuns({ ...(path ? { pipelinePath: path } : {}), limit: RUN_LIMIT })
      .then((all) => {
        if (!current) return;
        // The store keys runs by pipeline path only: keep this project's runs of this pipeline (an unsaved one has none).
        const list = all.filter((r) => r.pipelinePath === path && (projectPath === null || r.projectPath === projectPath));
        // A new run is the one to look at; otherwise keep the pick across reloads.
        const newest = list[0]?.runId ?? null;
        const arrived = newest !== newestSeen.current;
        newestSeen.current = newest;
        setRuns(list);
        setPicked((before) => (!arrived && before && list.some((r) => r.runId === before) ? before : newest));
      })
      .catch((error: unknown) => {
        if (current) logError('could not read the run history', error);
      });
    return () => {
      current = false;
    };
  }, [path, projectPath, runStatus, runId]);

  const matrix = useMemo(() => historyMatrix(runs ?? []), [runs]);
  const pickedIndex = matrix.runs.findIndex((r) => r.runId === picked);
  const durations = useCallback((colors: Parameters<typeof durationOption>[2]) => durationOption(matrix, pickedIndex < 0 ? null : pickedIndex, colors), [matrix, pickedIndex]);
  const checks = useCallback((colors: Parameters<typeof checksOption>[1]) => checksOption(matrix, colors), [matrix]);
  const pickRun = useCallback((index: number) => {
    const chosen = matrix.runs[index];
    if (chosen) setPicked(chosen.runId);
  }, [matrix]);

  if (runs === null) return <div className="pane-message">Reading the run history…</div>;
  if (runs.length === 0) {
    return (
      <div className="pane-message" data-testid="history-empty">
        No runs of {path ?? 'this pipeline'} yet. Run it (F5) and each run's node timings and check results appear here.
      </div>
    );
  }
  const selected = runs.find((r) => r.runId === picked) ?? null;
  return (
    <div className="history" data-testid="history-panel" data-runs={runs.length}>
      <div className="history__charts">
        <HistoryChart
          className="history__chart"
          testId="history-duration-chart"
          label={`Node durations of the last ${matrix.runs.length} runs`}
          option={durations}
          onPickRun={pickRun}
        />
        {matrix.checks.length > 0 && (
          <HistoryChart
            className="history__chart history__chart--checks"
            testId="history-check-chart"
            label={`Check results of ${matrix.checks.length} checks over ${matrix.runs.length} runs`}
            option={checks}
            onPickRun={pickRun}
          />
        )}
      </div>
      <div className="history__side">
        <ul className="history__runs" aria-label="Runs" data-testid="history-runs">
          {runs.map((r) => (
            <li key={r.runId}>
              <button
                type="button"
                className={`history__run${r.runId === picked ? ' is-active' : ''}`}
                data-testid="history-run"
                data-status={r.status}
                aria-pressed={r.runId === picked}
                onClick={() => setPicked(r.runId)}
              >
                <span className={`history__status history__status--${r.status}`}>{r.status}</span>
                <span className="history__when">{new Date(r.startedAt).toLocaleString()}</span>
                <span className="history__took">{formatMs(r.durationMs)}</span>
              </button>
            </li>
          ))}
        </ul>
        {selected && <RunNodes run={selected} />}
      </div>
    </div>
  );
}

function RunNodes({ run }: { run: RunSummary }) {
  return (
    <div className="history__nodes">
      <div className="history__nodes-title" data-testid="history-selected-run">
        Run {run.runId} · {run.status}
        {run.requestedBy ? ` · ${run.requestedBy}` : ''}
      </div>
      <table className="history__table" data-testid="history-node-table">
        <thead>
          <tr>
            <th>Node</th>
            <th>Status</th>
            <th className="is-numeric">Rows</th>
            <th className="is-numeric">Duration</th>
            <th>Cached</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {run.nodes.map((node) => (
            <tr key={node.name} data-testid="history-node-row" data-node={node.name} data-status={node.status}>
              <td>{node.name}</td>
              <td className={`history__status history__status--${node.status}`}>
                {node.status}
                {node.check && !node.check.passed ? ` (${numberFormat.format(node.check.failingRows)} failing ${node.check.failingRows === 1 ? 'row' : 'rows'})` : ''}
              </td>
              <td className="is-numeric">{node.rows === null ? '—' : numberFormat.format(node.rows)}</td>
              <td className="is-numeric">{formatMs(node.durationMs)}</td>
              <td>{node.cached ? 'yes' : ''}</td>
              <td className="history__error" title={node.error?.message}>
                {node.error?.message ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
