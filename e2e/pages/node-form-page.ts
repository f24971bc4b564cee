import type { Locator, Page } from '@playwright/test';

/** Locators of the side panel's node form (renderer/src/panels/NodeForm.tsx). */
export class NodeFormPage {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId('node-form');
  }

  /** A field's control or group by its path in the node: `columns`, `columns.1`, `aggregates.0.function`. */
  field(path: string): Locator {
    return this.form.getByTestId(`field-${path}`);
  }

  /** The schema's message shown for a path. */
  error(path: string): Locator {
    return this.form.getByTestId(`field-${path}-error`);
  }

  addItem(path: string): Locator {
    return this.form.getByTestId(`field-${path}-add`);
  }

  removeItem(label: string): Locator {
    return this.form.getByRole('button', { name: label, exact: true });
  }
}
