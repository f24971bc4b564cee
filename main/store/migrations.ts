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
  {
    version: 3,
    name: 'run details (parameters, scope, who), rows in and fingerprints per node, check results over time',
    sql: `
      ALTER TABLE runs ADD COLUMN details TEXT;
      ALTER TABLE run_nodes ADD COLUMN rows_in INTEGER;
      ALTER TABLE run_nodes ADD COLUMN fingerprint TEXT;
      CREATE TABLE check_results (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        node TEXT NOT NULL,
        passed INTEGER NOT NULL,
        severity TEXT NOT NULL,
        failing_rows INTEGER NOT NULL,
        sample TEXT NOT NULL,
        checked_at TEXT NOT NULL,
        PRIMARY KEY (run_id, node)
      );
      CREATE INDEX check_results_by_node ON check_results (node, checked_at);
    `,
  },
  {
    version: 4,
    name: 'cached column profiles of files and nodes, by fingerprint',
    sql: `
      CREATE TABLE profile_cache (
        fingerprint TEXT NOT NULL,
        stage TEXT NOT NULL,
        variant TEXT NOT NULL,
        target_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        row_count INTEGER,
        profile TEXT NOT NULL,
        PRIMARY KEY (fingerprint, stage, variant)
      );
      CREATE INDEX profile_cache_by_target ON profile_cache (target_key, created_at);
    `,
  },
];
