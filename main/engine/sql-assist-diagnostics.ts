/** Where DuckDB says an error is, turned into a line and column of the text the user typed. */
export interface SqlDiagnostic {
  message: string;
  severity: 'error' | 'warning';
  /** 1-based, in the checked text. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** DuckDB's "Candidate bindings" / "Did you mean" names, best first. */
  candidates: string[];
}

/** DuckDB reports parser positions as byte offsets into the UTF-8 text. */
export function byteOffsetToIndex(text: string, byteOffset: number): number {
  return Buffer.from(text, 'utf8').subarray(0, Math.max(0, byteOffset)).toString('utf8').length;
}

export function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(index, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** The word (identifier or quoted name) that starts at a position, to underline it rather than one character. */
export function tokenEnd(text: string, line: number, column: number): number {
  const lineText = text.split('\n')[line - 1] ?? '';
  const rest = lineText.slice(column - 1);
  const match = /^("(?:[^"]|"")*"|'(?:[^']|'')*'|[\p{L}\p{N}_$.]+)/u.exec(rest);
  return column + Math.max(1, match ? match[0].length : 1);
}

/** The names DuckDB suggests in a binder or catalog error. */
export function candidatesOf(message: string): string[] {
  const names: string[] = [];
  const bindings = /Candidate bindings:\s*([^\n]+)/.exec(message)?.[1];
  if (bindings) for (const match of bindings.matchAll(/"((?:[^"]|"")+)"/g)) names.push(match[1]!.replaceAll('""', '"'));
  for (const match of message.matchAll(/Did you mean "((?:[^"]|"")+)"/g)) names.push(match[1]!.replaceAll('""', '"'));
  const candidateFunctions = /Candidate functions:\s*\n((?:\s+[^\n]+\n?)+)/.exec(message)?.[1];
  if (candidateFunctions) for (const line of candidateFunctions.split('\n')) if (line.trim()) names.push(line.trim());
  // Qualified names (memory.temp.t2, a.state): the last part is what is typed.
  return [...new Set(names.map((n) => (/^(?:[A-Za-z_][A-Za-z0-9_]*\.)+([^.]+)$/.exec(n)?.[1] ?? n)))];
}

/** The first paragraph of a DuckDB error, without the "LINE n:" caret diagram. */
export function errorHeadline(message: string): string {
  const head = message.split(/\n\s*\n|\nLINE \d+:/)[0] ?? message;
  return head
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
    .slice(0, 1000);
}

/**
 * Finds the error's position from DuckDB's caret diagram:
 *
 *     LINE 3: ... AS c38, bogus_col FROM airports
 *                         ^
 *
 * Long lines are cut and shown with "..." on either side, so the shown text
 * is looked up in the real line and the caret measured from there.
 * `prefixLength` is how many characters the engine put before the user's text on its first line.
 */
export function caretPosition(message: string, text: string, prefixLength = 0): { line: number; column: number } | null {
  const match = /\nLINE (\d+): ([^\n]*)\n( *)\^/.exec(message);
  if (!match) return null;
  const line = Number(match[1]);
  const labelLength = `LINE ${match[1]}: `.length;
  let shown = match[2]!;
  let caret = match[3]!.length - labelLength;
  if (shown.startsWith('...')) {
    shown = shown.slice(3);
    caret -= 3;
  }
  if (shown.endsWith('...')) shown = shown.slice(0, -3);
  const lines = text.split('\n');
  const real = (line === 1 ? ' '.repeat(prefixLength) : '') + (lines[line - 1] ?? '');
  let start = real.indexOf(shown);
  if (start < 0) start = real.indexOf(shown.trimEnd());
  if (start < 0) start = 0;
  const column = start + caret + 1 - (line === 1 ? prefixLength : 0);
  return { line: Math.min(Math.max(1, line), lines.length), column: Math.max(1, column) };
}

export function diagnosticAt(text: string, message: string, position: { line: number; column: number } | null, severity: 'error' | 'warning' = 'error'): SqlDiagnostic {
  const at = position ?? { line: 1, column: 1 };
  const candidates = candidatesOf(message);
  let shown = errorHeadline(message);
  if (candidates.length > 0 && !/Did you mean/.test(shown)) shown += ` Did you mean: ${candidates.slice(0, 5).join(', ')}?`;
  const wholeLine = position === null;
  const lineText = text.split('\n')[at.line - 1] ?? '';
  return {
    message: shown,
    severity,
    line: at.line,
    column: at.column,
    endLine: at.line,
    endColumn: wholeLine ? Math.max(2, lineText.length + 1) : tokenEnd(text, at.line, at.column),
    candidates,
  };
}
