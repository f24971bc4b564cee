import { describe, expect, it } from 'vitest';
import type { PipelineNode } from '../../../common/pipeline/model';
import { changedFields, downstreamOf, emptyValue, formatScalar, nodeFormModel, nodeTypesWithForms, parseScalar, setAtPath, validateNode, variantIndex, type FieldModel } from './form-model';

const field = (type: string, key: string) => nodeFormModel(type)!.fields.find((f) => f.key === key);

describe('node form model', () => {
  it('has a form for every node type of the catalog, without name and type', () => {
    const types = nodeTypesWithForms();
    expect(types).toHaveLength(26);
    for (const type of types) {
      const form = nodeFormModel(type)!;
      expect(form.fields.map((f) => f.key)).not.toContain('name');
      expect(form.fields.map((f) => f.key)).not.toContain('type');
      // Every field has an editor of its own kind; none falls back to raw JSON.
      const kinds = (model: FieldModel): string[] =>
        model.kind === 'list' ? [model.kind, ...kinds(model.item)] : model.kind === 'object' ? [model.kind, ...model.fields.flatMap((f) => kinds(f.model))] : model.kind === 'union' ? model.variants.flatMap((v) => kinds(v.model)) : [model.kind];
      expect(form.fields.flatMap((f) => kinds(f.model)), type).not.toContain('json');
    }
    expect(nodeFormModel('transform.nope')).toBeNull();
  });

  it('maps the schema’s shapes to editors', () => {
    expect(field('check.not_null', 'inputs')).toMatchObject({ required: true, model: { kind: 'inputs', min: 1, max: 1 } });
    expect(field('transform.join', 'inputs')?.model).toEqual({ kind: 'inputs', min: 2, max: 2 });
    expect(field('transform.union', 'inputs')?.model).toEqual({ kind: 'inputs', min: 2, max: null });
    expect(field('check.not_null', 'columns')?.model).toEqual({ kind: 'list', item: { kind: 'string' }, min: 1, max: null });
    expect(field('check.accepted_values', 'values')?.model).toMatchObject({ kind: 'list', item: { kind: 'scalar' } });
    expect(field('check.not_null', 'severity')).toMatchObject({ required: false, model: { kind: 'enum', options: ['error', 'warn'] } });
    expect(field('check.not_null', 'sample_size')?.model).toEqual({ kind: 'number', integer: true, min: 0, max: 1000 });
    expect(field('transform.sample', 'rows')?.model).toEqual({ kind: 'number', integer: true, min: 1 });
    expect(field('source.file', 'header')?.model).toEqual({ kind: 'boolean' });
    expect(field('source.file', 'types')?.model).toMatchObject({ kind: 'record', value: { kind: 'string' } });
    expect(field('transform.sql', 'sql')?.model).toEqual({ kind: 'sql' });
    expect(field('check.freshness', 'max_age')).toMatchObject({ label: 'Max age', required: true });
    const aggregates = field('transform.aggregate', 'aggregates')!.model as Extract<FieldModel, { kind: 'list' }>;
    expect(aggregates.item).toMatchObject({ kind: 'object' });
    expect((aggregates.item as Extract<FieldModel, { kind: 'object' }>).fields.map((f) => [f.key, f.required])).toEqual([
      ['name', true], ['function', false], ['column', false], ['expression', false],
    ]);
    const sortKey = (field('transform.sort', 'by')!.model as Extract<FieldModel, { kind: 'list' }>).item;
    expect(sortKey).toMatchObject({ kind: 'union', variants: [{ label: 'name' }, { label: 'details' }] });
    expect(variantIndex(sortKey as Extract<FieldModel, { kind: 'union' }>, 'x')).toBe(0);
    expect(variantIndex(sortKey as Extract<FieldModel, { kind: 'union' }>, { column: 'x' })).toBe(1);
    expect(emptyValue(aggregates.item)).toEqual({ name: '' });
  });

  it('validates with the schema’s own messages, by path', () => {
    const check = { name: 'c', type: 'check.not_null', inputs: ['a'], columns: [] };
    expect(validateNode(check)).toEqual(new Map([['columns', 'a not_null check needs at least one column']]));
    expect(validateNode({ ...check, columns: ['ok', ''] })).toEqual(new Map([['columns.1', 'a column name cannot be empty']]));
    expect(validateNode({ ...check, columns: ['ok'] }).size).toBe(0);
    // Refinements across fields land on the node as a whole, or on the field they name.
    expect(validateNode({ name: 'r', type: 'check.row_count', inputs: ['a'], min: 5, max: 1 })).toEqual(new Map([['', 'min is larger than max']]));
    expect(validateNode({ name: 'd', type: 'transform.deduplicate', inputs: ['a'], keys: ['k'], keep: 'last' }).get('keep')).toBe('keep: last needs order_by');
    // A union item reports the closest variant's message, not "Invalid input".
    expect(validateNode({ name: 's', type: 'transform.sort', inputs: ['a'], by: [''] }).get('by.0')).toBe('a column name cannot be empty');
  });

  it('reads and writes accepted values as typed scalars', () => {
    expect(['12', '1.5', 'true', 'false', '"12"', 'AA', ' 7 ', ''].map(parseScalar)).toEqual([12, 1.5, true, false, '12', 'AA', 7, '']);
    expect([12, true, 'AA', '12', 'true'].map(formatScalar)).toEqual(['12', 'true', 'AA', '"12"', '"true"']);
    for (const value of [12, true, 'AA', '12', 'true', 'a "b"']) expect(parseScalar(formatScalar(value))).toEqual(value);
  });

  it('patches only what changed, removes cleared keys, and finds readers', () => {
    const before = { name: 'c', type: 'check.not_null', inputs: ['a'], columns: ['x'], severity: 'warn' } as PipelineNode;
    const after = setAtPath(setAtPath(before, ['columns', 1], 'y'), ['severity'], undefined) as PipelineNode;
    expect(after).toEqual({ name: 'c', type: 'check.not_null', inputs: ['a'], columns: ['x', 'y'] });
    expect(changedFields(before, after)).toEqual({ columns: ['x', 'y'], severity: undefined });
    const nodes = [
      { name: 'a', type: 'source.sql', sql: 'SELECT 1' },
      { name: 'b', type: 'transform.sql', inputs: ['a'], sql: 'SELECT * FROM a' },
      { name: 'c', type: 'check.not_null', inputs: ['b'], columns: ['x'] },
    ] as PipelineNode[];
    expect([...downstreamOf(nodes, 'a')].sort()).toEqual(['b', 'c']);
    expect(downstreamOf(nodes, 'c').size).toBe(0);
  });
});
