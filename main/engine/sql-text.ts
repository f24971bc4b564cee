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
  return sql.replace(/[\s;]+$/u, '');
}
