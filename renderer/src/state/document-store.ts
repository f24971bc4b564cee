import { create } from 'zustand';
import type { NodePosition, Pipeline, PipelineNode } from '../../../common/pipeline/model';

/**
 * The document: the open pipeline as it will be saved. It lives as long as the
 * file is open and is the only store whose content is persisted.
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
  load(path: string, pipeline: Pipeline): void;
  close(): void;
  updateNode(name: string, patch: NodePatch): void;
  setNodePositions(positions: Record<string, NodePosition>): void;
  /** Appends nodes (names must be new; the caller picks free names) and places them. */
  addNodes(nodes: readonly PipelineNode[], positions?: Record<string, NodePosition>): void;
  /** Called when `pipeline` has been written; edits made while saving keep the document dirty. */
  markSaved(pipeline: Pipeline): void;
}

/** The fields the side panel may edit, whatever the node type. */
export type NodePatch = Partial<{ sql: string; path: string; format: string | undefined; description: string | undefined }>;

export const useDocumentStore = create<DocumentState>()((set) => ({
  path: null,
  pipeline: null,
  savedPipeline: null,
  dirty: false,
  generation: 0,
  load: (path, pipeline) => set((state) => ({ path, pipeline, savedPipeline: pipeline, dirty: false, generation: state.generation + 1 })),
  close: () => set((state) => ({ path: null, pipeline: null, savedPipeline: null, dirty: false, generation: state.generation + 1 })),
  updateNode: (name, patch) =>
    set((state) => {
      if (!state.pipeline) return state;
      let changed = false;
      const nodes = state.pipeline.nodes.map((node) => {
        if (node.name !== name) return node;
        const next = applyPatch(node, patch);
        changed = next !== node;
        return next;
      });
      if (!changed) return state;
      const pipeline = { ...state.pipeline, nodes };
      return { pipeline, dirty: pipeline !== state.savedPipeline };
    }),
  setNodePositions: (positions) =>
    set((state) => {
      if (!state.pipeline) return state;
      const layout = { ...state.pipeline.layout };
      let changed = false;
      for (const [name, position] of Object.entries(positions)) {
        const rounded = { x: Math.round(position.x), y: Math.round(position.y) };
        const before = layout[name];
        if (before && before.x === rounded.x && before.y === rounded.y) continue;
        layout[name] = rounded;
        changed = true;
      }
      if (!changed) return state;
      return { pipeline: { ...state.pipeline, layout }, dirty: true };
    }),
  addNodes: (added, positions = {}) =>
    set((state) => {
      if (!state.pipeline || added.length === 0) return state;
      const taken = new Set(state.pipeline.nodes.map((node) => node.name));
      for (const node of added) {
        if (taken.has(node.name)) throw new Error(`a node named "${node.name}" already exists`);
        taken.add(node.name);
      }
      const layout = { ...state.pipeline.layout };
      for (const [name, position] of Object.entries(positions)) layout[name] = { x: Math.round(position.x), y: Math.round(position.y) };
      return { pipeline: { ...state.pipeline, nodes: [...state.pipeline.nodes, ...added], layout }, dirty: true };
    }),
  markSaved: (pipeline) => set((state) => ({ savedPipeline: pipeline, dirty: state.pipeline !== pipeline })),
}));

function applyPatch(node: PipelineNode, patch: NodePatch): PipelineNode {
  const next: Record<string, unknown> = { ...node };
  let changed = false;
  for (const [key, value] of Object.entries(patch)) {
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
