import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../common/pipeline/model';
import { assignIdentifiers, safeIdentifier } from './identifiers';
import { planExport } from './plan';

const base = (nodes: Pipeline['nodes']): Pipeline => ({ version: 1, name: 'Plan test', nodes });

describe('planExport', () => {
  it('compiles every node with the IDE compiler, file paths under the data root', () => {
    const plan = planExport(
      base([
        { name: 'raw data', type: 'source.file', path: 'data/x.csv', delimiter: ';' },
        { name: 'kept', type: 'transform.filter', inputs: ['raw data'], where: 'a > 1' },
        { name: 'no nulls', type: 'check.not_null', inputs: ['kept'], columns: ['a'], severity: 'warn' },
        { name: 'out', type: 'sink.file', inputs: ['kept'], path: 'out/x.csv' },
      ]),
    );
    expect(plan.nodes.map((n) => [n.id, n.role])).toEqual([['raw_data', 'source'], ['kept', 'transform'], ['no_nulls', 'check'], ['out', 'sink']]);
    expect(plan.nodes[0]!.sql).toBe(`SELECT * FROM read_csv(getvariable('sluice_data_root') || '/data/x.csv', delim = ';')`);
    expect(plan.nodes[1]!.sql).toContain('FROM "raw data"');
    expect(plan.nodes[2]!.check).toEqual({ severity: 'warn', sampleSize: 10 });
    expect(plan.nodes[3]!.sink).toMatchObject({ kind: 'file', path: 'out/x.csv', format: 'csv' });
    expect(plan.nodes[1]!.readers.map((r) => r.name)).toEqual(['no nulls', 'out']);
  });

  it('refuses absolute paths of the author machine, naming the node', () => {
    expect(() => planExport(base([{ name: 'abs', type: 'source.file', path: '/home/me/data.csv' }]))).toThrow(/abs: file "\/home\/me\/data.csv" is absolute/u);
    expect(() =>
      planExport(base([{ name: 's', type: 'source.file', path: 'a.csv' }, { name: 'escape', type: 'sink.file', inputs: ['s'], path: '../outside.csv' }])),
    ).toThrow(/escape: sink path "..\/outside.csv" is outside the project folder/u);
  });
});

describe('identifiers', () => {
  it('makes names safe for Python, Airflow, Dagster, dbt and file names', () => {
    expect(safeIdentifier('Delays by State (2001)')).toBe('delays_by_state_2001');
    expect(safeIdentifier('2nd pass')).toBe('n_2nd_pass');
    expect(safeIdentifier('Crème brûlée')).toBe('creme_brulee');
    expect(safeIdentifier('class')).toBe('class_node');
    expect(safeIdentifier('runtime')).toBe('runtime_node');
    expect(safeIdentifier('!!!')).toBe('node');
    expect(safeIdentifier('../../etc/passwd')).toBe('etc_passwd');
  });

  it('keeps distinct names distinct', () => {
    expect([...assignIdentifiers(['a b', 'a-b', 'A B', 'a_b_2']).values()]).toEqual(['a_b', 'a_b_2', 'a_b_3', 'a_b_2_2']);
  });
});
