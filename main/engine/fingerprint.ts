import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';

/** Bump when the cache layout or what a fingerprint covers changes: old entries then simply miss. */
export const CACHE_FORMAT_VERSION = 1;

/** Files up to this size are also hashed by content, so an edit within the same mtime tick is seen. */
export const CONTENT_HASH_MAX_BYTES = 1024 * 1024;

export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
  sha256?: string;
  missing?: true;
  /** A named pipe, socket or device: reading one can block forever, past any interrupt. */
  special?: true;
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Memo of parse trees and content hashes, kept by the engine across requests. */
export class FingerprintMemo {
  private readonly trees = new Map<string, string>();
  private readonly contents = new Map<string, string>();
  private readonly compiled = new Map<string, unknown>();

  constructor(private readonly maxEntries = 2000) {}

  tree(sql: string): string | undefined {
    return this.trees.get(sql);
  }

  setTree(sql: string, tree: string): void {
    if (this.trees.size >= this.maxEntries) this.trees.delete(this.trees.keys().next().value!);
    this.trees.set(sql, tree);
  }

  /** What compiling a node gave last time, keyed by the node's settings and the folder it resolves against. */
  compiledFor<T>(key: string, make: () => T): T {
    if (this.compiled.has(key)) return this.compiled.get(key) as T;
    const value = make();
    if (this.compiled.size >= this.maxEntries) this.compiled.delete(this.compiled.keys().next().value!);
    this.compiled.set(key, value);
    return value;
  }

  content(key: string): string | undefined {
    return this.contents.get(key);
  }

  setContent(key: string, hash: string): void {
    if (this.contents.size >= this.maxEntries) this.contents.delete(this.contents.keys().next().value!);
    this.contents.set(key, hash);
  }
}

function dropLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropLocations);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (key !== 'query_location') out[key] = dropLocations(inner);
    }
    return out;
  }
  return value;
}

/**
 * The SQL as DuckDB parses it (json_serialize_sql without source positions),
 * so whitespace, comments and keyword case do not change a fingerprint.
 * Statements DuckDB cannot serialize (PIVOT, syntax errors) fall back to the
 * text with runs of whitespace collapsed. Returns the hash of that form.
 */
export async function normalizedSql(connection: DuckDBConnection, sql: string, memo: FingerprintMemo): Promise<string> {
  const known = memo.tree(sql);
  if (known !== undefined) return known;
  let tree: string;
  try {
    const result = await connection.runAndReadAll('SELECT json_serialize_sql(CAST($1 AS VARCHAR))', [sql]);
    const parsed = JSON.parse(String(result.getColumns()[0]?.[0] ?? '{}')) as { error?: boolean };
    tree = parsed.error ? `text:${sql.trim().replace(/\s+/g, ' ')}` : `tree:${JSON.stringify(dropLocations(parsed))}`;
  } catch {
    tree = `text:${sql.trim().replace(/\s+/g, ' ')}`;
  }
  // Only the tree's hash is kept: fingerprints stay small and cheap to hash again.
  const digest = sha256(tree);
  memo.setTree(sql, digest);
  return digest;
}

async function stampFile(file: string, memo: FingerprintMemo): Promise<FileStamp> {
  try {
    const info = await stat(file);
    if (!info.isFile() && !info.isDirectory()) return { path: file, size: 0, mtimeMs: 0, special: true };
    if (info.isFile() && info.size <= CONTENT_HASH_MAX_BYTES) {
      // ctime too: it changes on every write, and unlike mtime nobody can set it back.
      const key = `${file}\u0000${info.size}\u0000${info.mtimeMs}\u0000${info.ctimeMs}`;
      let hash = memo.content(key);
      if (hash === undefined) {
        hash = sha256(await readFile(file));
        memo.setContent(key, hash);
      }
      // The content decides: a touched but unchanged file (git checkout) keeps its results.
      return { path: file, size: info.size, mtimeMs: 0, sha256: hash };
    }
    return { path: file, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return { path: file, size: 0, mtimeMs: 0, missing: true };
  }
}

/** Path, size and mtime (and content hash of small files) of a file or of every file a glob matches. */
export async function stampFiles(connection: DuckDBConnection, pattern: string, glob: boolean, memo: FingerprintMemo): Promise<FileStamp[]> {
  if (!glob) return [await stampFile(pattern, memo)];
  const result = await connection.runAndReadAll('SELECT file FROM glob($1) ORDER BY file', [pattern]);
  const files = (result.getColumns()[0] ?? []).map(String);
  return Promise.all(files.map((file) => stampFile(file, memo)));
}

export interface FingerprintParts {
  type: string;
  tree: string;
  params: Record<string, string>;
  inputs: string[];
  files: FileStamp[];
  /** Set for nodes whose result changes by itself (current time, random): they never hit the cache. */
  nonce?: string;
  extra?: unknown;
}

export function fingerprintOf(parts: FingerprintParts): string {
  return sha256(JSON.stringify({ v: CACHE_FORMAT_VERSION, ...parts })).slice(0, 40);
}
