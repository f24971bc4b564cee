/**
 * Every user action the renderer offers, in one registry: the command palette
 * lists it, docs/shortcuts.md documents it and one keydown listener dispatches
 * its shortcut. Features register their commands when their module loads.
 */
export interface Command {
  /** `area.verbNoun`, e.g. `pipeline.save`. */
  id: string;
  title: string;
  /** Palette grouping: File, Edit, View, Run, Canvas, SQL, Export, Help. */
  category: string;
  /** Shortcut in `Mod+Shift+P` form; `Mod` is Ctrl, or Cmd on macOS. */
  keybinding?: string;
  /** More shortcuts for the same command (F1 beside Mod+Shift+P); the palette shows the first one only. */
  altKeybindings?: readonly string[];
  /** When it returns false the command is hidden from the palette and its shortcut is ignored. */
  enabled?: () => boolean;
  /** Whether the shortcut also fires while focus is in a text field (Monaco, inputs). */
  global?: boolean;
  run(): void | Promise<void>;
}

const commands = new Map<string, Command>();
const listeners = new Set<() => void>();
let version = 0;

export function registerCommand(command: Command): () => void {
  commands.set(command.id, command);
  changed();
  return () => {
    if (commands.get(command.id) !== command) return;
    commands.delete(command.id);
    changed();
  };
}

export function registerCommands(list: readonly Command[]): () => void {
  const disposers = list.map(registerCommand);
  return () => disposers.forEach((dispose) => dispose());
}

export function listCommands(): Command[] {
  return [...commands.values()].sort((a, b) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title));
}

export function getCommand(id: string): Command | undefined {
  return commands.get(id);
}

export function isCommandEnabled(command: Command): boolean {
  return command.enabled ? command.enabled() : true;
}

export async function runCommand(id: string): Promise<boolean> {
  const command = commands.get(id);
  if (!command || !isCommandEnabled(command)) return false;
  await command.run();
  return true;
}

/** For useSyncExternalStore: the palette re-renders when commands come and go. */
export function subscribeToCommands(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function commandsVersion(): number {
  return version;
}

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** `Mod+Shift+P` → `Ctrl+Shift+P` (or `⌘⇧P` on macOS) for menus and the palette. */
export function formatKeybinding(keybinding: string): string {
  if (!isMac) return keybinding.replace(/\bMod\b/g, 'Ctrl');
  return keybinding
    .replace(/\bMod\+/g, '⌘')
    .replace(/\bShift\+/g, '⇧')
    .replace(/\bAlt\+/g, '⌥')
    .replace(/\bCtrl\+/g, '⌃');
}

/** Whether a keydown matches `Mod+Shift+P`-style text (modifiers must match exactly). */
export function matchesKeybinding(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, keybinding: string): boolean {
  const parts = keybinding.split('+');
  const key = parts.pop()!;
  const wanted = new Set(parts);
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const otherMeta = isMac ? event.ctrlKey : event.metaKey;
  // Off macOS Ctrl is Mod: `Ctrl+PageDown` wants the same key as `Mod+PageDown`.
  if (!isMac && wanted.delete('Ctrl')) wanted.add('Mod');
  if (wanted.has('Mod') !== mod || wanted.has('Shift') !== event.shiftKey || wanted.has('Alt') !== event.altKey) return false;
  if (wanted.has('Ctrl') ? !event.ctrlKey : otherMeta) return false;
  return normalizeKey(event.key) === normalizeKey(key);
}

function normalizeKey(key: string): string {
  if (key === ' ') return 'space';
  return key.toLowerCase();
}

function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.closest('.monaco-editor') !== null;
}

/** One keydown listener for every registered shortcut; returns its disposer. */
export function installKeybindings(target: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const inText = isTextTarget(event.target);
    for (const command of commands.values()) {
      if (!command.keybinding || ![command.keybinding, ...(command.altKeybindings ?? [])].some((binding) => matchesKeybinding(event, binding))) continue;
      if (inText && !command.global) continue;
      if (!isCommandEnabled(command)) continue;
      event.preventDefault();
      void command.run();
      return;
    }
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
