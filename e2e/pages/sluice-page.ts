import { expect, type Locator, type Page } from '@playwright/test';

/** Locators and gestures of the Sluice window; specs say what, this says how. */
export class SluicePage {
  readonly toolbar: Locator;
  readonly projectName: Locator;
  readonly runButton: Locator;
  readonly saveButton: Locator;
  readonly dirtyIndicator: Locator;
  readonly engineStatus: Locator;
  readonly canvas: Locator;
  readonly canvasNodes: Locator;
  readonly nodePanel: Locator;
  readonly panelError: Locator;
  readonly previewButton: Locator;
  readonly sqlEditor: Locator;
  readonly sqlErrorMarkers: Locator;
  readonly previewStatus: Locator;
  readonly previewError: Locator;
  readonly grid: Locator;
  readonly gridColumns: Locator;
  readonly gridRows: Locator;
  readonly logTab: Locator;
  readonly previewTab: Locator;
  readonly logPanel: Locator;

  constructor(readonly page: Page) {
    this.toolbar = page.getByTestId('toolbar');
    this.projectName = page.getByTestId('project-name');
    this.runButton = page.getByTestId('run-button');
    this.saveButton = page.getByTestId('save-button');
    this.dirtyIndicator = page.getByTestId('dirty-indicator');
    this.engineStatus = page.getByTestId('engine-status');
    this.canvas = page.getByTestId('canvas');
    this.canvasNodes = this.canvas.locator('[data-testid^="node-"][data-status]');
    this.nodePanel = page.getByTestId('node-panel');
    this.panelError = page.getByTestId('panel-error');
    this.previewButton = page.getByTestId('preview-button');
    this.sqlEditor = page.getByTestId('sql-editor');
    this.sqlErrorMarkers = this.sqlEditor.locator('.squiggly-error');
    this.previewStatus = page.getByTestId('preview-status');
    this.previewError = page.getByTestId('preview-error');
    this.grid = page.getByTestId('preview-grid');
    this.gridColumns = this.grid.getByTestId('grid-column');
    this.gridRows = this.grid.getByTestId('grid-row');
    this.logTab = page.getByTestId('log-tab');
    this.previewTab = page.getByTestId('preview-tab');
    this.logPanel = page.getByTestId('log-panel');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitUntilLoaded();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilLoaded();
  }

  /** The app's readiness signal: project and pipeline are on screen. */
  async waitUntilLoaded(): Promise<void> {
    await expect(this.page.locator('html[data-app-state="loaded"]')).toBeAttached({ timeout: 30_000 });
  }

  node(name: string): Locator {
    return this.canvas.getByTestId(`node-${name}`);
  }

  nodeError(name: string): Locator {
    return this.node(name).getByTestId('node-error');
  }

  /** Clicks a node on the canvas, which selects and previews it. */
  async selectNode(name: string): Promise<void> {
    await this.node(name).click();
    await expect(this.page.getByTestId('panel-node-name')).toHaveText(name);
  }

  async waitForPreviewOf(name: string): Promise<void> {
    await expect(this.previewStatus).toHaveAttribute('data-state', /ready|error/);
    await expect(this.previewStatus).toContainText(name);
  }

  async columnNames(): Promise<string[]> {
    return this.gridColumns.locator('.grid__column-name').allTextContents();
  }

  /** The text of the cells of one visible grid row (row numbers excluded). */
  async rowValues(index: number): Promise<string[]> {
    return this.gridRows.nth(index).getByRole('gridcell').allTextContents();
  }

  /** Replaces the whole SQL of the selected node, typed into Monaco like a user would paste it. */
  async replaceSql(sql: string): Promise<void> {
    await this.sqlEditor.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(sql);
  }

  /** What Monaco shows (its rendered lines), with non-breaking spaces made plain. */
  async sqlText(): Promise<string> {
    const lines = await this.sqlEditor.locator('.view-line').evaluateAll((elements) =>
      elements
        .map((element) => ({ top: parseFloat((element as unknown as { style: { top: string } }).style.top || '0'), text: element.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text),
    );
    return lines.join('\n').replace(/\u00a0/g, ' ');
  }

  async previewWithKeyboard(): Promise<void> {
    await this.sqlEditor.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+Enter');
  }

  async saveWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+S');
  }
}
