import { describe, expect, it } from 'vitest';
import type { NodeLineage } from '../../../common/contract/api';
import { traceColumn, tracedNodes } from './lineage-trace';

const col = (name: string, transform: NodeLineage['columns'][number]['transform'], sources: [string, string][] = []) => ({
  name,
  type: 'VARCHAR',
  transform,
  sources: sources.map(([node, column]) => ({ node, column })),
});

const nodes: NodeLineage[] = [
  { node: 'airports', error: null, columns: [col('iata', 'origin'), col('state', 'origin')] },
  { node: 'flights', error: null, columns: [col('origin', 'origin'), col('delay', 'origin')] },
  { node: 'routes', error: null, columns: [col('from_airport', 'rename', [['flights', 'origin']]), col('st', 'rename', [['airports', 'state']]), col('label', 'expression', [['flights', 'origin'], ['airports', 'state']])] },
  { node: 'report', error: null, columns: [col('label', 'copy', [['routes', 'label']]), col('Key', 'expression', [['routes', 'from_airport'], ['routes', 'label']])] },
];

describe('traceColumn', () => {
  it('walks sources up and readers down, each column once at its nearest depth', () => {
    const trace = traceColumn(nodes, 'routes', 'label');
    expect(trace.upstream.map((s) => [s.node, s.column, s.depth])).toEqual([
      ['flights', 'origin', 1],
      ['airports', 'state', 1],
    ]);
    expect(trace.downstream.map((s) => [s.node, s.column, s.depth, s.transform])).toEqual([
      ['report', 'label', 1, 'copy'],
      ['report', 'Key', 1, 'expression'],
    ]);
  });

  it('goes several steps and records every way a column is reached', () => {
    const trace = traceColumn(nodes, 'flights', 'origin');
    expect(trace.upstream).toEqual([]);
    const report = trace.downstream.find((s) => s.column === 'Key')!;
    expect(report.depth).toBe(2);
    expect(report.via).toEqual([
      { node: 'routes', column: 'from_airport' },
      { node: 'routes', column: 'label' },
    ]);
    expect(tracedNodes(trace)).toEqual({ upstream: [], downstream: ['routes', 'report'], columns: { routes: ['from_airport', 'label'], report: ['Key', 'label'] } });
    expect(tracedNodes(traceColumn(nodes, 'report', 'key')).upstream).toEqual(['routes', 'flights', 'airports']);
  });
});
