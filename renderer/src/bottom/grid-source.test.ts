import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../common/contract/api';
import { ApiError } from '../../../common/contract/envelope';
import type { Pipeline } from '../../../common/pipeline/model';
import { PAGE_SIZE } from './grid-math';
import { GridSource, MAX_COPY_ROWS, consecutiveRuns, type RowsClient } from './grid-source';

const TOTAL = 10_000;
const pipeline = { version: 1, name: 'p', nodes: [] } as unknown as Pipeline;

/**
 * A host that answers read-rows from a generated column (row i holds i) and
 * records what it was asked: the source's paging and cancelling is what is under test.
 */
function recordingClient() {
  const reads: { requestId: string; offset: number; limit: number }[] = [];
  const cancelled: string[] = [];
  const pending = new Map<string, { resolve: () => void; reject: (error: unknown) => void }>();
  let next = 0;
  const client: RowsClient = {
    newRequestId: () => `r${++next}`,
    readRows: (input: MethodInput<'readRows'>) => {
      const offset = input.offset ?? 0;
      const limit = input.limit ?? 200;
      reads.push({ requestId: input.requestId, offset, limit });
      return new Promise((resolve, reject) => {
        pending.set(input.requestId, {
          reject,
          resolve: () => {
            const values = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) => offset + i);
            resolve({ node: 'n', columns: [{ name: 'i', type: 'BIGINT' }], columnData: [values], offset, rowCount: values.length, totalRows: TOTAL, durationMs: 1 });
          },
        });
      });
    },
    countRows: async () => ({ node: 'n', totalRows: TOTAL, cached: true, durationMs: 1 }),
    cancelRequest: async ({ requestId }) => {
      cancelled.push(requestId);
      pending.get(requestId)?.reject(new ApiError({ code: 'cancelled', message: 'cancelled' }));
      return { cancelled: true };
    },
  };
  const answerAll = async () => {
    for (const [id, p] of [...pending]) {
      pending.delete(id);
      p.resolve();
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { client, reads, cancelled, answerAll };
}

describe('GridSource', () => {
  it('reads the pages a viewport needs and cancels the ones it left', async () => {
    const host = recordingClient();
    const source = new GridSource(host.client, { pipeline, node: 'n' }, { sort: [{ column: 'i', descending: true }], filters: [] }, null);
    source.ensure({ first: 0, last: 30 });
    expect(host.reads.map((r) => r.offset)).toEqual([0]);
    await host.answerAll();
    expect(source.totalRows).toBe(TOTAL);
    expect(source.cell(7, 0)).toBe(7);

    source.ensure({ first: 4000, last: 4030 });
    const deep = host.reads.at(-1)!;
    expect(deep.offset).toBe(Math.floor(4000 / PAGE_SIZE) * PAGE_SIZE);
    // The user scrolled on before it arrived: that read is cancelled, the new spot is read.
    source.ensure({ first: 9990, last: 9999 });
    expect(host.cancelled).toEqual([deep.requestId]);
    await host.answerAll();
    expect(source.cell(9999, 0)).toBe(9999);
    expect(source.hasRow(4000)).toBe(false);
    source.dispose();
  });

  it('serves the preview rows as the first pages and counts the total separately', async () => {
    const host = recordingClient();
    const seed = { columns: [{ name: 'i', type: 'BIGINT' }], columnData: [Array.from({ length: 1000 }, (_, i) => i)], rowCount: 1000, totalRows: null };
    const source = new GridSource(host.client, { pipeline, node: 'n' }, { sort: [], filters: [] }, seed);
    source.ensure({ first: 0, last: 40 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(host.reads).toEqual([]);
    expect(source.totalRows).toBe(TOTAL);
    expect(source.cell(999, 0)).toBe(999);
    source.dispose();
  });

  it('copies a range with one read per run of missing pages, and refuses huge ones', async () => {
    const host = recordingClient();
    const source = new GridSource(host.client, { pipeline, node: 'n' }, { sort: [], filters: [{ column: 'i', op: '>', value: 0 }] }, null);
    const reading = source.readRange({ first: 10, last: 2600 }, [0]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(host.reads.map((r) => [r.offset, r.limit])).toEqual([[0, 6 * PAGE_SIZE]]);
    await host.answerAll();
    const rows = await reading;
    expect(rows).toHaveLength(2591);
    expect(rows[0]).toEqual([10]);
    expect(rows.at(-1)).toEqual([2600]);
    await expect(source.readRange({ first: 0, last: MAX_COPY_ROWS }, [0])).rejects.toThrow(/too many to copy/);
    expect(consecutiveRuns([7, 1, 2, 3, 9])).toEqual([[1, 2, 3], [7], [9]]);
    source.dispose();
  });
});
