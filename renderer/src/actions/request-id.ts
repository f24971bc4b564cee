let counter = 0;

/** Ids the host accepts ([A-Za-z0-9_-]) and that never repeat within a window. */
export function newRequestId(kind: 'preview' | 'run' | 'profile'): string {
  counter += 1;
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  return `${kind}-${Date.now().toString(36)}-${counter.toString(36)}-${random}`;
}
