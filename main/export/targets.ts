/** The orchestrators a pipeline exports to (docs/export.md). */
export const EXPORT_TARGETS = ['airflow', 'dagster', 'prefect', 'dbt', 'python'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export function isExportTarget(value: string): value is ExportTarget {
  return (EXPORT_TARGETS as readonly string[]).includes(value);
}
