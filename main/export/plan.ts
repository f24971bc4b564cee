import path from 'node:path';
import { ApiError } from '../../common/contract/envelope';
import { findGraphProblems, topologicalOrder, upstreamClosure } from '../../common/pipeline/graph';
import { isCheckNode, nodeCategory, nodeInputs, type NodeCategory, type ParamType, type Pipeline, type PipelineNode } from '../../common/pipeline/model';
import { compileDuckdbSink, compileNode, DEFAULT_CHECK_SAMPLE, isPartitioned, sinkCopyOptions, sinkFormat } from '../engine/compiler';
import { paramType } from '../engine/params';
import { quoteLiteral } from '../engine/sql-text';
import { assignIdentifiers, safeIdentifier } from './identifiers';

/** What a node does in an exported project: the node category, which every target maps. */
export type NodeRole = NodeCategory;

export interface NodeRef {
  name: string;
  id: string;
}

export type ExportSink =
  | { kind: 'file'; path: string; format: 'parquet' | 'csv' | 'json'; copyOptions: string; partitioned: boolean }
  | { kind: 'duckdb'; path: string; table: string; statements: string[]; rollback: string[] };

export interface ExportNode extends NodeRef {
  type: PipelineNode['type'];
  role: NodeRole;
  description?: string;
  /** Direct inputs, in the order the pipeline lists them. */
  inputs: NodeRef[];
  /** Every node upstream of this one (what its SQL may name), in topological order. */
  upstream: NodeRef[];
  /** Nodes that read this one. */
  readers: NodeRef[];
  /** The node's relation, from the IDE's compiler (compileNode), with file paths under the data root. */
  sql: string;
  /** Statements around the relation (a DuckDB source attaches its file); DATA_ROOT_TOKEN marks the data root. */
  setup: string[];
  teardown: string[];
  check?: { severity: 'error' | 'warn'; sampleSize: number };
  sink?: ExportSink;
  /** The pipeline node itself, for targets with native equivalents (dbt's generic tests). */
  node: PipelineNode;
}

export interface ExportParam {
  name: string;
  type: ParamType;
  default: string | number | boolean;
  description?: string;
}

export interface ExportPlan {
  /** Safe identifier of the pipeline: DAG id, package name, dbt project name. */
  id: string;
  name: string;
  description?: string;
  params: ExportParam[];
  /** Nodes in topological order (file order where the graph allows). */
  nodes: ExportNode[];
}

/** DuckDB reads files under a variable the runtime sets; ATTACH takes only a literal, so it gets a token. */
export const DATA_ROOT_VARIABLE = 'sluice_data_root';
export const DATA_ROOT_TOKEN = '__SLUICE_DATA_ROOT__';
export const SINK_TARGET_TOKEN = '__SLUICE_SINK_TARGET__';

function exportError(node: PipelineNode, message: string): ApiError {
  return new ApiError({ code: 'unsupported', node: node.name, message: `${node.name}: ${message}` });
}

/**
 * A path written in the pipeline, as a path under the data root. Absolute paths
 * are the author's machine and cannot travel; `..` may (it stays relative).
 */
export function portablePath(node: PipelineNode, filePath: string, what: string): string {
  const slashed = filePath.replaceAll('\\', '/');
  if (path.posix.isAbsolute(slashed) || /^[a-zA-Z]:\//u.test(slashed) || slashed.includes('://')) {
    throw exportError(node, `${what} "${filePath}" is absolute; exports read and write paths relative to a data root, so make it relative to the project folder`);
  }
  return path.posix.normalize(slashed);
}

function sinkPath(node: PipelineNode, filePath: string): string {
  const relative = portablePath(node, filePath, 'sink path');
  if (relative === '.' || relative === '..' || relative.startsWith('../')) throw exportError(node, `sink path "${filePath}" is outside the project folder`);
  return relative;
}

function exportSink(node: PipelineNode): ExportSink | undefined {
  if (node.type === 'sink.file') {
    const format = sinkFormat(node);
    return { kind: 'file', path: sinkPath(node, node.path), format, copyOptions: sinkCopyOptions(node), partitioned: isPartitioned(node) };
  }
  if (node.type === 'sink.duckdb') {
    const { statements, rollback } = compileDuckdbSink(node, SINK_TARGET_TOKEN);
    return { kind: 'duckdb', path: sinkPath(node, node.path), table: node.table, statements, rollback };
  }
  return undefined;
}

export function planExport(pipeline: Pipeline): ExportPlan {
  const problems = findGraphProblems(pipeline);
  if (problems.length > 0) {
    throw new ApiError({ code: 'pipeline-invalid', message: problems.map((p) => p.message).join('; '), ...(problems[0]!.node ? { node: problems[0]!.node } : {}) });
  }
  const ordered = topologicalOrder(pipeline);
  const ids = assignIdentifiers(ordered.map((n) => n.name));
  const ref = (name: string): NodeRef => ({ name, id: ids.get(name)! });
  const nodes = ordered.map((node): ExportNode => {
    const compiled = compileNode(node, {
      projectDir: '',
      filePathSql: (filePath) => {
        const relative = portablePath(node, filePath, 'file');
        return node.type === 'source.duckdb'
          ? quoteLiteral(`${DATA_ROOT_TOKEN}/${relative}`)
          : `getvariable('${DATA_ROOT_VARIABLE}') || ${quoteLiteral(`/${relative}`)}`;
      },
    });
    const sink = exportSink(node);
    return {
      ...ref(node.name),
      type: node.type,
      role: nodeCategory(node.type),
      ...(node.description ? { description: node.description } : {}),
      inputs: nodeInputs(node).map(ref),
      upstream: upstreamClosure(pipeline, node.name).filter((n) => n.name !== node.name).map((n) => ref(n.name)),
      readers: ordered.filter((other) => nodeInputs(other).includes(node.name)).map((other) => ref(other.name)),
      sql: compiled.relation,
      setup: compiled.attached?.setup ?? [],
      teardown: compiled.attached?.teardown ?? [],
      ...(isCheckNode(node) ? { check: { severity: node.severity ?? 'error', sampleSize: node.sample_size ?? DEFAULT_CHECK_SAMPLE } } : {}),
      ...(sink ? { sink } : {}),
      node,
    };
  });
  const params = Object.entries(pipeline.params ?? {}).map(([name, param]): ExportParam => ({
    name,
    type: paramType(param),
    default: param.default,
    ...(param.description ? { description: param.description } : {}),
  }));
  return {
    id: safeIdentifier(pipeline.name),
    name: pipeline.name,
    ...(pipeline.description ? { description: pipeline.description } : {}),
    params,
    nodes,
  };
}
