import { z } from 'zod';
import { NodeNameSchema, PipelineSchema } from '../pipeline/model';
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
});
export type Preview = z.infer<typeof PreviewSchema>;

export const NodeRunStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'skipped']);
export type NodeRunStatus = z.infer<typeof NodeRunStatusSchema>;
export const RunStatusSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const NodeErrorSchema = z.object({
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});

export const NodeRunSchema = z.object({
  name: z.string(),
  status: NodeRunStatusSchema,
  rows: z.number().int().nonnegative().nullable(),
  durationMs: z.number().nonnegative().nullable(),
  cached: z.boolean(),
  error: NodeErrorSchema.nullable(),
});
export type NodeRun = z.infer<typeof NodeRunSchema>;

export const RunReportSchema = z.object({
  runId: z.string(),
  pipelinePath: z.string().nullable(),
  status: RunStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nonnegative().nullable(),
  nodes: z.array(NodeRunSchema),
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

export const DraftSchema = z.object({
  /** The pipeline file, relative to the project folder. */
  path: z.string(),
  pipeline: PipelineSchema,
  savedAt: z.string(),
  /** False when the file does not exist (yet) on disk. */
  fileExists: z.boolean(),
});
export type Draft = z.infer<typeof DraftSchema>;

export const RecentProjectSchema = z.object({ path: z.string(), name: z.string(), openedAt: z.string() });
export const SettingsSchema = z.record(z.string(), JsonValueSchema);

const Empty = z.object({}).strict();

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
    z.object({ path: RelativePipelinePathSchema, pipeline: PipelineSchema }).strict(),
    z.object({ path: z.string(), savedAt: z.string() }),
  ),
  /** The current project's drafts that differ from their files on disk: what to offer back after a restart. */
  listDrafts: method('pipeline:list-drafts', Empty, z.array(DraftSchema)),
  discardDraft: method('pipeline:discard-draft', z.object({ path: RelativePipelinePathSchema }).strict(), z.object({ discarded: z.boolean() })),
  runPipeline: method(
    'pipeline:run',
    z.object({ requestId: RequestIdSchema, path: RelativePipelinePathSchema.nullable(), pipeline: PipelineSchema }).strict(),
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
      })
      .strict(),
    PreviewSchema,
  ),
  cancelRequest: method('engine:cancel-request', z.object({ requestId: RequestIdSchema }).strict(), z.object({ cancelled: z.boolean() })),
  getEngineStatus: method('engine:get-status', Empty, EngineStatusSchema),
  listRuns: method(
    'history:list-runs',
    z.object({ pipelinePath: z.string().max(4096).optional(), limit: z.number().int().min(1).max(1000).default(50) }).strict(),
    z.array(RunSummarySchema),
  ),
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
