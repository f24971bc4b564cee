import { afterEach, describe, expect, it, vi } from 'vitest';
import { listCommands, matchesKeybinding, registerCommand, runCommand } from './registry';

const disposers: Array<() => void> = [];
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('command registry', () => {
  it('lists registered commands by category and title, and forgets disposed ones', () => {
    disposers.push(registerCommand({ id: 'b.two', title: 'Two', category: 'B', run: () => {} }));
    const dispose = registerCommand({ id: 'a.one', title: 'One', category: 'A', run: () => {} });
    expect(listCommands().map((c) => c.id)).toEqual(['a.one', 'b.two']);
    dispose();
    expect(listCommands().map((c) => c.id)).toEqual(['b.two']);
  });

  it('runs only enabled commands', async () => {
    const run = vi.fn();
    let enabled = false;
    disposers.push(registerCommand({ id: 'x.run', title: 'Run', category: 'X', enabled: () => enabled, run }));
    expect(await runCommand('x.run')).toBe(false);
    enabled = true;
    expect(await runCommand('x.run')).toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
    expect(await runCommand('missing')).toBe(false);
  });

  it('matches shortcuts with exact modifiers (Mod is Ctrl off macOS)', () => {
    expect(matchesKeybinding(key('P', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+P')).toBe(true);
    expect(matchesKeybinding(key('p', { ctrlKey: true }), 'Mod+Shift+P')).toBe(false);
    expect(matchesKeybinding(key('s', { ctrlKey: true, altKey: true }), 'Mod+S')).toBe(false);
    expect(matchesKeybinding(key('Delete'), 'Delete')).toBe(true);
    expect(matchesKeybinding(key(' ', { ctrlKey: true }), 'Mod+Space')).toBe(true);
    // Off macOS an explicit Ctrl is the Mod key.
    expect(matchesKeybinding(key('PageDown', { ctrlKey: true }), 'Ctrl+PageDown')).toBe(true);
    expect(matchesKeybinding(key('PageDown'), 'Ctrl+PageDown')).toBe(false);
    expect(matchesKeybinding(key('Tab', { ctrlKey: true, shiftKey: true }), 'Ctrl+Shift+Tab')).toBe(true);
  });
});
