import { describe, expect, it } from 'vitest';
import { clearPreviewCache, getPreviewEntry, setPreviewEntry } from './preview-cache';

describe('preview cache', () => {
  it('keeps the most recent entries and drops the oldest', () => {
    clearPreviewCache();
    for (let i = 0; i < 12; i++) setPreviewEntry(`r${i}`, { status: 'cancelled', node: `n${i}` });
    expect(getPreviewEntry('r0')).toBeUndefined();
    expect(getPreviewEntry('r3')).toBeUndefined();
    expect(getPreviewEntry('r4')).toEqual({ status: 'cancelled', node: 'n4' });
    expect(getPreviewEntry('r11')).toBeDefined();
    expect(getPreviewEntry(null)).toBeUndefined();
  });

  it('refreshes an entry that is written again', () => {
    clearPreviewCache();
    setPreviewEntry('keep', { status: 'loading', node: 'a', startedAt: 0 });
    for (let i = 0; i < 7; i++) setPreviewEntry(`x${i}`, { status: 'cancelled', node: 'b' });
    setPreviewEntry('keep', { status: 'cancelled', node: 'a' });
    setPreviewEntry('y', { status: 'cancelled', node: 'c' });
    expect(getPreviewEntry('keep')).toEqual({ status: 'cancelled', node: 'a' });
    expect(getPreviewEntry('x0')).toBeUndefined();
  });
});
