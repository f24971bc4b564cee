import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult, JsonValue, RunReport, RunSummary } from '../../common/contract/api';
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
  details: string | null;
}

interface RunNodeRow {
  node: string;
  status: RunReport['nodes'][number]['status'];
  rows: number | null;
  duration_ms: number | null;
  cached: number;
  error: string | null;
  rows_in: number | null;
  fingerprint: string | null;
}

interface CheckRow {
  run_id: string;
  node: string;
  passed: number;
  severity: CheckResult['severity'];
  failing_rows: number;
  sample: string;
  checked_at: string;
}

/** A check's outcome in one run, for "check results over time". */
export interface CheckHistoryEntry {
  runId: string;
  node: string;
  pipelinePath: string | null;
  checkedAt: string;
  result: CheckResult;
}

function checkOf(row: CheckRow): CheckResult {
  return { passed: row.passed === 1, severity: row.severity, failingRows: row.failing_rows, sample: JSON.parse(row.sample) as CheckResult['sample'] };
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
      `INSERT INTO runs (id, project_path, pipeline_path, status, started_at, finished_at, duration_ms, details)
       VALUES (@id, @project_path, @pipeline_path, @status, @started_at, @finished_at, @duration_ms, @details)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at, duration_ms = excluded.duration_ms, details = excluded.details`,
    );
    const deleteNodes = this.db.prepare('DELETE FROM run_nodes WHERE run_id = ?');
    const insertNode = this.db.prepare(
      'INSERT INTO run_nodes (run_id, position, node, status, rows, duration_ms, cached, error, rows_in, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const deleteChecks = this.db.prepare('DELETE FROM check_results WHERE run_id = ?');
    const insertCheck = this.db.prepare(
      'INSERT INTO check_results (run_id, node, passed, severity, failing_rows, sample, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const details = {
      ...(report.params ? { params: report.params } : {}),
      ...(report.scope ? { scope: report.scope } : {}),
      ...(report.requestedBy ? { requestedBy: report.requestedBy } : {}),
    };
    this.db.transaction(() => {
      upsertRun.run({
        id: report.runId,
        project_path: projectPath,
        pipeline_path: report.pipelinePath,
        status: report.status,
        started_at: report.startedAt,
        finished_at: report.finishedAt,
        duration_ms: report.durationMs,
        details: Object.keys(details).length > 0 ? JSON.stringify(details) : null,
      });
      deleteNodes.run(report.runId);
      deleteChecks.run(report.runId);
      report.nodes.forEach((node, position) => {
        insertNode.run(
          report.runId,
          position,
          node.name,
          node.status,
          node.rows,
          node.durationMs,
          node.cached ? 1 : 0,
          node.error ? JSON.stringify(node.error) : null,
          node.rowsIn ?? null,
          node.fingerprint ?? null,
        );
        if (node.check) {
          const { passed, severity, failingRows, sample } = node.check;
          insertCheck.run(report.runId, node.name, passed ? 1 : 0, severity, failingRows, JSON.stringify(sample), report.finishedAt ?? report.startedAt);
        }
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
    const nodesOf = this.db.prepare('SELECT node, status, rows, duration_ms, cached, error, rows_in, fingerprint FROM run_nodes WHERE run_id = ? ORDER BY position');
    const checksOf = this.db.prepare('SELECT * FROM check_results WHERE run_id = ?');
    return rows.map((row) => {
      const checks = new Map((checksOf.all(row.id) as CheckRow[]).map((check) => [check.node, checkOf(check)]));
      const details = row.details ? (JSON.parse(row.details) as Pick<RunSummary, 'params' | 'scope' | 'requestedBy'>) : {};
      return {
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
          ...(node.rows_in !== null ? { rowsIn: node.rows_in } : {}),
          ...(node.fingerprint !== null ? { fingerprint: node.fingerprint } : {}),
          ...(checks.has(node.node) ? { check: checks.get(node.node)! } : {}),
        })),
        ...details,
      };
    });
  }

  /** A check node's results, newest first (optionally one pipeline's). */
  listCheckResults(options: { node?: string; pipelinePath?: string; limit?: number } = {}): CheckHistoryEntry[] {
    const where: string[] = [];
    const values: (string | number)[] = [];
    if (options.node !== undefined) {
      where.push('c.node = ?');
      values.push(options.node);
    }
    if (options.pipelinePath !== undefined) {
      where.push('r.pipeline_path = ?');
      values.push(options.pipelinePath);
    }
    const sql = `SELECT c.*, r.pipeline_path FROM check_results c JOIN runs r ON r.id = c.run_id ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.checked_at DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...values, options.limit ?? 100) as (CheckRow & { pipeline_path: string | null })[];
    return rows.map((row) => ({ runId: row.run_id, node: row.node, pipelinePath: row.pipeline_path, checkedAt: row.checked_at, result: checkOf(row) }));
  }
}
