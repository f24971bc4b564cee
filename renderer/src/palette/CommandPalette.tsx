import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { openPipeline } from '../actions/project-actions';
import { commandsVersion, formatKeybinding, isCommandEnabled, listCommands, runCommand, subscribeToCommands } from '../commands/registry';
import { selectProject, useSessionStore } from '../state/session-store';
import { isTabDirty, isTabOpen } from '../state/tabs-store';
import { fuzzyFilter, type FuzzyMatch } from './fuzzy';
import {
  closePalette,
  COMMAND_PREFIX,
  recentlyUsedCommands,
  rememberCommand,
  selectPaletteMode,
  selectPaletteOpen,
  selectPaletteQuery,
  setPaletteQuery,
  usePaletteStore,
  type PaletteMode,
} from './palette-store';
import './palette.css';

interface Row {
  key: string;
  label: string;
  description?: string;
  keybinding?: string;
  /** Heading drawn above the row (a group's first row). */
  group?: string;
  match: FuzzyMatch | null;
  commandId?: string;
  run(): void | Promise<void>;
}

/** The command palette and quick open in one box, as VS Code's quick input. */
export function CommandPalette() {
  const open = usePaletteStore(selectPaletteOpen);
  if (!open) return null;
  return <PaletteBox />;
}

function PaletteBox() {
  const mode = usePaletteStore(selectPaletteMode);
  const query = usePaletteStore(selectPaletteQuery);
  const project = useSessionStore(selectProject);
  const version = useSyncExternalStore(subscribeToCommands, commandsVersion);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // Focus goes back where it was (the canvas, an editor) when the palette closes.
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    inputRef.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  // `version` re-lists the commands when one is registered or disposed while the palette is open.
  const rows = useMemo(() => rowsFor(mode, query, project?.pipelines ?? []), [mode, query, project, version]);
  useEffect(() => {
    const preferred = mode.kind === 'pick' && mode.activeId && query === '' ? rows.findIndex((row) => row.key === mode.activeId) : -1;
    setActive(Math.max(0, preferred));
  }, [rows, mode, query]);
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const accept = (row: Row | undefined) => {
    if (!row) return;
    closePalette();
    void row.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = (delta: number) => {
      event.preventDefault();
      if (rows.length > 0) setActive((index) => (index + delta + rows.length) % rows.length);
    };
    if (event.key === 'ArrowDown') step(1);
    else if (event.key === 'ArrowUp') step(-1);
    else if (event.key === 'PageDown') step(Math.min(8, rows.length - 1 - active) || 1);
    else if (event.key === 'PageUp') step(-(Math.min(8, active) || 1));
    else if (event.key === 'Enter') {
      event.preventDefault();
      accept(rows[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closePalette();
    }
  };

  const placeholder =
    mode.kind === 'quick' ? (query.startsWith(COMMAND_PREFIX) ? 'Type the name of a command' : 'Go to a pipeline by name (type > for commands)') : mode.placeholder;
  return (
    <div className="palette-backdrop" onMouseDown={(event) => event.target === event.currentTarget && closePalette()}>
      <div className="palette" role="dialog" aria-label="Command palette" data-testid="command-palette">
        <input
          ref={inputRef}
          className="palette__input"
          data-testid="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={rows[active] ? `palette-row-${active}` : undefined}
          placeholder={placeholder}
          spellCheck={false}
          value={query}
          onChange={(event) => setPaletteQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
        {mode.kind === 'input' && <div className="palette__prompt">{mode.prompt}</div>}
        <div className="palette__list" id="palette-list" role="listbox" ref={listRef} data-testid="palette-list">
          {rows.length === 0 && mode.kind !== 'input' && <div className="palette__empty">No matching {query.startsWith(COMMAND_PREFIX) ? 'commands' : 'results'}</div>}
          {rows.map((row, index) => (
            <div key={row.key}>
              {row.group && <div className="palette__group">{row.group}</div>}
              <div
                id={`palette-row-${index}`}
                className={`palette__row${index === active ? ' palette__row--active' : ''}`}
                role="option"
                aria-selected={index === active}
                data-testid="palette-item"
                data-command-id={row.commandId}
                data-item-id={row.key}
                onMouseMove={() => index !== active && setActive(index)}
                onClick={() => accept(row)}
              >
                <span className="palette__label" data-testid="palette-item-label">
                  {highlight(row.label, row.match)}
                </span>
                {row.description && <span className="palette__description">{row.description}</span>}
                {row.keybinding && (
                  <kbd className="palette__keybinding" data-testid="palette-item-keybinding">
                    {row.keybinding}
                  </kbd>
                )}
              </div>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

function rowsFor(mode: PaletteMode, query: string, pipelines: readonly string[]): Row[] {
  if (mode.kind === 'input') {
    const value = query.trim();
    return value ? [{ key: 'submit', label: value, description: `Press Enter to ${mode.prompt.toLowerCase()}`, match: null, run: () => mode.onSubmit(value) }] : [];
  }
  if (mode.kind === 'pick') {
    return fuzzyFilter(mode.items, query, (item) => item.label).map(({ item, match }) => ({
      key: item.id,
      label: item.label,
      ...(item.description ? { description: item.description } : {}),
      match,
      run: () => mode.onPick(item),
    }));
  }
  if (query.startsWith(COMMAND_PREFIX)) return commandRows(query.slice(COMMAND_PREFIX.length).trim());
  return fuzzyFilter(pipelines, query, (path) => path).map(({ item: path, match }) => ({
    key: path,
    label: path,
    ...(isTabOpen(path) ? { description: isTabDirty(path) ? 'open · unsaved changes' : 'open' } : {}),
    match,
    run: () => openPipeline(path),
  }));
}

function commandRows(query: string): Row[] {
  const enabled = listCommands().filter(isCommandEnabled);
  const toRow = (command: (typeof enabled)[number], match: FuzzyMatch | null): Row => ({
    key: command.id,
    label: `${command.category}: ${command.title}`,
    ...(command.keybinding ? { keybinding: formatKeybinding(command.keybinding) } : {}),
    match,
    commandId: command.id,
    run: () => {
      rememberCommand(command.id);
      return runCommand(command.id).then(() => undefined);
    },
  });
  if (query) return fuzzyFilter(enabled, query, (command) => `${command.category}: ${command.title}`).map(({ item, match }) => toRow(item, match));
  const recent = recentlyUsedCommands()
    .map((id) => enabled.find((command) => command.id === id))
    .filter((command) => command !== undefined);
  const rest = enabled.filter((command) => !recent.includes(command));
  const rows = [...recent.map((command) => toRow(command, null)), ...rest.map((command) => toRow(command, null))];
  if (recent.length > 0) {
    rows[0] = { ...rows[0]!, group: 'recently used' };
    if (rows[recent.length]) rows[recent.length] = { ...rows[recent.length]!, group: 'other commands' };
  }
  return rows;
}

function highlight(label: string, match: FuzzyMatch | null): ReactNode {
  if (!match || match.positions.length === 0) return label;
  const marked = new Set(match.positions);
  const parts: ReactNode[] = [];
  let run = '';
  let runMarked = false;
  const flush = (index: number) => {
    if (!run) return;
    parts.push(runMarked ? <mark key={index}>{run}</mark> : run);
    run = '';
  };
  for (let i = 0; i < label.length; i++) {
    const isMarked = marked.has(i);
    if (isMarked !== runMarked) {
      flush(i);
      runMarked = isMarked;
    }
    run += label[i];
  }
  flush(label.length);
  return parts;
}
