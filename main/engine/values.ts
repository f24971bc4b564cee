import type { JsonValue } from '../../common/contract/api';

/**
 * Converts a DuckDB value to JSON: integers beyond 2^53, decimals, dates,
 * timestamps and other typed values become strings; nested values keep their shape.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
    case 'object': {
      const v = value as { items?: unknown[]; entries?: unknown; constructor?: { name?: string } };
      const kind = v.constructor?.name;
      if ((kind === 'DuckDBListValue' || kind === 'DuckDBArrayValue') && Array.isArray(v.items)) return v.items.map(toJsonValue);
      if (kind === 'DuckDBStructValue' && v.entries && typeof v.entries === 'object') {
        const out: Record<string, JsonValue> = {};
        for (const [key, inner] of Object.entries(v.entries as Record<string, unknown>)) out[key] = toJsonValue(inner);
        return out;
      }
      if (kind === 'DuckDBMapValue' && Array.isArray(v.entries)) {
        return (v.entries as { key: unknown; value: unknown }[]).map((e) => ({ key: toJsonValue(e.key), value: toJsonValue(e.value) }));
      }
      return String(value);
    }
    default:
      return String(value);
  }
}
