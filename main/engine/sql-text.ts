/** The one place identifiers and literals become SQL text. Never concatenate user values elsewhere. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifiers cannot contain NUL bytes');
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('string literals cannot contain NUL bytes');
  return `'${value.replaceAll("'", "''")}'`;
}

/** Drops trailing semicolons and whitespace so a statement can be wrapped in a view. */
export function trimStatement(sql: string): string {
  // A loop, not /[\s;]+$/: that regex backtracks quadratically over a long run of
  // whitespace that does not end the text (600k blanks froze the engine for minutes).
  let end = sql.length;
  while (end > 0 && (sql[end - 1] === ';' || /\s/u.test(sql[end - 1]!))) end--;
  return sql.slice(0, end);
}

/** A JSON scalar as a SQL literal: numbers must be finite, strings are quoted. */
export function scalarLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return quoteLiteral(value);
}

/**
 * Wraps a user expression in parentheses; a trailing `--` comment would
 * swallow the closing parenthesis, so it goes on its own line then.
 */
export function wrapExpression(expression: string): string {
  const text = expression.trim();
  return text.includes('--') ? `(${text}\n)` : `(${text})`;
}

export function identifierList(names: readonly string[]): string {
  return names.map(quoteIdentifier).join(', ');
}
