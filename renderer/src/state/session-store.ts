import { create } from 'zustand';
import type { EngineStatus, NodeRun, NodeRunStatus, ProjectInfo, RunStatus } from '../../../common/contract/api';

/** What the canvas shows on a node: the outcome of its last preview or run. */
export type NodeActivity = 'idle' | NodeRunStatus | 'previewing' | 'previewed';

export interface NodeError {
  message: string;
  /** File the error points into (a source's data file); absent for errors in the node's SQL. */
  file?: string;
  line?: number;
  column?: number;
}

export interface NodeSession {
  activity: NodeActivity;
  rows: number | null;
  durationMs: number | null;
  error: NodeError | null;
}

export interface LogEntry {
  id: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  time: string;
}

/** The latest whole-pipeline run, counted from what the host reported (not from later previews). */
export interface RunState {
  requestId: string;
  status: RunStatus;
  succeeded: number;
  failed: number;
  total: number;
  durationMs: number;
}

// Sets of strings, so statuses the contract adds later (cached, check-failed) need no type change here.
const DONE = new Set<string>(['succeeded', 'cached']);
const FAILED = new Set<string>(['failed', 'check-failed']);

export function summarizeRun(requestId: string, status: RunStatus, nodes: readonly NodeRun[]): RunState {
  return {
    requestId,
    status,
    succeeded: nodes.filter((n) => DONE.has(n.status)).length,
    failed: nodes.filter((n) => FAILED.has(n.status)).length,
    total: nodes.length,
    durationMs: nodes.reduce((sum, n) => sum + (n.durationMs ?? 0), 0),
  };
}

export type LoadState = { state: 'loading' } | { state: 'loaded' } | { state: 'error'; message: string };

/** Run status, engine status and logs: everything that lasts as long as the window, never saved. */
export interface SessionState {
  project: ProjectInfo | null;
  load: LoadState;
  engine: EngineStatus | null;
  nodes: Record<string, NodeSession>;
  run: RunState | null;
  saving: boolean;
  /** The latest thing the user must see (a failed save, a crashed engine), shown in the status bar. */
  notice: { level: LogEntry['level']; message: string } | null;
  logs: LogEntry[];
  setProject(project: ProjectInfo | null): void;
  setLoad(load: LoadState): void;
  setEngine(engine: EngineStatus): void;
  resetNodes(): void;
  patchNode(name: string, patch: Partial<NodeSession>): void;
  applyNodeRuns(runs: readonly NodeRun[]): void;
  setRun(run: SessionState['run']): void;
  setSaving(saving: boolean): void;
  setNotice(notice: SessionState['notice']): void;
  appendLog(level: LogEntry['level'], message: string, time?: string): void;
}

const MAX_LOGS = 1000;
const IDLE: NodeSession = { activity: 'idle', rows: null, durationMs: null, error: null };
let nextLogId = 1;

export const useSessionStore = create<SessionState>()((set) => ({
  project: null,
  load: { state: 'loading' },
  engine: null,
  nodes: {},
  run: null,
  saving: false,
  notice: null,
  logs: [],
  setProject: (project) => set({ project }),
  setLoad: (load) => set({ load }),
  setEngine: (engine) => set({ engine }),
  resetNodes: () => set({ nodes: {} }),
  patchNode: (name, patch) =>
    set((state) => ({ nodes: { ...state.nodes, [name]: { ...(state.nodes[name] ?? IDLE), ...patch } } })),
  applyNodeRuns: (runs) => set((state) => ({ nodes: withNodeRuns(state.nodes, runs) })),
  setRun: (run) => set({ run }),
  setSaving: (saving) => set({ saving }),
  setNotice: (notice) => set({ notice }),
  appendLog: (level, message, time = new Date().toISOString()) =>
    set((state) => {
      const logs = state.logs.length >= MAX_LOGS ? state.logs.slice(-MAX_LOGS + 1) : state.logs.slice();
      logs.push({ id: nextLogId++, level, message, time });
      return { logs };
    }),
}));

function sameError(a: NodeError | null, b: NodeError | null): boolean {
  return a === b || (a !== null && b !== null && a.message === b.message && a.line === b.line && a.file === b.file);
}

const nodeSelectors = new Map<string, (state: SessionState) => NodeSession | undefined>();

/** One stable selector per node name, so a node re-renders only when its own entry changes. */
export function selectNodeSession(name: string): (state: SessionState) => NodeSession | undefined {
  let selector = nodeSelectors.get(name);
  if (!selector) nodeSelectors.set(name, (selector = (state) => state.nodes[name]));
  return selector;
}
export const selectEngine = (state: SessionState) => state.engine;
export const selectProject = (state: SessionState) => state.project;
export const selectLoad = (state: SessionState) => state.load;
export const selectRun = (state: SessionState) => state.run;
export const selectSaving = (state: SessionState) => state.saving;
export const selectNotice = (state: SessionState) => state.notice;
export const selectLogs = (state: SessionState) => state.logs;

/** Node states after a run's report or progress event (pure, so a parked tab's states update the same way). */
export function withNodeRuns(current: Readonly<Record<string, NodeSession>>, runs: readonly NodeRun[]): Record<string, NodeSession> {
  const nodes = { ...current };
  for (const run of runs) {
    const before = nodes[run.name];
    const error = run.error ? { ...run.error } : null;
    const rows = run.rows ?? (run.status === 'queued' || run.status === 'running' ? (before?.rows ?? null) : null);
    if (before && before.activity === run.status && before.rows === rows && sameError(before.error, error)) continue;
    nodes[run.name] = { activity: run.status, rows, durationMs: run.durationMs, error };
  }
  return nodes;
}
