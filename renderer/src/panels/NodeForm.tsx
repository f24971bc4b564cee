import { useEffect, useMemo, useRef, useState } from 'react';
import { inferFileFormat, inferSinkFormat, type PipelineNode } from '../../../common/pipeline/model';
import { useDocumentStore, type DocumentState } from '../state/document-store';
import { FieldRow, FormContext, type FormContextValue } from './FieldEditor';
import { changedFields, downstreamOf, nodeFormModel, setAtPath, validateNode } from './form-model';
import './node-form.css';

const selectNodes = (state: DocumentState) => state.pipeline?.nodes;

/**
 * The settings of any node type, generated from its schema. Edits are checked as
 * they are typed; only a node the schema accepts goes into the document store
 * (one undo step per field per typing pause), so an invalid value never reaches
 * the canvas, a run or a save, and stays on screen with its message until fixed.
 */
export function NodeForm({ node }: { node: PipelineNode }) {
  const nodes = useDocumentStore(selectNodes);
  const model = nodeFormModel(node.type);
  const [draft, setDraftState] = useState<PipelineNode>(node);
  const draftRef = useRef(node);
  const stored = useRef(node);
  const setDraft = (next: PipelineNode) => {
    draftRef.current = next;
    setDraftState(next);
  };

  // The store changed under the form (undo, rename, the SQL editor): take it, keeping unsaved invalid edits.
  useEffect(() => {
    const previous = stored.current;
    stored.current = node;
    if (previous === node) return;
    let next: unknown = node;
    for (const [key, value] of Object.entries(changedFields(previous, draftRef.current))) next = setAtPath(next, [key], value);
    setDraft(next as PipelineNode);
  }, [node]);

  const errors = useMemo(() => validateNode(draft), [draft]);
  const inputChoices = useMemo(() => {
    const excluded = downstreamOf(nodes ?? [], node.name);
    excluded.add(node.name);
    return (nodes ?? []).map((n) => n.name).filter((name) => !excluded.has(name));
  }, [nodes, node.name]);

  const path = (draft as { path?: unknown }).path;
  const defaults = useMemo(() => {
    const labels = new Map<string, string>();
    if (typeof path === 'string' && (node.type === 'source.file' || node.type === 'sink.file')) {
      const format = node.type === 'source.file' ? inferFileFormat(path) : inferSinkFormat(path);
      labels.set('format', format ? `From extension (${format})` : 'From extension');
    }
    return labels;
  }, [path, node.type]);

  const context = useMemo<FormContextValue>(
    () => ({
      errors,
      inputChoices,
      defaults,
      change: (path, value) => {
        const next = setAtPath(draftRef.current, path, value) as PipelineNode;
        setDraft(next);
        if (validateNode(next).size > 0) return;
        const patch = changedFields(stored.current, next);
        if (Object.keys(patch).length > 0) useDocumentStore.getState().updateNode(node.name, patch);
      },
    }),

    [errors, inputChoices, defaults, node.name],
  );

  if (!model) return null;
  const fields = model.fields.filter((field) => field.model.kind !== 'sql');
  const whole = errors.get('');
  return (
    <FormContext.Provider value={context}>
      <form className="node-form" data-testid="node-form" aria-label={`Settings of ${node.name}`} onSubmit={(event) => event.preventDefault()}>
        {whole && (
          <div className="node-form__error node-form__error--whole" role="alert" data-testid="field--error">
            {whole}
          </div>
        )}
        {fields.map((field) => (
          <FieldRow key={field.key} field={field} path={[field.key]} value={(draft as Record<string, unknown>)[field.key]} />
        ))}
      </form>
    </FormContext.Provider>
  );
}
