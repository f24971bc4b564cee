import { expect, type Locator, type Page } from '@playwright/test';

/** Locators and gestures of the workbench shell: palette, tabs, file tree, drafts, theme. */
export class WorkbenchPage {
  readonly palette: Locator;
  readonly paletteInput: Locator;
  readonly paletteItems: Locator;
  readonly tabs: Locator;
  readonly fileTree: Locator;
  readonly treeItems: Locator;
  readonly restoreBanner: Locator;
  readonly draftStatus: Locator;
  readonly noPipeline: Locator;

  constructor(readonly page: Page) {
    this.palette = page.getByTestId('command-palette');
    this.paletteInput = page.getByTestId('palette-input');
    this.paletteItems = this.palette.getByTestId('palette-item');
    this.tabs = page.getByTestId('editor-tab');
    this.fileTree = page.getByTestId('file-tree');
    this.treeItems = this.fileTree.getByTestId('tree-item');
    this.restoreBanner = page.getByTestId('restore-banner');
    this.draftStatus = page.getByTestId('draft-status');
    this.noPipeline = page.getByTestId('no-pipeline');
  }

  tab(path: string): Locator {
    return this.page.locator(`[data-testid="editor-tab"][data-path="${path}"]`);
  }

  activeTab(): Locator {
    return this.page.locator('[data-testid="editor-tab"][data-active="true"]');
  }

  treeItem(path: string): Locator {
    return this.fileTree.locator(`[data-testid="tree-item"][data-path="${path}"]`);
  }

  async tabPaths(): Promise<string[]> {
    return this.tabs.evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('data-path') ?? ''));
  }

  /** Opens the palette with the keyboard, as a user would. */
  async openCommandPalette(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+Shift+P');
    await expect(this.palette).toBeVisible();
    await expect(this.paletteInput).toHaveValue('>');
  }

  /** Runs a command by typing its name into the palette and pressing Enter on the first match. */
  async runCommand(query: string, expectedLabel: string | RegExp): Promise<void> {
    await this.openCommandPalette();
    await this.paletteInput.pressSequentially(query);
    await expect(this.paletteItems.first().getByTestId('palette-item-label')).toHaveText(expectedLabel);
    await this.page.keyboard.press('Enter');
    // The palette closes, or shows what the command asks for next (a list to pick from).
    await expect
      .poll(async () => ((await this.palette.isVisible()) ? await this.paletteInput.inputValue().catch(() => null) : null))
      .not.toBe(`>${query}`);
  }

  /** Label and shortcut of every row the palette shows now. */
  async paletteRows(): Promise<Array<{ id: string; label: string; shortcut: string }>> {
    return this.paletteItems.evaluateAll((rows) =>
      rows.map((row) => ({
        id: row.getAttribute('data-item-id') ?? '',
        label: row.querySelector('[data-testid="palette-item-label"]')?.textContent ?? '',
        shortcut: (row.querySelector('.palette__description')?.textContent ?? row.querySelector('[data-testid="palette-item-keybinding"]')?.textContent ?? '').trim(),
      })),
    );
  }

  /** Waits until the open pipeline's edits are kept as a draft (the autosave reached SQLite). */
  async waitForDraftKept(): Promise<void> {
    await expect(this.draftStatus).toHaveAttribute('data-state', 'saved');
  }

  /** Waits until the tab of `path` is the shown one and its canvas is drawn. */
  async waitForActiveTab(path: string): Promise<void> {
    await expect(this.tab(path)).toHaveAttribute('data-active', 'true');
    await expect(this.page.locator('html[data-app-state="loaded"]')).toBeAttached();
  }

  /** Waits until the app has asked the host for leftover drafts `count` times (at start, and on each open). */
  async waitForDraftCheck(count: number): Promise<void> {
    await expect.poll(async () => Number(await this.page.locator('.shell').getAttribute('data-draft-checks'))).toBeGreaterThanOrEqual(count);
  }

  /** Waits until the open tabs are remembered for the next start as exactly `paths`. */
  async waitForTabsKept(paths: string[]): Promise<void> {
    await expect(this.page.locator('.shell')).toHaveAttribute('data-kept-tabs', paths.join(' '));
  }

  async theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme');
  }
}
