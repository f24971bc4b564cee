import { expect, type Locator, type Page } from '@playwright/test';

/** Locators and gestures of the Export dialog (renderer/src/export). */
export class ExportPage {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly files: Locator;
  readonly filesState: Locator;
  readonly code: Locator;
  readonly warnings: Locator;
  readonly folder: Locator;
  readonly writeButton: Locator;
  readonly success: Locator;
  readonly notEmpty: Locator;
  readonly overwriteButton: Locator;
  readonly writeError: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByTestId('export-button');
    this.dialog = page.getByRole('dialog', { name: /^Export/ });
    this.files = this.dialog.getByTestId('export-files').getByRole('option');
    this.filesState = this.dialog.getByTestId('export-files-state');
    this.code = this.dialog.getByTestId('export-code');
    this.warnings = this.dialog.getByTestId('export-warnings');
    this.folder = this.dialog.getByTestId('export-folder');
    this.writeButton = this.dialog.getByTestId('export-write');
    this.success = this.dialog.getByTestId('export-success');
    this.notEmpty = this.dialog.getByTestId('export-not-empty');
    this.overwriteButton = this.dialog.getByTestId('export-overwrite');
    this.writeError = this.dialog.getByTestId('export-write-error');
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await expect(this.dialog).toBeVisible();
  }

  /** Picks a target and waits until the files shown are that target's. */
  async chooseTarget(target: string): Promise<void> {
    await this.dialog.getByTestId(`export-target-${target}`).check();
    await this.waitForFilesOf(target);
  }

  async waitForFilesOf(target: string): Promise<void> {
    await expect(this.filesState).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
    await expect(this.filesState).toHaveAttribute('data-target', target);
  }

  async filePaths(): Promise<string[]> {
    return (await this.files.allTextContents()).map((text) => text.trim());
  }

  async showFile(path: string): Promise<void> {
    await this.files.filter({ hasText: path }).getByRole('button').click();
    await expect(this.code).toHaveAttribute('data-path', path);
  }

  /** The text Monaco renders for the visible lines (non-breaking spaces as spaces). */
  async visibleCode(): Promise<string> {
    return (await this.code.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  /** How many differently coloured token kinds Monaco drew: more than one means the language is highlighted. */
  async tokenKinds(): Promise<number> {
    const classes = await this.code.locator('.view-lines span[class^="mtk"]').evaluateAll((spans) => spans.map((s) => s.className));
    return new Set(classes).size;
  }

  async write(folder: string): Promise<void> {
    await this.folder.fill(folder);
    await this.writeButton.click();
  }
}
