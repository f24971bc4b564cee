import { z } from 'zod';

/**
 * The node catalog: one strict zod schema per node type. Loading a pipeline
 * file, the API boundary and the engine all validate with these, so a bad
 * field is reported on the node (and line) that has it. Optional fields have
 * no zod defaults on purpose: a default would be written back into files on
 * save and break byte-identical round trips; the engine applies them instead.
 */

// Node names are quoted everywhere they reach SQL, so any printable text is allowed.
export const NodeNameSchema = z
  .string()
  .min(1, 'a node name cannot be empty')
  .max(128, 'a node name has at most 128 characters')
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'a node name cannot contain control characters')
  .refine((name) => name.trim() === name, 'a node name cannot start or end with spaces');

export const RelativePathSchema = z
  .string()
  .min(1, 'a path cannot be empty')
  .refine((p) => !p.includes('\u0000'), 'a path cannot contain NUL bytes');

/** A column of an input; quoted when it reaches SQL, so any text without NUL works. */
export const ColumnNameSchema = z
  .string()
  .min(1, 'a column name cannot be empty')
  .refine((name) => !name.includes('\u0000'), 'a column name cannot contain NUL bytes');

/** A SQL expression over the input's columns, e.g. `delay > 15` or `price * qty`. */
export const ExpressionSchema = z.string().min(1, 'an expression cannot be empty').refine((e) => e.trim().length > 0, 'an expression cannot be blank');

/**
 * A DuckDB type name (`INTEGER`, `DECIMAL(10,2)`, `TIMESTAMP WITH TIME ZONE`,
 * `VARCHAR[]`). Type names reach SQL unquoted, so only this shape is accepted.
 */
export const TypeNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*( [A-Za-z][A-Za-z0-9_]*)*(\(\d+(, ?\d+)?\))?(\[\d*\])*$/, 'not a DuckDB type name (e.g. INTEGER, DECIMAL(10,2), VARCHAR[])');

export const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);

export const SortKeySchema = z.union([
  ColumnNameSchema,
  z.object({ column: ColumnNameSchema, descending: z.boolean().optional(), nulls: z.enum(['first', 'last']).optional() }).strict(),
]);
export type SortKey = z.infer<typeof SortKeySchema>;

const base = { name: NodeNameSchema, description: z.string().optional() };
const oneInput = (what: string) => z.array(NodeNameSchema).length(1, `${what} reads exactly one input`);
const columnList = (what: string) => z.array(ColumnNameSchema).min(1, `${what} needs at least one column`);

export const FileFormatSchema = z.enum(['csv', 'tsv', 'parquet', 'json', 'ndjson']);
export type FileFormat = z.infer<typeof FileFormatSchema>;

export function inferFileFormat(path: string): FileFormat | undefined {
  const lower = path.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (lower.endsWith('.parquet')) return 'parquet';
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return 'tsv';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

const CSV_ONLY_KEYS = ['delimiter', 'header', 'quote', 'escape', 'encoding', 'skip_rows', 'null_strings'] as const;

export const FileSourceNodeSchema = z
  .object({
    ...base,
    type: z.literal('source.file'),
    /** A file or a glob (`data/*.csv`, `logs/**\/*.parquet`), relative to the pipeline's folder. */
    path: RelativePathSchema,
    /** Inferred from the file extension when absent. */
    format: FileFormatSchema.optional(),
    delimiter: z.string().min(1).max(4).optional(),
    header: z.boolean().optional(),
    quote: z.string().max(1).optional(),
    escape: z.string().max(1).optional(),
    encoding: z.enum(['utf-8', 'utf-16', 'latin-1']).optional(),
    skip_rows: z.number().int().nonnegative().optional(),
    null_strings: z.array(z.string()).optional(),
    /** Column types that override detection (CSV/TSV and JSON). */
    types: z.record(ColumnNameSchema, TypeNameSchema).optional(),
    /** Adds the file each row came from as a column of this name. */
    filename_column: ColumnNameSchema.optional(),
    /** For globs: match columns across files by name rather than position. */
    union_by_name: z.boolean().optional(),
  })
  .strict()
  .superRefine((node, ctx) => {
    const format = node.format ?? inferFileFormat(node.path);
    if (format !== 'csv' && format !== 'tsv') {
      for (const key of CSV_ONLY_KEYS) {
        if (node[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${key} applies to csv and tsv files only` });
      }
    }
    if (format === 'parquet' && node.types) ctx.addIssue({ code: 'custom', path: ['types'], message: 'parquet files carry their own types' });
  });

export const DuckdbSourceNodeSchema = z
  .object({
    ...base,
    type: z.literal('source.duckdb'),
    /** A DuckDB database file, opened read-only. */
    path: RelativePathSchema,
    table: z.string().min(1).optional(),
    schema: z.string().min(1).optional(),
    /** A query run inside that database (its tables by their own names). */
    query: z.string().min(1).optional(),
  })
  .strict()
  .refine((node) => (node.table === undefined) !== (node.query === undefined), 'a DuckDB source has either table or query');

export const SqlSourceNodeSchema = z
  .object({ ...base, type: z.literal('source.sql'), sql: z.string().min(1, 'SQL cannot be empty') })
  .strict();

export const SqlTransformNodeSchema = z
  .object({
    ...base,
    type: z.literal('transform.sql'),
    /** Upstream nodes this SQL reads, by name. */
    inputs: z.array(NodeNameSchema).min(1, 'a SQL node reads at least one input'),
    sql: z.string().min(1, 'SQL cannot be empty'),
  })
  .strict();

export const FilterNodeSchema = z
  .object({ ...base, type: z.literal('transform.filter'), inputs: oneInput('a filter'), where: ExpressionSchema })
  .strict();

export const SelectColumnSchema = z.union([
  ColumnNameSchema,
  z.object({ column: ColumnNameSchema, as: ColumnNameSchema.optional(), cast: TypeNameSchema.optional() }).strict(),
]);
export type SelectColumn = z.infer<typeof SelectColumnSchema>;

export const SelectNodeSchema = z
  .object({ ...base, type: z.literal('transform.select'), inputs: oneInput('a select'), columns: z.array(SelectColumnSchema).min(1, 'a select keeps at least one column') })
  .strict();

export const DeriveNodeSchema = z
  .object({
    ...base,
    type: z.literal('transform.derive'),
    inputs: oneInput('a derive'),
    columns: z
      .array(z.object({ name: ColumnNameSchema, expression: ExpressionSchema, replace: z.boolean().optional() }).strict())
      .min(1, 'a derive adds at least one column'),
  })
  .strict();

export const JoinKindSchema = z.enum(['inner', 'left', 'right', 'full', 'semi', 'anti']);
export const JoinNodeSchema = z
  .object({
    ...base,
    type: z.literal('transform.join'),
    /** [left, right]. */
    inputs: z.array(NodeNameSchema).length(2, 'a join reads exactly two inputs: [left, right]'),
    how: JoinKindSchema.optional(),
    on: z
      .array(z.union([ColumnNameSchema, z.object({ left: ColumnNameSchema, right: ColumnNameSchema }).strict()]))
      .min(1, 'a join needs at least one key'),
  })
  .strict();

export const AggregateFunctionSchema = z.enum([
  'count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'median', 'stddev', 'variance',
  'any_value', 'first', 'last', 'string_agg', 'list', 'bool_and', 'bool_or', 'approx_count_distinct',
]);
export const AggregateSchema = z
  .object({ name: ColumnNameSchema, function: AggregateFunctionSchema.optional(), column: ColumnNameSchema.optional(), expression: ExpressionSchema.optional() })
  .strict()
  .superRefine((agg, ctx) => {
    if (agg.expression !== undefined) {
      if (agg.function !== undefined || agg.column !== undefined) ctx.addIssue({ code: 'custom', message: 'an aggregate has either expression, or function and column' });
    } else if (agg.function === undefined) ctx.addIssue({ code: 'custom', path: ['function'], message: 'an aggregate needs a function (or an expression)' });
    else if (agg.column === undefined && agg.function !== 'count') ctx.addIssue({ code: 'custom', path: ['column'], message: `${agg.function} needs a column` });
  });
export type Aggregate = z.infer<typeof AggregateSchema>;

export const AggregateNodeSchema = z
  .object({
    ...base,
    type: z.literal('transform.aggregate'),
    inputs: oneInput('an aggregate'),
    group_by: z.array(ColumnNameSchema).optional(),
    aggregates: z.array(AggregateSchema).min(1, 'an aggregate computes at least one value'),
  })
  .strict();

export const UnionNodeSchema = z
  .object({
    ...base,
    type: z.literal('transform.union'),
    inputs: z.array(NodeNameSchema).min(2, 'a union reads at least two inputs'),
    /** Match columns by name (default) or by position. */
    by_name: z.boolean().optional(),
    distinct: z.boolean().optional(),
  })
  .strict();

export const SortNodeSchema = z
  .object({ ...base, type: z.literal('transform.sort'), inputs: oneInput('a sort'), by: z.array(SortKeySchema).min(1, 'a sort needs at least one key') })
  .strict();

export const LimitNodeSchema = z
  .object({ ...base, type: z.literal('transform.limit'), inputs: oneInput('a limit'), rows: z.number().int().nonnegative(), offset: z.number().int().nonnegative().optional() })
  .strict();

export const SampleNodeSchema = z
  .object({
    ...base,
    type: z.literal('transform.sample'),
    inputs: oneInput('a sample'),
    rows: z.number().int().positive().optional(),
    percent: z.number().positive().max(100).optional(),
    /** Same seed, same rows. */
    seed: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((node) => (node.rows === undefined) !== (node.percent === undefined), 'a sample has either rows or percent');

export const DeduplicateNodeSchema = z
  .object({
    ...base,
    type: z.literal('transform.deduplicate'),
    inputs: oneInput('a deduplicate'),
    keys: columnList('a deduplicate'),
    order_by: z.array(SortKeySchema).optional(),
    keep: z.enum(['first', 'last']).optional(),
  })
  .strict()
  .refine((node) => node.keep !== 'last' || (node.order_by?.length ?? 0) > 0, { message: 'keep: last needs order_by', path: ['keep'] });

const PIVOT_VALUES_MESSAGE = 'list the values of "on" that become columns (a pivot cannot take them from the data)';

export const PivotNodeSchema = z
  .object({
    ...base,
    type: z.literal('transform.pivot'),
    inputs: oneInput('a pivot'),
    /** The column whose values become new columns. */
    on: ColumnNameSchema,
    /**
     * The values that become columns, in order. Required: DuckDB reads a pivot's
     * values from the data only as a separate statement, never inside the view a node is.
     */
    values: z
      .array(ScalarSchema, { error: (issue) => (issue.input === undefined ? PIVOT_VALUES_MESSAGE : undefined) })
      .min(1, PIVOT_VALUES_MESSAGE),
    using: z.array(AggregateSchema).min(1, 'a pivot computes at least one aggregate'),
    group_by: z.array(ColumnNameSchema).optional(),
  })
  .strict();

export const UnpivotNodeSchema = z
  .object({
    ...base,
    type: z.literal('transform.unpivot'),
    inputs: oneInput('an unpivot'),
    columns: columnList('an unpivot'),
    name_column: ColumnNameSchema.optional(),
    value_column: ColumnNameSchema.optional(),
  })
  .strict();

export const WindowFunctionSchema = z.enum([
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile',
  'lag', 'lead', 'first_value', 'last_value', 'sum', 'avg', 'min', 'max', 'count',
]);
const COLUMNLESS_WINDOW = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'count']);
export const WindowColumnSchema = z
  .object({
    name: ColumnNameSchema,
    function: WindowFunctionSchema,
    column: ColumnNameSchema.optional(),
    /** lag/lead distance (default 1) or ntile bucket count. */
    offset: z.number().int().positive().optional(),
    /** running: from the partition start to this row; all: the whole partition; or a sliding window of rows. */
    frame: z.union([z.enum(['running', 'all']), z.object({ preceding: z.number().int().nonnegative(), following: z.number().int().nonnegative() }).strict()]).optional(),
  })
  .strict()
  .refine((w) => w.column !== undefined || COLUMNLESS_WINDOW.has(w.function), { message: 'this window function needs a column', path: ['column'] });

export const WindowNodeSchema = z
  .object({
    ...base,
    type: z.literal('transform.window'),
    inputs: oneInput('a window'),
    partition_by: z.array(ColumnNameSchema).optional(),
    order_by: z.array(SortKeySchema).optional(),
    columns: z.array(WindowColumnSchema).min(1, 'a window computes at least one column'),
  })
  .strict();

const SeveritySchema = z.enum(['error', 'warn']);
const checkBase = { ...base, severity: SeveritySchema.optional(), sample_size: z.number().int().min(0).max(1000).optional() };
/** Interval text DuckDB understands, e.g. `36 hours`, `1 day`, `2 days 12 hours`. */
const IntervalSchema = z.string().regex(/^\s*\d+(\.\d+)?\s*[A-Za-z]+(\s+\d+(\.\d+)?\s*[A-Za-z]+)*\s*$/, 'an interval like "36 hours" or "1 day"');

export const NotNullCheckSchema = z
  .object({ ...checkBase, type: z.literal('check.not_null'), inputs: oneInput('a check'), columns: columnList('a not_null check') })
  .strict();
export const UniqueCheckSchema = z
  .object({ ...checkBase, type: z.literal('check.unique'), inputs: oneInput('a check'), columns: columnList('a unique check') })
  .strict();
export const AcceptedValuesCheckSchema = z
  .object({ ...checkBase, type: z.literal('check.accepted_values'), inputs: oneInput('a check'), column: ColumnNameSchema, values: z.array(ScalarSchema).min(1, 'list at least one accepted value') })
  .strict();
export const RowCountCheckSchema = z
  .object({ ...checkBase, type: z.literal('check.row_count'), inputs: oneInput('a check'), min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() })
  .strict()
  .refine((node) => node.min !== undefined || node.max !== undefined, 'a row_count check has min, max or both')
  .refine((node) => node.min === undefined || node.max === undefined || node.min <= node.max, 'min is larger than max');
export const FreshnessCheckSchema = z
  .object({ ...checkBase, type: z.literal('check.freshness'), inputs: oneInput('a check'), column: ColumnNameSchema, max_age: IntervalSchema })
  .strict();
export const SchemaCheckSchema = z
  .object({
    ...checkBase,
    type: z.literal('check.schema'),
    inputs: oneInput('a check'),
    columns: z.array(z.object({ name: ColumnNameSchema, type: TypeNameSchema.optional() }).strict()).min(1, 'a schema check lists at least one column'),
    /** Columns beyond the listed ones are fine unless this is false. */
    allow_extra: z.boolean().optional(),
  })
  .strict();
export const SqlCheckSchema = z
  .object({ ...checkBase, type: z.literal('check.sql'), inputs: z.array(NodeNameSchema).min(1, 'a SQL check reads at least one input'), sql: z.string().min(1, 'SQL cannot be empty') })
  .strict();

export const SinkFormatSchema = z.enum(['parquet', 'csv', 'json']);
export const CompressionSchema = z.enum(['snappy', 'zstd', 'gzip', 'lz4', 'brotli', 'none']);

export const FileSinkNodeSchema = z
  .object({
    ...base,
    type: z.literal('sink.file'),
    inputs: oneInput('a file sink'),
    /** A file, or a folder when partition_by is set. */
    path: RelativePathSchema,
    format: SinkFormatSchema.optional(),
    partition_by: z.array(ColumnNameSchema).optional(),
    compression: CompressionSchema.optional(),
    delimiter: z.string().min(1).max(4).optional(),
    header: z.boolean().optional(),
  })
  .strict()
  .superRefine((node, ctx) => {
    const format = node.format ?? inferSinkFormat(node.path);
    if (format !== 'csv') {
      for (const key of ['delimiter', 'header'] as const) {
        if (node[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${key} applies to csv sinks only` });
      }
    }
    if (node.compression && format !== 'parquet' && !['gzip', 'zstd', 'none'].includes(node.compression)) {
      ctx.addIssue({ code: 'custom', path: ['compression'], message: `${format} files take gzip, zstd or none` });
    }
  });

export const DuckdbSinkNodeSchema = z
  .object({
    ...base,
    type: z.literal('sink.duckdb'),
    inputs: oneInput('a DuckDB sink'),
    path: RelativePathSchema,
    table: z.string().min(1),
    schema: z.string().min(1).optional(),
    /** replace (default) swaps the whole table in one transaction; append adds rows. */
    mode: z.enum(['replace', 'append']).optional(),
  })
  .strict();

export function inferSinkFormat(path: string): z.infer<typeof SinkFormatSchema> {
  const format = inferFileFormat(path);
  if (format === 'csv' || format === 'tsv') return 'csv';
  if (format === 'json' || format === 'ndjson') return 'json';
  return 'parquet';
}

export const PipelineNodeSchema = z.discriminatedUnion('type', [
  FileSourceNodeSchema, DuckdbSourceNodeSchema, SqlSourceNodeSchema,
  SqlTransformNodeSchema, FilterNodeSchema, SelectNodeSchema, DeriveNodeSchema, JoinNodeSchema, AggregateNodeSchema,
  UnionNodeSchema, SortNodeSchema, LimitNodeSchema, SampleNodeSchema, DeduplicateNodeSchema, PivotNodeSchema,
  UnpivotNodeSchema, WindowNodeSchema,
  NotNullCheckSchema, UniqueCheckSchema, AcceptedValuesCheckSchema, RowCountCheckSchema, FreshnessCheckSchema,
  SchemaCheckSchema, SqlCheckSchema,
  FileSinkNodeSchema, DuckdbSinkNodeSchema,
]);
