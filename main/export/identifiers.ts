// Node and pipeline names are free text; exported code needs names that are valid
// Python identifiers, Airflow task ids, Dagster asset names, dbt model names and
// file names all at once: lower-case ASCII letters, digits and underscores.

const PYTHON_KEYWORDS = [
  'false', 'none', 'true', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type',
];

// Names the generated modules import or define themselves; a node called "runtime"
// must not shadow the runtime module in the DAG file.
const GENERATED_NAMES = [
  'annotations', 'argparse', 'asset', 'context', 'dag', 'definitions', 'defs', 'dg', 'flow', 'json', 'main', 'os',
  'param', 'path', 'pipeline', 'run', 'runtime', 'settings', 'sluice', 'sys', 'task', 'tasks', 'wait',
];

const RESERVED = new Set([...PYTHON_KEYWORDS, ...GENERATED_NAMES]);
const MAX_LENGTH = 60;

/** `Delays by State (2001)` → `delays_by_state_2001`. */
export function safeIdentifier(name: string): string {
  let id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '_')
    .replace(/^_+|_+$/gu, '')
    .slice(0, MAX_LENGTH)
    .replace(/_+$/u, '');
  if (id === '') id = 'node';
  if (/^[0-9]/u.test(id)) id = `n_${id}`;
  if (RESERVED.has(id)) id = `${id}_node`;
  return id;
}

/** One distinct identifier per name, in order; collisions get `_2`, `_3`, … */
export function assignIdentifiers(names: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const ids = new Map<string, string>();
  for (const name of names) {
    const base = safeIdentifier(name);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    ids.set(name, id);
  }
  return ids;
}
