import { constants, statSync } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Column, JsonValue } from '../../common/contract/api';

/** What a cached check remembers besides its failing rows. */
export interface CachedCheck {
  failingRows: number;
  sample: { columns: Column[]; columnData: JsonValue[][] };
}

export interface CacheEntry {
  fingerprint: string;
  /** Node the result was made for (for people looking into the folder). */
  node: string;
  rows: number;
  columns: Column[];
  bytes: number;
  createdAt: string;
  check?: CachedCheck;
  /** The Parquet file holding the rows. */
  file: string;
}

export const DEFAULT_CACHE_MAX_BYTES = 5 * 1024 ** 3;
const TOUCH_INTERVAL_MS = 60_000;
const STALE_TEMP_MS = 6 * 60 * 60 * 1000;

/** The cache folder of a project: `<project>/.sluice/cache`. */
export function projectCacheDir(projectDir: string): string {
  return path.join(projectDir, '.sluice', 'cache');
}

/**
 * Node results as Parquet files keyed by fingerprint, each with a small JSON
 * sidecar. A result is complete once its sidecar exists: both are written to
 * a temp name and renamed, so a crash leaves no half entry. The sidecar's
 * mtime is its last use, for least-recently-used eviction past the size cap.
 */
export class ResultCache {
  private prepared: Promise<void> | undefined;
  private current: string;
  /** Entries this process has seen, so a hit costs a stat rather than a read and a parse. */
  private readonly known = new Map<string, CacheEntry>();
  private readonly touched = new Map<string, number>();
  /** Bytes in the folder as of the last scan plus what was added since; undefined until scanned. */
  private approxBytes: number | undefined;

  constructor(
    dir: string,
    readonly maxBytes = DEFAULT_CACHE_MAX_BYTES,
  ) {
    this.current = dir;
  }

  /** The folder in use: the project's, or a per-user one when the project folder is read-only. */
  get dir(): string {
    return this.current;
  }

  private ensureDir(): Promise<void> {
    this.prepared ??= (async () => {
      try {
        await mkdir(this.current, { recursive: true });
        await access(this.current, constants.W_OK);
      } catch {
        // A read-only project still runs: its results are cached outside it.
        this.current = path.join(os.tmpdir(), 'sluice-cache', createHash('sha256').update(this.current).digest('hex').slice(0, 16));
        await mkdir(this.current, { recursive: true });
        return;
      }
      // The cache is derived data: keep it out of the user's git.
      const ignore = path.join(path.dirname(this.current), '.gitignore');
      await writeFile(ignore, '*\n', { flag: 'wx' }).catch(() => undefined);
    })();
    return this.prepared;
  }

  fileOf(fingerprint: string): string {
    return path.join(this.current, `${fingerprint}.parquet`);
  }

  private metaOf(fingerprint: string): string {
    return path.join(this.current, `${fingerprint}.json`);
  }

  /** A temp path in the cache folder for a result being written. */
  async tempFile(fingerprint: string): Promise<string> {
    await this.ensureDir();
    return path.join(this.current, `${fingerprint}.parquet.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  }

  /** The entry, marked as just used; undefined when absent or incomplete. */
  async lookup(fingerprint: string, touch = true): Promise<CacheEntry | undefined> {
    await this.ensureDir();
    try {
      let entry = this.known.get(fingerprint);
      // A known entry only needs to still be there: a synchronous stat of a local file is microseconds.
      if (entry) statSync(this.metaOf(fingerprint));
      else {
        const meta = JSON.parse(await readFile(this.metaOf(fingerprint), 'utf8')) as Omit<CacheEntry, 'file'>;
        entry = { ...meta, file: this.fileOf(fingerprint) };
        await stat(entry.file);
        this.known.set(fingerprint, entry);
      }
      if (touch && Date.now() - (this.touched.get(fingerprint) ?? 0) > TOUCH_INTERVAL_MS) {
        // The last-use stamp is for eviction only: nobody waits for it, and once a minute is enough.
        this.touched.set(fingerprint, Date.now());
        const now = new Date();
        utimes(this.metaOf(fingerprint), now, now).catch(() => undefined);
      }
      return entry;
    } catch {
      this.known.delete(fingerprint);
      return undefined;
    }
  }

  /** Moves a finished temp Parquet file into place and writes its sidecar. */
  async commit(tempFile: string, meta: Omit<CacheEntry, 'file' | 'bytes' | 'createdAt'>): Promise<CacheEntry> {
    const file = this.fileOf(meta.fingerprint);
    const bytes = (await stat(tempFile)).size;
    await rename(tempFile, file);
    const entry: Omit<CacheEntry, 'file'> = { ...meta, bytes, createdAt: new Date().toISOString() };
    const tempMeta = `${this.metaOf(meta.fingerprint)}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    await writeFile(tempMeta, JSON.stringify(entry));
    await rename(tempMeta, this.metaOf(meta.fingerprint));
    if (this.approxBytes !== undefined) this.approxBytes += bytes;
    this.known.set(meta.fingerprint, { ...entry, file });
    return { ...entry, file };
  }

  async discard(tempFile: string): Promise<void> {
    await rm(tempFile, { force: true, recursive: true });
  }

  /** Total bytes of complete entries. */
  async size(): Promise<number> {
    return (await this.entries()).reduce((sum, e) => sum + e.bytes, 0);
  }

  private async entries(): Promise<{ fingerprint: string; bytes: number; lastUsed: number }[]> {
    await this.ensureDir();
    let names: string[];
    try {
      names = await readdir(this.current);
    } catch {
      return [];
    }
    const out: { fingerprint: string; bytes: number; lastUsed: number }[] = [];
    for (const name of names) {
      if (name.includes('.tmp-')) {
        // Left by a process that died mid-write; anything this old is not being written any more.
        const info = await stat(path.join(this.current, name)).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(path.join(this.current, name), { force: true, recursive: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const fingerprint = name.slice(0, -'.json'.length);
      try {
        const [meta, data] = await Promise.all([stat(this.metaOf(fingerprint)), stat(this.fileOf(fingerprint))]);
        out.push({ fingerprint, bytes: data.size, lastUsed: meta.mtimeMs });
      } catch {
        // Removed by another process meanwhile.
      }
    }
    return out;
  }

  /**
   * Removes least-recently-used entries until the cache fits its cap; entries
   * in `keep` (the run that just finished) go last and are never removed.
   */
  async evict(keep: ReadonlySet<string> = new Set()): Promise<{ removed: number; bytes: number }> {
    // Scanning the folder is skipped while what this process knows is well under the cap.
    if (this.approxBytes !== undefined && this.approxBytes <= this.maxBytes) return { removed: 0, bytes: 0 };
    const entries = await this.entries();
    let total = entries.reduce((sum, e) => sum + e.bytes, 0);
    let removed = 0;
    let freed = 0;
    const candidates = entries.filter((e) => !keep.has(e.fingerprint)).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const entry of candidates) {
      if (total <= this.maxBytes) break;
      // The sidecar goes first: without it the entry is a miss, never a half read.
      await rm(this.metaOf(entry.fingerprint), { force: true });
      await rm(this.fileOf(entry.fingerprint), { force: true });
      this.known.delete(entry.fingerprint);
      total -= entry.bytes;
      freed += entry.bytes;
      removed++;
    }
    this.approxBytes = total;
    return { removed, bytes: freed };
  }

  async clear(): Promise<void> {
    this.known.clear();
    this.touched.clear();
    this.approxBytes = undefined;
    await rm(this.current, { recursive: true, force: true });
    this.prepared = undefined;
  }
}
