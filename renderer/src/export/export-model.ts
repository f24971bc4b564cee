import { ExportOptionsSchema, type ExportOptionsInput, type ExportTarget } from '../../../common/contract/api';

/** What the dialog's option fields hold: text as typed, turned into contract options by `exportOptionsFromForm`. */
export interface ExportForm {
  target: ExportTarget;
  granularity: 'node' | 'pipeline';
  dataRoot: string;
  outputRoot: string;
  workRoot: string;
  retries: string;
}

export const TARGET_LABELS: Record<ExportTarget, string> = {
  airflow: 'Airflow',
  dagster: 'Dagster',
  prefect: 'Prefect',
  dbt: 'dbt',
  python: 'Python',
};

export function initialExportForm(target: ExportTarget = 'airflow'): ExportForm {
  return { target, granularity: 'node', dataRoot: '', outputRoot: '', workRoot: '', retries: '' };
}

/** Which option fields a target reads (docs/export.md): dbt has one model per node; only orchestrators retry. */
export function targetUses(target: ExportTarget): { granularity: boolean; retries: boolean } {
  return { granularity: target !== 'dbt', retries: target === 'airflow' || target === 'dagster' || target === 'prefect' };
}

export type FormResult = { ok: true; options: ExportOptionsInput } | { ok: false; field: keyof ExportForm; message: string };

/** The contract's own schema judges the options, so the dialog shows the message the host would give. */
export function exportOptionsFromForm(form: ExportForm): FormResult {
  const uses = targetUses(form.target);
  const retries = form.retries.trim();
  if (uses.retries && retries !== '' && !/^\d+$/u.test(retries)) return { ok: false, field: 'retries', message: 'retries is a whole number, 0 or more' };
  const candidate: ExportOptionsInput = {
    granularity: uses.granularity ? form.granularity : 'node',
    ...(form.dataRoot.trim() ? { dataRoot: form.dataRoot.trim() } : {}),
    ...(form.outputRoot.trim() ? { outputRoot: form.outputRoot.trim() } : {}),
    ...(form.workRoot.trim() ? { workRoot: form.workRoot.trim() } : {}),
    ...(uses.retries && retries !== '' ? { retries: Number(retries) } : {}),
  };
  const parsed = ExportOptionsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, options: candidate };
  const issue = parsed.error.issues[0]!;
  return { ok: false, field: (issue.path[0] as keyof ExportForm | undefined) ?? 'target', message: issue.message };
}

const LANGUAGES: [RegExp, string][] = [
  [/\.py$/u, 'python'],
  [/\.ya?ml$/u, 'yaml'],
  [/\.sql$/u, 'sql'],
  [/\.md$/u, 'markdown'],
];

/** The Monaco language a generated file is shown in (those registered in export/code-view-monaco.ts). */
export function languageForPath(path: string): string {
  return LANGUAGES.find(([pattern]) => pattern.test(path))?.[1] ?? 'plaintext';
}

/** The file shown first: the orchestrator's entry point rather than README.md. */
export function primaryFile(target: ExportTarget, paths: readonly string[]): string | null {
  const pick = (test: (p: string) => boolean) => paths.find(test);
  const preferred: Record<ExportTarget, (p: string) => boolean> = {
    airflow: (p) => p.endsWith('_dag.py'),
    dagster: (p) => p.endsWith('definitions.py') || p.endsWith('assets.py'),
    prefect: (p) => p.endsWith('flow.py'),
    dbt: (p) => p.startsWith('models/') && p.endsWith('.sql'),
    python: (p) => p.endsWith('run.py'),
  };
  return pick(preferred[target]) ?? paths[0] ?? null;
}

/** A folder name from the pipeline's name: `Flight delays by state` → `flight-delays-by-state`. */
export function defaultExportFolder(pipelineName: string, target: ExportTarget): string {
  const slug = pipelineName.toLowerCase().replace(/[^a-z0-9]+/gu, '-').replace(/^-|-$/gu, '') || 'pipeline';
  return `exports/${slug}-${target}`;
}

export function describeNotEmpty(folder: string, entries: readonly string[], entryCount: number): string {
  const more = entryCount > entries.length ? `, and ${entryCount - entries.length} more` : '';
  return `The folder ${folder} is not empty (${entryCount} ${entryCount === 1 ? 'entry' : 'entries'}: ${entries.join(', ')}${more}). Writing replaces the export's files in it and leaves the others.`;
}
