import { describe, expect, it } from 'vitest';
import type { PipelineNode } from '../../../common/pipeline/model';
import { categoryOf, nodeDetail, nodeSql, otherSettings, typeLabel } from './node-kinds';

describe('node kinds', () => {
  it('names types, known or not', () => {
    expect(typeLabel('source.file')).toBe('File source');
    expect(typeLabel('transform.deduplicate')).toBe('Deduplicate');
    expect(typeLabel('check.not_null')).toBe('Not null check');
    expect(categoryOf('sink.duckdb')).toBe('sink');
    expect(categoryOf('odd')).toBe('transform');
  });

  it('finds SQL, paths and the remaining settings', () => {
    const sql: PipelineNode = { name: 'q', type: 'transform.sql', inputs: ['a'], sql: 'SELECT 1' };
    const file: PipelineNode = { name: 'f', type: 'source.file', path: 'data/a.csv', format: 'csv' };
    expect(nodeSql(sql)).toBe('SELECT 1');
    expect(nodeSql(file)).toBeNull();
    expect(nodeDetail(file, [])).toBe('data/a.csv (csv)');
    expect(nodeDetail(sql, ['a'])).toBe('reads a');
    const other = { name: 'l', type: 'transform.limit', inputs: ['a'], rows: 10 } as unknown as PipelineNode;
    expect(otherSettings(other)).toEqual([['rows', '10']]);
  });
});
