import { expect, test } from './fixtures/sluice';

const SMALL_PIPELINE = `version: 1
name: Airports per state
nodes:
  - name: airport_list
    type: source.file
    path: data/airports.csv
  - name: per_state
    type: transform.sql
    inputs: [ airport_list ]
    sql: |
      SELECT state, count(*) AS airports FROM airport_list GROUP BY state
`;

test.describe('a project with two pipelines', () => {
  test.use({ projectFiles: { 'airports.sluice.yaml': SMALL_PIPELINE } });

  test('the picker switches pipelines and asks before dropping unsaved edits', async ({ app }) => {
    const picker = app.page.getByTestId('pipeline-picker');
    await expect(picker.locator('option')).toHaveText(['airports.sluice.yaml', 'flights.sluice.yaml']);
    // The first file (sorted) opens first; node positions come from the automatic layout (no layout in the file).
    await expect(app.canvasNodes).toHaveCount(2);
    await app.selectNode('per_state');
    await app.waitForPreviewOf('per_state');
    expect(await app.columnNames()).toEqual(['state', 'airports']);

    await app.replaceSql('SELECT state FROM airport_list');
    await expect(app.dirtyIndicator).toBeVisible();

    app.page.once('dialog', (dialog) => void dialog.dismiss());
    await picker.selectOption('flights.sluice.yaml');
    await expect(picker).toHaveValue('airports.sluice.yaml');
    await expect(app.canvasNodes).toHaveCount(2);
    await expect(app.dirtyIndicator).toBeVisible();

    app.page.once('dialog', (dialog) => void dialog.accept());
    await picker.selectOption('flights.sluice.yaml');
    await app.waitUntilLoaded();
    await expect(app.canvasNodes).toHaveCount(5);
    await expect(app.dirtyIndicator).toBeHidden();
  });
});
