import type { CheckNode, NodeOfType } from '../../../common/pipeline/model';
import { identifierList, quoteIdentifier, quoteLiteral, scalarLiteral, trimStatement } from '../sql-text';

/** The variable a freshness check measures against (a pipeline parameter), else the current time. */
export const RUN_DATE_PARAM = 'run_date';

export const DEFAULT_CHECK_SAMPLE = 10;

function acceptedValuesText(node: NodeOfType<'check.accepted_values'>): string {
  const column = quoteIdentifier(node.column);
  const allStrings = node.values.every((v) => typeof v === 'string');
  const sameKind = node.values.every((v) => typeof v === typeof node.values[0]);
  // Strings compare as text, so dates, enums and numbers-as-text work; numbers compare numerically.
  const left = allStrings || !sameKind ? `CAST(${column} AS VARCHAR)` : column;
  const values = allStrings || !sameKind ? node.values.map((v) => quoteLiteral(String(v))) : node.values.map(scalarLiteral);
  return `SELECT * FROM ${quoteIdentifier(node.inputs[0]!)} WHERE ${column} IS NOT NULL AND ${left} NOT IN (${values.join(', ')})`;
}

function schemaText(node: NodeOfType<'check.schema'>): string {
  const input = quoteIdentifier(node.inputs[0]!);
  // typeof(CAST(NULL AS T)) turns INT, int4 and INTEGER into the one name DESCRIBE reports.
  const expected = node.columns
    .map((c) => `(${quoteLiteral(c.name)}, ${c.type ? `typeof(CAST(NULL AS ${c.type}))` : 'NULL'})`)
    .join(', ');
  const extra = node.allow_extra === false ? ' OR e.name IS NULL' : '';
  return [
    `WITH actual AS (SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM ${input})),`,
    ` expected(name, type) AS (VALUES ${expected})`,
    ` SELECT coalesce(e.name, a.name) AS "column", e.type AS expected_type, a.type AS actual_type,`,
    ` CASE WHEN a.name IS NULL THEN 'missing' WHEN e.name IS NULL THEN 'unexpected' ELSE 'wrong type' END AS problem`,
    ` FROM expected AS e FULL OUTER JOIN actual AS a ON e.name = a.name`,
    ` WHERE a.name IS NULL OR (e.name IS NOT NULL AND e.type IS NOT NULL AND e.type <> a.type)${extra}`,
  ].join('');
}

/** A check compiles to the query whose rows are its failures: no rows, the check passes. */
export function compileCheck(node: CheckNode): string {
  switch (node.type) {
    case 'check.not_null':
      return `SELECT * FROM ${quoteIdentifier(node.inputs[0]!)} WHERE ${node.columns.map((c) => `${quoteIdentifier(c)} IS NULL`).join(' OR ')}`;
    case 'check.unique': {
      const keys = identifierList(node.columns);
      const present = node.columns.map((c) => `${quoteIdentifier(c)} IS NOT NULL`).join(' AND ');
      return `SELECT ${keys}, count(*) AS duplicate_rows FROM ${quoteIdentifier(node.inputs[0]!)} WHERE ${present} GROUP BY ${keys} HAVING count(*) > 1 ORDER BY duplicate_rows DESC`;
    }
    case 'check.accepted_values':
      return acceptedValuesText(node);
    case 'check.row_count': {
      const bounds = [node.min !== undefined ? `row_count < ${node.min}` : null, node.max !== undefined ? `row_count > ${node.max}` : null].filter(Boolean);
      return `SELECT row_count, ${node.min ?? 'NULL'} AS min_rows, ${node.max ?? 'NULL'} AS max_rows FROM (SELECT count(*) AS row_count FROM ${quoteIdentifier(node.inputs[0]!)}) WHERE ${bounds.join(' OR ')}`;
    }
    case 'check.freshness': {
      const runDate = `coalesce(TRY_CAST(getvariable(${quoteLiteral(RUN_DATE_PARAM)}) AS TIMESTAMP), CAST(current_timestamp AS TIMESTAMP))`;
      return [
        `SELECT latest, run_date, run_date - latest AS age, CAST(${quoteLiteral(node.max_age)} AS INTERVAL) AS max_age FROM (`,
        `SELECT max(CAST(${quoteIdentifier(node.column)} AS TIMESTAMP)) AS latest, ${runDate} AS run_date FROM ${quoteIdentifier(node.inputs[0]!)})`,
        ` WHERE latest IS NULL OR latest < run_date - CAST(${quoteLiteral(node.max_age)} AS INTERVAL)`,
      ].join('');
    }
    case 'check.schema':
      return schemaText(node);
    case 'check.sql':
      return trimStatement(node.sql);
  }
}
