import type { Column, MethodInput, RowFilter, RowSort } from '../../../common/contract/api';
import type { Pipeline } from '../../../common/pipeline/model';
import { isNumericType } from './grid-format';

/** How the grid asks for rows: sorts and filters travel to the engine, which applies them in SQL. */
export interface GridView {
  sort: RowSort[];
  filters: RowFilter[];
}

export const EMPTY_VIEW: GridView = { sort: [], filters: [] };

/**
 * A header click cycles ascending → descending → unsorted. Without `additive`
 * the column becomes the only sort key; with it (Shift+click) it is added as
 * the next key, or cycled in place.
 */
export function nextSort(sort: readonly RowSort[], column: string, additive: boolean): RowSort[] {
  const current = sort.find((s) => s.column === column);
  const next: RowSort | null = !current ? { column } : !current.descending ? { column, descending: true } : null;
  if (!additive) return next ? [next] : [];
  if (!current) return [...sort, next!];
  return next ? sort.map((s) => (s.column === column ? next : s)) : sort.filter((s) => s.column !== column);
}

export type ParsedFilter = { filter: RowFilter } | { error: string } | null;

const COMPARISON = /^(!=|<>|>=|<=|=|>|<)\s*(.*)$/s;

/**
 * The filter row's little language, one cell per column:
 * `text` (contains, case-insensitive; equals for numbers), `= v`, `!= v`,
 * `> v`, `>= v`, `< v`, `<= v`, `null` and `!null`. Quotes keep a literal
 * as typed (`= "null"`). Numbers are sent as numbers for numeric columns.
 */
export function parseFilter(column: Column, text: string): ParsedFilter {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const lower = trimmed.toLowerCase();
  if (lower === 'null' || lower === 'is null') return { filter: { column: column.name, op: 'is_null' } };
  if (lower === '!null' || lower === 'not null' || lower === 'is not null') return { filter: { column: column.name, op: 'is_not_null' } };
  const numeric = isNumericType(column.type);
  const boolean = /^BOOL/i.test(column.type);
  const comparison = COMPARISON.exec(trimmed);
  if (!comparison) {
    if (numeric) return valueFilter(column, '=', trimmed, numeric, boolean);
    return { filter: { column: column.name, op: 'contains', value: unquote(trimmed) } };
  }
  const op = comparison[1] === '<>' ? '!=' : (comparison[1] as RowFilter['op']);
  const raw = comparison[2]!.trim();
  if (raw === '') return { error: `${column.name}: ${comparison[1]} needs a value` };
  return valueFilter(column, op, raw, numeric, boolean);
}

function valueFilter(column: Column, op: RowFilter['op'], raw: string, numeric: boolean, boolean: boolean): ParsedFilter {
  const quoted = /^(["']).*\1$/s.test(raw);
  if (numeric && !quoted) {
    const value = Number(raw.replace(/_/g, ''));
    if (!Number.isFinite(value)) return { error: `${column.name} is ${column.type}: "${raw}" is not a number` };
    return { filter: { column: column.name, op, value } };
  }
  if (boolean && !quoted && /^(true|false)$/i.test(raw)) return { filter: { column: column.name, op, value: raw.toLowerCase() === 'true' } };
  return { filter: { column: column.name, op, value: unquote(raw) } };
}

function unquote(text: string): string {
  return /^(["']).*\1$/s.test(text) && text.length >= 2 ? text.slice(1, -1) : text;
}

/** Filters that parse, in column order; the texts that do not are reported, not sent. */
export function filtersFromTexts(columns: readonly Column[], texts: Readonly<Record<string, string>>): { filters: RowFilter[]; errors: Record<string, string> } {
  const filters: RowFilter[] = [];
  const errors: Record<string, string> = {};
  for (const column of columns) {
    const parsed = parseFilter(column, texts[column.name] ?? '');
    if (!parsed) continue;
    if ('error' in parsed) errors[column.name] = parsed.error;
    else filters.push(parsed.filter);
  }
  return { filters, errors };
}

/** Identifies a view of a result: pages of different views never mix. */
export function viewKey(view: GridView): string {
  return JSON.stringify([view.sort, view.filters]);
}

export function isShaped(view: GridView): boolean {
  return view.sort.length > 0 || view.filters.length > 0;
}

/** The result a grid pages through: the pipeline exactly as it was previewed. */
export interface GridTarget {
  pipeline: Pipeline;
  node: string;
}

/** One page as a pipeline:read-rows request; sort and filter omitted when unused so cached plain pages stay plain. */
export function readRowsRequest(target: GridTarget, view: GridView, requestId: string, offset: number, limit: number): MethodInput<'readRows'> {
  return {
    requestId,
    pipeline: target.pipeline,
    node: target.node,
    offset,
    limit,
    ...(view.sort.length > 0 ? { sort: view.sort } : {}),
    ...(view.filters.length > 0 ? { filters: view.filters } : {}),
  };
}

export function describeView(view: GridView): string {
  const parts: string[] = [];
  if (view.sort.length > 0) parts.push(`sorted by ${view.sort.map((s) => `${s.column} ${s.descending ? 'desc' : 'asc'}`).join(', ')}`);
  if (view.filters.length > 0) parts.push(`${view.filters.length} ${view.filters.length === 1 ? 'filter' : 'filters'}`);
  return parts.join(' · ');
}
