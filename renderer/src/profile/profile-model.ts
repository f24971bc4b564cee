import type { NodePosition, Pipeline, PipelineNode } from '../../../common/pipeline/model';
import { upstreamClosure } from '../../../common/pipeline/graph';
import type { ColumnProfile, Profile, ProfileStage } from '../../../common/profile/profile-schema';
import type { CheckSuggestion } from '../../../common/profile/suggest-checks';
import { formatCount } from './profile-format';
import type { NodeProfileEntry } from './profile-store';

/** Pure pieces of the profile tab: merging requests, stage labels, which checks exist already. */

const STAGE_ORDER: Record<ProfileStage, number> = { metadata: 0, sample: 1, full: 2 };
export const STAGES = ['metadata', 'sample', 'full'] as const;

/** Tables wider than this are profiled in two requests: the visible columns first, then the rest. */
export const WIDE_TABLE_COLUMNS = 40;
/** The first request of a wide table covers at least this many columns, even when fewer are on screen. */
export const FIRST_CHUNK_MIN = 12;

/** The node and everything it reads, as text: when it changes, the node's profile is stale. */
export function nodeSignature(pipeline: Pipeline, node: string): string {
  return JSON.stringify(upstreamClosure(pipeline, node).map(({ description: _description, ...rest }) => rest));
}

/**
 * Which columns each request profiles (null: all). A narrow table: one request.
 * A wide one: the visible columns first, then the whole table, whose profile
 * the cache keeps as the table's (so the next visit is one cache hit).
 */
export function planChunks(names: readonly string[], visible: readonly string[]): (string[] | null)[] {
  if (names.length <= WIDE_TABLE_COLUMNS) return [null];
  const known = new Set(names);
  const first = [...new Set(visible.filter((name) => known.has(name)))];
  // Fill up from the first columns (the top of the list) when few are on screen.
  for (const name of names) {
    if (first.length >= FIRST_CHUNK_MIN) break;
    if (!first.includes(name)) first.push(name);
  }
  return [first, null];
}

export interface MergedProfile {
  profile: Profile;
  /** Columns known only from the metadata, whose statistics are still coming. */
  pending: string[];
}

/**
 * One profile out of the requests of a wide table (or the single one of a
 * narrow one): columns in the table's order, each from the most advanced
 * request that has it; the stage is the least advanced of the requests past
 * their metadata, and columns known only from metadata are `pending`.
 */
export function mergeProfiles(parts: readonly Profile[], metadata: Profile | null, order: readonly string[] | null): MergedProfile | null {
  const real = parts.filter((p) => p.stage !== 'metadata');
  const fallback = new Map<string, ColumnProfile>();
  for (const source of [metadata, ...parts.filter((p) => p.stage === 'metadata')]) for (const column of source?.columns ?? []) if (!fallback.has(column.name)) fallback.set(column.name, column);
  if (real.length === 0) {
    const base = metadata ?? parts[0];
    if (!base) return null;
    const columns = (order ?? [...fallback.keys()]).flatMap((name) => fallback.get(name) ?? []);
    return { profile: { ...base, stage: 'metadata', columns, omittedColumns: Math.max(0, (order?.length ?? columns.length) - columns.length) }, pending: columns.map((c) => c.name) };
  }
  const leastAdvanced = real.reduce((a, b) => (STAGE_ORDER[b.stage] < STAGE_ORDER[a.stage] ? b : a));
  const mostAdvanced = real.reduce((a, b) => (STAGE_ORDER[b.stage] >= STAGE_ORDER[a.stage] ? b : a));
  const best = new Map<string, { column: ColumnProfile; stage: number }>();
  for (const part of real) {
    for (const column of part.columns) {
      const held = best.get(column.name);
      if (!held || STAGE_ORDER[part.stage] >= held.stage) best.set(column.name, { column, stage: STAGE_ORDER[part.stage] });
    }
  }
  const names = order ?? [...new Set([...real.flatMap((p) => p.columns.map((c) => c.name)), ...fallback.keys()])];
  const pending: string[] = [];
  const columns: ColumnProfile[] = [];
  for (const name of names) {
    const column = best.get(name)?.column ?? fallback.get(name);
    if (!column) continue;
    if (!best.has(name)) pending.push(name);
    columns.push(column);
  }
  const profiled = columns.length - pending.length;
  return {
    profile: {
      ...mostAdvanced,
      stage: leastAdvanced.stage,
      sample: leastAdvanced.stage === 'sample' ? leastAdvanced.sample : mostAdvanced.sample,
      columns,
      omittedColumns: Math.max(0, (order?.length ?? columns.length) - profiled),
      durationMs: real.reduce((sum, p) => sum + p.durationMs, 0),
    },
    pending,
  };
}

/** "metadata", "sample, 10,000 rows", "full". */
export function stageLabel(profile: Pick<Profile, 'stage' | 'sample'>): string {
  if (profile.stage === 'sample') return profile.sample ? `sample, ${formatCount(profile.sample.rows)} rows` : 'sample';
  return profile.stage;
}

export function stageIndex(stage: ProfileStage | null): number {
  return stage === null ? -1 : STAGE_ORDER[stage];
}

export function alertCount(profile: Profile | null): number {
  return profile ? profile.columns.reduce((sum, c) => sum + c.alerts.length, 0) : 0;
}

/** A node's settings without its name, to recognize a suggested check that was added already (under any name). */
function checkShape(node: PipelineNode): string {
  const { name: _name, description: _description, ...rest } = node as PipelineNode & { description?: string };
  return JSON.stringify(rest, Object.keys(rest).sort());
}

/** The names of existing nodes that do what each suggestion does (keyed by suggestion id). */
export function existingChecks(suggestions: readonly CheckSuggestion[], pipeline: Pipeline): Map<string, string> {
  const byShape = new Map(pipeline.nodes.map((node) => [checkShape(node), node.name]));
  const found = new Map<string, string>();
  for (const suggestion of suggestions) {
    const name = byShape.get(checkShape(suggestion.node));
    if (name !== undefined) found.set(suggestion.id, name);
  }
  return found;
}

const CHECK_OFFSET_X = 280;
const CHECK_STEP_Y = 90;

/** Right of the profiled node, below the checks already there, so added checks do not pile up. */
export function checkPosition(pipeline: Pipeline, profiled: string): NodePosition {
  const origin = pipeline.layout?.[profiled] ?? { x: 0, y: 0 };
  const x = origin.x + CHECK_OFFSET_X;
  const taken = Object.values(pipeline.layout ?? {}).filter((p) => Math.abs(p.x - x) < 140);
  let y = origin.y;
  while (taken.some((p) => Math.abs(p.y - y) < CHECK_STEP_Y * 0.8)) y += CHECK_STEP_Y;
  return { x, y };
}

export type StepState = 'done' | 'running' | 'waiting' | 'cancelled' | 'failed';

/** Each stage's state: done up to the stage that arrived, the next one running (or stopped), the rest waiting. */
export function stageSteps(entry: Pick<NodeProfileEntry, 'status' | 'profile' | 'pendingColumns'> | undefined): Record<(typeof STAGES)[number], StepState> {
  const reached = stageIndex(entry?.profile?.stage ?? null);
  // A wide table's later request still owes the full stage of some columns.
  const owesFull = (entry?.pendingColumns.length ?? 0) > 0;
  const next: StepState = entry?.status === 'loading' ? 'running' : entry?.status === 'cancelled' ? 'cancelled' : entry?.status === 'error' ? 'failed' : 'waiting';
  const result = {} as Record<(typeof STAGES)[number], StepState>;
  let first = true;
  STAGES.forEach((stage, index) => {
    if (entry?.status === 'ready' || index < reached || (index === reached && !(owesFull && stage === 'full'))) result[stage] = 'done';
    else {
      result[stage] = first ? next : 'waiting';
      first = false;
    }
  });
  return result;
}

