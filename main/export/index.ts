import type { Pipeline } from '../../common/pipeline/model';
import { generateAirflow } from './airflow';
import type { ExportFile, ExportOptions } from './common';
import { generateDagster } from './dagster';
import { generateDbt } from './dbt';
import { planExport, type ExportPlan } from './plan';
import { generatePrefect } from './prefect';
import { generatePython } from './python';
import { analyzePlanSql, type SqlAnalysis } from './sql-analysis';
import type { ExportTarget } from './targets';

export type { ExportFile, ExportOptions } from './common';
export { EXPORT_TARGETS, isExportTarget, type ExportTarget } from './targets';

/** A pipeline made ready for the generators: the plan, and its SQL parsed once by DuckDB. */
export interface PreparedExport {
  plan: ExportPlan;
  analysis: SqlAnalysis;
}

/** The only asynchronous step: DuckDB parses each node's SQL. */
export async function prepareExport(pipeline: Pipeline): Promise<PreparedExport> {
  const plan = planExport(pipeline);
  return { plan, analysis: await analyzePlanSql(plan) };
}

/** Pure: the files of one target's export, sorted by path. */
export function generateExport(target: ExportTarget, prepared: PreparedExport, options: ExportOptions = {}): ExportFile[] {
  const files = (() => {
    switch (target) {
      case 'airflow':
        return generateAirflow(prepared.plan, options);
      case 'dagster':
        return generateDagster(prepared.plan, options);
      case 'prefect':
        return generatePrefect(prepared.plan, options);
      case 'dbt':
        return generateDbt(prepared.plan, options, prepared.analysis);
      case 'python':
        return generatePython(prepared.plan, options);
    }
  })();
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
