import type { Pipeline, PipelineNode } from '../common/pipeline/model';

/** `count` nodes in columns of 20: column 0 are SQL sources, each later node reads one or two of the column before. */
export function layeredPipeline(count: number): Pipeline {
  const rows = Math.min(20, count);
  const nodes: PipelineNode[] = [];
  const layout: Record<string, { x: number; y: number }> = {};
  for (let i = 0; i < count; i++) {
    const column = Math.floor(i / rows);
    const row = i % rows;
    const name = `n${i}`;
    layout[name] = { x: column * 280, y: row * 130 };
    if (column === 0) {
      nodes.push({ name, type: 'source.sql', sql: `SELECT ${i} AS id, 'row ${i}' AS label` });
      continue;
    }
    const first = `n${(column - 1) * rows + row}`;
    const second = `n${(column - 1) * rows + ((row + 1) % rows)}`;
    nodes.push(row % 3 === 0 ? { name, type: 'transform.sql', inputs: [first, second], sql: `SELECT * FROM ${first} UNION ALL SELECT * FROM ${second}` } : { name, type: 'transform.filter', inputs: [first], where: 'id >= 0' });
  }
  return { version: 1, name: `${count} nodes`, nodes, layout };
}
