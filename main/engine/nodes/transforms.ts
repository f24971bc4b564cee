import type { Aggregate, NodeOfType, PipelineNode, SelectColumn, SortKey } from '../../../common/pipeline/model';
import { identifierList, quoteIdentifier, scalarLiteral, trimStatement, wrapExpression } from '../sql-text';

type Transform<T extends string> = NodeOfType<`transform.${T}` & PipelineNode['type']>;
export type TransformNode = Extract<PipelineNode, { type: `transform.${string}` }>;

const from = (name: string) => `FROM ${quoteIdentifier(name)}`;

export function sortKeyText(key: SortKey, reverse = false): string {
  const { column, descending = false, nulls } = typeof key === 'string' ? { column: key } : key;
  const desc = descending !== reverse;
  const nullsText = nulls ? ` NULLS ${(nulls === 'last') !== reverse ? 'LAST' : 'FIRST'}` : '';
  return `${quoteIdentifier(column)} ${desc ? 'DESC' : 'ASC'}${nullsText}`;
}

export function orderByText(keys: readonly SortKey[] | undefined, reverse = false): string {
  return keys && keys.length > 0 ? ` ORDER BY ${keys.map((k) => sortKeyText(k, reverse)).join(', ')}` : '';
}

function selectItem(item: SelectColumn): string {
  if (typeof item === 'string') return quoteIdentifier(item);
  const source = quoteIdentifier(item.column);
  const value = item.cast ? `CAST(${source} AS ${item.cast})` : source;
  return item.as !== undefined || item.cast ? `${value} AS ${quoteIdentifier(item.as ?? item.column)}` : value;
}

export function aggregateText(agg: Aggregate): string {
  if (agg.expression !== undefined) return wrapExpression(agg.expression);
  const column = agg.column === undefined ? '*' : quoteIdentifier(agg.column);
  switch (agg.function!) {
    case 'count':
      return `count(${column})`;
    case 'count_distinct':
      return `count(DISTINCT ${column})`;
    case 'string_agg':
      return `string_agg(${column}, ', ')`;
    default:
      return `${agg.function}(${column})`;
  }
}

const RANKING = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile']);

function windowText(node: Transform<'window'>, column: Transform<'window'>['columns'][number]): string {
  const target = column.column === undefined ? '*' : quoteIdentifier(column.column);
  let call: string;
  switch (column.function) {
    case 'ntile':
      call = `ntile(${column.offset ?? 4})`;
      break;
    case 'lag':
    case 'lead':
      call = `${column.function}(${target}, ${column.offset ?? 1})`;
      break;
    case 'count':
      call = `count(${target})`;
      break;
    default:
      call = RANKING.has(column.function) ? `${column.function}()` : `${column.function}(${target})`;
  }
  const parts: string[] = [];
  if (node.partition_by && node.partition_by.length > 0) parts.push(`PARTITION BY ${identifierList(node.partition_by)}`);
  const order = orderByText(node.order_by).trim();
  if (order) parts.push(order);
  const framed = !RANKING.has(column.function) && column.function !== 'lag' && column.function !== 'lead';
  const frame = column.frame ?? (order ? 'running' : 'all');
  if (framed) {
    if (frame === 'running') parts.push('ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW');
    else if (frame === 'all') parts.push('ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING');
    else parts.push(`ROWS BETWEEN ${frame.preceding} PRECEDING AND ${frame.following} FOLLOWING`);
  }
  return `${call} OVER (${parts.join(' ')}) AS ${quoteIdentifier(column.name)}`;
}

function joinText(node: Transform<'join'>): string {
  const [left, right] = node.inputs as [string, string];
  const how = node.how ?? 'inner';
  const keys = node.on.map((key) => (typeof key === 'string' ? { left: key, right: key } : key));
  const sameNames = keys.every((k) => k.left === k.right);
  const tables = `${quoteIdentifier(left)} AS l`;
  const other = `${quoteIdentifier(right)} AS r`;
  if (how === 'semi' || how === 'anti') {
    const on = keys.map((k) => `l.${quoteIdentifier(k.left)} IS NOT DISTINCT FROM r.${quoteIdentifier(k.right)}`).join(' AND ');
    return `SELECT l.* FROM ${tables} ${how.toUpperCase()} JOIN ${other} ON ${on}`;
  }
  const kind = { inner: 'INNER', left: 'LEFT', right: 'RIGHT', full: 'FULL OUTER' }[how];
  // USING keeps one copy of each key (coalesced in a full join), which is what people expect.
  if (sameNames) return `SELECT * FROM ${tables} ${kind} JOIN ${other} USING (${identifierList(keys.map((k) => k.left))})`;
  const on = keys.map((k) => `l.${quoteIdentifier(k.left)} = r.${quoteIdentifier(k.right)}`).join(' AND ');
  return `SELECT l.*, r.* FROM ${tables} ${kind} JOIN ${other} ON ${on}`;
}

export function compileTransform(node: TransformNode): string {
  switch (node.type) {
    case 'transform.sql':
      return trimStatement(node.sql);
    case 'transform.filter':
      return `SELECT * ${from(node.inputs[0]!)} WHERE ${wrapExpression(node.where)}`;
    case 'transform.select':
      return `SELECT ${node.columns.map(selectItem).join(', ')} ${from(node.inputs[0]!)}`;
    case 'transform.derive': {
      const replaced = node.columns.filter((c) => c.replace).map((c) => `${wrapExpression(c.expression)} AS ${quoteIdentifier(c.name)}`);
      const added = node.columns.filter((c) => !c.replace).map((c) => `${wrapExpression(c.expression)} AS ${quoteIdentifier(c.name)}`);
      const star = replaced.length > 0 ? `* REPLACE (${replaced.join(', ')})` : '*';
      return `SELECT ${[star, ...added].join(', ')} ${from(node.inputs[0]!)}`;
    }
    case 'transform.join':
      return joinText(node);
    case 'transform.aggregate': {
      const groups = node.group_by ?? [];
      const items = [...groups.map(quoteIdentifier), ...node.aggregates.map((a) => `${aggregateText(a)} AS ${quoteIdentifier(a.name)}`)];
      const groupBy = groups.length > 0 ? ` GROUP BY ${identifierList(groups)}` : '';
      return `SELECT ${items.join(', ')} ${from(node.inputs[0]!)}${groupBy}`;
    }
    case 'transform.union': {
      const op = `UNION${node.distinct ? '' : ' ALL'}${node.by_name === false ? '' : ' BY NAME'}`;
      return node.inputs.map((input) => `SELECT * ${from(input)}`).join(` ${op} `);
    }
    case 'transform.sort':
      return `SELECT * ${from(node.inputs[0]!)}${orderByText(node.by)}`;
    case 'transform.limit':
      return `SELECT * ${from(node.inputs[0]!)} LIMIT ${node.rows}${node.offset ? ` OFFSET ${node.offset}` : ''}`;
    case 'transform.sample': {
      const method = node.rows !== undefined ? `reservoir(${node.rows} ROWS)` : `bernoulli(${node.percent} PERCENT)`;
      const seed = node.seed !== undefined ? ` REPEATABLE (${node.seed})` : '';
      return `SELECT * ${from(node.inputs[0]!)} USING SAMPLE ${method}${seed}`;
    }
    case 'transform.deduplicate': {
      const order = orderByText(node.order_by, node.keep === 'last');
      return `SELECT * ${from(node.inputs[0]!)} QUALIFY row_number() OVER (PARTITION BY ${identifierList(node.keys)}${order}) = 1`;
    }
    case 'transform.pivot': {
      const values = ` IN (${node.values.map(scalarLiteral).join(', ')})`;
      // One aggregate: the new columns are named by the values alone; several: value_name.
      const using = node.using.map((a) => (node.using.length === 1 ? aggregateText(a) : `${aggregateText(a)} AS ${quoteIdentifier(a.name)}`));
      const groupBy = node.group_by && node.group_by.length > 0 ? ` GROUP BY ${identifierList(node.group_by)}` : '';
      return `SELECT * FROM (PIVOT ${quoteIdentifier(node.inputs[0]!)} ON ${quoteIdentifier(node.on)}${values} USING ${using.join(', ')}${groupBy})`;
    }
    case 'transform.unpivot':
      return `SELECT * FROM (UNPIVOT ${quoteIdentifier(node.inputs[0]!)} ON ${identifierList(node.columns)} INTO NAME ${quoteIdentifier(node.name_column ?? 'name')} VALUE ${quoteIdentifier(node.value_column ?? 'value')})`;
    case 'transform.window':
      return `SELECT *, ${node.columns.map((c) => windowText(node, c)).join(', ')} ${from(node.inputs[0]!)}`;
  }
}
