import type { CheckNode } from '../pipeline/model';
import type { ColumnProfile, Profile } from './profile-schema';

/** A check node the profile suggests, ready to add to the pipeline as it is. */
export interface CheckSuggestion {
  /** Stable within one profile: `not_null`, `unique:<column>`, `accepted_values:<column>`, `row_count`. */
  id: string;
  /** One sentence saying what in the profile suggests it. */
  reason: string;
  /** Approximate when the numbers behind it are (a sample, an approximate distinct count); the check itself is exact. */
  confidence: 'exact' | 'approximate';
  node: CheckNode;
}

export interface SuggestOptions {
  /** The node the checks read (the profiled node, or the source node of a profiled file). */
  input: string;
  /** Names already in the pipeline: suggested names avoid them. */
  takenNames?: Iterable<string>;
  /** Accepted values are suggested up to this many distinct values. */
  maxAcceptedValues?: number;
  /** The row count range is the profiled count times these. */
  rowCountRange?: [number, number];
}

const ACCEPTED_KINDS = new Set(['string', 'boolean', 'numeric']);

/**
 * Check nodes a profile suggests: not_null for columns without NULLs,
 * unique for key candidates, accepted_values for low-cardinality columns,
 * and a row_count range around the profiled count. Pure data; the caller adds
 * the chosen ones to the pipeline.
 */
export function suggestChecks(profile: Profile, options: SuggestOptions): CheckSuggestion[] {
  const taken = new Set(options.takenNames ?? []);
  const name = (base: string) => {
    let candidate = base.slice(0, 120);
    for (let i = 2; taken.has(candidate); i++) candidate = `${base.slice(0, 115)}_${i}`;
    taken.add(candidate);
    return candidate;
  };
  const sampled = profile.stage !== 'full';
  const confidence = (exact: boolean) => (exact && !sampled ? 'exact' : 'approximate');
  // A fresh array per node: shared arrays become YAML aliases when written out.
  const inputs = () => [options.input];
  const out: CheckSuggestion[] = [];
  if (profile.stage === 'metadata') return out;

  const notNull = profile.columns.filter((c) => c.nullCount === 0 && (c.count ?? 0) > 0);
  if (notNull.length > 0) {
    out.push({
      id: 'not_null',
      reason: `${notNull.length === 1 ? `${notNull[0]!.name} has` : `${notNull.length} columns have`} no NULLs${sampled ? ' in the sample' : ''}`,
      confidence: confidence(notNull.every((c) => c.exact.nullCount)),
      node: { type: 'check.not_null', name: name(`${options.input}_not_null`), inputs: inputs(), columns: notNull.map((c) => c.name) },
    });
  }

  for (const column of profile.columns) {
    const alert = column.alerts.find((a) => a.kind === 'unique_key_candidate');
    if (!alert) continue;
    out.push({
      id: `unique:${column.name}`,
      reason: `${column.name} has ${alert.exact ? '' : 'about '}one distinct value per row`,
      confidence: confidence(alert.exact),
      node: { type: 'check.unique', name: name(`${options.input}_unique_${column.name}`), inputs: inputs(), columns: [column.name] },
    });
  }

  const maxValues = options.maxAcceptedValues ?? 20;
  for (const column of profile.columns) {
    const values = acceptedValues(column, maxValues);
    if (!values) continue;
    out.push({
      id: `accepted_values:${column.name}`,
      reason: `${column.name} takes ${values.length} value${values.length === 1 ? '' : 's'}${sampled ? ' in the sample' : ''}`,
      confidence: confidence(column.exact.topValues === true),
      node: { type: 'check.accepted_values', name: name(`${options.input}_accepted_${column.name}`), inputs: inputs(), column: column.name, values },
    });
  }

  if (profile.rowCount !== null && profile.rowCount > 0) {
    const [low, high] = options.rowCountRange ?? [0.8, 1.2];
    const min = Math.max(1, Math.floor(profile.rowCount * low));
    const max = Math.max(min, Math.ceil(profile.rowCount * high));
    out.push({
      id: 'row_count',
      reason: `${profile.rowCountExact ? '' : 'about '}${profile.rowCount.toLocaleString('en-US')} rows now; the range allows ${Math.round((1 - low) * 100)}% fewer to ${Math.round((high - 1) * 100)}% more`,
      confidence: confidence(profile.rowCountExact),
      node: { type: 'check.row_count', name: name(`${options.input}_row_count`), inputs: inputs(), min, max },
    });
  }
  return out;
}

/** Every value of a low-cardinality column, when the profile lists them all and each repeats. */
function acceptedValues(column: ColumnProfile, maxValues: number): (string | number | boolean)[] | null {
  if (!ACCEPTED_KINDS.has(column.kind) || column.topValuesComplete !== true || !column.topValues) return null;
  if (column.kind === 'numeric' && !/INT/i.test(column.type)) return null;
  const values = column.topValues.map((v) => v.value).filter((v): v is string | number | boolean => v !== null);
  const count = column.count ?? 0;
  // A column whose values mostly occur once is an identifier, not a set of categories.
  if (values.length === 0 || values.length > maxValues || count < values.length * 5) return null;
  return [...values].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}
