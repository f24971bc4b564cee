import { conf, language } from 'monaco-editor/languages/definitions/sql/sql';
import { monaco } from './monaco';
import { DUCKDB_FUNCTIONS, DUCKDB_KEYWORDS, DUCKDB_TYPES } from './duckdb-words';

/**
 * Monaco's generic SQL grammar with DuckDB's words: its keywords and type
 * names as keywords, its functions (read_csv, list_transform, …) as
 * functions. Registered on the 'sql' language, so every SQL model gets it.
 */
const upper = (words: readonly string[]) => words.map((w) => w.toUpperCase());

export const duckdbLanguage: monaco.languages.IMonarchLanguage = {
  ...language,
  keywords: [...new Set([...upper(language.keywords as string[]), ...DUCKDB_KEYWORDS, ...DUCKDB_TYPES])],
  builtinFunctions: [...new Set([...upper(language.builtinFunctions as string[]), ...upper(DUCKDB_FUNCTIONS)])],
};

let registered = false;
export function registerDuckdbSql(): void {
  if (registered) return;
  registered = true;
  monaco.languages.setMonarchTokensProvider('sql', duckdbLanguage);
  monaco.languages.setLanguageConfiguration('sql', conf);
}
