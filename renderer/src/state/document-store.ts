import { create } from 'zustand';
import type { NodePosition, Pipeline, PipelineNode } from '../../../common/pipeline/model';
import { applyDiff, diffPipelines, invertDiff, isEmptyDiff, samePipeline, squashDiffs, type PipelineDiff } from './document-diff';
import * as edits from './document-edits';

/**
 * The document: the open pipeline as it will be saved, and its undo history.
 * It lives as long as the file is open and is the only store whose content is
 * persisted. Pipeline tabs swap whole states of this store, so everything that
 * belongs to one document (history included) lives in it.
 */
export interface DocumentState {
  /** Pipeline file, relative to the project folder. */
  path: string | null;
  pipeline: Pipeline | null;
  /** The pipeline object last written to (or read from) disk. */
  savedPipeline: Pipeline | null;
  dirty: boolean;
  /** Bumped whenever another file (or a fresh copy of it) is loaded; editors drop their buffers then. */
  generation: number;
  history: History;
  load(path: string, pipeline: Pipeline): void;
  close(): void;
  /** Typing: successive patches of one field of one node within a pause are one undo step. */
  updateNode(name: string, patch: NodePatch): void;
  /** Replaces a node's settings (the name stays); for editors of fields NodePatch does not cover. */
  replaceNode(name: string, node: PipelineNode): void;
  /** A drag (or a layout) of any number of nodes is one undo step. */
  setNodePositions(positions: Record<string, NodePosition>, label?: string): void;
  /** Appends nodes (names must be new; the caller picks free names) and places them. */
  addNodes(nodes: readonly PipelineNode[], positions?: Record<string, NodePosition>): void;
  /** Removes nodes and every input that read them. */
  removeNodes(names: readonly string[]): void;
  /** Renames a node and the inputs that read it; returns the nodes whose SQL still names the old one. Throws on a bad or taken name. */
  renameNode(from: string, to: string): { sqlMentions: string[] };
  /** Adds `source` to `target`'s inputs; returns why it cannot (a cycle, arity), or null when done. */
  connect(source: string, target: string): string | null;
  disconnect(source: string, target: string): void;
  /** Copies nodes (a duplicate, a paste) under free names, offset from their positions; returns the new names. */
  insertCopies(nodes: readonly PipelineNode[], positions: Record<string, NodePosition>, offset: NodePosition, label: string): string[];
  /** Groups nodes on the canvas (saved in the file's `groups`); returns the group's name. */
  groupNodes(names: readonly string[]): string;
  ungroup(group: string): void;
  setGroupCollapsed(group: string, collapsed: boolean): void;
  /** Ends the current gesture: the next edit starts a new undo step even if it continues the same typing. */
  mark(): void;
  undo(): void;
  redo(): void;
  /** Called when `pipeline` has been written; edits made while saving keep the document dirty. */
  markSaved(pipeline: Pipeline): void;
}

export interface HistoryEntry {
  /** What the step did, for menus ("Undo rename"). */
  label: string;
  /** Applied in order; several only when a step adds or removes nodes more than once. */
  diffs: PipelineDiff[];
  /** Edits with the same key inside one gesture squash into this entry (typing into one field). */
  key: string | null;
  /** Time of the last edit squashed in, for the typing pause. */
  at: number;
  /** A mark (blur, save, another gesture) closed it. */
  sealed: boolean;
}

export interface History {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

/**
 * The fields the side panel may edit: the named ones whatever the node type, and any other
 * field of the node's schema (the node form validates the whole node before it patches).
 */
export type NodePatch = Partial<{ sql: string; path: string; format: string | undefined; description: string | undefined }> & { [field: string]: unknown };

/** Typing that stops for this long ends an undo step. */
export const TYPING_PAUSE_MS = 1000;
const MAX_STEPS = 200;
const EMPTY_HISTORY: History = { undo: [], redo: [] };

interface CommitOptions {
  label: string;
  key?: string;
}

type SetState = (partial: Partial<DocumentState> | ((state: DocumentState) => Partial<DocumentState>)) => void;

export const useDocumentStore = create<DocumentState>()((set, get) => {
  /** Records `next` as an undo step (or squashes it into the open one) and makes it the document. */
  const commit = (state: DocumentState, next: Pipeline, options: CommitOptions): Partial<DocumentState> => {
    if (!state.pipeline || next === state.pipeline) return {};
    const diff = diffPipelines(state.pipeline, next);
    if (isEmptyDiff(diff)) return {};
    const now = Date.now();
    const undo = state.history.undo.slice();
    const top = undo[undo.length - 1];
    const key = options.key ?? null;
    if (top && key !== null && top.key === key && !top.sealed && now - top.at < TYPING_PAUSE_MS) {
      const last = top.diffs[top.diffs.length - 1]!;
      const squashed = squashDiffs(last, diff);
      const diffs = squashed ? [...top.diffs.slice(0, -1), squashed] : [...top.diffs, diff];
      undo[undo.length - 1] = { ...top, diffs, at: now };
    } else {
      if (top && !top.sealed) undo[undo.length - 1] = { ...top, sealed: true };
      undo.push({ label: options.label, diffs: [diff], key, at: now, sealed: key === null });
      if (undo.length > MAX_STEPS) undo.splice(0, undo.length - MAX_STEPS);
    }
    return { pipeline: next, dirty: !samePipeline(next, state.savedPipeline), history: { undo, redo: [] } };
  };

  const edit = (options: CommitOptions, change: (pipeline: Pipeline) => Pipeline) =>
    (set as SetState)((state) => (state.pipeline ? commit(state, change(state.pipeline), options) : {}));

  const step = (direction: 'undo' | 'redo') =>
    (set as SetState)((state) => {
      const from = state.history[direction].slice();
      const entry = from.pop();
      if (!entry || !state.pipeline) return {};
      let pipeline = state.pipeline;
      try {
        if (direction === 'undo') for (const diff of entry.diffs.slice().reverse()) pipeline = applyDiff(pipeline, invertDiff(diff));
        else for (const diff of entry.diffs) pipeline = applyDiff(pipeline, diff);
      } catch (error) {
        // A diff that no longer fits means the history is wrong; dropping it beats corrupting the document.
        console.error(`${direction} failed, history cleared:`, error);
        return { history: EMPTY_HISTORY };
      }
      const to = state.history[direction === 'undo' ? 'redo' : 'undo'].concat({ ...entry, sealed: true });
      const history = direction === 'undo' ? { undo: from, redo: to } : { undo: to, redo: from };
      return { pipeline, dirty: !samePipeline(pipeline, state.savedPipeline), history };
    });

  return {
    path: null,
    pipeline: null,
    savedPipeline: null,
    dirty: false,
    generation: 0,
    history: EMPTY_HISTORY,
    load: (path, pipeline) => set((state) => ({ path, pipeline, savedPipeline: pipeline, dirty: false, generation: state.generation + 1, history: EMPTY_HISTORY })),
    close: () => set((state) => ({ path: null, pipeline: null, savedPipeline: null, dirty: false, generation: state.generation + 1, history: EMPTY_HISTORY })),
    updateNode: (name, patch) => {
      const fields = Object.keys(patch).sort().join(',');
      edit({ label: `edit ${name}`, key: `node:${name}:${fields}` }, (pipeline) => {
        let changed = false;
        const nodes = pipeline.nodes.map((node) => {
          if (node.name !== name) return node;
          const next = applyPatch(node, patch);
          changed = next !== node;
          return next;
        });
        return changed ? { ...pipeline, nodes } : pipeline;
      });
    },
    replaceNode: (name, replacement) =>
      edit({ label: `edit ${name}`, key: `node:${name}:*` }, (pipeline) => ({
        ...pipeline,
        nodes: pipeline.nodes.map((node) => (node.name === name ? ({ ...replacement, name } as PipelineNode) : node)),
      })),
    setNodePositions: (positions, label = 'move') =>
      edit({ label }, (pipeline) => {
        const layout = { ...pipeline.layout };
        let changed = false;
        for (const [name, position] of Object.entries(positions)) {
          const rounded = { x: Math.round(position.x), y: Math.round(position.y) };
          const before = layout[name];
          if (before && before.x === rounded.x && before.y === rounded.y) continue;
          layout[name] = rounded;
          changed = true;
        }
        return changed ? { ...pipeline, layout } : pipeline;
      }),
    addNodes: (added, positions = {}) => {
      if (added.length === 0) return;
      edit({ label: added.length === 1 ? `add ${added[0]!.name}` : `add ${added.length} nodes` }, (pipeline) => {
        const taken = new Set(pipeline.nodes.map((node) => node.name));
        for (const node of added) {
          if (taken.has(node.name)) throw new Error(`a node named "${node.name}" already exists`);
          taken.add(node.name);
        }
        const layout = { ...pipeline.layout };
        for (const [name, position] of Object.entries(positions)) layout[name] = { x: Math.round(position.x), y: Math.round(position.y) };
        return { ...pipeline, nodes: [...pipeline.nodes, ...added], layout };
      });
    },
    removeNodes: (names) => {
      if (names.length === 0) return;
      edit({ label: names.length === 1 ? `delete ${names[0]}` : `delete ${names.length} nodes` }, (pipeline) => edits.removeNodes(pipeline, names));
    },
    renameNode: (from, to) => {
      const pipeline = get().pipeline;
      if (!pipeline) return { sqlMentions: [] };
      const result = edits.renameNode(pipeline, from, to);
      edit({ label: `rename ${from} to ${to}` }, () => result.pipeline);
      return { sqlMentions: result.sqlMentions };
    },
    connect: (source, target) => {
      const pipeline = get().pipeline;
      if (!pipeline) return 'no pipeline is open';
      const problem = edits.connectionProblem(pipeline, source, target);
      if (problem) return problem;
      edit({ label: `connect ${source} to ${target}` }, (current) => edits.connect(current, source, target));
      return null;
    },
    disconnect: (source, target) => edit({ label: `disconnect ${source} from ${target}` }, (pipeline) => edits.disconnect(pipeline, source, target)),
    insertCopies: (nodes, positions, offset, label) => {
      let names: string[] = [];
      edit({ label }, (pipeline) => {
        const result = edits.insertCopies(pipeline, nodes, positions, offset);
        names = result.names;
        return result.pipeline;
      });
      return names;
    },
    groupNodes: (names) => {
      const pipeline = get().pipeline;
      if (!pipeline) return '';
      const result = edits.groupNodes(pipeline, names);
      edit({ label: `group ${names.length} nodes` }, () => result.pipeline);
      return result.group;
    },
    ungroup: (group) => edit({ label: `ungroup ${group}` }, (pipeline) => edits.ungroup(pipeline, group)),
    setGroupCollapsed: (group, collapsed) =>
      edit({ label: `${collapsed ? 'collapse' : 'expand'} ${group}` }, (pipeline) => edits.setGroupCollapsed(pipeline, group, collapsed)),
    mark: () =>
      set((state) => {
        const undo = state.history.undo;
        const top = undo[undo.length - 1];
        if (!top || top.sealed) return {};
        return { history: { ...state.history, undo: [...undo.slice(0, -1), { ...top, sealed: true }] } };
      }),
    undo: () => step('undo'),
    redo: () => step('redo'),
    markSaved: (pipeline) =>
      set((state) => {
        const undo = state.history.undo;
        const top = undo[undo.length - 1];
        // Typing after a save is a new step, so undo can return to exactly what was saved.
        const history = top && !top.sealed ? { ...state.history, undo: [...undo.slice(0, -1), { ...top, sealed: true }] } : state.history;
        return { savedPipeline: pipeline, dirty: !samePipeline(state.pipeline, pipeline), history };
      }),
  };
});

function applyPatch(node: PipelineNode, patch: NodePatch): PipelineNode {
  const next: Record<string, unknown> = { ...node };
  let changed = false;
  for (const [key, value] of Object.entries(patch)) {
    // Names change through renameNode (inputs follow); a type never changes in place.
    if (key === 'name' || key === 'type') continue;
    // A patch only changes fields the node type has.
    if ((key === 'sql' || key === 'path') && typeof next[key] !== 'string') continue;
    if (key === 'format' && typeof next.path !== 'string') continue;
    if (next[key] === value) continue;
    // Optional fields are removed rather than saved as empty values.
    if (value === undefined || (value === '' && (key === 'format' || key === 'description'))) delete next[key];
    else next[key] = value;
    changed = true;
  }
  return changed ? (next as PipelineNode) : node;
}

export const selectPipeline = (state: DocumentState) => state.pipeline;
export const selectDirty = (state: DocumentState) => state.dirty;
export const selectDocumentPath = (state: DocumentState) => state.path;
export const selectCanUndo = (state: DocumentState) => state.history.undo.length > 0;
export const selectCanRedo = (state: DocumentState) => state.history.redo.length > 0;
/** "rename a to b": what Undo would do, for titles and menus. */
export const selectUndoLabel = (state: DocumentState) => state.history.undo[state.history.undo.length - 1]?.label ?? null;
export const selectRedoLabel = (state: DocumentState) => state.history.redo[state.history.redo.length - 1]?.label ?? null;
