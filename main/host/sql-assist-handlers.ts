import type { MethodOutput, MethodParsedInput, ProjectInfo } from '../../common/contract/api';
import { projectCacheDir } from '../engine/cache';
import type { EngineApi } from '../engine/engine-types';

export interface SqlAssistHandlerContext {
  engine: Pick<EngineApi, 'describeNode' | 'checkSql' | 'completeSql' | 'columnLineage'>;
  requireProject: () => ProjectInfo;
  pipelineBaseDir: (projectDir: string, pipelinePath: string | null | undefined) => string;
  track: <T>(requestId: string, work: (signal: AbortSignal) => Promise<T>) => Promise<T>;
}

type Names = 'describeNode' | 'checkSql' | 'completeSql' | 'columnLineage';
type Handlers = { [K in Names]: (input: MethodParsedInput<K>) => Promise<MethodOutput<K>> };

/**
 * The SQL pane's methods (completion, as-you-type checks, output columns) and
 * column lineage. Each is tracked by request id, so the renderer cancels a
 * check that a newer keystroke has superseded.
 */
export function createSqlAssistHandlers(context: SqlAssistHandlerContext): Handlers {
  const { engine, requireProject, pipelineBaseDir, track } = context;
  const base = (pipelinePath: string | null | undefined, params: Record<string, string | number | boolean> | undefined) => {
    const current = requireProject();
    return { projectDir: pipelineBaseDir(current.path, pipelinePath), cacheDir: projectCacheDir(current.path), ...(params ? { params } : {}) };
  };
  return {
    describeNode: async ({ requestId, path, pipeline, node, params }) => {
      const request = { ...base(path, params), pipeline, node };
      return track(requestId, (signal) => engine.describeNode(request, { signal }));
    },
    checkSql: async ({ requestId, path, pipeline, node, sql, params }) => {
      const request = { ...base(path, params), pipeline, node, sql };
      return track(requestId, (signal) => engine.checkSql(request, { signal }));
    },
    completeSql: async ({ requestId, path, pipeline, node, sql, offset, params }) => {
      const request = { ...base(path, params), pipeline, node, sql, offset };
      return track(requestId, (signal) => engine.completeSql(request, { signal }));
    },
    columnLineage: async ({ requestId, path, pipeline, params }) => {
      const request = { ...base(path, params), pipeline };
      return track(requestId, (signal) => engine.columnLineage(request, { signal }));
    },
  };
}
