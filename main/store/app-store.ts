import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { JsonValue, RunReport, RunSummary } from '../../common/contract/api';
import { migrations } from './migrations';

export interface AppStoreOptions {
  /** A better-sqlite3 build for another ABI (Electron), see README "Electron build of better-sqlite3". */
  nativeBinding?: string;
}

interface RunRow {
  id: string;
  project_path: string | null;
  pipeline_path: string | null;
  status: RunReport['status'];
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
}

interface RunNodeRow {
  node: string;
  status: RunReport['nodes'][number]['status'];
  rows: number | null;
  duration_ms: number | null;
  cached: number;
  error: string | null;
}

/** App state in SQLite: WAL, versioned migrations, every write in a transaction. */
export class AppStore {
  readonly db: Database.Database;

  constructor(file: string, options: AppStoreOptions = {}) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    const current = this.schemaVersion;
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db.pragma(`user_version = ${migration.version}`);
      })();
    }
  }

  close(): void {
    this.db.close();
  }

  touchRecentProject(projectPath: string, name: string): void {
    this.db
      .prepare('INSERT INTO recent_projects (path, name, opened_at) VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET name = excluded.name, opened_at = excluded.opened_at')
      .run(projectPath, name, new Date().toISOString());
  }

  listRecentProjects(limit = 20): { path: string; name: string; openedAt: string }[] {
    return (this.db.prepare('SELECT path, name, opened_at FROM recent_projects ORDER BY opened_at DESC LIMIT ?').all(limit) as { path: string; name: string; opened_at: string }[]).map(
      (row) => ({ path: row.path, name: row.name, openedAt: row.opened_at }),
    );
  }

  getSettings(): Record<string, JsonValue> {
    const out: Record<string, JsonValue> = {};
    for (const row of this.db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[]) {
      out[row.key] = JSON.parse(row.value) as JsonValue;
    }
    return out;
  }

  updateSettings(values: Record<string, JsonValue>): Record<string, JsonValue> {
    const upsert = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) upsert.run(key, JSON.stringify(value));
    })();
    return this.getSettings();
  }

  /** Records a run and its nodes in one transaction; called again with the final report. */
  recordRun(report: RunReport, projectPath: string | null): void {
    const upsertRun = this.db.prepare(
      `INSERT INTO runs (id, project_path, pipeline_path, status, started_at, finished_at, duration_ms)
       VALUES (@id, @project_path, @pipeline_path, @status, @started_at, @finished_at, @duration_ms)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at, duration_ms = excluded.duration_ms`,
    );
    const deleteNodes = this.db.prepare('DELETE FROM run_nodes WHERE run_id = ?');
    const insertNode = this.db.prepare(
      'INSERT INTO run_nodes (run_id, position, node, status, rows, duration_ms, cached, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      upsertRun.run({
        id: report.runId,
        project_path: projectPath,
        pipeline_path: report.pipelinePath,
        status: report.status,
        started_at: report.startedAt,
        finished_at: report.finishedAt,
        duration_ms: report.durationMs,
      });
      deleteNodes.run(report.runId);
      report.nodes.forEach((node, position) => {
        insertNode.run(report.runId, position, node.name, node.status, node.rows, node.durationMs, node.cached ? 1 : 0, node.error ? JSON.stringify(node.error) : null);
      });
    })();
  }

  listRuns(options: { pipelinePath?: string; limit?: number } = {}): RunSummary[] {
    const limit = options.limit ?? 50;
    const rows = (
      options.pipelinePath
        ? this.db.prepare('SELECT * FROM runs WHERE pipeline_path = ? ORDER BY started_at DESC LIMIT ?').all(options.pipelinePath, limit)
        : this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC LIMIT ?').all(limit)
    ) as RunRow[];
    const nodesOf = this.db.prepare('SELECT node, status, rows, duration_ms, cached, error FROM run_nodes WHERE run_id = ? ORDER BY position');
    return rows.map((row) => ({
      runId: row.id,
      projectPath: row.project_path,
      pipelinePath: row.pipeline_path,
      status: row.status,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      durationMs: row.duration_ms,
      nodes: (nodesOf.all(row.id) as RunNodeRow[]).map((node) => ({
        name: node.node,
        status: node.status,
        rows: node.rows,
        durationMs: node.duration_ms,
        cached: node.cached === 1,
        error: node.error ? (JSON.parse(node.error) as RunReport['nodes'][number]['error']) : null,
      })),
    }));
  }
}
