import fc from 'fast-check';

/** Strings an attacker or a broken renderer would send: traversal, injection, encodings, control bytes, size. */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '.',
  '..',
  '../../etc/passwd',
  '../../../../../../etc/shadow.sluice.yaml',
  '..\\..\\windows\\system32\\config.sluice.yaml',
  '/etc/passwd',
  '/tmp/evil.sluice.yaml',
  'C:\\Windows\\evil.sluice.yaml',
  '\\\\?\\C:\\evil.sluice.yaml',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd.sluice.yaml',
  'a/../../b.sluice.yaml',
  'x.sluice.yaml\u0000.png',
  '\u0000',
  '\u202eevil.sluice.yaml',
  '\ufeffname',
  'é\u0301',
  '🦆.sluice.yaml',
  "'; DROP TABLE runs; --",
  '"; DROP TABLE runs; --',
  '" OR 1=1 --',
  "') ; ATTACH '/tmp/x.db' AS x; --",
  'select',
  'FROM',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '$(touch /tmp/pwned)',
  '`rm -rf /`',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '\r\nX-Injected: 1',
  'a'.repeat(129),
  'a'.repeat(5000),
  'x'.repeat(1024 * 1024),
  // Probes for regexes that backtrack quadratically (a long run, then something else).
  `${' \n'.repeat(50_000)}x`,
  `${'a'.repeat(50_000)}!`,
  `${'-'.repeat(50_000)}\u0000`,
];

export const hostileNumbers: readonly number[] = [NaN, Infinity, -Infinity, -0, -1, 0, 0.5, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 100_001, 4294967296];

export function deepArray(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

export function deepObject(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** A value of the wrong kind or shape for any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.constantFrom(...hostileNumbers),
  fc.constantFrom<unknown>(null, undefined, true, false, [], {}, [null], { __proto__: { polluted: true } }, Object.create(null)),
  fc.constantFrom(deepArray(50), deepArray(5_000), deepObject(5_000)),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme-composite' }),
  fc.anything({ maxDepth: 3 }),
);

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = [], depth = 0): Path[] {
  out.push(prefix);
  if (depth > 6 || value === null || typeof value !== 'object') return out;
  for (const [key, inner] of Object.entries(value)) paths(inner, [...prefix, Array.isArray(value) ? Number(key) : key], out, depth + 1);
  return out;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(root) as Record<string | number, unknown>;
  let cursor = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  cursor[path[path.length - 1]!] = value;
  return copy;
}

function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const copy = clone(root) as Record<string | number, unknown>;
  let cursor = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (Array.isArray(cursor)) cursor.splice(Number(last), 1);
  else delete cursor[last];
  return copy;
}

/** Adversarial payloads built from a valid one: a field replaced, removed, or an unknown field added, one to three times. */
export function mutationsOf(valid: unknown): fc.Arbitrary<unknown> {
  const all = paths(valid);
  const inner = all.filter((p) => p.length > 0);
  const kinds: fc.Arbitrary<{ kind: 'replace'; path: Path; value: unknown } | { kind: 'delete'; path: Path } | { kind: 'add'; key: string; value: unknown }>[] = [
    fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...all), value: hostileValue }),
    fc.record({ kind: fc.constant('add' as const), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'extra', 'then', 'toJSON'), fc.string()), value: hostileValue }),
  ];
  // An empty payload has nothing to delete (a filter that never passes would spin forever).
  if (inner.length > 0) kinds.push(fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...inner) }));
  const mutation = fc.oneof(...kinds);
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((steps) => {
    let payload: unknown = valid;
    for (const step of steps) {
      try {
        if (step.kind === 'replace') payload = setAt(payload, step.path, step.value);
        else if (step.kind === 'delete') payload = deleteAt(payload, step.path);
        else if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
          payload = clone(payload);
          Object.defineProperty(payload, step.key, { value: step.value, enumerable: true, configurable: true, writable: true });
        }
      } catch {
        // A previous step replaced the parent with a primitive; keep the payload as it is.
      }
    }
    return payload;
  });
}

/** Payloads that keep a valid shape but carry hostile text in one or two string fields: these reach the handlers. */
export function stringMutationsOf(valid: unknown): fc.Arbitrary<unknown> {
  const strings = paths(valid).filter((p) => p.length > 0 && typeof p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], valid) === 'string');
  if (strings.length === 0) return fc.constant(valid);
  const text = fc.oneof(fc.constantFrom(...hostileStrings), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 50 }));
  return fc.array(fc.record({ path: fc.constantFrom(...strings), value: text }), { minLength: 1, maxLength: 2 }).map((steps) => {
    let payload = valid;
    for (const step of steps) payload = setAt(payload, step.path, step.value);
    return payload;
  });
}
