import { expect, type Locator, type Page } from '@playwright/test';

/** What the Profile tab showed at one moment (ProfilePage.recordStages). */
export interface StageSeen {
  label: string;
  approximate: number;
}

/** Locators of the Profile tab (renderer/src/profile); specs say what, this says how. */
export class ProfilePage {
  readonly tab: Locator;
  readonly content: Locator;
  readonly status: Locator;
  readonly stageLabel: Locator;
  readonly columns: Locator;
  readonly charts: Locator;
  readonly checksView: Locator;
  readonly compareView: Locator;
  readonly suggestions: Locator;
  readonly profileButton: Locator;
  readonly againButton: Locator;
  readonly alertCount: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('profile-tab');
    this.content = page.getByTestId('profile-tab-content');
    this.status = page.getByTestId('profile-status');
    this.stageLabel = page.getByTestId('profile-stage');
    this.columns = page.getByTestId('profile-column');
    this.charts = page.getByTestId('profile-chart');
    this.checksView = page.getByTestId('profile-view-checks');
    this.compareView = page.getByTestId('profile-view-compare');
    this.suggestions = page.getByTestId('check-suggestion');
    this.profileButton = page.getByTestId('profile-button');
    this.againButton = page.getByTestId('profile-again');
    this.alertCount = page.getByTestId('profile-alert-count');
  }

  stageStep(stage: 'metadata' | 'sample' | 'full'): Locator {
    return this.page.getByTestId(`stage-step-${stage}`);
  }

  column(name: string): Locator {
    return this.columns.and(this.page.locator(`[data-column="${name}"]`));
  }

  suggestion(id: string): Locator {
    return this.suggestions.and(this.page.locator(`[data-id="${id}"]`));
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.content).toBeVisible();
  }

  /** Drags the edge between the canvas and the bottom panel by `dy` pixels (negative: a taller panel). */
  async dragPanelEdge(dy: number): Promise<void> {
    const box = (await this.page.locator('.splitter--horizontal').boundingBox())!;
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + dy, { steps: 4 });
    await this.page.mouse.up();
  }

  /**
   * Records each text the stage label shows, with how many of `column`'s numbers are
   * marked approximate at that moment: a stage can pass faster than an assertion polls.
   * Returns a reader of the records so far.
   */
  async recordStages(column: string): Promise<() => Promise<StageSeen[]>> {
    // Runs in the page (a string: the e2e tsconfig has no DOM types).
    await this.page.evaluate(`(() => {
      const seen = [];
      globalThis.__stagesSeen = seen;
      const record = () => {
        const label = document.querySelector('[data-testid="profile-stage"]')?.textContent ?? '';
        const approximate = document.querySelectorAll('[data-testid="profile-column"][data-column=${JSON.stringify(column)}] dd[data-exact="false"]').length;
        const last = seen[seen.length - 1];
        if (label && (!last || last.label !== label || last.approximate !== approximate)) seen.push({ label, approximate });
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    })()`);
    return async () => (await this.page.evaluate('[...globalThis.__stagesSeen]')) as StageSeen[];
  }

  /** The profile of `node` finished with every stage (the label says "full"). */
  async waitForFull(node: string, timeout = 60_000): Promise<void> {
    await expect(this.content).toHaveAttribute('data-node', node);
    await expect(this.stageLabel).toHaveAttribute('data-stage', 'full', { timeout });
    await expect(this.status).toHaveAttribute('data-state', 'ready');
  }
}
