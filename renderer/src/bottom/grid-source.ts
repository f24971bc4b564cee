import type { Column, JsonValue, MethodInput, MethodOutput } from '../../../common/contract/api';
import { toErrorBody, type ApiErrorBody } from '../../../common/contract/envelope';
import { PAGE_SIZE, pagesForRows, type RowRange } from './grid-math';
import { isShaped, readRowsRequest, type GridTarget, type GridView } from './grid-query';

/** What a source needs from the host; the renderer passes its API client. */
export interface RowsClient {
  readRows(input: MethodInput<'readRows'>): Promise<MethodOutput<'readRows'>>;
  countRows(input: MethodInput<'countRows'>): Promise<MethodOutput<'countRows'>>;
  cancelRequest(input: { requestId: string }): Promise<unknown>;
  newRequestId(): string;
}

/** Rows known before any page is read: the preview's first rows (unsorted, unfiltered). */
export interface SeedRows {
  columns: Column[];
  columnData: JsonValue[][];
  rowCount: number;
  totalRows: number | null;
}

/** Pages kept per source; about 20k rows, so memory stays flat however far the user scrolls. */
const MAX_PAGES = 40;
/** Requests in flight at once: the visible pages first, the rest wait for the next viewport. */
const MAX_IN_FLIGHT = 3;
/** Rows one copy may take; more is a job for an export, not the clipboard. */
export const MAX_COPY_ROWS = 100_000;

export type SourceStatus = 'loading' | 'ready' | 'error';

/**
 * The rows of one view (sort + filters) of one previewed result, read page by
 * page with pipeline:read-rows. Pages live here, outside React and zustand,
 * in a small LRU; requests for pages the viewport has left are cancelled.
 */
export class GridSource {
  status: SourceStatus;
  error: ApiErrorBody | null = null;
  columns: Column[];
  /** Rows after the filters; null until counted. */
  totalRows: number | null;
  /** Duration of the latest page read, for the status line. */
  lastReadMs: number | null = null;
  private readonly pages = new Map<number, JsonValue[][]>();
  private readonly inFlight = new Map<number, string>();
  private wanted: number[] = [];
  private visible: number[] = [];
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private disposed = false;
  private warmed = false;
  private readonly waiters = new Set<() => void>();
  private readonly retries = new Map<number, number>();
  /** The plain view of a preview that did not count its rows: the total comes from pipeline:count-rows. */
  private needsCount = false;
  private counting: string | null = null;
  private countRetries = 0;

  constructor(
    private readonly client: RowsClient,
    readonly target: GridTarget,
    readonly view: GridView,
    seed: SeedRows | null,
  ) {
    this.columns = seed?.columns ?? [];
    this.totalRows = null;
    this.status = 'loading';
    if (seed && !isShaped(view)) {
      // The preview's rows are page 0.. of the plain view: no request for what is on screen first.
      const complete = seed.totalRows !== null && seed.rowCount >= seed.totalRows;
      for (let page = 0; page * PAGE_SIZE < seed.rowCount; page++) {
        const start = page * PAGE_SIZE;
        const end = Math.min(seed.rowCount, start + PAGE_SIZE);
        if (end - start < PAGE_SIZE && !complete) break;
        this.pages.set(page, seed.columnData.map((values) => values.slice(start, end)));
      }
      this.totalRows = seed.totalRows;
      if (this.totalRows !== null) {
        this.status = 'ready';
        this.warmed = true;
      } else this.needsCount = true;
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** The value at a row and column, or undefined while its page is not loaded. */
  cell(row: number, column: number): JsonValue | undefined {
    const page = this.pages.get(Math.floor(row / PAGE_SIZE));
    return page?.[column]?.[row % PAGE_SIZE];
  }

  hasRow(row: number): boolean {
    return this.pages.has(Math.floor(row / PAGE_SIZE));
  }

  /** Loads the pages holding `range`; pages for earlier viewports that are still loading are cancelled. */
  ensure(range: RowRange): void {
    if (this.disposed) return;
    const needed = this.totalRows === null ? [0] : pagesForRows({ first: range.first, last: Math.min(range.last, this.totalRows - 1) });
    if (this.needsCount && this.totalRows === null && this.counting === null) void this.count();
    this.visible = needed;
    this.wanted = needed.filter((page) => !this.pages.has(page));
    for (const [page, requestId] of this.inFlight) {
      // The first read computes the result and is never thrown away; later ones are cheap to repeat.
      if (!needed.includes(page) && this.warmed) {
        this.inFlight.delete(page);
        this.client.cancelRequest({ requestId }).catch(() => undefined);
      }
    }
    this.pump();
  }

  private pump(): void {
    for (const page of this.wanted) {
      if (this.inFlight.size >= MAX_IN_FLIGHT) return;
      if (this.pages.has(page) || this.inFlight.has(page)) continue;
      void this.load(page);
    }
  }

  private async load(page: number): Promise<void> {
    const requestId = this.client.newRequestId();
    this.inFlight.set(page, requestId);
    try {
      const result = await this.client.readRows(readRowsRequest(this.target, this.view, requestId, page * PAGE_SIZE, PAGE_SIZE));
      if (this.disposed || this.inFlight.get(page) !== requestId) return;
      this.store(page, result.columnData);
      this.columns = result.columns;
      this.totalRows = result.totalRows;
      this.lastReadMs = result.durationMs;
      this.status = 'ready';
      this.error = null;
      this.warmed = true;
    } catch (error) {
      if (this.disposed || this.inFlight.get(page) !== requestId) return;
      const body = toErrorBody(error);
      if (body.code === 'cancelled') {
        // Not cancelled by this source (it forgets a page before cancelling it): the read shared
        // work that another, superseded request owned. Ask again, a few times at most.
        this.inFlight.delete(page);
        const retries = (this.retries.get(page) ?? 0) + 1;
        this.retries.set(page, retries);
        if (retries <= 3) return this.load(page);
      }
      this.status = 'error';
      this.error = body;
    } finally {
      if (this.inFlight.get(page) === requestId) this.inFlight.delete(page);
    }
    this.changed();
    if (this.status !== 'error') this.pump();
  }

  private async count(): Promise<void> {
    const requestId = this.client.newRequestId();
    this.counting = requestId;
    try {
      const result = await this.client.countRows({ requestId, pipeline: this.target.pipeline, node: this.target.node, ...(this.view.filters.length > 0 ? { filters: this.view.filters } : {}) });
      if (this.disposed || this.counting !== requestId) return;
      this.totalRows = result.totalRows;
      this.status = 'ready';
      this.warmed = true;
    } catch (error) {
      if (this.disposed || this.counting !== requestId) return;
      const body = toErrorBody(error);
      // A cancel this source did not ask for (shared work of a superseded request): count again.
      if (body.code === 'cancelled' && this.countRetries++ < 3) {
        this.counting = null;
        return this.count();
      }
      this.status = 'error';
      this.error = body;
    } finally {
      if (this.counting === requestId) this.counting = null;
    }
    this.changed();
    this.pump();
  }

  private store(page: number, columnData: JsonValue[][]): void {
    this.pages.delete(page);
    this.pages.set(page, columnData);
    while (this.pages.size > MAX_PAGES) {
      // Evict the least recently loaded page that the viewport does not show.
      const victim = [...this.pages.keys()].find((p) => !this.visible.includes(p) && p !== page);
      if (victim === undefined) break;
      this.pages.delete(victim);
    }
  }

  /** Rows first..last (inclusive) as row arrays, reading the pages not loaded yet. */
  async readRange(range: RowRange, columns: readonly number[]): Promise<JsonValue[][]> {
    const count = range.last - range.first + 1;
    if (count > MAX_COPY_ROWS) throw new Error(`${count.toLocaleString('en-US')} rows are too many to copy (at most ${MAX_COPY_ROWS.toLocaleString('en-US')}); export the node instead`);
    const missing = pagesForRows(range).filter((page) => !this.pages.has(page));
    const fetched = new Map<number, JsonValue[][]>();
    // One request per run of missing pages, so a big copy is a few reads, not hundreds.
    for (const run of consecutiveRuns(missing)) {
      const offset = run[0]! * PAGE_SIZE;
      const limit = run.length * PAGE_SIZE;
      const result = await this.client.readRows(readRowsRequest(this.target, this.view, this.client.newRequestId(), offset, limit));
      for (const page of run) fetched.set(page, result.columnData.map((values) => values.slice((page - run[0]!) * PAGE_SIZE, (page - run[0]! + 1) * PAGE_SIZE)));
    }
    const rows: JsonValue[][] = [];
    for (let row = range.first; row <= range.last; row++) {
      const page = Math.floor(row / PAGE_SIZE);
      const data = this.pages.get(page) ?? fetched.get(page);
      rows.push(columns.map((column) => data?.[column]?.[row % PAGE_SIZE] ?? null));
    }
    return rows;
  }

  /** The grid stopped showing this view: every read still in flight is cancelled, the pages stay. */
  release(): void {
    this.wanted = [];
    if (this.counting !== null) this.client.cancelRequest({ requestId: this.counting }).catch(() => undefined);
    this.counting = null;
    for (const requestId of this.inFlight.values()) this.client.cancelRequest({ requestId }).catch(() => undefined);
    this.inFlight.clear();
  }

  /** Resolves once the source has counted its rows (or failed); for commands that need the total. */
  whenReady(): Promise<void> {
    if (this.status !== 'loading') return Promise.resolve();
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  dispose(): void {
    this.disposed = true;
    if (this.counting !== null) this.client.cancelRequest({ requestId: this.counting }).catch(() => undefined);
    for (const requestId of this.inFlight.values()) this.client.cancelRequest({ requestId }).catch(() => undefined);
    this.inFlight.clear();
    this.pages.clear();
    this.listeners.clear();
  }

  private changed(): void {
    this.version += 1;
    if (this.status !== 'loading') {
      for (const resolve of this.waiters) resolve();
      this.waiters.clear();
    }
    for (const listener of this.listeners) listener();
  }
}

export function consecutiveRuns(pages: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const page of [...pages].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === page - 1 && last.length * PAGE_SIZE < MAX_COPY_ROWS) last.push(page);
    else runs.push([page]);
  }
  return runs;
}
