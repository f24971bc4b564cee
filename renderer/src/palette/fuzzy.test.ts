import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy';

describe('fuzzy matching', () => {
  it('matches subsequences, case-insensitively, and reports where', () => {
    expect(fuzzyMatch('svp', 'File: Save pipeline')).not.toBeNull();
    expect(fuzzyMatch('SAVE', 'File: Save pipeline')!.positions).toEqual([6, 7, 8, 9]);
    expect(fuzzyMatch('xyz', 'File: Save pipeline')).toBeNull();
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, positions: [] });
    expect(fuzzyMatch('toolong', 'tool')).toBeNull();
  });

  it('prefers word starts and adjacent runs', () => {
    const labels = ['View: Toggle the bottom panel', 'View: Toggle theme', 'Run: Cancel run'];
    expect(fuzzyFilter(labels, 'tth', (l) => l)[0]!.item).toBe('View: Toggle theme');
    // "the bottom panel" holds t-h-e-m-e too, scattered: it ranks below the adjacent match.
    expect(fuzzyFilter(labels, 'theme', (l) => l).map((m) => m.item)).toEqual(['View: Toggle theme', 'View: Toggle the bottom panel']);
    // Word starts: "ocp" finds "Open: Command Palette"-style labels by their initials.
    expect(fuzzyFilter(['File: Open recent project', 'View: Command palette'], 'cp', (l) => l)[0]!.item).toBe('View: Command palette');
  });

  it('keeps the input order when the query is empty, and the shorter label first on a tie', () => {
    expect(fuzzyFilter(['b', 'a', 'c'], '', (l) => l).map((m) => m.item)).toEqual(['b', 'a', 'c']);
    expect(fuzzyFilter(['Save all', 'Save'], 'save', (l) => l)[0]!.item).toBe('Save');
  });

  it('ignores spaces in the query', () => {
    expect(fuzzyMatch('save pipe', 'File: Save pipeline')).not.toBeNull();
  });
});
