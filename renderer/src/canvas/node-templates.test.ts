import { describe, expect, it } from 'vitest';
import { NODE_TYPE_LABELS, PipelineNodeSchema, type NodeType } from '../../../common/pipeline/model';
import { inputArity } from '../state/document-edits';
import { insideFolder, relativeToPipeline } from './drop-paths';
import { baseName, fileSourceNode, nameFromFile, newNode, paletteGroups } from './node-templates';

describe('node templates', () => {
  it('every node type gets settings the schema accepts once its inputs are connected', () => {
    for (const type of Object.keys(NODE_TYPE_LABELS) as NodeType[]) {
      const node = newNode(type, baseName(type), 'upstream');
      const { min } = inputArity(type);
      const withInputs = min === 0 ? node : { ...node, inputs: Array.from({ length: Math.max(min, 1) }, (_, i) => `in${i}`) };
      const result = PipelineNodeSchema.safeParse(withInputs);
      expect(result.success, `${type}: ${result.error?.issues[0]?.message}`).toBe(true);
    }
  });

  it('groups the palette by category and searches labels and type ids', () => {
    const all = paletteGroups('');
    expect(all.map((g) => g.title)).toEqual(['Sources', 'Transforms', 'Checks', 'Sinks']);
    expect(all.flatMap((g) => g.entries)).toHaveLength(Object.keys(NODE_TYPE_LABELS).length);
    expect(paletteGroups('check null').flatMap((g) => g.entries.map((e) => e.type))).toEqual(['check.not_null']);
    expect(paletteGroups('sink.duck').flatMap((g) => g.entries.map((e) => e.label))).toEqual(['DuckDB sink']);
    expect(paletteGroups('nothing like this')).toEqual([]);
  });

  it('names nodes from files and reads the format from the extension', () => {
    expect(nameFromFile('City Visits 2024.csv')).toBe('city_visits_2024');
    expect(nameFromFile('/tmp/x/logs.ndjson.gz')).toBe('logs');
    expect(nameFromFile('---.csv')).toBe('data');
    expect(fileSourceNode('a', 'data/a.parquet')).toEqual({ name: 'a', type: 'source.file', path: 'data/a.parquet' });
  });

  it('resolves dropped paths against the project and the pipeline folder', () => {
    expect(insideFolder('/home/me/proj/data/a.csv', '/home/me/proj')).toBe('data/a.csv');
    expect(insideFolder('C:\\proj\\data\\a.csv', 'C:\\proj\\')).toBe('data/a.csv');
    expect(insideFolder('/home/me/project2/a.csv', '/home/me/proj')).toBeNull();
    expect(relativeToPipeline('data/a.csv', 'flights.sluice.yaml')).toBe('data/a.csv');
    expect(relativeToPipeline('data/a.csv', 'pipelines/daily/x.sluice.yaml')).toBe('../../data/a.csv');
    expect(relativeToPipeline('pipelines/data/a.csv', 'pipelines/x.sluice.yaml')).toBe('data/a.csv');
  });
});
