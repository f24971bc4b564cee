import type Database from 'better-sqlite3';
import type { DraftPipeline } from '../../common/contract/api';

export interface Draft {
  /** The pipeline file, relative to the project folder. */
  path: string;
  pipeline: DraftPipeline;
  savedAt: string;
}

/**
 * Autosaved, not yet saved edits, one per pipeline file of a project. Each
 * write is one SQLite transaction in WAL mode, so a draft that was
 * acknowledged survives a kill of the process that wrote it.
 */
export class DraftStore {
  constructor(private readonly db: Database.Database) {}

  put(projectPath: string, pipelinePath: string, pipeline: DraftPipeline, savedAt = new Date().toISOString()): Draft {
    this.db
      .prepare(
        `INSERT INTO drafts (project_path, pipeline_path, pipeline, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (project_path, pipeline_path) DO UPDATE SET pipeline = excluded.pipeline, saved_at = excluded.saved_at`,
      )
      .run(projectPath, pipelinePath, JSON.stringify(pipeline), savedAt);
    return { path: pipelinePath, pipeline, savedAt };
  }

  list(projectPath: string): Draft[] {
    const rows = this.db
      .prepare('SELECT pipeline_path, pipeline, saved_at FROM drafts WHERE project_path = ? ORDER BY pipeline_path')
      .all(projectPath) as { pipeline_path: string; pipeline: string; saved_at: string }[];
    return rows.map((row) => ({ path: row.pipeline_path, pipeline: JSON.parse(row.pipeline) as DraftPipeline, savedAt: row.saved_at }));
  }

  get(projectPath: string, pipelinePath: string): Draft | undefined {
    return this.list(projectPath).find((draft) => draft.path === pipelinePath);
  }

  discard(projectPath: string, pipelinePath: string): boolean {
    return this.db.prepare('DELETE FROM drafts WHERE project_path = ? AND pipeline_path = ?').run(projectPath, pipelinePath).changes > 0;
  }
}
