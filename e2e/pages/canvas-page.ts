import { expect, type Locator, type Page } from '@playwright/test';

/** Canvas gestures: palette, handles, context menu, inline rename, and the document's undo. */
export class CanvasPage {
  readonly canvas: Locator;
  readonly pane: Locator;
  readonly palette: Locator;
  readonly paletteSearch: Locator;
  readonly message: Locator;
  readonly menu: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;
  readonly layoutButton: Locator;
  readonly minimap: Locator;
  readonly edges: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('canvas');
    this.pane = this.canvas.locator('.react-flow__pane');
    this.palette = page.getByTestId('node-palette');
    this.paletteSearch = page.getByTestId('palette-search');
    this.message = page.getByTestId('canvas-message');
    this.menu = page.getByTestId('node-menu');
    this.undoButton = page.getByTestId('undo-button');
    this.redoButton = page.getByTestId('redo-button');
    this.layoutButton = page.getByTestId('layout-button');
    this.minimap = this.canvas.locator('.react-flow__minimap');
    this.edges = this.canvas.locator('.react-flow__edge');
  }

  node(name: string): Locator {
    return this.canvas.getByTestId(`node-${name}`);
  }

  async openPalette(): Promise<void> {
    if (await this.palette.isVisible()) return;
    await this.page.getByTestId('palette-toggle').click();
    await expect(this.palette).toBeVisible();
  }

  async closePalette(): Promise<void> {
    if (!(await this.palette.isVisible())) return;
    await this.page.getByTestId('palette-toggle').click();
    await expect(this.palette).toBeHidden();
  }

  paletteItem(type: string): Locator {
    return this.page.getByTestId(`palette-${type}`);
  }

  edge(source: string, target: string): Locator {
    // The edge id joins the names with U+001F, written as a CSS escape.
    return this.canvas.locator(`.react-flow__edge[data-id="${cssEscapeControl(source)}\\1f ${cssEscapeControl(target)}"]`);
  }

  async nodeNames(): Promise<string[]> {
    return this.canvas.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id') ?? '').sort());
  }

  /** Drags a palette entry onto an empty spot of the canvas (HTML5 drag and drop). */
  async dragFromPalette(type: string, to: { x: number; y: number }): Promise<void> {
    await this.paletteItem(type).dragTo(this.pane, { targetPosition: to });
  }

  /** Draws a connection from a node's output handle to another node's input handle, as a user drags. */
  async connect(source: string, target: string): Promise<void> {
    const from = await this.node(source).locator('.react-flow__handle.source').boundingBox();
    const to = await this.node(target).locator('.react-flow__handle.target').boundingBox();
    if (!from || !to) throw new Error(`handles of ${source} or ${target} are not on screen`);
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Selects a node without previewing it (shift-click adds to the selection). */
  async shiftClick(name: string): Promise<void> {
    await this.node(name).click({ modifiers: ['Shift'] });
  }

  async openMenu(name: string): Promise<void> {
    await this.node(name).click({ button: 'right' });
    await expect(this.menu).toBeVisible();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.node(from).getByTestId('node-name').dblclick();
    const input = this.node(from).getByTestId('rename-input');
    await input.fill(to);
    await input.press('Enter');
  }

  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  /** Drops files onto the canvas as the OS would, at a point in the pane. */
  async dropFile(name: string, contents: string, at: { x: number; y: number }): Promise<void> {
    const box = await this.pane.boundingBox();
    if (!box) throw new Error('the canvas is not on screen');
    // A string, as the e2e tsconfig has no DOM types; it runs in the page.
    const dataTransfer = await this.page.evaluateHandle(
      `(() => { const transfer = new DataTransfer(); transfer.items.add(new File([${JSON.stringify(contents)}], ${JSON.stringify(name)}, { type: 'text/csv' })); return transfer; })()`,
    );
    const point = { clientX: box.x + at.x, clientY: box.y + at.y };
    await this.pane.dispatchEvent('dragover', { dataTransfer, ...point });
    await this.pane.dispatchEvent('drop', { dataTransfer, ...point });
  }
}

/** Control characters (group ids start with U+001E) as CSS escapes inside an attribute selector. */
function cssEscapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
}
