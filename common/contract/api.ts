import { z } from 'zod';
import { FileFormatSchema, NodeNameSchema, ParamNameSchema, PipelineSchema } from '../pipeline/model';
import { ProfileSchema, ProfileStageSchema } from '../profile/profile-schema';
import type { Envelope } from './envelope';

/**
 * The one contract between the renderer and a host (Electron main or serve mode).
 * Every call and every event is declared here once; the preload, the IPC handlers,
 * the HTTP/WebSocket handlers and the renderer's clients are all looped from it.
 */

const RelativePipelinePathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.includes('\u0000'), 'path cannot contain NUL bytes');

const RequestIdSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'request ids are letters, digits, _ and -');

export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
);
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const ProjectInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  /** Pipeline files, relative to the project folder, sorted. */
  pipelines: z.array(z.string()),
});
export type ProjectInfo = z.infer<typeof ProjectInfoSchema>;

export const ColumnSchema = z.object({ name: z.string(), type: z.string() });
export type Column = z.infer<typeof ColumnSchema>;

/** Rows travel column by column: one array per column, never one object per row. */
export const PreviewSchema = z.object({
  node: z.string(),
  columns: z.array(ColumnSchema),
  columnData: z.array(z.array(JsonValueSchema)),
  rowCount: z.number().int().nonnegative(),
  totalRows: z.number().int().nonnegative().nullable(),
  durationMs: z.number().nonnegative(),
  /** True when the rows came from the node's cached result rather than being computed. */
  cached: z.boolean().optional(),
});
export type Preview = z.infer<typeof PreviewSchema>;

/** Values for pipeline parameters (`--param k=v`, the run dialog); the pipeline's defaults fill the rest. */
export const ParamValuesSchema = z.record(ParamNameSchema, z.union([z.string().max(10_000), z.number(), z.boolean()]));
export type ParamValues = z.infer<typeof ParamValuesSchema>;

/** A filter on one column of a result, applied in SQL with the value as a literal (never raw text). */
export const RowFilterSchema = z
  .object({
    column: z.string().min(1).max(1000),
    op: z.enum(['=', '!=', '<', '<=', '>', '>=', 'contains', 'starts_with', 'is_null', 'is_not_null', 'in']),
    value: z.union([z.string().max(10_000), z.number(), z.boolean(), z.null(), z.array(z.union([z.string().max(10_000), z.number(), z.boolean()])).max(1000)]).optional(),
  })
  .strict();
export type RowFilter = z.infer<typeof RowFilterSchema>;
export const RowSortSchema = z.object({ column: z.string().min(1).max(1000), descending: z.boolean().optional() }).strict();
export type RowSort = z.infer<typeof RowSortSchema>;

/** One window of a node's full result, columnar like a preview. */
export const RowsPageSchema = z.object({
  node: z.string(),
  columns: z.array(ColumnSchema),
  columnData: z.array(z.array(JsonValueSchema)),
  offset: z.number().int().nonnegative(),
  rowCount: z.number().int().nonnegative(),
  /** Rows after the filters: the length of what is being paged through. */
  totalRows: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type RowsPage = z.infer<typeof RowsPageSchema>;

/** `cached`: served from the result cache; `check-failed`: a check ran and found failing rows. */
export const NodeRunStatusSchema = z.enum(['queued', 'running', 'succeeded', 'cached', 'failed', 'cancelled', 'skipped', 'check-failed']);
export type NodeRunStatus = z.infer<typeof NodeRunStatusSchema>;
export const RunStatusSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const NodeErrorSchema = z.object({
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});

/** What a check node found: its failing rows (counted, and a sample of them). */
export const CheckResultSchema = z.object({
  passed: z.boolean(),
  severity: z.enum(['error', 'warn']),
  failingRows: z.number().int().nonnegative(),
  sample: z.object({ columns: z.array(ColumnSchema), columnData: z.array(z.array(JsonValueSchema)) }),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const NodeRunSchema = z.object({
  name: z.string(),
  status: NodeRunStatusSchema,
  rows: z.number().int().nonnegative().nullable(),
  durationMs: z.number().nonnegative().nullable(),
  cached: z.boolean(),
  error: NodeErrorSchema.nullable(),
  /** Rows the node read from its inputs. */
  rowsIn: z.number().int().nonnegative().nullable().optional(),
  /** 0..1 while running, as DuckDB reports it. */
  progress: z.number().min(0).max(1).nullable().optional(),
  check: CheckResultSchema.nullable().optional(),
  /** The key of the node's result in the cache. */
  fingerprint: z.string().nullable().optional(),
});
export type NodeRun = z.infer<typeof NodeRunSchema>;

/** Which nodes a run covers: all, one node with its upstream, or a node and its downstream; or only what the checks need. */
export const RunScopeSchema = z
  .object({ node: NodeNameSchema.optional(), from: NodeNameSchema.optional(), checksOnly: z.boolean().optional(), force: z.boolean().optional() })
  .strict();
export type RunScope = z.infer<typeof RunScopeSchema>;

export const RunReportSchema = z.object({
  runId: z.string(),
  pipelinePath: z.string().nullable(),
  status: RunStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nonnegative().nullable(),
  nodes: z.array(NodeRunSchema),
  /** Parameter values the run used. */
  params: z.record(z.string(), z.string()).optional(),
  scope: RunScopeSchema.optional(),
  /** Who started it and from where, e.g. `alice (cli)`. */
  requestedBy: z.string().optional(),
});
export type RunReport = z.infer<typeof RunReportSchema>;

export const RunSummarySchema = RunReportSchema.extend({ projectPath: z.string().nullable() });
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const EngineStatusSchema = z.object({
  state: z.enum(['starting', 'ready', 'restarting', 'stopped']),
  restarts: z.number().int().nonnegative(),
  lastCrash: z.string().nullable(),
});
export type EngineStatus = z.infer<typeof EngineStatusSchema>;

/**
 * A pipeline as it is being edited, which may not be valid yet (a node just
 * dropped on the canvas has no inputs). Drafts keep it as it is, so a crash
 * loses no edit; it is checked when it is saved or run, not when it is kept.
 */
export const DraftPipelineSchema = z.looseObject({
  version: z.literal(1),
  name: z.string().max(1024),
  nodes: z.array(z.looseObject({ name: z.string().max(1024), type: z.string().max(128) })).max(20_000),
});
export type DraftPipeline = z.infer<typeof DraftPipelineSchema>;

export const DraftSchema = z.object({
  /** The pipeline file, relative to the project folder. */
  path: z.string(),
  pipeline: DraftPipelineSchema,
  savedAt: z.string(),
  /** False when the file does not exist (yet) on disk. */
  fileExists: z.boolean(),
});
export type Draft = z.infer<typeof DraftSchema>;

export const RecentProjectSchema = z.object({ path: z.string(), name: z.string(), openedAt: z.string() });
/** Known settings are typed (a wrong value is refused at the boundary); other keys hold any JSON. */
export const SettingsSchema = z.object({ theme: z.enum(['system', 'light', 'dark']).optional() }).catchall(JsonValueSchema);
export type Settings = z.infer<typeof SettingsSchema>;

/** One entry of the project's file tree; `data` files can be read by a source node. */
export const ProjectFileEntrySchema = z.object({
  /** Relative to the project folder, `/`-separated. */
  path: z.string(),
  name: z.string(),
  kind: z.enum(['folder', 'pipeline', 'data', 'file']),
  /** Bytes, for files. */
  size: z.number().int().nonnegative().optional(),
});
export type ProjectFileEntry = z.infer<typeof ProjectFileEntrySchema>;

/** The largest file a drop onto the canvas copies into the project (it travels as base64 in one request). */
export const MAX_DATA_IMPORT_BYTES = 32 * 1024 * 1024;

/** The orchestrators a pipeline exports to (main/export/targets.ts lists the same, checked by a test). */
export const ExportTargetSchema = z.enum(['airflow', 'dagster', 'prefect', 'dbt', 'python']);
export type ExportTarget = z.infer<typeof ExportTargetSchema>;

const ExportRootSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\u0000'), 'a root cannot contain NUL bytes');
/** The options of `sluice export` (docs/export.md): defaults baked into the generated code. */
export const ExportOptionsSchema = z
  .object({
    granularity: z.enum(['node', 'pipeline']).default('node'),
    dataRoot: ExportRootSchema.optional(),
    outputRoot: ExportRootSchema.optional(),
    workRoot: ExportRootSchema.optional(),
    retries: z.number().int().min(0).max(100).optional(),
  })
  .strict();
export type ExportOptionsInput = z.input<typeof ExportOptionsSchema>;

export const ExportFileSchema = z.object({ path: z.string(), contents: z.string() });
export type ExportFile = z.infer<typeof ExportFileSchema>;

const ExportRequestShape = {
  pipeline: PipelineSchema,
  /** The pipeline's file, for messages; null for an unsaved pipeline. */
  path: RelativePipelinePathSchema.nullable().optional(),
  target: ExportTargetSchema,
  options: ExportOptionsSchema.default({ granularity: 'node' }),
};

/** A problem in SQL being typed, at its line and column (1-based), with DuckDB's suggested names. */
export const SqlDiagnosticSchema = z.object({
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
  candidates: z.array(z.string()),
});
export type SqlDiagnostic = z.infer<typeof SqlDiagnosticSchema>;

/** An input of the node being edited: its columns, or why it has none. */
export const UpstreamRelationSchema = z.object({ node: z.string(), columns: z.array(ColumnSchema).nullable(), error: z.string().nullable() });
export type UpstreamRelation = z.infer<typeof UpstreamRelationSchema>;

export const ColumnSourceSchema = z.object({ node: z.string(), column: z.string() });
export type ColumnSource = z.infer<typeof ColumnSourceSchema>;
/** Where each column of each node comes from (docs/sql-editor.md#lineage). */
export const NodeLineageSchema = z.object({
  node: z.string(),
  columns: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      sources: z.array(ColumnSourceSchema),
      transform: z.enum(['copy', 'rename', 'expression', 'origin', 'unknown']),
    }),
  ),
  error: z.string().nullable(),
});
export type NodeLineage = z.infer<typeof NodeLineageSchema>;

/** The SQL being typed for a node: it may be newer than the node's SQL in `pipeline`. */
const SqlTextShape = {
  requestId: RequestIdSchema,
  path: RelativePipelinePathSchema.nullable().optional(),
  pipeline: PipelineSchema,
  node: NodeNameSchema,
  sql: z.string().max(1_000_000),
  params: ParamValuesSchema.optional(),
};

const Empty = z.object({}).strict();

/** Options shared by profileNode and profileFile. */
const ProfileOptionsShape = {
  /** The last stage to compute. */
  stage: ProfileStageSchema.default('full'),
  /** count(DISTINCT) for every column instead of HyperLogLog estimates (slower). */
  exactDistinct: z.boolean().default(false),
  /** Only these columns, in this order (wide tables: the visible ones first). */
  columns: z.array(z.string().min(1).max(1024)).min(1).max(10_000).optional(),
  /** Recompute even when the profile cache has this fingerprint. */
  refresh: z.boolean().default(false),
};

function method<I extends z.ZodType, O extends z.ZodType>(channel: string, input: I, output: O) {
  return { channel, input, output } as const;
}
function event<P extends z.ZodType>(channel: string, payload: P) {
  return { channel, payload } as const;
}

export const apiMethods = {
  getAppInfo: method(
    'app:get-info',
    Empty,
    z.object({ name: z.string(), version: z.string(), host: z.enum(['electron', 'serve']), platform: z.string() }),
  ),
  getCurrentProject: method('project:get-current', Empty, ProjectInfoSchema.nullable()),
  openProject: method('project:open', z.object({ path: z.string().min(1).max(4096) }).strict(), ProjectInfoSchema),
  chooseProjectFolder: method('project:choose-folder', Empty, ProjectInfoSchema.nullable()),
  listRecentProjects: method('project:list-recent', Empty, z.array(RecentProjectSchema)),
  /** The project folder's files, depth first, folders before files; hidden folders and .sluice/ are left out. */
  listProjectFiles: method(
    'project:list-files',
    z.object({ depth: z.number().int().min(1).max(16).default(8), limit: z.number().int().min(1).max(50_000).default(5000) }).strict(),
    z.object({ entries: z.array(ProjectFileEntrySchema), truncated: z.boolean() }),
  ),
  /** Copies a file dropped onto the canvas (serve mode: the browser gives bytes, not a path) into `<project>/data/`; reuses a same-named file with the same bytes. */
  importDataFile: method(
    'project:import-data-file',
    z
      .object({
        name: z
          .string()
          .min(1)
          .max(255)
          .refine((name) => !/[\\/\u0000]/.test(name) && !name.startsWith('.'), 'a plain file name (no folders, not hidden)'),
        contentBase64: z
          .string()
          .max(Math.ceil(MAX_DATA_IMPORT_BYTES / 3) * 4 + 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'file content is base64'),
      })
      .strict(),
    z.object({ path: z.string(), bytes: z.number().int().nonnegative(), reused: z.boolean() }),
  ),
  loadPipeline: method(
    'pipeline:load',
    z.object({ path: RelativePipelinePathSchema }).strict(),
    z.object({ path: z.string(), pipeline: PipelineSchema }),
  ),
  savePipeline: method(
    'pipeline:save',
    z.object({ path: RelativePipelinePathSchema, pipeline: PipelineSchema }).strict(),
    z.object({
      path: z.string(),
      savedAt: z.string(),
      bytes: z.number().int(),
      /** Where the replaced file was copied, relative to the project folder (null when nothing was replaced). */
      backup: z.string().nullable().optional(),
    }),
  ),
  /** Keeps the unsaved pipeline of a file in the app state, so a crash or kill loses no edit. */
  autosaveDraft: method(
    'pipeline:autosave-draft',
    z.object({ path: RelativePipelinePathSchema, pipeline: DraftPipelineSchema }).strict(),
    z.object({ path: z.string(), savedAt: z.string() }),
  ),
  /** The current project's drafts that differ from their files on disk: what to offer back after a restart. */
  listDrafts: method('pipeline:list-drafts', Empty, z.array(DraftSchema)),
  discardDraft: method('pipeline:discard-draft', z.object({ path: RelativePipelinePathSchema }).strict(), z.object({ discarded: z.boolean() })),
  runPipeline: method(
    'pipeline:run',
    z
      .object({
        requestId: RequestIdSchema,
        path: RelativePipelinePathSchema.nullable(),
        pipeline: PipelineSchema,
        params: ParamValuesSchema.optional(),
        /** Run this node and its upstream only. */
        node: NodeNameSchema.optional(),
        /** Re-run this node and everything downstream of it (upstream from the cache). */
        from: NodeNameSchema.optional(),
        /** Run only the checks and what they read. */
        checksOnly: z.boolean().optional(),
        /** Ignore the cache: recompute every node. */
        force: z.boolean().optional(),
      })
      .strict(),
    RunReportSchema,
  ),
  previewNode: method(
    'pipeline:preview-node',
    z
      .object({
        requestId: RequestIdSchema,
        /** The pipeline's file, when saved: relative paths in it resolve against its folder. */
        path: RelativePipelinePathSchema.nullable().optional(),
        pipeline: PipelineSchema,
        node: NodeNameSchema,
        limit: z.number().int().min(1).max(100_000).default(100),
        params: ParamValuesSchema.optional(),
      })
      .strict(),
    PreviewSchema,
  ),
  /** Any window of a node's full result, sorted and filtered in DuckDB; the node is computed (or taken from the cache) first. */
  readRows: method(
    'pipeline:read-rows',
    z
      .object({
        requestId: RequestIdSchema,
        path: RelativePipelinePathSchema.nullable().optional(),
        pipeline: PipelineSchema,
        node: NodeNameSchema,
        params: ParamValuesSchema.optional(),
        offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
        limit: z.number().int().min(1).max(100_000).default(200),
        sort: z.array(RowSortSchema).max(16).optional(),
        filters: z.array(RowFilterSchema).max(64).optional(),
      })
      .strict(),
    RowsPageSchema,
  ),
  /** The exact row count of a node's result (optionally filtered): asked separately, as it may scan everything. */
  countRows: method(
    'pipeline:count-rows',
    z
      .object({
        requestId: RequestIdSchema,
        path: RelativePipelinePathSchema.nullable().optional(),
        pipeline: PipelineSchema,
        node: NodeNameSchema,
        params: ParamValuesSchema.optional(),
        filters: z.array(RowFilterSchema).max(64).optional(),
      })
      .strict(),
    z.object({ node: z.string(), totalRows: z.number().int().nonnegative(), cached: z.boolean(), durationMs: z.number().nonnegative() }),
  ),
  /**
   * A node's column profile (docs/profiling.md). Each stage (metadata, sample,
   * full) is also sent as onDidProfileStage as soon as it is done; the reply is
   * the last one. Served from the profile cache while the node's fingerprint is unchanged.
   */
  profileNode: method(
    'pipeline:profile-node',
    z
      .object({
        requestId: RequestIdSchema,
        path: RelativePipelinePathSchema.nullable().optional(),
        pipeline: PipelineSchema,
        node: NodeNameSchema,
        params: ParamValuesSchema.optional(),
        ...ProfileOptionsShape,
      })
      .strict(),
    ProfileSchema,
  ),
  /** A data file's column profile; `path` is relative to the project folder. Cached by the file's path, size and mtime. */
  profileFile: method(
    'file:profile',
    z
      .object({ requestId: RequestIdSchema, path: RelativePipelinePathSchema, format: FileFormatSchema.optional(), ...ProfileOptionsShape })
      .strict(),
    ProfileSchema,
  ),
  /** Earlier profiles of a node or file, newest first, one per fingerprint: "before" for a comparison (common/profile/compare). */
  listProfiles: method(
    'profile:list-history',
    z
      .object({
        target: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('node'), path: RelativePipelinePathSchema.nullable(), node: NodeNameSchema }).strict(),
          z.object({ kind: z.literal('file'), path: RelativePipelinePathSchema }).strict(),
        ]),
        limit: z.number().int().min(1).max(10).default(10),
      })
      .strict(),
    z.array(ProfileSchema),
  ),
  /** Empties the current project's result cache (`<project>/.sluice/cache`). */
  /** A node's output columns and types, bound but not run (cached by the node's fingerprint). */
  describeNode: method(
    'pipeline:describe-node',
    z.object({ requestId: RequestIdSchema, path: RelativePipelinePathSchema.nullable().optional(), pipeline: PipelineSchema, node: NodeNameSchema, params: ParamValuesSchema.optional() }).strict(),
    z.object({ node: z.string(), columns: z.array(ColumnSchema), fingerprint: z.string().nullable() }),
  ),
  /** As-you-type check of a node's SQL: parsed, then bound against its inputs' columns; nothing is run. */
  checkSql: method(
    'sql:check',
    z.object(SqlTextShape).strict(),
    z.object({ diagnostics: z.array(SqlDiagnosticSchema), columns: z.array(ColumnSchema).nullable(), inputs: z.array(UpstreamRelationSchema) }),
  ),
  /** Completions at `offset` (characters into `sql`) from DuckDB's sql_auto_complete, and the inputs' columns. */
  completeSql: method(
    'sql:complete',
    z.object({ ...SqlTextShape, offset: z.number().int().min(0).max(1_000_000) }).strict(),
    z.object({
      suggestions: z.array(z.object({ text: z.string(), kind: z.string(), start: z.number().int().nonnegative() })),
      inputs: z.array(UpstreamRelationSchema),
      /** 'string' when the cursor is inside a string literal: the suggestions are the project's files and folders. */
      context: z.enum(['sql', 'string']),
    }),
  ),
  /** Column-level lineage of every node of the pipeline, from DuckDB's parse tree of each node's SQL. */
  columnLineage: method(
    'pipeline:column-lineage',
    z.object({ requestId: RequestIdSchema, path: RelativePipelinePathSchema.nullable().optional(), pipeline: PipelineSchema, params: ParamValuesSchema.optional() }).strict(),
    z.object({ nodes: z.array(NodeLineageSchema) }),
  ),
  clearCache: method('cache:clear', Empty, z.object({ removedBytes: z.number().int().nonnegative() })),
  cancelRequest: method('engine:cancel-request', z.object({ requestId: RequestIdSchema }).strict(), z.object({ cancelled: z.boolean() })),
  getEngineStatus: method('engine:get-status', Empty, EngineStatusSchema),
  listRuns: method(
    'history:list-runs',
    z.object({ pipelinePath: z.string().max(4096).optional(), limit: z.number().int().min(1).max(1000).default(50) }).strict(),
    z.array(RunSummarySchema),
  ),
  /** The files an export would write (docs/export.md), generated by the engine process, plus notes such as DuckDB-only SQL for dbt. */
  generateExport: method(
    'export:generate',
    z.object(ExportRequestShape).strict(),
    z.object({ target: ExportTargetSchema, files: z.array(ExportFileSchema), warnings: z.array(z.string()) }),
  ),
  /**
   * Writes an export into `folder` (absolute, or relative to the project folder). A folder
   * that exists and is not empty is left alone unless `overwrite` is set: the reply then says
   * so (`folder-not-empty`), so the UI can ask. Nothing is written outside the folder.
   */
  writeExport: method(
    'export:write',
    z.object({ ...ExportRequestShape, folder: z.string().min(1).max(4096).refine((p) => !p.includes('\u0000'), 'a folder cannot contain NUL bytes'), overwrite: z.boolean().default(false) }).strict(),
    z.discriminatedUnion('status', [
      z.object({ status: z.literal('written'), folder: z.string(), target: ExportTargetSchema, files: z.array(z.string()) }),
      z.object({ status: z.literal('folder-not-empty'), folder: z.string(), entries: z.array(z.string()), entryCount: z.number().int().nonnegative() }),
    ]),
  ),
  /** The native folder picker for an export (Electron only; serve mode answers `unsupported`). Null when cancelled. */
  chooseExportFolder: method('export:choose-folder', Empty, z.object({ folder: z.string() }).nullable()),
  getSettings: method('settings:get', Empty, SettingsSchema),
  updateSettings: method('settings:update', z.object({ values: SettingsSchema }).strict(), SettingsSchema),
} as const;

export const apiEvents = {
  onDidChangeRunStatus: event(
    'run:did-change-status',
    z.object({ runId: z.string(), status: RunStatusSchema, nodes: z.array(NodeRunSchema) }),
  ),
  onDidChangeEngineStatus: event('engine:did-change-status', EngineStatusSchema),
  onDidAppendLog: event(
    'log:did-append',
    z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string(), time: z.string() }),
  ),
  onDidOpenProject: event('project:did-open', ProjectInfoSchema),
  onDidRequestSave: event('menu:did-request-save', z.object({})),
  /** One stage of a profileNode/profileFile request; `cached` when it came from the profile cache. */
  onDidProfileStage: event('profile:did-finish-stage', z.object({ requestId: z.string(), profile: ProfileSchema, cached: z.boolean() })),
} as const;

export type ApiMethods = typeof apiMethods;
export type ApiMethodName = keyof ApiMethods;
export type ApiEvents = typeof apiEvents;
export type ApiEventName = keyof ApiEvents;

export type MethodInput<K extends ApiMethodName> = z.input<ApiMethods[K]['input']>;
export type MethodParsedInput<K extends ApiMethodName> = z.output<ApiMethods[K]['input']>;
export type MethodOutput<K extends ApiMethodName> = z.output<ApiMethods[K]['output']>;
export type EventPayload<E extends ApiEventName> = z.output<ApiEvents[E]['payload']>;

export type Disposer = () => void;

/** What the preload (and the serve-mode client) exposes: envelopes, so errors keep their codes across contextBridge. */
export type SluiceBridge = {
  [K in ApiMethodName]: (input: MethodInput<K>) => Promise<Envelope<MethodOutput<K>>>;
} & {
  [E in ApiEventName]: (listener: (payload: EventPayload<E>) => void) => Disposer;
};

/** What renderer code uses: plain values, errors thrown as ApiError. */
export type SluiceApi = {
  [K in ApiMethodName]: (input: MethodInput<K>) => Promise<MethodOutput<K>>;
} & {
  [E in ApiEventName]: (listener: (payload: EventPayload<E>) => void) => Disposer;
};

export const apiMethodNames = Object.keys(apiMethods) as ApiMethodName[];
export const apiEventNames = Object.keys(apiEvents) as ApiEventName[];

export function methodByChannel(channel: string): ApiMethodName | undefined {
  return apiMethodNames.find((name) => apiMethods[name].channel === channel);
}
