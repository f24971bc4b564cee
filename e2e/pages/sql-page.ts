import { expect, type Locator, type Page } from '@playwright/test';
import type { SluicePage } from './sluice-page';

/** Locators of the SQL pane's helpers (suggest widget, markers, hovers) and of the Lineage tab. */
export class SqlPage {
  readonly page: Page;
  readonly editor: Locator;
  readonly suggestions: Locator;
  readonly errorMarkers: Locator;
  readonly warningMarkers: Locator;
  readonly hover: Locator;
  readonly lineageTab: Locator;
  readonly lineagePanel: Locator;
  readonly lineageColumns: Locator;
  readonly lineageUpstream: Locator;
  readonly lineageDownstream: Locator;

  constructor(readonly app: SluicePage) {
    this.page = app.page;
    this.editor = app.sqlEditor;
    // fixedOverflowWidgets: Monaco's widgets live outside the editor's box.
    this.suggestions = this.page.locator('.suggest-widget.visible .monaco-list-row');
    this.errorMarkers = this.editor.locator('.squiggly-error');
    this.warningMarkers = this.editor.locator('.squiggly-warning');
    this.hover = this.page.locator('.monaco-hover:not(.hidden)');
    this.lineageTab = this.page.getByTestId('lineage-tab');
    this.lineagePanel = this.page.getByTestId('lineage-panel');
    this.lineageColumns = this.lineagePanel.getByTestId('lineage-column');
    this.lineageUpstream = this.page.getByTestId('lineage-upstream');
    this.lineageDownstream = this.page.getByTestId('lineage-downstream');
  }

  /** Puts the cursor at the end of the given line (1-based) of the SQL pane. */
  async cursorToEndOfLine(line: number): Promise<void> {
    await this.editor.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+Home');
    for (let i = 1; i < line; i++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('End');
  }

  async suggestionLabels(): Promise<string[]> {
    return this.suggestions.locator('.label-name').allTextContents();
  }

  /** Opens the Lineage tab of the bottom panel. */
  async openLineage(): Promise<void> {
    await this.lineageTab.click();
    await expect(this.lineagePanel).toBeVisible();
  }

  lineageColumn(name: string): Locator {
    return this.lineagePanel.locator(`[data-testid="lineage-column"][data-column="${name}"]`);
  }

  /**
   * Moves the mouse over the first character of the first occurrence of `text`
   * in the SQL pane. Monaco draws a line as token spans in a monospace font, so
   * the character is found in its span and measured within it.
   */
  async hoverText(text: string): Promise<void> {
    const lines = this.editor.locator('.view-line');
    for (let i = 0; i < (await lines.count()); i++) {
      const line = lines.nth(i);
      const at = ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ').indexOf(text);
      if (at < 0) continue;
      const spans = line.locator('span > span');
      let seen = 0;
      for (let j = 0; j < (await spans.count()); j++) {
        const span = spans.nth(j);
        const spanText = (await span.textContent()) ?? '';
        if (at < seen + spanText.length) {
          const box = await span.boundingBox();
          if (!box) break;
          const charWidth = box.width / spanText.length;
          await this.page.mouse.move(box.x + (at - seen + 0.5) * charWidth, box.y + box.height / 2);
          return;
        }
        seen += spanText.length;
      }
    }
    throw new Error(`"${text}" is not on screen in the SQL pane`);
  }
}
