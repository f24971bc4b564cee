import { Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, YAMLMap } from 'yaml';
import { PipelineSchema, type Pipeline, type PipelineNode } from './model';
import { findGraphProblems } from './graph';

export const PIPELINE_FILE_SUFFIX = '.sluice.yaml';

export interface PipelineFileProblem {
  /** Dotted path of the bad field, e.g. `nodes[2].sql`; empty for the whole file. */
  path: string;
  message: string;
  /** 1-based line and column in the file, where known. */
  line?: number;
  column?: number;
  node?: string;
}

export type PipelineParseResult = { ok: true; pipeline: Pipeline } | { ok: false; problems: PipelineFileProblem[] };

export function formatProblemPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Parses and validates a pipeline file; every problem names its field and line. */
export function parsePipelineFile(text: string): PipelineParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return { path: '', message: error.message.split('\n')[0] ?? error.message, line: pos.line, column: pos.col };
      }),
    };
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (error) {
    // The yaml library refuses alias bombs ("Excessive alias count…") here, after parsing.
    return { ok: false, problems: [{ path: '', message: (error as Error).message, line: 1 }] };
  }
  const result = PipelineSchema.safeParse(raw);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => {
        const located = locate(doc, lineCounter, issue.path);
        const nodeName = nodeNameAt(raw, issue.path);
        return {
          path: formatProblemPath(issue.path),
          message: issue.message,
          ...located,
          ...(nodeName ? { node: nodeName } : {}),
        };
      }),
    };
  }
  const pipeline = result.data;
  const graphProblems = findGraphProblems(pipeline);
  if (graphProblems.length > 0) {
    return {
      ok: false,
      problems: graphProblems.map((problem) => {
        const index = pipeline.nodes.findIndex((n) => n.name === problem.node);
        const path = index >= 0 ? ['nodes', index] : [];
        return { path: formatProblemPath(path), message: problem.message, ...locate(doc, lineCounter, path), ...(problem.node ? { node: problem.node } : {}) };
      }),
    };
  }
  return { ok: true, pipeline };
}

function locate(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): { line?: number; column?: number } {
  // Walk up to the nearest path that exists in the document (a missing field is reported on its parent).
  for (let depth = path.length; depth >= 0; depth--) {
    const target = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as (string | number)[], true);
    if (isNode(target) && target.range) {
      const pos = lineCounter.linePos(target.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

function nodeNameAt(raw: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number') return undefined;
  const nodes = (raw as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return undefined;
  const node: unknown = nodes[path[1]];
  if (node && typeof node === 'object' && typeof (node as { name?: unknown }).name === 'string') return (node as { name: string }).name;
  return undefined;
}

/**
 * Key order within a node: identity first, then what it reads, then its
 * settings in the order one reads them aloud (a join's `how` before `on`, a
 * window's `partition_by` before `order_by` before `columns`); anything not
 * listed follows alphabetically. Keys earlier files had keep their order.
 */
export const NODE_KEY_ORDER = [
  'name', 'type', 'description', 'severity', 'inputs', 'path', 'format', 'schema', 'table', 'query', 'sql',
  'where', 'how', 'column', 'on', 'values', 'using', 'keys', 'partition_by', 'group_by', 'order_by', 'keep',
  'by', 'columns', 'aggregates', 'rows', 'percent', 'offset', 'seed', 'min', 'max', 'max_age', 'mode',
] as const;

function canonicalNode(node: PipelineNode): Record<string, unknown> {
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of NODE_KEY_ORDER) if (source[key] !== undefined) out[key] = source[key];
  for (const key of Object.keys(source).sort()) if (!(key in out) && source[key] !== undefined) out[key] = source[key];
  return out;
}

function isPlainScalar(node: unknown): boolean {
  return isScalar(node) && !(typeof node.value === 'string' && node.value.includes('\n'));
}

/** Lists of scalars and maps of scalars inside lists go on one line each: `[ a, b ]`, `- { column: x, descending: true }`. */
function flowSmallCollections(node: unknown, insideSeq: boolean): void {
  if (isSeq(node)) {
    if (node.items.every(isPlainScalar)) node.flow = true;
    for (const item of node.items) flowSmallCollections(item, true);
  } else if (isMap(node)) {
    if (insideSeq && node.items.every((pair) => isPlainScalar(pair.value))) node.flow = true;
    for (const pair of node.items) flowSmallCollections(pair.value, false);
  }
}

/**
 * Writes a pipeline in its one canonical form: fixed key order, SQL as literal
 * blocks, layout last and sorted by node name, so that files diff well and a
 * load → save round trip gives identical bytes.
 */
export function serializePipeline(pipeline: Pipeline): string {
  // Parsing puts nested settings in schema order, whoever built the object.
  const parsed = PipelineSchema.safeParse(pipeline);
  const normalized = parsed.success ? parsed.data : pipeline;
  const plain: Record<string, unknown> = { version: normalized.version, name: normalized.name };
  if (normalized.description !== undefined) plain.description = normalized.description;
  if (normalized.params && Object.keys(normalized.params).length > 0) plain.params = normalized.params;
  plain.nodes = normalized.nodes.map(canonicalNode);
  if (normalized.groups && Object.keys(normalized.groups).length > 0) {
    const groups: Record<string, unknown> = {};
    for (const name of Object.keys(normalized.groups).sort()) {
      const group = normalized.groups[name]!;
      groups[name] = group.collapsed === undefined ? { nodes: group.nodes } : { nodes: group.nodes, collapsed: group.collapsed };
    }
    plain.groups = groups;
  }
  if (normalized.layout && Object.keys(normalized.layout).length > 0) {
    const layout: Record<string, { x: number; y: number }> = {};
    for (const name of Object.keys(normalized.layout).sort()) {
      const position = normalized.layout[name]!;
      layout[name] = { x: Math.round(position.x), y: Math.round(position.y) };
    }
    plain.layout = layout;
  }
  const doc = new Document(plain);
  const layoutNode = doc.get('layout', true);
  if (layoutNode instanceof YAMLMap) {
    for (const item of layoutNode.items) if (item.value instanceof YAMLMap) item.value.flow = true;
  }
  const groups = doc.get('groups', true);
  if (groups instanceof YAMLMap) for (const item of groups.items) flowSmallCollections(item.value, false);
  const params = doc.get('params', true);
  // A parameter is a small map of scalars: one line each.
  if (params instanceof YAMLMap) for (const item of params.items) if (isMap(item.value) && item.value.items.every((pair) => isPlainScalar(pair.value))) item.value.flow = true;
  const nodes = doc.get('nodes', true);
  if (isSeq(nodes)) {
    for (const item of nodes.items) {
      if (item instanceof YAMLMap) for (const pair of item.items) flowSmallCollections(pair.value, false);
    }
  }
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true });
}
