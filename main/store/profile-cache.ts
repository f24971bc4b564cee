import type Database from 'better-sqlite3';
import { PROFILE_FORMAT_VERSION, ProfileSchema, type Profile, type ProfileStage, type ProfileTarget } from '../../common/profile/profile-schema';

/** Profiles kept per file or node (the newest); enough to compare before and after a few edits. */
export const PROFILES_PER_TARGET = 10;

/** What else, beside the fingerprint, makes two profiles of the same data differ. */
export interface ProfileVariant {
  exactDistinct: boolean;
  /** Chosen columns, or undefined for all of them. */
  columns?: readonly string[];
}

/** A stable name for a file or node across runs: the cache's history is per target. */
export function targetKey(target: ProfileTarget, projectPath: string | null): string {
  switch (target.kind) {
    case 'file':
      return `file:${projectPath ?? ''}:${target.path}`;
    case 'node':
      return `node:${projectPath ?? ''}:${target.pipelinePath ?? '(unsaved)'}#${target.node}`;
    default:
      return `relation:${target.label}`;
  }
}

function variantKey(variant: ProfileVariant): string {
  return JSON.stringify({ v: PROFILE_FORMAT_VERSION, exact: variant.exactDistinct, columns: variant.columns ?? null });
}

interface Row {
  profile: string;
}

/**
 * Column profiles in SQLite, keyed by the fingerprint of what was profiled
 * (a file's path, size and mtime; a node's engine fingerprint), the stage and
 * the options. Reopening a file or node whose fingerprint is unchanged is a
 * lookup; a changed file has a new fingerprint and is profiled again.
 */
export class ProfileCache {
  constructor(private readonly db: Database.Database) {}

  /** The best cached profile for a request: a full one always serves, a sample one only a sample request. */
  lookup(fingerprint: string, stage: ProfileStage, variant: ProfileVariant): Profile | undefined {
    const stages = stage === 'full' ? ['full'] : stage === 'sample' ? ['full', 'sample'] : ['full', 'sample', 'metadata'];
    const select = this.db.prepare('SELECT profile FROM profile_cache WHERE fingerprint = ? AND stage = ? AND variant = ?');
    for (const candidate of stages) {
      const row = select.get(fingerprint, candidate, variantKey(variant)) as Row | undefined;
      const profile = row ? parse(row.profile) : undefined;
      if (profile) return profile;
    }
    return undefined;
  }

  /** Stores a profile (replacing one of the same key) and drops the target's oldest beyond PROFILES_PER_TARGET. */
  store(profile: Profile, variant: ProfileVariant, projectPath: string | null): void {
    const key = targetKey(profile.target, projectPath);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO profile_cache (fingerprint, stage, variant, target_key, created_at, row_count, profile) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (fingerprint, stage, variant) DO UPDATE SET target_key = excluded.target_key, created_at = excluded.created_at, row_count = excluded.row_count, profile = excluded.profile`,
        )
        .run(profile.fingerprint, profile.stage, variantKey(variant), key, profile.createdAt, profile.rowCount, JSON.stringify(profile));
      this.db
        .prepare(
          `DELETE FROM profile_cache WHERE target_key = ? AND rowid NOT IN (
             SELECT rowid FROM profile_cache WHERE target_key = ? ORDER BY created_at DESC LIMIT ?)`,
        )
        .run(key, key, PROFILES_PER_TARGET);
    })();
  }

  /** A target's profiles, newest first, one per fingerprint (its most complete stage): what "before" and "after" compare. */
  history(target: ProfileTarget, projectPath: string | null, limit = PROFILES_PER_TARGET): Profile[] {
    const rows = this.db.prepare('SELECT profile FROM profile_cache WHERE target_key = ? ORDER BY created_at DESC').all(targetKey(target, projectPath)) as Row[];
    const rank = { full: 0, sample: 1, metadata: 2 } as const;
    const best = new Map<string, Profile>();
    for (const row of rows) {
      const profile = parse(row.profile);
      if (!profile) continue;
      const known = best.get(profile.fingerprint);
      // Insertion order is the newest row of each fingerprint; a better stage replaces the value, not the order.
      if (!known || rank[profile.stage] < rank[known.stage]) best.set(profile.fingerprint, profile);
    }
    return [...best.values()].slice(0, limit);
  }

  clear(): number {
    return this.db.prepare('DELETE FROM profile_cache').run().changes;
  }
}

/** A stored profile, or undefined when it was written by another profile format (it is then recomputed). */
function parse(text: string): Profile | undefined {
  const parsed = ProfileSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}
