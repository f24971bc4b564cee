import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** A single-quoted literal still open at the end of the text: where its content starts, and the content so far. */
export interface OpenLiteral {
  start: number;
  content: string;
}

/**
 * Finds the string literal the cursor is in, if any. Skips comments, quoted
 * identifiers and dollar-quoted strings so that a quote inside them does not
 * count, and reads `''` as an escaped quote.
 */
export function openStringLiteral(text: string): OpenLiteral | null {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      if (end < 0) return null;
      i = end + 1;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return null;
      i = end + 2;
    } else if (c === '"') {
      const end = closingQuote(text, i + 1, '"');
      if (end < 0) return null;
      i = end + 1;
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(text.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))![0];
      const end = text.indexOf(tag, i + tag.length);
      if (end < 0) return null;
      i = end + tag.length;
    } else if (c === "'") {
      const end = closingQuote(text, i + 1, "'");
      if (end < 0) return { start: i + 1, content: text.slice(i + 1).replaceAll("''", "'") };
      i = end + 1;
    } else {
      i += 1;
    }
  }
  return null;
}

/** Index of the quote that closes a quoted run starting at `from`, reading a doubled quote as an escape; -1 if none. */
function closingQuote(text: string, from: number, quote: string): number {
  let i = from;
  while (i < text.length) {
    const at = text.indexOf(quote, i);
    if (at < 0) return -1;
    if (text[at + 1] === quote) {
      i = at + 2;
      continue;
    }
    return at;
  }
  return -1;
}

export interface PathSuggestion {
  text: string;
  kind: 'directory' | 'file_name';
  start: number;
}

const MAX_PATHS = 200;

/**
 * File and folder names for the literal being typed, relative to the project
 * folder as the engine reads them (`file_search_path`). DuckDB's own
 * `sql_auto_complete` lists the engine process's working folder instead,
 * which is not the project.
 */
export async function completePaths(projectDir: string, literal: OpenLiteral): Promise<PathSuggestion[]> {
  const typed = literal.content;
  if (/[*?[\]{}]/.test(typed)) return [];
  const slash = typed.lastIndexOf('/');
  const folderPart = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const namePart = typed.slice(slash + 1).toLowerCase();
  const folder = path.resolve(projectDir, folderPart || '.');
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const showHidden = namePart.startsWith('.');
  const matching = await Promise.all(
    entries
      .filter((entry) => entry.name.toLowerCase().startsWith(namePart) && (showHidden || !entry.name.startsWith('.')))
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, MAX_PATHS)
      .map(async (entry) => ({ name: entry.name, folder: entry.isDirectory() || (entry.isSymbolicLink() && (await isFolder(path.join(folder, entry.name)))) })),
  );
  matching.sort((a, b) => Number(b.folder) - Number(a.folder) || a.name.localeCompare(b.name));
  return matching.map(({ name, folder: isDirectory }) => ({
    text: (folderPart + name + (isDirectory ? '/' : '')).replaceAll("'", "''"),
    kind: isDirectory ? 'directory' : 'file_name',
    start: literal.start,
  }));
}

async function isFolder(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}
