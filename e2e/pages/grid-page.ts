import { expect, type Locator, type Page } from '@playwright/test';

/** The result grid: headers, filter row, rows, selection, copy. Specs say what, this says how. */
export class GridPage {
  readonly grid: Locator;
  readonly rows: Locator;
  readonly status: Locator;
  readonly rowCount: Locator;
  readonly viewDescription: Locator;
  readonly loading: Locator;
  readonly copied: Locator;
  readonly menu: Locator;
  readonly history: HistoryPanelPage;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('preview-grid');
    this.rows = this.grid.getByTestId('grid-row');
    this.status = page.getByTestId('preview-status');
    this.rowCount = page.getByTestId('preview-rows');
    this.viewDescription = page.getByTestId('grid-view');
    this.loading = page.getByTestId('grid-loading');
    this.copied = page.getByTestId('grid-copied');
    this.menu = page.getByTestId('grid-menu');
    this.history = new HistoryPanelPage(page);
  }

  /**
   * Selects (and so previews) a node. The click is dispatched to the node
   * itself, so the test does not depend on where the canvas lays it out
   * (a side palette may cover it at this viewport).
   */
  async preview(name: string): Promise<void> {
    await this.page.getByTestId('canvas').getByTestId(`node-${name}`).dispatchEvent('click');
    await expect(this.page.getByTestId('panel-node-name')).toHaveText(name);
  }

  header(column: string): Locator {
    return this.grid.locator(`[role="columnheader"][data-column="${column}"]`);
  }

  filter(column: string): Locator {
    return this.grid.locator(`[data-testid="grid-filter"][data-column="${column}"]`);
  }

  /** A rendered row by its 0-based index in the whole result. */
  row(index: number): Locator {
    return this.grid.locator(`[role="row"][aria-rowindex="${index + 2}"]`);
  }

  cell(row: number, column: number): Locator {
    return this.row(row).locator(`[role="gridcell"][data-col="${column}"]`);
  }

  rowNumber(row: number): Locator {
    return this.row(row).getByRole('rowheader');
  }

  async rowValues(row: number): Promise<string[]> {
    await expect(this.row(row)).not.toHaveAttribute('aria-busy', 'true');
    return this.row(row).getByRole('gridcell').allTextContents();
  }

  /** Waits until the grid has counted the rows it pages through (after a sort, filter or preview). */
  async waitForTotal(total: number): Promise<void> {
    await expect(this.grid).toHaveAttribute('data-total-rows', String(total), { timeout: 60_000 });
    await expect(this.grid).toHaveAttribute('data-state', 'ready');
  }

  async waitForRows(): Promise<void> {
    await expect(this.grid).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(this.row(0)).toBeVisible();
    await expect(this.row(0)).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
  }

  async sortBy(column: string): Promise<void> {
    await this.header(column).locator('.grid__column-name').click();
  }

  async setFilter(column: string, text: string): Promise<void> {
    await this.filter(column).fill(text);
    await this.filter(column).press('Enter');
  }

  /** Drags the scrollbar to the very end, as a user would (scrollTop to its maximum). */
  async scrollToEnd(): Promise<void> {
    await this.grid.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
  }

  async scrollLeftToEnd(): Promise<void> {
    await this.grid.evaluate((element) => {
      element.scrollLeft = element.scrollWidth;
    });
  }

  /** Drags the right edge of a column header by dx pixels. */
  async resize(column: string, dx: number): Promise<void> {
    const handle = this.header(column).getByTestId('grid-resize');
    const box = (await handle.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y);
    await this.page.mouse.move(x + dx, y);
    await this.page.mouse.up();
  }

  async columnWidth(column: string): Promise<number> {
    return (await this.header(column).boundingBox())!.width;
  }

  /** Selects from one cell to another by dragging the mouse. */
  async dragSelect(from: [number, number], to: [number, number]): Promise<void> {
    await this.cell(...from).hover();
    await this.page.mouse.down();
    await this.cell(...to).hover();
    await this.page.mouse.up();
  }

  async readClipboard(): Promise<string> {
    // A string, as the node-side tsconfig has no DOM types.
    return this.page.evaluate<string>('navigator.clipboard.readText()');
  }
}

/** The History tab of the bottom panel. */
export class HistoryPanelPage {
  readonly panel: Locator;
  readonly empty: Locator;
  readonly runs: Locator;
  readonly durationChart: Locator;
  readonly checkChart: Locator;
  readonly nodeRows: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('history-panel');
    this.empty = page.getByTestId('history-empty');
    this.runs = page.getByTestId('history-run');
    this.durationChart = page.getByTestId('history-duration-chart');
    this.checkChart = page.getByTestId('history-check-chart');
    this.nodeRows = page.getByTestId('history-node-row');
  }

  nodeRow(name: string): Locator {
    return this.page.locator(`[data-testid="history-node-row"][data-node="${name}"]`);
  }
}
