import { pipelineForNode } from '../../../common/pipeline/graph';
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ExportTargetSchema, type ExportTarget } from '../../../common/contract/api';
import { useDocumentStore, type DocumentState } from '../state/document-store';
import { ExportWriteBar } from './ExportWriteBar';
import { exportOptionsFromForm, initialExportForm, primaryFile, TARGET_LABELS, targetUses, type ExportForm } from './export-model';
import { selectExportRequest, useExportDialogStore, type ExportDialogRequest } from './export-store';
import { useGeneratedExport } from './use-generated-export';
import './export-dialog.css';

// Monaco loads on first use, as the SQL editor does (renderer/src/panels/NodePanel.tsx).
const CodeView = lazy(() => import('./CodeView').then((module) => ({ default: module.CodeView })));

const selectPipeline = (state: DocumentState) => state.pipeline;
const selectPath = (state: DocumentState) => state.path;

/** Mounted once by the app; renders while an export is requested. */
export function ExportDialogHost() {
  const request = useExportDialogStore(selectExportRequest);
  return request ? <ExportDialog request={request} /> : null;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function ExportDialog({ request }: { request: ExportDialogRequest }) {
  const whole = useDocumentStore(selectPipeline);
  const path = useDocumentStore(selectPath);
  // "Export up to here": the node and what it reads, nothing downstream or beside it.
  const upTo = request.node && whole?.nodes.some((n) => n.name === request.node) ? request.node : null;
  const pipeline = useMemo(() => (whole && upTo ? pipelineForNode(whole, upTo) : whole), [whole, upTo]);
  const [form, setForm] = useState<ExportForm>(() => initialExportForm(request.target));
  const [selected, setSelected] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const close = () => useExportDialogStore.getState().close();

  const parsed = useMemo(() => exportOptionsFromForm(form), [form]);
  const generation = useGeneratedExport(pipeline, path, form.target, parsed.ok ? parsed.options : null);
  const files = generation.result?.files ?? [];
  const shownPath = selected && files.some((f) => f.path === selected) ? selected : primaryFile(form.target, files.map((f) => f.path));
  const shown = files.find((f) => f.path === shownPath) ?? null;
  const uses = targetUses(form.target);

  // Focus moves into the dialog and back to where it was when the dialog closes.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    dialog.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => previous?.focus?.();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // A modal: the workbench's shortcuts (Run, Save, ...) do not fire behind it.
    event.stopPropagation();
    if (event.key === 'Escape') {
      close();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const set = <K extends keyof ExportForm>(key: K, value: ExportForm[K]) => setForm((previous) => ({ ...previous, [key]: value }));
  const fieldError = (field: keyof ExportForm) =>
    !parsed.ok && parsed.field === field ? (
      <span className="export-dialog__field-error" role="alert" data-testid={`export-error-${field}`}>
        {parsed.message}
      </span>
    ) : null;

  return (
    <div className="modal-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div ref={dialog} className="export-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="export-dialog" onKeyDown={onKeyDown}>
        <header className="export-dialog__header">
          <h2 id={titleId}>
            Export “{pipeline?.name ?? 'pipeline'}”{upTo && <span data-testid="export-up-to"> up to {upTo}</span>}
          </h2>
          <button type="button" className="button button--icon" aria-label="Close the export dialog" data-testid="export-close" onClick={close}>
            ×
          </button>
        </header>
        <div className="export-dialog__options">
          <fieldset className="export-targets" role="radiogroup" aria-label="Export target">
            {ExportTargetSchema.options.map((target: ExportTarget) => (
              <label key={target} className={`export-targets__item${form.target === target ? ' export-targets__item--active' : ''}`}>
                <input
                  type="radio"
                  name="export-target"
                  value={target}
                  checked={form.target === target}
                  data-testid={`export-target-${target}`}
                  {...(form.target === target ? { 'data-autofocus': true } : {})}
                  onChange={() => set('target', target)}
                />
                {TARGET_LABELS[target]}
              </label>
            ))}
          </fieldset>
          <label className="export-field">
            <span className="field__label">Granularity</span>
            <select className="input input--compact" data-testid="export-granularity" value={form.granularity} disabled={!uses.granularity} onChange={(e) => set('granularity', e.target.value as ExportForm['granularity'])}>
              <option value="node">One task per node</option>
              <option value="pipeline">One task for the pipeline</option>
            </select>
          </label>
          <label className="export-field">
            <span className="field__label">Data root</span>
            <input className="input input--compact" data-testid="export-data-root" placeholder="the export folder" value={form.dataRoot} spellCheck={false} onChange={(e) => set('dataRoot', e.target.value)} />
            {fieldError('dataRoot')}
          </label>
          <label className="export-field">
            <span className="field__label">Output root</span>
            <input className="input input--compact" data-testid="export-output-root" placeholder="the data root" value={form.outputRoot} spellCheck={false} onChange={(e) => set('outputRoot', e.target.value)} />
            {fieldError('outputRoot')}
          </label>
          <label className="export-field">
            <span className="field__label">Work root</span>
            <input className="input input--compact" data-testid="export-work-root" placeholder=".sluice-work" value={form.workRoot} spellCheck={false} onChange={(e) => set('workRoot', e.target.value)} />
            {fieldError('workRoot')}
          </label>
          <label className="export-field export-field--narrow">
            <span className="field__label">Retries</span>
            <input className="input input--compact" data-testid="export-retries" inputMode="numeric" placeholder="0" value={form.retries} disabled={!uses.retries} onChange={(e) => set('retries', e.target.value)} />
            {fieldError('retries')}
          </label>
        </div>
        {generation.result && generation.result.warnings.length > 0 && (
          <ul className="export-dialog__warnings" data-testid="export-warnings" aria-label="Warnings">
            {generation.result.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        )}
        <div className="export-dialog__body" data-testid="export-files-state" data-state={generation.status} data-target={generation.result?.target ?? ''}>
          <nav className="export-files" aria-label="Generated files">
            <ul role="listbox" aria-label="Generated files" data-testid="export-files">
              {files.map((file) => (
                <li key={file.path} role="option" aria-selected={file.path === shownPath}>
                  <button type="button" className={`export-files__item${file.path === shownPath ? ' export-files__item--active' : ''}`} title={file.path} onClick={() => setSelected(file.path)}>
                    <FileLabel path={file.path} />
                  </button>
                </li>
              ))}
            </ul>
            {generation.status === 'loading' && (
              <div className="export-files__loading">
                <span className="spinner" aria-hidden="true" /> Generating…
              </div>
            )}
          </nav>
          <div className="export-dialog__code">
            {generation.error ? (
              <div className="error-box" role="alert" data-testid="export-generate-error">
                <div className="error-box__title">{generation.error.node ? `Node "${generation.error.node}" cannot be exported` : 'The export could not be generated'}</div>
                <pre className="error-box__message">{generation.error.message}</pre>
              </div>
            ) : shown ? (
              <Suspense fallback={<div className="export-code export-code--loading" />}>
                <CodeView path={shown.path} contents={shown.contents} />
              </Suspense>
            ) : null}
          </div>
        </div>
        <ExportWriteBar pipeline={pipeline} path={path} target={form.target} options={parsed.ok ? parsed.options : null} ready={parsed.ok && generation.status === 'ready'} />
      </div>
    </div>
  );
}

/** `dags/x/sql/a.sql` as a dimmed folder that shortens first and a file name that stays whole. */
function FileLabel({ path }: { path: string }) {
  const slash = path.lastIndexOf('/');
  return (
    <>
      {slash >= 0 && <span className="export-files__dir">{path.slice(0, slash + 1)}</span>}
      <span className="export-files__name">{path.slice(slash + 1)}</span>
    </>
  );
}
