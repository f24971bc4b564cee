import { describe, expect, it } from 'vitest';
import { defaultExportFolder, describeNotEmpty, exportOptionsFromForm, initialExportForm, languageForPath, primaryFile } from './export-model';

describe('export dialog model', () => {
  it('turns the typed options into contract options, leaving out empty fields', () => {
    expect(exportOptionsFromForm(initialExportForm('airflow'))).toEqual({ ok: true, options: { granularity: 'node' } });
    const form = { ...initialExportForm('dagster'), granularity: 'pipeline' as const, dataRoot: ' s3://bucket/x ', retries: '2' };
    expect(exportOptionsFromForm(form)).toEqual({ ok: true, options: { granularity: 'pipeline', dataRoot: 's3://bucket/x', retries: 2 } });
  });

  it('drops options a target does not read', () => {
    const form = { ...initialExportForm('dbt'), granularity: 'pipeline' as const, retries: '3' };
    expect(exportOptionsFromForm(form)).toEqual({ ok: true, options: { granularity: 'node' } });
  });

  it('reports a bad value on its field with the schema’s message', () => {
    expect(exportOptionsFromForm({ ...initialExportForm('prefect'), retries: '-1' })).toMatchObject({ ok: false, field: 'retries' });
    expect(exportOptionsFromForm({ ...initialExportForm('prefect'), retries: '101' })).toMatchObject({ ok: false, field: 'retries', message: expect.stringMatching(/100/u) });
    expect(exportOptionsFromForm({ ...initialExportForm('python'), workRoot: 'a\u0000b' })).toEqual({ ok: false, field: 'workRoot', message: 'a root cannot contain NUL bytes' });
  });

  it('picks languages and the first file to show', () => {
    expect(['a/b_dag.py', 'dbt_project.yml', 'models/x.sql', 'README.md', 'pipeline.json', 'requirements.txt'].map(languageForPath)).toEqual([
      'python', 'yaml', 'sql', 'markdown', 'plaintext', 'plaintext',
    ]);
    expect(primaryFile('airflow', ['README.md', 'dags/p/runtime.py', 'dags/p_dag.py'])).toBe('dags/p_dag.py');
    expect(primaryFile('dbt', ['README.md', 'dbt_project.yml', 'models/a.sql'])).toBe('models/a.sql');
    expect(primaryFile('python', ['README.md'])).toBe('README.md');
    expect(primaryFile('python', [])).toBeNull();
  });

  it('suggests a folder and describes a non-empty one', () => {
    expect(defaultExportFolder('Flight delays by state', 'dbt')).toBe('exports/flight-delays-by-state-dbt');
    expect(defaultExportFolder('???', 'python')).toBe('exports/pipeline-python');
    expect(describeNotEmpty('/x/out', ['a', 'b'], 5)).toBe("The folder /x/out is not empty (5 entries: a, b, and 3 more). Writing replaces the export's files in it and leaves the others.");
  });
});
