/**
 * Which input a qualifier before a dot means (`f.` in `FROM flights AS f`), for
 * completion: a light scan of FROM/JOIN items, not a parser. Unknown
 * qualifiers give null and completion offers every input's columns.
 */
const IDENT = String.raw`("(?:[^"]|"")+"|[\p{L}_][\p{L}\p{N}_$]*)`;
const RESERVED = new Set(['on', 'using', 'where', 'join', 'inner', 'left', 'right', 'full', 'cross', 'natural', 'positional', 'asof', 'group', 'order', 'limit', 'union', 'qualify', 'having', 'window', 'lateral', 'semi', 'anti', 'outer']);

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name;
}

export function qualifierTarget(sql: string, qualifier: string, inputs: readonly string[]): string | null {
  const wanted = unquote(qualifier).toLowerCase();
  const byName = new Map(inputs.map((input) => [input.toLowerCase(), input]));
  if (byName.has(wanted)) return byName.get(wanted)!;
  const pattern = new RegExp(String.raw`\b(?:from|join)\s+${IDENT}(?:\s+(?:as\s+)?${IDENT})?`, 'giu');
  for (const match of sql.matchAll(pattern)) {
    const table = byName.get(unquote(match[1]!).toLowerCase());
    const alias = match[2];
    if (table && alias && !RESERVED.has(alias.toLowerCase()) && unquote(alias).toLowerCase() === wanted) return table;
  }
  return null;
}

/** The identifier right before a `.` that ends `textBeforeWord`, if any. */
export function qualifierBefore(textBeforeWord: string): string | null {
  const match = new RegExp(String.raw`${IDENT}\.$`, 'u').exec(textBeforeWord);
  return match ? match[1]! : null;
}
