import path from 'node:path';
import { ApiError } from '../../common/contract/envelope';
import { inferFileFormat, type FileSinkNode, type PipelineNode } from '../../common/pipeline/model';
import { quoteIdentifier, quoteLiteral, trimStatement } from './sql-text';

export interface CompileContext {
  /** Folder that relative paths in the pipeline resolve against. */
  projectDir: string;
  /**
   * How a file path written in the pipeline becomes a SQL expression. The IDE reads
   * it from the project folder (the default); exports read it under a data root
   * chosen when the exported code runs, so one compiler serves both.
   */
  filePathSql?: (filePath: string) => string;
}

function filePathSql(ctx: CompileContext, filePath: string): string {
  return ctx.filePathSql ? ctx.filePathSql(filePath) : quoteLiteral(resolveProjectPath(ctx, filePath));
}

export function resolveProjectPath(ctx: CompileContext, filePath: string): string {
  return path.resolve(ctx.projectDir, filePath);
}

/**
 * Where a sink may write: inside the project folder only, so a pipeline from
 * somewhere else cannot overwrite files outside it.
 */
export function resolveSinkPath(ctx: CompileContext, node: FileSinkNode): string {
  const root = path.resolve(ctx.projectDir);
  const target = path.resolve(root, node.path);
  const relative = path.relative(root, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ApiError({ code: 'node-failed', node: node.name, message: `${node.name}: sink path "${node.path}" is outside the project folder` });
  }
  return target;
}

/** The SELECT that a node's relation is, over its inputs referenced by name. */
export function compileRelation(node: PipelineNode, ctx: CompileContext): string {
  switch (node.type) {
    case 'source.file': {
      const format = node.format ?? inferFileFormat(node.path);
      const literal = filePathSql(ctx, node.path);
      switch (format) {
        case 'parquet':
          return `SELECT * FROM read_parquet(${literal})`;
        case 'csv':
          return `SELECT * FROM read_csv(${literal})`;
        case 'json':
          return `SELECT * FROM read_json_auto(${literal})`;
        default:
          throw new ApiError({
            code: 'node-failed',
            node: node.name,
            file: node.path,
            message: `${node.name}: cannot tell the format of "${node.path}"; set format to csv, parquet or json`,
          });
      }
    }
    case 'transform.sql':
      return trimStatement(node.sql);
    case 'sink.file':
      return `SELECT * FROM ${quoteIdentifier(node.inputs[0]!)}`;
  }
}

/** The COPY statement that writes a sink's input to `targetPath`. */
export function compileSinkCopy(node: FileSinkNode, targetPath: string): string {
  return `COPY (SELECT * FROM ${quoteIdentifier(node.inputs[0]!)}) TO ${quoteLiteral(targetPath)} (${sinkCopyOptions(node)})`;
}

export function sinkFormat(node: FileSinkNode): 'csv' | 'parquet' {
  return node.format ?? (inferFileFormat(node.path) === 'csv' ? 'csv' : 'parquet');
}

/** The COPY options a sink writes with; exports pass them to their own COPY. */
export function sinkCopyOptions(node: FileSinkNode): string {
  return sinkFormat(node) === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT parquet';
}

/** Where a node's error should point: the file it reads, for sources. */
export function nodeFile(node: PipelineNode): string | undefined {
  return node.type === 'source.file' || node.type === 'sink.file' ? node.path : undefined;
}
