import { describe, expect, it } from 'vitest';
import { apiEvents, apiMethods, methodByChannel } from './api';

describe('API contract', () => {
  it('names channels domain:verb-noun, once each', () => {
    const channels = [...Object.values(apiMethods).map((m) => m.channel), ...Object.values(apiEvents).map((e) => e.channel)];
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
  });

  it('names events onDid…', () => {
    for (const name of Object.keys(apiEvents)) expect(name).toMatch(/^onDid[A-Z]/);
  });

  it('finds methods by channel only', () => {
    expect(methodByChannel('pipeline:preview-node')).toBe('previewNode');
    expect(methodByChannel('previewNode')).toBeUndefined();
    expect(methodByChannel('__proto__')).toBeUndefined();
  });

  it('rejects bad payloads for a preview', () => {
    const input = apiMethods.previewNode.input;
    expect(input.safeParse({}).success).toBe(false);
    expect(input.safeParse({ requestId: 'a b', pipeline: { version: 1, name: 'x', nodes: [] }, node: 'n' }).success).toBe(false);
    expect(input.safeParse({ requestId: 'r1', pipeline: { version: 2, name: 'x', nodes: [] }, node: 'n' }).success).toBe(false);
    expect(input.safeParse({ requestId: 'r1', pipeline: { version: 1, name: 'x', nodes: [] }, node: 'n', limit: -1 }).success).toBe(false);
    expect(input.safeParse({ requestId: 'r1', pipeline: { version: 1, name: 'x', nodes: [] }, node: 'n', extra: 1 }).success).toBe(false);
    const good = input.safeParse({ requestId: 'r1', pipeline: { version: 1, name: 'x', nodes: [] }, node: 'n' });
    expect(good.success && good.data.limit).toBe(100);
  });
});
