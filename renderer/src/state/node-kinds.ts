import type { PipelineNode } from '../../../common/pipeline/model';

/**
 * What the UI needs to know about a node, whatever its type: the catalog of node
 * types grows (common/pipeline), and a type the UI has no special editor for
 * must still draw, preview and show its settings.
 */
export type NodeCategory = 'source' | 'transform' | 'check' | 'sink';

const CATEGORIES = new Set<string>(['source', 'transform', 'check', 'sink']);

export function categoryOf(type: string): NodeCategory {
  const head = type.slice(0, type.indexOf('.'));
  return (CATEGORIES.has(head) ? head : 'transform') as NodeCategory;
}

const LABELS: Record<string, string> = {
  'source.file': 'File source',
  'transform.sql': 'SQL',
  'sink.file': 'File sink',
};

/** "transform.deduplicate" → "Deduplicate", "check.not_null" → "Not null check". */
export function typeLabel(type: string): string {
  const known = LABELS[type];
  if (known) return known;
  const tail = type.slice(type.indexOf('.') + 1).replace(/_/g, ' ');
  const label = tail.charAt(0).toUpperCase() + tail.slice(1);
  const category = categoryOf(type);
  return category === 'transform' ? label : `${label} ${category}`;
}

/** The SQL text of nodes that have one (SQL transforms, SQL sources and checks). */
export function nodeSql(node: PipelineNode): string | null {
  const sql = (node as { sql?: unknown }).sql;
  return typeof sql === 'string' ? sql : null;
}

/** The file a node reads or writes, for nodes that have one. */
export function nodePath(node: PipelineNode): string | null {
  const path = (node as { path?: unknown }).path;
  return typeof path === 'string' ? path : null;
}

export function nodeFormat(node: PipelineNode): string | undefined {
  const format = (node as { format?: unknown }).format;
  return typeof format === 'string' ? format : undefined;
}

/** One line under the node's name on the canvas. */
export function nodeDetail(node: PipelineNode, inputs: readonly string[]): string {
  const path = nodePath(node);
  if (path !== null) {
    const format = nodeFormat(node);
    return format ? `${path} (${format})` : path;
  }
  return inputs.length > 0 ? `reads ${inputs.join(', ')}` : '';
}

/** Fields shown read-only for node types without a dedicated editor. */
export function otherSettings(node: PipelineNode): [string, string][] {
  const shown = new Set(['name', 'type', 'description', 'inputs', 'sql', 'path', 'format']);
  return Object.entries(node)
    .filter(([key]) => !shown.has(key))
    .map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
}
