/** Versioned schema of the app-state database; each entry runs once, in order, in a transaction. */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'recent projects, settings, run history',
    sql: `
      CREATE TABLE recent_projects (
        path TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        opened_at TEXT NOT NULL
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        project_path TEXT,
        pipeline_path TEXT,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        duration_ms REAL
      );
      CREATE INDEX runs_by_pipeline ON runs (pipeline_path, started_at);
      CREATE TABLE run_nodes (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        node TEXT NOT NULL,
        status TEXT NOT NULL,
        rows INTEGER,
        duration_ms REAL,
        cached INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        PRIMARY KEY (run_id, position)
      );
    `,
  },
  {
    version: 2,
    name: 'autosaved drafts of unsaved pipelines',
    sql: `
      CREATE TABLE drafts (
        project_path TEXT NOT NULL,
        pipeline_path TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (project_path, pipeline_path)
      );
    `,
  },
];
