import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../../common/pipeline/model';
import { describeView, filtersFromTexts, nextSort, parseFilter, readRowsRequest, viewKey } from './grid-query';

const text = { name: 'origin', type: 'VARCHAR' };
const number = { name: 'distance', type: 'BIGINT' };
const flag = { name: 'ok', type: 'BOOLEAN' };

describe('sort cycling', () => {
  it('goes ascending, descending, off on one column', () => {
    const asc = nextSort([], 'a', false);
    expect(asc).toEqual([{ column: 'a' }]);
    const desc = nextSort(asc, 'a', false);
    expect(desc).toEqual([{ column: 'a', descending: true }]);
    expect(nextSort(desc, 'a', false)).toEqual([]);
  });

  it('replaces the sort on a plain click and adds a key on Shift+click', () => {
    expect(nextSort([{ column: 'a' }], 'b', false)).toEqual([{ column: 'b' }]);
    const two = nextSort([{ column: 'a' }], 'b', true);
    expect(two).toEqual([{ column: 'a' }, { column: 'b' }]);
    expect(nextSort(two, 'a', true)).toEqual([{ column: 'a', descending: true }, { column: 'b' }]);
    expect(nextSort([{ column: 'a', descending: true }, { column: 'b' }], 'a', true)).toEqual([{ column: 'b' }]);
  });
});

describe('filter texts', () => {
  it('reads comparisons, with numbers as numbers on numeric columns', () => {
    expect(parseFilter(number, '> 2000')).toEqual({ filter: { column: 'distance', op: '>', value: 2000 } });
    expect(parseFilter(number, '<=1_000')).toEqual({ filter: { column: 'distance', op: '<=', value: 1000 } });
    expect(parseFilter(number, '42')).toEqual({ filter: { column: 'distance', op: '=', value: 42 } });
    expect(parseFilter(text, '= SFO')).toEqual({ filter: { column: 'origin', op: '=', value: 'SFO' } });
    expect(parseFilter(text, '<> SFO')).toEqual({ filter: { column: 'origin', op: '!=', value: 'SFO' } });
    expect(parseFilter(flag, '= TRUE')).toEqual({ filter: { column: 'ok', op: '=', value: true } });
  });

  it('treats bare text as contains, null words as null tests, quotes as literal text', () => {
    expect(parseFilter(text, 'sf')).toEqual({ filter: { column: 'origin', op: 'contains', value: 'sf' } });
    expect(parseFilter(text, 'NULL')).toEqual({ filter: { column: 'origin', op: 'is_null' } });
    expect(parseFilter(number, '!null')).toEqual({ filter: { column: 'distance', op: 'is_not_null' } });
    expect(parseFilter(text, '= "null"')).toEqual({ filter: { column: 'origin', op: '=', value: 'null' } });
    expect(parseFilter(text, '  ')).toBeNull();
  });

  it('reports what it cannot read instead of sending it', () => {
    expect(parseFilter(number, '> soon')).toEqual({ error: 'distance is BIGINT: "soon" is not a number' });
    expect(parseFilter(text, '>=')).toEqual({ error: 'origin: >= needs a value' });
    const { filters, errors } = filtersFromTexts([text, number], { origin: '= SFO', distance: 'far' });
    expect(filters).toEqual([{ column: 'origin', op: '=', value: 'SFO' }]);
    expect(Object.keys(errors)).toEqual(['distance']);
  });
});

describe('read-rows requests', () => {
  const pipeline = { version: 1, name: 'p', nodes: [] } as unknown as Pipeline;

  it('sends sort and filters only when the view has them', () => {
    expect(readRowsRequest({ pipeline, node: 'n' }, { sort: [], filters: [] }, 'r1', 1000, 500)).toEqual({ requestId: 'r1', pipeline, node: 'n', offset: 1000, limit: 500 });
    const view = { sort: [{ column: 'distance', descending: true }], filters: [{ column: 'origin', op: '=' as const, value: 'SFO' }] };
    expect(readRowsRequest({ pipeline, node: 'n' }, view, 'r2', 0, 500)).toEqual({ requestId: 'r2', pipeline, node: 'n', offset: 0, limit: 500, sort: view.sort, filters: view.filters });
    expect(describeView(view)).toBe('sorted by distance desc · 1 filter');
    expect(viewKey(view)).not.toBe(viewKey({ sort: [], filters: view.filters }));
  });
});
