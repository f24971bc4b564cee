import { Document, isNode, isSeq, LineCounter, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
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
  const raw: unknown = doc.toJS();
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

const NODE_KEY_ORDER = ['name', 'type', 'description', 'inputs', 'path', 'format', 'sql'] as const;

function canonicalNode(node: PipelineNode): Record<string, unknown> {
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of NODE_KEY_ORDER) if (source[key] !== undefined) out[key] = source[key];
  for (const key of Object.keys(source).sort()) if (!(key in out) && source[key] !== undefined) out[key] = source[key];
  return out;
}

/**
 * Writes a pipeline in its one canonical form: fixed key order, SQL as literal
 * blocks, layout last and sorted by node name, so that files diff well and a
 * load → save round trip gives identical bytes.
 */
export function serializePipeline(pipeline: Pipeline): string {
  const plain: Record<string, unknown> = { version: pipeline.version, name: pipeline.name };
  if (pipeline.description !== undefined) plain.description = pipeline.description;
  plain.nodes = pipeline.nodes.map(canonicalNode);
  if (pipeline.layout && Object.keys(pipeline.layout).length > 0) {
    const layout: Record<string, { x: number; y: number }> = {};
    for (const name of Object.keys(pipeline.layout).sort()) {
      const position = pipeline.layout[name]!;
      layout[name] = { x: Math.round(position.x), y: Math.round(position.y) };
    }
    plain.layout = layout;
  }
  const doc = new Document(plain);
  const layoutNode = doc.get('layout', true);
  if (layoutNode instanceof YAMLMap) {
    for (const item of layoutNode.items) if (item.value instanceof YAMLMap) item.value.flow = true;
  }
  const nodes = doc.get('nodes', true);
  if (isSeq(nodes)) {
    for (const item of nodes.items) {
      if (item instanceof YAMLMap) {
        const inputs: unknown = item.get('inputs', true);
        if (inputs instanceof YAMLSeq) inputs.flow = true;
      }
    }
  }
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true });
}
