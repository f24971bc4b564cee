import path from 'node:path';
import { ApiError } from '../../../common/contract/envelope';
import { quoteLiteral } from '../sql-text';

export interface CompileContext {
  /** Folder that relative paths in the pipeline resolve against. */
  projectDir: string;
  /**
   * How a file path in the pipeline becomes SQL (an expression, already
   * quoted). Exporters use it to read under a data root; by default it is the
   * absolute path as a literal.
   */
  filePathSql?: (filePath: string) => string;
}

export function resolveFilePath(ctx: CompileContext, filePath: string): string {
  return path.resolve(ctx.projectDir, filePath);
}

/** A file path as SQL text: the exporter's expression, or the absolute path quoted. */
export function filePathSql(ctx: CompileContext, filePath: string): string {
  return ctx.filePathSql ? ctx.filePathSql(filePath) : quoteLiteral(resolveFilePath(ctx, filePath));
}

/**
 * Where a sink may write: inside the project folder only, so a pipeline from
 * somewhere else cannot overwrite files outside it.
 */
export function resolveSinkTarget(ctx: CompileContext, node: { name: string; path: string }): string {
  const root = path.resolve(ctx.projectDir);
  const target = path.resolve(root, node.path);
  const relative = path.relative(root, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ApiError({ code: 'node-failed', node: node.name, message: `${node.name}: sink path "${node.path}" is outside the project folder` });
  }
  return target;
}
