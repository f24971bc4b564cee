import { ApiError } from '../../common/contract/envelope';
import { isCheckNode, nodeCategory, type PipelineNode } from '../../common/pipeline/model';
import { quoteIdentifier } from './sql-text';
import { compileCheck } from './nodes/checks';
import { compileDuckdbSource, compileFileSource, type AttachedRelation } from './nodes/sources';
import { compileTransform, type TransformNode } from './nodes/transforms';
import { resolveFilePath, resolveSinkTarget, type CompileContext } from './nodes/context';
import { trimStatement } from './sql-text';

export type { CompileContext } from './nodes/context';
export { filePathSql, resolveFilePath, resolveSinkTarget } from './nodes/context';
export { compileSinkCopy, compileDuckdbSink, sinkCopyOptions, sinkFormat, isPartitioned } from './nodes/sinks';
export { compileCheck, RUN_DATE_PARAM, DEFAULT_CHECK_SAMPLE } from './nodes/checks';

/**
 * The one compiler: every node becomes a DuckDB SELECT over its inputs,
 * referenced by quoted node name. Previews wrap it in views, runs in COPY,
 * exports in their own files; the SQL is the same everywhere.
 *
 * - sources read their file or database;
 * - transforms compute their rows;
 * - checks select their failing rows (none: the check passes);
 * - sinks select the rows they write (the write itself is compileSinkCopy / compileDuckdbSink).
 */
export interface CompiledNode {
  name: string;
  relation: string;
  /** Statements around the relation (a DuckDB source attaches its database). */
  attached?: AttachedRelation;
  /** The file the node reads or writes, for error messages. */
  file?: string;
}

export function compileNode(node: PipelineNode, ctx: CompileContext): CompiledNode {
  try {
    const file = nodeFile(node);
    const withFile = file !== undefined ? { file } : {};
    switch (nodeCategory(node.type)) {
      case 'source':
        if (node.type === 'source.file') return { name: node.name, relation: compileFileSource(node, ctx), ...withFile };
        if (node.type === 'source.duckdb') {
          const attached = compileDuckdbSource(node, ctx);
          return { name: node.name, relation: attached.relation, attached, ...withFile };
        }
        return { name: node.name, relation: trimStatement((node as { sql: string }).sql) };
      case 'transform':
        return { name: node.name, relation: compileTransform(node as TransformNode) };
      case 'check':
        if (!isCheckNode(node)) throw new Error('unreachable');
        return { name: node.name, relation: compileCheck(node) };
      case 'sink':
        return { name: node.name, relation: `SELECT * FROM ${quoteIdentifier((node as { inputs: string[] }).inputs[0]!)}`, ...withFile };
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError({ code: 'node-failed', node: node.name, message: `${node.name}: ${(error as Error).message}` });
  }
}

/** The SELECT that a node's relation is (kept for callers that only need the text). */
export function compileRelation(node: PipelineNode, ctx: CompileContext): string {
  return compileNode(node, ctx).relation;
}

/** Where a node's error should point: the file it reads or writes. */
export function nodeFile(node: PipelineNode): string | undefined {
  return 'path' in node ? node.path : undefined;
}

export { resolveFilePath as resolveProjectPath, resolveSinkTarget as resolveSinkPath };
