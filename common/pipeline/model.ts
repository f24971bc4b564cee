import { z } from 'zod';
import { NodeNameSchema, PipelineNodeSchema } from './node-schemas';

export * from './node-schemas';

/** Current version of the pipeline file format (docs/pipeline-format.md). */
export const PIPELINE_FORMAT_VERSION = 1;

export const ParamNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a parameter name is letters, digits and _ (not starting with a digit)')
  .max(64);

export const ParamTypeSchema = z.enum(['string', 'integer', 'number', 'boolean', 'date', 'timestamp']);
export type ParamType = z.infer<typeof ParamTypeSchema>;

/**
 * A pipeline parameter: SQL reads it as `getvariable('name')`, so the SQL stays
 * plain DuckDB. The type is inferred from the default when absent.
 */
export const ParamSchema = z
  .object({ type: ParamTypeSchema.optional(), default: z.union([z.string(), z.number(), z.boolean()]), description: z.string().optional() })
  .strict();
export type Param = z.infer<typeof ParamSchema>;

export const NodePositionSchema = z.object({ x: z.number(), y: z.number() }).strict();

/** A group on the canvas: a frame around nodes, or one card standing for them when collapsed. */
export const NodeGroupSchema = z
  .object({ nodes: z.array(NodeNameSchema).min(1, 'a group holds at least one node'), collapsed: z.boolean().optional() })
  .strict();
export type NodeGroup = z.infer<typeof NodeGroupSchema>;

export const PipelineSchema = z
  .object({
    version: z.literal(PIPELINE_FORMAT_VERSION),
    name: z.string().min(1),
    description: z.string().optional(),
    params: z
      .record(z.string(), ParamSchema)
      .superRefine((params, ctx) => {
        // Checked here rather than as the record's key schema, whose error would only say "Invalid key".
        for (const name of Object.keys(params)) {
          const result = ParamNameSchema.safeParse(name);
          if (!result.success) ctx.addIssue({ code: 'custom', path: [name], message: `parameter "${name}": ${result.error.issues[0]!.message}` });
        }
      })
      .optional(),
    nodes: z.array(PipelineNodeSchema),
    /** Canvas groups by name: which nodes a frame holds and whether it is collapsed to one card. Never affects results. */
    groups: z.record(z.string().min(1).max(128), NodeGroupSchema).optional(),
    /** Canvas positions by node name; kept apart from the logic above. */
    layout: z.record(z.string(), NodePositionSchema).optional(),
  })
  .strict();

export type PipelineNode = z.infer<typeof PipelineNodeSchema>;
export type NodeType = PipelineNode['type'];
export type NodeOfType<T extends NodeType> = Extract<PipelineNode, { type: T }>;
export type FileSourceNode = NodeOfType<'source.file'>;
export type SqlTransformNode = NodeOfType<'transform.sql'>;
export type FileSinkNode = NodeOfType<'sink.file'>;
export type CheckNode = Extract<PipelineNode, { type: `check.${string}` }>;
export type SinkNode = Extract<PipelineNode, { type: `sink.${string}` }>;
export type SourceNode = Extract<PipelineNode, { type: `source.${string}` }>;
export type Pipeline = z.infer<typeof PipelineSchema>;
export type NodePosition = z.infer<typeof NodePositionSchema>;

export type NodeCategory = 'source' | 'transform' | 'check' | 'sink';

export function nodeCategory(type: NodeType): NodeCategory {
  return type.slice(0, type.indexOf('.')) as NodeCategory;
}

export function isCheckNode(node: PipelineNode): node is CheckNode {
  return nodeCategory(node.type) === 'check';
}

export function isSinkNode(node: PipelineNode): node is SinkNode {
  return nodeCategory(node.type) === 'sink';
}

export function nodeInputs(node: PipelineNode): readonly string[] {
  return 'inputs' in node ? node.inputs : [];
}

/** What each node type is called in the UI and the docs (docs/nodes.md). */
export const NODE_TYPE_LABELS: Record<NodeType, string> = {
  'source.file': 'File source',
  'source.duckdb': 'DuckDB source',
  'source.sql': 'SQL source',
  'transform.sql': 'SQL',
  'transform.filter': 'Filter',
  'transform.select': 'Select',
  'transform.derive': 'Derive',
  'transform.join': 'Join',
  'transform.aggregate': 'Aggregate',
  'transform.union': 'Union',
  'transform.sort': 'Sort',
  'transform.limit': 'Limit',
  'transform.sample': 'Sample',
  'transform.deduplicate': 'Deduplicate',
  'transform.pivot': 'Pivot',
  'transform.unpivot': 'Unpivot',
  'transform.window': 'Window',
  'check.not_null': 'Not null check',
  'check.unique': 'Unique check',
  'check.accepted_values': 'Accepted values check',
  'check.row_count': 'Row count check',
  'check.freshness': 'Freshness check',
  'check.schema': 'Schema check',
  'check.sql': 'SQL check',
  'sink.file': 'File sink',
  'sink.duckdb': 'DuckDB sink',
};

/** One line that says what a node does, for canvas cards and logs. */
export function nodeSummary(node: PipelineNode): string {
  switch (node.type) {
    case 'source.file':
    case 'sink.file':
      return node.format ? `${node.path} (${node.format})` : node.path;
    case 'source.duckdb':
      return node.table ? `${node.path} → ${node.table}` : `${node.path} (query)`;
    case 'sink.duckdb':
      return `${node.path} → ${node.table}`;
    case 'transform.filter':
      return `where ${node.where}`;
    case 'transform.join':
      return `${node.how ?? 'inner'} join ${node.inputs.join(' ⋈ ')}`;
    default:
      return 'inputs' in node ? `reads ${node.inputs.join(', ')}` : NODE_TYPE_LABELS[node.type];
  }
}
