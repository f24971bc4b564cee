import { ApiError, type ApiErrorBody } from '../../common/contract/envelope';

/** DuckDB's own text for an interrupted query. */
export function isInterruptError(error: unknown): boolean {
  return error instanceof Error && /INTERRUPT Error|Interrupted/i.test(error.message);
}

export function cancelledError(node?: string): ApiError {
  return new ApiError({ code: 'cancelled', message: 'cancelled', ...(node ? { node } : {}) });
}

const HINTS: [RegExp, string][] = [
  [/not utf-8 encoded|Invalid unicode/i, 'the file is not UTF-8: set encoding: latin-1 (or utf-16) on the node'],
  [/Expected Number of Columns: \d+ Found: \d+/i, 'rows have different numbers of fields (ragged rows) or the delimiter is wrong'],
  [/It was not possible to automatically detect the CSV parsing dialect/i, 'set delimiter, quote or header on the node'],
  [/too small to be a Parquet file|No magic bytes found/i, 'the file is not a Parquet file: check the path or set format'],
  [/Malformed JSON/i, 'the file is not valid JSON (or NDJSON): check it, or set format'],
];

/** The meaningful part of a DuckDB error: its first paragraph without caret diagrams and option dumps. */
function headline(text: string): string {
  const paragraph = text.split(/\n\s*\n|\nLINE \d+:/)[0] ?? text;
  const lines = paragraph
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^Original Line:/i.test(line) && !/^Possible (fixes|Solution)/i.test(line) && !line.startsWith('*'));
  return lines.slice(0, 3).join(': ').replace(/:\s*:/g, ':').slice(0, 1000);
}

/**
 * Turns a DuckDB error into an error on the node that caused it: the message
 * starts with the node's name, and the file and line DuckDB reports (a CSV
 * line, a JSON line, a line of the node's SQL) travel as fields for the UI.
 */
export function nodeError(node: string, error: unknown, file?: string, sql?: string): ApiError {
  if (error instanceof ApiError) return error;
  if (isInterruptError(error)) return cancelledError(node);
  const text = error instanceof Error ? error.message : String(error);
  const hint = HINTS.find(([pattern]) => pattern.test(text))?.[1];
  const body: ApiErrorBody = { code: 'node-failed', message: `${node}: ${headline(text)}${hint ? ` (${hint})` : ''}`, node };
  const mentioned = /\n\s*file = (.+)\n/.exec(text)?.[1] ?? /in file "([^"]+)"/.exec(text)?.[1] ?? /File '([^']+)'/.exec(text)?.[1];
  const reportedFile = mentioned?.trim() ?? file;
  if (reportedFile) body.file = reportedFile;
  const sqlLine = /LINE (\d+):/.exec(text);
  const dataLine = /(?:CSV Error on Line|in line|, line)[: ]+(\d+)/i.exec(text);
  if (dataLine && reportedFile) body.line = Number(dataLine[1]);
  else if (sqlLine) body.line = Number(sqlLine[1]);
  // "syntax error at end of input" comes without a LINE: it is the SQL's last line.
  else if (sql && /at end of input/.test(text)) body.line = sql.trimEnd().split('\n').length;
  return new ApiError(body);
}
