import { z } from 'zod';

/** Current version of the pipeline file format (docs/pipeline-format.md). */
export const PIPELINE_FORMAT_VERSION = 1;

// Node names are quoted everywhere they reach SQL, so any printable text is allowed.
export const NodeNameSchema = z
  .string()
  .min(1, 'a node name cannot be empty')
  .max(128, 'a node name has at most 128 characters')
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'a node name cannot contain control characters')
  .refine((name) => name.trim() === name, 'a node name cannot start or end with spaces');

const RelativePathSchema = z
  .string()
  .min(1, 'a path cannot be empty')
  .refine((p) => !p.includes('\u0000'), 'a path cannot contain NUL bytes');

export const FileFormatSchema = z.enum(['csv', 'parquet', 'json']);
export type FileFormat = z.infer<typeof FileFormatSchema>;

export const FileSourceNodeSchema = z
  .object({
    name: NodeNameSchema,
    type: z.literal('source.file'),
    description: z.string().optional(),
    /** Path relative to the project folder (or absolute). */
    path: RelativePathSchema,
    /** Inferred from the file extension when absent. */
    format: FileFormatSchema.optional(),
  })
  .strict();

export const SqlTransformNodeSchema = z
  .object({
    name: NodeNameSchema,
    type: z.literal('transform.sql'),
    description: z.string().optional(),
    /** Upstream nodes this SQL reads, by name. */
    inputs: z.array(NodeNameSchema).min(1, 'a SQL node reads at least one input'),
    sql: z.string().min(1, 'SQL cannot be empty'),
  })
  .strict();

export const SinkFormatSchema = z.enum(['parquet', 'csv']);

export const FileSinkNodeSchema = z
  .object({
    name: NodeNameSchema,
    type: z.literal('sink.file'),
    description: z.string().optional(),
    inputs: z.array(NodeNameSchema).length(1, 'a file sink reads exactly one input'),
    path: RelativePathSchema,
    format: SinkFormatSchema.optional(),
  })
  .strict();

export const PipelineNodeSchema = z.discriminatedUnion('type', [
  FileSourceNodeSchema,
  SqlTransformNodeSchema,
  FileSinkNodeSchema,
]);

export const NodePositionSchema = z.object({ x: z.number(), y: z.number() }).strict();

export const PipelineSchema = z
  .object({
    version: z.literal(PIPELINE_FORMAT_VERSION),
    name: z.string().min(1),
    description: z.string().optional(),
    nodes: z.array(PipelineNodeSchema),
    /** Canvas positions by node name; kept apart from the logic above. */
    layout: z.record(z.string(), NodePositionSchema).optional(),
  })
  .strict();

export type PipelineNode = z.infer<typeof PipelineNodeSchema>;
export type FileSourceNode = z.infer<typeof FileSourceNodeSchema>;
export type SqlTransformNode = z.infer<typeof SqlTransformNodeSchema>;
export type FileSinkNode = z.infer<typeof FileSinkNodeSchema>;
export type NodeType = PipelineNode['type'];
export type Pipeline = z.infer<typeof PipelineSchema>;
export type NodePosition = z.infer<typeof NodePositionSchema>;

export function nodeInputs(node: PipelineNode): readonly string[] {
  return node.type === 'source.file' ? [] : node.inputs;
}

export function inferFileFormat(path: string): FileFormat | undefined {
  const lower = path.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (lower.endsWith('.parquet')) return 'parquet';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.json') || lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'json';
  return undefined;
}
