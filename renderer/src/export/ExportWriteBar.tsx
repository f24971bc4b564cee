import { useEffect, useState } from 'react';
import type { ExportOptionsInput, ExportTarget } from '../../../common/contract/api';
import { toErrorBody } from '../../../common/contract/envelope';
import type { Pipeline } from '../../../common/pipeline/model';
import { logInfo } from '../actions/notices';
import { api } from '../api/api';
import { defaultExportFolder, describeNotEmpty, TARGET_LABELS } from './export-model';

type WriteState =
  | { status: 'idle' }
  | { status: 'writing' }
  | { status: 'written'; folder: string; count: number }
  | { status: 'not-empty'; folder: string; message: string }
  | { status: 'error'; message: string };

interface Props {
  pipeline: Pipeline | null;
  path: string | null;
  target: ExportTarget;
  options: ExportOptionsInput | null;
  /** The files shown are current (not loading, no error). */
  ready: boolean;
}

// The Electron host has a native folder picker; serve mode (a browser) has only the typed path.
let hasFolderPicker: Promise<boolean> | null = null;
const folderPickerAvailable = () => (hasFolderPicker ??= api.getAppInfo({}).then((info) => info.host === 'electron', () => false));

/** The folder to write into (typed, or picked in Electron), the Write button and what happened. */
export function ExportWriteBar({ pipeline, path, target, options, ready }: Props) {
  const [folder, setFolder] = useState(() => defaultExportFolder(pipeline?.name ?? 'pipeline', target));
  const [edited, setEdited] = useState(false);
  const [state, setState] = useState<WriteState>({ status: 'idle' });
  const [picker, setPicker] = useState(false);

  useEffect(() => {
    void folderPickerAvailable().then(setPicker);
  }, []);
  // The suggested folder follows the target until the user types their own.
  useEffect(() => {
    if (!edited) setFolder(defaultExportFolder(pipeline?.name ?? 'pipeline', target));
    setState({ status: 'idle' });
  }, [target, pipeline?.name, edited]);

  const write = async (overwrite: boolean) => {
    if (!pipeline || !options) return;
    setState({ status: 'writing' });
    try {
      const result = await api.writeExport({ pipeline, path, target, options, folder: folder.trim(), overwrite });
      if (result.status === 'folder-not-empty') {
        setState({ status: 'not-empty', folder: result.folder, message: describeNotEmpty(result.folder, result.entries, result.entryCount) });
        return;
      }
      setState({ status: 'written', folder: result.folder, count: result.files.length });
      logInfo(`exported ${TARGET_LABELS[target]} code (${result.files.length} files) to ${result.folder}`);
    } catch (error) {
      setState({ status: 'error', message: toErrorBody(error).message });
    }
  };

  const choose = async () => {
    try {
      const chosen = await api.chooseExportFolder({});
      if (chosen) {
        setFolder(chosen.folder);
        setEdited(true);
      }
    } catch (error) {
      setState({ status: 'error', message: toErrorBody(error).message });
    }
  };

  const blank = folder.trim() === '';
  return (
    <footer className="export-write">
      <div className="export-write__row">
        <label className="export-write__folder">
          <span className="field__label">Folder</span>
          <input
            className="input input--compact"
            data-testid="export-folder"
            value={folder}
            spellCheck={false}
            aria-describedby="export-folder-hint"
            onChange={(event) => {
              setFolder(event.target.value);
              setEdited(true);
              setState({ status: 'idle' });
            }}
            onKeyDown={(event) => event.key === 'Enter' && !blank && ready && void write(false)}
          />
        </label>
        {picker && (
          <button type="button" className="button" data-testid="export-choose-folder" onClick={() => void choose()}>
            Choose folder…
          </button>
        )}
        <button
          type="button"
          className="button button--primary"
          data-testid="export-write"
          disabled={!ready || blank || state.status === 'writing'}
          onClick={() => void write(false)}
        >
          {state.status === 'writing' ? (
            <>
              <span className="spinner" aria-hidden="true" /> Writing…
            </>
          ) : (
            'Write files'
          )}
        </button>
      </div>
      <span id="export-folder-hint" className="export-write__hint">
        Absolute, or relative to the project folder. Files of the export are replaced; nothing is written outside the folder.
      </span>
      {state.status === 'written' && (
        <div className="export-write__message export-write__message--ok" role="status" data-testid="export-success">
          Wrote {state.count} files to <code>{state.folder}</code>. Its README.md says how to run it.
        </div>
      )}
      {state.status === 'not-empty' && (
        <div className="export-write__message export-write__message--warn" role="alert" data-testid="export-not-empty">
          <span>{state.message}</span>
          <span className="export-write__actions">
            <button type="button" className="button button--primary" data-testid="export-overwrite" onClick={() => void write(true)}>
              Overwrite
            </button>
            <button type="button" className="button" onClick={() => setState({ status: 'idle' })}>
              Cancel
            </button>
          </span>
        </div>
      )}
      {state.status === 'error' && (
        <div className="export-write__message export-write__message--error" role="alert" data-testid="export-write-error">
          {state.message}
        </div>
      )}
    </footer>
  );
}
