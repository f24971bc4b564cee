import { duckdb, formatDialect } from 'sql-formatter';
import { DUCKDB_FUNCTIONS } from './duckdb-words';

const FUNCTIONS = new Set(DUCKDB_FUNCTIONS);
// Strings, quoted names and comments pass through untouched.
const LITERALS = /('(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[^]*?\*\/)/;

/**
 * Formats a node's SQL in DuckDB's dialect (sql-formatter's `language: 'duckdb'`,
 * imported as the one dialect so the other dialects stay out of the bundle).
 * Keyword case is kept as typed: formatting changes layout, not words.
 * Throws on text sql-formatter cannot tokenize; the caller reports it.
 */
export function formatSql(sql: string): string {
  const formatted = formatDialect(sql, { dialect: duckdb, tabWidth: 2, keywordCase: 'preserve', linesBetweenQueries: 1 });
  // sql-formatter spaces calls of functions its DuckDB list lacks (`getvariable ('x')`); DuckDB's own list knows them.
  const calls = formatted
    .split(LITERALS)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\b([A-Za-z_][A-Za-z0-9_]*) \(/g, (whole, name: string) => (FUNCTIONS.has(name.toLowerCase()) ? `${name}(` : whole))))
    .join('');
  // A node's SQL is one query: keep a trailing newline only if it had one.
  return /\n$/.test(sql) ? `${calls}\n` : calls;
}
