import type { Pipeline } from '../../common/pipeline/model';
import type { ExportFile, ExportOptions } from './common';
import { generateExport, prepareExport } from './index';
import type { PreparedExport } from './index';
import type { ExportTarget } from './targets';

export interface GeneratedExport {
  target: ExportTarget;
  files: ExportFile[];
  /** What the author should know before running the export elsewhere; shown next to the files. */
  warnings: string[];
}

/** An export's files and its notes: what the IDE's Export dialog shows and writes. */
export async function generateExportWithWarnings(pipeline: Pipeline, target: ExportTarget, options: ExportOptions = {}): Promise<GeneratedExport> {
  const prepared = await prepareExport(pipeline);
  return { target, files: generateExport(target, prepared, options), warnings: exportWarnings(target, prepared, options) };
}

export function exportWarnings(target: ExportTarget, prepared: PreparedExport, options: ExportOptions): string[] {
  const warnings: string[] = [];
  if ((target === 'dbt' || target === 'python') && options.retries !== undefined && options.retries > 0) {
    warnings.push(`${target === 'dbt' ? 'dbt' : 'The plain Python export'} does not retry: the retries option does not apply to it.`);
  }
  if (target !== 'dbt') return warnings;
  if (options.granularity === 'pipeline') warnings.push('dbt has one model per node: granularity "pipeline" does not apply to it.');
  const byFeature = new Map<string, string[]>();
  for (const node of prepared.plan.nodes) {
    for (const feature of prepared.analysis.duckdbOnly.get(node.id) ?? []) byFeature.set(feature, [...(byFeature.get(feature) ?? []), node.name]);
  }
  for (const [feature, names] of byFeature) {
    warnings.push(`DuckDB-only SQL: ${feature} in ${names.map((name) => `"${name}"`).join(', ')}. It runs on dbt-duckdb; another adapter needs it rewritten (README.md, "Moving to a warehouse").`);
  }
  return warnings;
}
