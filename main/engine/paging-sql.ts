import type { Column, RowFilter, RowSort } from '../../common/contract/api';
import { ApiError } from '../../common/contract/envelope';
import { quoteIdentifier, scalarLiteral } from './sql-text';

type Scalar = string | number | boolean;

function literal(filter: RowFilter, value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ApiError({ code: 'invalid-input', message: `filter on "${filter.column}" with ${filter.op} needs a value` });
  }
  return scalarLiteral(value);
}

function condition(filter: RowFilter): string {
  const column = quoteIdentifier(filter.column);
  const text = `CAST(${column} AS VARCHAR)`;
  switch (filter.op) {
    case 'is_null':
      return `${column} IS NULL`;
    case 'is_not_null':
      return `${column} IS NOT NULL`;
    case 'contains':
      return `contains(lower(${text}), lower(${literal(filter, String(filter.value ?? ''))}))`;
    case 'starts_with':
      return `starts_with(${text}, ${literal(filter, String(filter.value ?? ''))})`;
    case 'in': {
      const values = Array.isArray(filter.value) ? (filter.value as Scalar[]) : [];
      if (values.length === 0) throw new ApiError({ code: 'invalid-input', message: `filter on "${filter.column}" with in needs a list of values` });
      return `${column} IN (${values.map((v) => literal(filter, v)).join(', ')})`;
    }
    default:
      return `${column} ${filter.op} ${literal(filter, filter.value)}`;
  }
}

/**
 * Filters and sorts from the UI become SQL only through quoteIdentifier and
 * literals: a column named `x"; DROP TABLE y; --` stays a column name.
 */
export function filterSql(filters: readonly RowFilter[]): string {
  return filters.length > 0 ? ` WHERE ${filters.map(condition).join(' AND ')}` : '';
}

/**
 * The sort keys, then every other column as a tie-break:
 * a total order over distinct rows, so the first pages (a top-N query) and the
 * sorted view written later put the same rows at the same positions. Rows that
 * tie on every column are identical, so their order cannot show.
 */
export function sortSql(sort: readonly RowSort[], columns: readonly Column[] = []): string {
  if (sort.length === 0) return '';
  const sorted = new Set(sort.map((s) => s.column));
  const keys = sort.map((s) => `${quoteIdentifier(s.column)} ${s.descending ? 'DESC' : 'ASC'} NULLS LAST`);
  // DuckDB orders every type (lists, structs, maps and unions too), so every column can break a tie.
  const ties = columns.filter((c) => !sorted.has(c.name)).map((c) => `${quoteIdentifier(c.name)} ASC NULLS LAST`);
  return ` ORDER BY ${[...keys, ...ties].join(', ')}`;
}

