import { z } from 'zod';

/**
 * The column profile of a file or of a node's result (docs/profiling.md). Pure
 * data: the engine computes it, the CLI prints it, the app caches it, and the
 * renderer draws it and compares two of them.
 */

/** Bumped when the shape or the meaning of a field changes; cached profiles of older versions are recomputed. */
export const PROFILE_FORMAT_VERSION = 1;

export const ProfileStageSchema = z.enum(['metadata', 'sample', 'full']);
export type ProfileStage = z.infer<typeof ProfileStageSchema>;

export const ColumnKindSchema = z.enum(['numeric', 'temporal', 'string', 'boolean', 'json', 'nested', 'other']);
export type ColumnKind = z.infer<typeof ColumnKindSchema>;

/** A value as it appears in JSON: numbers within ±2^53 stay numbers, dates, decimals and big integers are DuckDB text. */
const ScalarValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type ScalarValue = z.infer<typeof ScalarValueSchema>;

export const AlertKindSchema = z.enum([
  'constant',
  'all_null',
  'high_null_share',
  'unique_key_candidate',
  'high_cardinality',
  'skewed',
  'outliers',
  'mixed_types',
  'numbers_as_text',
]);
export type AlertKind = z.infer<typeof AlertKindSchema>;

export const AlertSchema = z.object({
  kind: AlertKindSchema,
  severity: z.enum(['info', 'warning']),
  message: z.string(),
  /** The statistic that fired it (a share 0..1, a count, a skewness), when there is one. */
  value: z.number().nullable(),
  /** False when it rests on approximate numbers (a sample, approximate distinct counts). */
  exact: z.boolean(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const QuantileKeys = ['p1', 'p5', 'p25', 'p50', 'p75', 'p95', 'p99'] as const;
export type QuantileKey = (typeof QuantileKeys)[number];
export const QUANTILE_LEVELS: Record<QuantileKey, number> = { p1: 0.01, p5: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95, p99: 0.99 };

export const QuantilesSchema = z.object({
  p1: ScalarValueSchema,
  p5: ScalarValueSchema,
  p25: ScalarValueSchema,
  p50: ScalarValueSchema,
  p75: ScalarValueSchema,
  p95: ScalarValueSchema,
  p99: ScalarValueSchema,
});
export type Quantiles = z.infer<typeof QuantilesSchema>;

/** One bin: values v with lo <= v < hi (the last bin also holds v = hi). Temporal bins carry DuckDB timestamp text. */
export const HistogramBinSchema = z.object({ lo: z.union([z.number(), z.string()]), hi: z.union([z.number(), z.string()]), count: z.number().int().nonnegative() });
export type HistogramBin = z.infer<typeof HistogramBinSchema>;

export const TopValueSchema = z.object({ value: ScalarValueSchema, count: z.number().int().nonnegative() });
export type TopValue = z.infer<typeof TopValueSchema>;

export const TemporalUnitSchema = z.enum(['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year', 'decade', 'century']);
export type TemporalUnit = z.infer<typeof TemporalUnitSchema>;

export const ColumnProfileSchema = z.object({
  name: z.string(),
  /** DuckDB's type name, e.g. BIGINT, VARCHAR, TIMESTAMP WITH TIME ZONE. */
  type: z.string(),
  kind: ColumnKindSchema,
  /** Non-null values. */
  count: z.number().int().nonnegative().nullable(),
  nullCount: z.number().int().nonnegative().nullable(),
  /** 0..100 */
  nullPercent: z.number().nullable(),
  distinctCount: z.number().int().nonnegative().nullable(),
  min: ScalarValueSchema,
  max: ScalarValueSchema,
  /** Numbers for numeric columns, timestamp text for temporal ones. */
  mean: ScalarValueSchema,
  stddev: z.number().nullable(),
  skewness: z.number().nullable(),
  quantiles: QuantilesSchema.nullable(),
  histogram: z.array(HistogramBinSchema).nullable(),
  topValues: z.array(TopValueSchema).nullable(),
  /** True when topValues lists every distinct non-null value. */
  topValuesComplete: z.boolean().nullable(),
  zeros: z.number().int().nonnegative().nullable(),
  negatives: z.number().int().nonnegative().nullable(),
  /** NaN and ±Infinity in FLOAT/DOUBLE columns; the other numbers leave them out. */
  nonFinite: z.number().int().nonnegative().nullable(),
  emptyStrings: z.number().int().nonnegative().nullable(),
  length: z.object({ min: z.number(), mean: z.number(), max: z.number() }).nullable(),
  /** Text values that read as numbers (e.g. "42", "-1.5e3"). */
  numericText: z.number().int().nonnegative().nullable(),
  /** Values outside [p25 - 1.5·IQR, p75 + 1.5·IQR]. */
  outliers: z.object({ count: z.number().int().nonnegative(), low: z.number(), high: z.number() }).nullable(),
  temporal: z
    .object({
      spanSeconds: z.number(),
      unit: TemporalUnitSchema,
      /** Rows per calendar period, from the period's start (DuckDB text), oldest first. */
      periods: z.array(z.object({ start: z.string(), count: z.number().int().nonnegative() })),
    })
    .nullable(),
  /** JSON columns: how many values of each JSON type. */
  jsonTypes: z.array(z.object({ type: z.string(), count: z.number().int().nonnegative() })).nullable(),
  /** For every statistic present: true when it is exact, false when approximate. */
  exact: z.record(z.string(), z.boolean()),
  alerts: z.array(AlertSchema),
});
export type ColumnProfile = z.infer<typeof ColumnProfileSchema>;

export const ProfileTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string(), format: z.string() }),
  z.object({ kind: z.literal('node'), node: z.string(), pipelinePath: z.string().nullable() }),
  z.object({ kind: z.literal('relation'), label: z.string() }),
]);
export type ProfileTarget = z.infer<typeof ProfileTargetSchema>;

export const SampleInfoSchema = z.object({
  rows: z.number().int().nonnegative(),
  /**
   * all: every row; row-groups: evenly spread row ranges of a Parquet file;
   * spread: lines from evenly spread places in a CSV file; head: the first rows.
   */
  method: z.enum(['all', 'row-groups', 'spread', 'head']),
  description: z.string(),
});
export type SampleInfo = z.infer<typeof SampleInfoSchema>;

export const ProfileSchema = z.object({
  version: z.literal(PROFILE_FORMAT_VERSION),
  target: ProfileTargetSchema,
  /** What the profile was computed from; the cache key (with the stage and options). */
  fingerprint: z.string(),
  stage: ProfileStageSchema,
  rowCount: z.number().int().nonnegative().nullable(),
  rowCountExact: z.boolean(),
  /** Set on sample profiles: every count in them is a count within the sample. */
  sample: SampleInfoSchema.nullable(),
  columns: z.array(ColumnProfileSchema),
  /** Columns of the relation that this profile leaves out (a profile of chosen columns). */
  omittedColumns: z.number().int().nonnegative(),
  exactDistinct: z.boolean(),
  createdAt: z.string(),
  durationMs: z.number().nonnegative(),
});
export type Profile = z.infer<typeof ProfileSchema>;
