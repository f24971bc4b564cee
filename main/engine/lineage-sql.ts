/**
 * Column lineage of one SELECT from DuckDB's parse tree (json_serialize_sql):
 * which input columns each output column is computed from. Pure: the caller
 * gives the tree and the columns of the tables it may read.
 */

export interface ColumnSource {
  node: string;
  column: string;
}

/** One output item. `direct`: the value is a column as it is (maybe renamed), not an expression over it. */
export interface LineageItem {
  /** Null when DuckDB names it (an unaliased expression): matched by position then. */
  name: string | null;
  sources: ColumnSource[];
  direct: boolean;
}

/** The columns of a table the SQL reads (an upstream node), or undefined when it is not one. */
export type TableColumns = (table: string) => { node: string; columns: string[] } | undefined;

/** What a part of a query yields: items, or null where it cannot be told (a table function, PIVOT). */
export type LineageResult = LineageItem[] | null;

type Json = Record<string, unknown>;

interface ScopeColumn extends LineageItem {
  name: string;
}
interface ScopeRelation {
  alias: string;
  columns: ScopeColumn[] | null;
  /** USING keys of a join's right side: an unqualified * shows them once, from the left. */
  hidden: Set<string>;
}
interface Scope {
  relations: ScopeRelation[];
  outer: Scope | null;
}
type CteEnv = Map<string, LineageResult>;

const lower = (s: string) => s.toLowerCase();

function dedupe(sources: ColumnSource[]): ColumnSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = `${s.node}\u0000${s.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Lineage of a statement's query node (`statements[0].node` of json_serialize_sql). */
export function queryLineage(node: Json, tables: TableColumns): LineageResult {
  return nodeLineage(node, tables, new Map(), null);
}

function nodeLineage(node: Json, tables: TableColumns, env: CteEnv, outer: Scope | null): LineageResult {
  const ctes = withCtes(node, tables, env, outer);
  switch (node.type) {
    case 'SELECT_NODE':
      return selectLineage(node, tables, ctes, outer);
    case 'SET_OPERATION_NODE':
    case 'RECURSIVE_CTE_NODE': {
      const left = nodeLineage(node.left as Json, tables, ctes, outer);
      const right = nodeLineage(node.right as Json, tables, ctes, outer);
      if (!left) return null;
      if (!right) return left;
      if (node.setop_type === 'UNION_BY_NAME') {
        const merged = left.map((item) => ({ ...item }));
        for (const item of right) {
          const same = merged.find((m) => m.name !== null && item.name !== null && lower(m.name) === lower(item.name));
          if (same) same.sources = dedupe([...same.sources, ...item.sources]);
          else merged.push({ ...item });
        }
        return merged;
      }
      return left.map((item, i) => ({ ...item, sources: dedupe([...item.sources, ...(right[i]?.sources ?? [])]), direct: item.direct && (right[i]?.direct ?? true) }));
    }
    default:
      return null;
  }
}

function withCtes(node: Json, tables: TableColumns, env: CteEnv, outer: Scope | null): CteEnv {
  const map = ((node.cte_map as Json | undefined)?.map as { key: string; value: Json }[] | undefined) ?? [];
  if (map.length === 0) return env;
  const next = new Map(env);
  for (const { key, value } of map) {
    const query = (value.query as Json | undefined)?.node as Json | undefined;
    let items = query ? nodeLineage(query, tables, next, outer) : null;
    const aliases = (value.aliases as string[] | undefined) ?? [];
    if (items && aliases.length > 0) items = items.map((item, i) => (aliases[i] ? { ...item, name: aliases[i]! } : item));
    next.set(lower(key), items);
  }
  return next;
}

function named(items: LineageItem[]): ScopeColumn[] {
  return items.map((item, i) => ({ ...item, name: item.name ?? `#${i}` }));
}

function renamed(columns: ScopeColumn[] | null, aliases: string[] | undefined): ScopeColumn[] | null {
  if (!columns || !aliases || aliases.length === 0) return columns;
  return columns.map((column, i) => (aliases[i] ? { ...column, name: aliases[i]! } : column));
}

function fromRelations(ref: Json | null | undefined, tables: TableColumns, env: CteEnv, outer: Scope | null): ScopeRelation[] {
  if (!ref) return [];
  const aliases = ref.column_name_alias as string[] | undefined;
  switch (ref.type) {
    case 'EMPTY':
      return [];
    case 'BASE_TABLE': {
      const name = String(ref.table_name);
      const alias = String(ref.alias || name);
      if (!ref.schema_name && env.has(lower(name))) {
        const items = env.get(lower(name))!;
        return [{ alias, columns: renamed(items ? named(items) : null, aliases), hidden: new Set() }];
      }
      const table = tables(name);
      const columns = table ? table.columns.map((column) => ({ name: column, sources: [{ node: table.node, column }], direct: true })) : null;
      return [{ alias, columns: renamed(columns, aliases), hidden: new Set() }];
    }
    case 'SUBQUERY': {
      const inner = ((ref.subquery as Json).node as Json) ?? null;
      const items = inner ? nodeLineage(inner, tables, env, outer) : null;
      return [{ alias: String(ref.alias ?? ''), columns: renamed(items ? named(items) : null, aliases), hidden: new Set() }];
    }
    case 'JOIN': {
      const left = fromRelations(ref.left as Json, tables, env, outer);
      const right = fromRelations(ref.right as Json, tables, env, outer);
      const using = ((ref.using_columns as string[] | undefined) ?? []).map(lower);
      for (const key of using) {
        // The key shown once carries both sides (a FULL join coalesces them).
        const rightSources = right.flatMap((r) => r.columns?.filter((c) => lower(c.name) === key).flatMap((c) => c.sources) ?? []);
        for (const relation of left) {
          const column = relation.columns?.find((c) => lower(c.name) === key);
          if (column) column.sources = dedupe([...column.sources, ...rightSources]);
        }
        for (const relation of right) relation.hidden.add(key);
      }
      return [...left, ...right];
    }
    default:
      // Table functions (read_csv, range), PIVOT, VALUES: columns not known from the tree.
      return [{ alias: String(ref.alias ?? ''), columns: null, hidden: new Set() }];
  }
}

/** The columns a reference can mean (several for a USING key seen from both sides), or null. */
function resolveColumn(scope: Scope | null, names: string[], aliases: ScopeColumn[]): ScopeColumn[] | null {
  for (let s = scope, depth = 0; s; s = s.outer, depth++) {
    if (names.length >= 2) {
      const relation = s.relations.find((r) => lower(r.alias) === lower(names[0]!));
      const column = relation?.columns?.find((c) => lower(c.name) === lower(names[1]!));
      if (column) return [column];
    }
    // A bare name, or a struct field access (`col.field`).
    const found = s.relations.flatMap((r) => r.columns?.filter((c) => lower(c.name) === lower(names[0]!) && !r.hidden.has(lower(c.name))) ?? []);
    if (found.length > 0) return found;
    // DuckDB lets a select item use an earlier item's alias.
    if (depth === 0) {
      const alias = aliases.find((a) => lower(a.name) === lower(names[0]!));
      if (alias) return [alias];
    }
  }
  return null;
}

function expressionSources(expression: unknown, scope: Scope, tables: TableColumns, env: CteEnv, aliases: ScopeColumn[]): ColumnSource[] {
  const found: ColumnSource[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Json;
    if (node.class === 'COLUMN_REF') {
      for (const column of resolveColumn(scope, node.column_names as string[], aliases) ?? []) found.push(...column.sources);
      return;
    }
    if (node.class === 'SUBQUERY') {
      const inner = (node.subquery as Json | undefined)?.node as Json | undefined;
      const items = inner ? nodeLineage(inner, tables, env, scope) : null;
      for (const item of items ?? []) found.push(...item.sources);
      walk(node.child);
      return;
    }
    if (node.class === 'STAR') {
      // COLUMNS(*) or * inside an expression (count(*), struct_pack(*)): every visible column.
      for (const relation of scope.relations) for (const column of relation.columns ?? []) found.push(...column.sources);
      return;
    }
    for (const inner of Object.values(node)) walk(inner);
  };
  walk(expression);
  return dedupe(found);
}

function starItems(star: Json, scope: Scope, tables: TableColumns, env: CteEnv, aliases: ScopeColumn[]): LineageItem[] | null {
  const qualifier = star.relation_name ? lower(String(star.relation_name)) : null;
  const relations = qualifier ? scope.relations.filter((r) => lower(r.alias) === qualifier) : scope.relations;
  if (relations.some((r) => r.columns === null)) return null;
  const exclude = new Set([
    ...((star.exclude_list as string[] | undefined) ?? []).map(lower),
    ...((star.qualified_exclude_list as unknown[] | undefined) ?? []).map((q) => lower(keyName(q))),
  ]);
  const replace = new Map(((star.replace_list as { key: string; value: unknown }[] | undefined) ?? []).map((r) => [lower(r.key), r.value]));
  const renames = new Map(((star.rename_list as { key: unknown; value: string }[] | undefined) ?? []).map((r) => [lower(keyName(r.key)), r.value]));
  let pattern: RegExp | null = null;
  if (star.columns === true) {
    const expr = star.expr as Json | null;
    const value = (expr?.value as Json | undefined)?.value;
    if (expr?.class === 'CONSTANT' && typeof value === 'string') {
      try {
        pattern = new RegExp(value);
      } catch {
        pattern = null;
      }
    }
  }
  const items: LineageItem[] = [];
  for (const relation of relations) {
    for (const column of relation.columns!) {
      const key = lower(column.name);
      if (!qualifier && relation.hidden.has(key)) continue;
      if (exclude.has(key) || (pattern && !pattern.test(column.name))) continue;
      const replacement = replace.get(key);
      if (replacement !== undefined) items.push({ name: column.name, sources: expressionSources(replacement, scope, tables, env, aliases), direct: false });
      else items.push({ name: renames.get(key) ?? column.name, sources: column.sources, direct: column.direct });
    }
  }
  return items;
}

/** A column named in EXCLUDE/RENAME: a string, or a qualified name ({table, column}). */
function keyName(key: unknown): string {
  if (typeof key === 'string') return key;
  const qualified = key as { column?: string; column_names?: string[] } | null;
  return qualified?.column ?? qualified?.column_names?.at(-1) ?? '';
}

function selectLineage(node: Json, tables: TableColumns, env: CteEnv, outer: Scope | null): LineageResult {
  const scope: Scope = { relations: fromRelations(node.from_table as Json, tables, env, outer), outer };
  const items: LineageItem[] = [];
  const aliases: ScopeColumn[] = [];
  for (const expression of (node.select_list as Json[] | undefined) ?? []) {
    if (expression.class === 'STAR') {
      const expanded = starItems(expression, scope, tables, env, aliases);
      if (!expanded) return null;
      items.push(...expanded);
      continue;
    }
    const alias = expression.alias ? String(expression.alias) : null;
    const isColumn = expression.class === 'COLUMN_REF';
    const refNames = isColumn ? (expression.column_names as string[]) : [];
    const sources = expressionSources(expression, scope, tables, env, aliases);
    const target = isColumn ? resolveColumn(scope, refNames, aliases) : null;
    const direct = target !== null && target.length === 1 && target[0]!.direct && sources.length === 1;
    const item: LineageItem = { name: alias ?? (isColumn ? refNames.at(-1)! : null), sources, direct };
    items.push(item);
    if (item.name) aliases.push({ ...item, name: item.name });
  }
  return items;
}
