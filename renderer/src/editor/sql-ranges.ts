/**
 * What "run selection" runs: the selected text, or else the CTE the cursor
 * is in (with the CTEs before it, which it may read). A small scanner that
 * knows strings, quoted names, comments and parentheses; no full parser.
 */

export interface Cte {
  name: string;
  /** Character offsets: from the name to the closing parenthesis (inclusive). */
  start: number;
  end: number;
  /** Where the WITH that opens the list starts. */
  withStart: number;
}

interface Token {
  text: string;
  start: number;
  end: number;
  depth: number;
}

/** Words, quoted names and single punctuation at each parenthesis depth; strings and comments skipped. */
function tokens(sql: string): Token[] {
  const out: Token[] = [];
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'") {
      i++;
      while (i < sql.length && !(sql[i] === "'" && sql[i + 1] !== "'")) i += sql[i] === "'" ? 2 : 1;
      i++;
    } else if (c === '"') {
      const start = i;
      i++;
      while (i < sql.length && !(sql[i] === '"' && sql[i + 1] !== '"')) i += sql[i] === '"' ? 2 : 1;
      i++;
      out.push({ text: sql.slice(start, i), start, end: i, depth });
    } else if (c === '(') {
      out.push({ text: c, start: i, end: i + 1, depth });
      depth++;
      i++;
    } else if (c === ')') {
      depth = Math.max(0, depth - 1);
      out.push({ text: c, start: i, end: i + 1, depth });
      i++;
    } else if (/[\p{L}\p{N}_$]/u.test(c)) {
      const start = i;
      while (i < sql.length && /[\p{L}\p{N}_$]/u.test(sql[i]!)) i++;
      out.push({ text: sql.slice(start, i), start, end: i, depth });
    } else {
      if (!/\s/.test(c)) out.push({ text: c, start: i, end: i + 1, depth });
      i++;
    }
  }
  return out;
}

/** The top-level CTEs of a query: `WITH [RECURSIVE] a AS [NOT] [MATERIALIZED] (…), b AS (…)`. */
export function topLevelCtes(sql: string): Cte[] {
  const list = tokens(sql).filter((t) => t.depth === 0 || t.text === '(' || t.text === ')');
  const ctes: Cte[] = [];
  let i = list.findIndex((t) => t.depth === 0 && t.text.toUpperCase() === 'WITH');
  if (i < 0) return ctes;
  const withStart = list[i]!.start;
  i++;
  if (list[i]?.text.toUpperCase() === 'RECURSIVE') i++;
  while (i < list.length) {
    const name = list[i];
    if (!name || name.depth !== 0) break;
    let j = i + 1;
    // Column aliases: name(a, b) AS (…)
    if (list[j]?.text === '(' && list[j]!.depth === 0) j = closing(list, j) + 1;
    if (list[j]?.text.toUpperCase() !== 'AS') break;
    j++;
    while (list[j] && /^(NOT|MATERIALIZED)$/i.test(list[j]!.text)) j++;
    if (list[j]?.text !== '(') break;
    const close = closing(list, j);
    if (close < 0) break;
    ctes.push({ name: name.text, start: name.start, end: list[close]!.end, withStart });
    i = close + 1;
    if (list[i]?.text !== ',') break;
    i++;
  }
  return ctes;
}

function closing(list: Token[], open: number): number {
  const depth = list[open]!.depth;
  for (let k = open + 1; k < list.length; k++) if (list[k]!.text === ')' && list[k]!.depth === depth) return k;
  return -1;
}

export interface RunTarget {
  sql: string;
  /** What the preview is called in the grid. */
  label: string;
}

/**
 * The query to preview for a selection (offsets into `sql`; equal when
 * nothing is selected) — null when the cursor is in no CTE: then the
 * whole node is what runs.
 */
export function runTarget(sql: string, selectionStart: number, selectionEnd: number): RunTarget | null {
  const selected = sql.slice(Math.min(selectionStart, selectionEnd), Math.max(selectionStart, selectionEnd)).trim().replace(/;\s*$/, '');
  if (selected) return { sql: selected, label: 'selection' };
  const ctes = topLevelCtes(sql);
  const index = ctes.findIndex((cte) => selectionStart >= cte.start && selectionStart <= cte.end);
  if (index < 0) return null;
  const withText = sql.slice(ctes[0]!.withStart, ctes[index]!.end);
  return { sql: `${withText}\nSELECT * FROM ${ctes[index]!.name}`, label: `CTE ${ctes[index]!.name}` };
}
