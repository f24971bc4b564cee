import { ApiError, type ApiErrorBody } from '../../common/contract/envelope';

/** DuckDB's own text for an interrupted query. */
export function isInterruptError(error: unknown): boolean {
  return error instanceof Error && /INTERRUPT Error|Interrupted/i.test(error.message);
}

/**
 * Turns a DuckDB error into an error on the node that caused it, keeping the
 * line (and file) that DuckDB reports so the UI can point at it.
 */
export function nodeError(node: string, error: unknown, file?: string): ApiError {
  if (error instanceof ApiError) return error;
  if (isInterruptError(error)) return new ApiError({ code: 'cancelled', message: 'cancelled', node });
  const text = error instanceof Error ? error.message : String(error);
  const body: ApiErrorBody = { code: 'node-failed', message: `${node}: ${firstLines(text)}`, node };
  const sqlLine = /LINE (\d+):/.exec(text);
  const csvLine = /(?:Line|line)[: ]+(\d+)/.exec(text);
  if (file) body.file = file;
  if (sqlLine) body.line = Number(sqlLine[1]);
  else if (file && csvLine) body.line = Number(csvLine[1]);
  return new ApiError(body);
}

function firstLines(text: string): string {
  // DuckDB appends a caret diagram after "LINE n:"; the first lines carry the meaning.
  const cut = text.split(/\n\s*\n|\nLINE \d+:/)[0] ?? text;
  return cut.trim().slice(0, 2000);
}
