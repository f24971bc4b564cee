import { describe, expect, it } from 'vitest';
import type { ProjectFileEntry } from '../../../common/contract/api';
import { formatBytes, visibleRows } from './tree-rows';

const entries: ProjectFileEntry[] = [
  { path: 'data', name: 'data', kind: 'folder' },
  { path: 'data/raw', name: 'raw', kind: 'folder' },
  { path: 'data/raw/a.csv', name: 'a.csv', kind: 'data', size: 10 },
  { path: 'data/b.parquet', name: 'b.parquet', kind: 'data', size: 20 },
  { path: 'flights.sluice.yaml', name: 'flights.sluice.yaml', kind: 'pipeline', size: 30 },
];

describe('file tree rows', () => {
  it('shows an entry only when every folder above it is open', () => {
    expect(visibleRows(entries, {}).map((row) => row.entry.path)).toEqual(['data', 'flights.sluice.yaml']);
    expect(visibleRows(entries, { data: true }).map((row) => `${row.depth}:${row.entry.path}`)).toEqual(['0:data', '1:data/raw', '1:data/b.parquet', '0:flights.sluice.yaml']);
    // A closed folder hides its children even when a folder inside it is open.
    expect(visibleRows(entries, { data: false, 'data/raw': true }).map((row) => row.entry.path)).toEqual(['data', 'flights.sluice.yaml']);
    const all = visibleRows(entries, { data: true, 'data/raw': true });
    expect(all.map((row) => row.entry.path)).toHaveLength(5);
    expect(all[1]!.open).toBe(true);
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
  });
});
