import { expect, test } from './fixtures/sluice';
import { SqlPage } from './pages/sql-page';

test('completion offers the columns of the node inputs, with their types', async ({ app }, testInfo) => {
  const sql = new SqlPage(app);
  await app.selectNode('delays_by_state');
  await app.replaceSql('SELECT \nFROM delayed_flights AS f\nJOIN airports AS a ON a.iata = f.origin');
  await sql.cursorToEndOfLine(1);
  await app.page.keyboard.type('sta');
  await app.page.keyboard.press('Control+Space');
  await expect(sql.suggestions.first()).toBeVisible();
  await expect.poll(() => sql.suggestionLabels()).toContain('state');
  const state = sql.suggestions.filter({ hasText: 'state' }).first();
  await expect(state).toContainText('VARCHAR · airports');
  await app.page.screenshot({ path: testInfo.outputPath('completion.png') });
  await app.page.keyboard.press('Enter');
  await expect.poll(() => app.sqlText()).toMatch(/^SELECT state\n/);

  // Columns of the other input too, and DuckDB's own suggestions (functions) after them.
  await app.page.keyboard.type(', dist');
  await app.page.keyboard.press('Control+Space');
  await expect.poll(() => sql.suggestionLabels()).toContain('distance');
  await expect(sql.suggestions.filter({ hasText: 'distance' }).first()).toContainText('delayed_flights');
  await app.page.keyboard.press('Escape');

  // After an alias and a dot, only that input's columns.
  await app.page.keyboard.type(', a.');
  await expect.poll(() => sql.suggestionLabels()).toContain('iata');
  expect(await sql.suggestionLabels()).not.toContain('distance');
  await app.page.keyboard.press('Escape');
});

test('inside a string, completion lists the project folder, one folder at a time', async ({ app }) => {
  const sql = new SqlPage(app);
  await app.selectNode('delays_by_state');
  await app.replaceSql("SELECT *\nFROM read_csv('da");
  await sql.cursorToEndOfLine(2);
  await app.page.keyboard.press('Control+Space');
  await expect.poll(() => sql.suggestionLabels()).toEqual(['data/']);
  await app.page.keyboard.press('Enter');
  // Taking a folder asks again for what is inside it.
  await expect.poll(() => sql.suggestionLabels()).toContain('data/airports.csv');
  expect(await sql.suggestionLabels()).not.toContain('node_modules/');
  await app.page.keyboard.type('air');
  // Monaco's fuzzy filter may keep other names further down; the best match comes first.
  await expect.poll(async () => (await sql.suggestionLabels())[0]).toBe('data/airports.csv');
  await app.page.keyboard.press('Enter');
  await expect.poll(() => app.sqlText()).toBe("SELECT *\nFROM read_csv('data/airports.csv");
});

test('a bad column gets a marker as you type, with DuckDB candidates, and loses it when fixed', async ({ app }, testInfo) => {
  const sql = new SqlPage(app);
  await app.selectNode('delays_by_state');
  await expect(sql.errorMarkers).toHaveCount(0);
  await app.replaceSql('SELECT iata,\n  staet\nFROM airports');
  // No preview or run: the check runs on its own once typing pauses.
  await expect(sql.errorMarkers).toHaveCount(1);
  await expect(app.node('delays_by_state')).not.toHaveAttribute('data-status', 'failed');
  await sql.hoverText('staet');
  await expect(sql.hover).toContainText('staet');
  await expect(sql.hover).toContainText('Did you mean: state');
  await app.page.screenshot({ path: testInfo.outputPath('marker.png') });

  await sql.cursorToEndOfLine(2);
  await app.page.keyboard.press('Backspace');
  await app.page.keyboard.press('Backspace');
  await app.page.keyboard.press('Backspace');
  await app.page.keyboard.type('ate');
  await expect(sql.errorMarkers).toHaveCount(0);

  // A syntax error is marked where DuckDB stops parsing.
  await app.replaceSql('SELECT iata\nFROM airports\nWHERE state = = 1');
  await expect(sql.errorMarkers).toHaveCount(1);
  await sql.hoverText('= 1');
  await expect(sql.hover).toContainText('Syntax error');
});

test('Shift+Alt+F formats the SQL as one undoable edit', async ({ app }, testInfo) => {
  await app.selectNode('delays_by_state');
  await app.replaceSql('select state, count(*) as n from airports where country = \'USA\' group by state order by n desc');
  await app.page.keyboard.press('Shift+Alt+F');
  await expect.poll(() => app.sqlText()).toBe("select\n  state,\n  count(*) as n\nfrom\n  airports\nwhere\n  country = 'USA'\ngroup by\n  state\norder by\n  n desc");
  await app.page.screenshot({ path: testInfo.outputPath('formatted.png') });
  await app.page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => app.sqlText()).toBe("select state, count(*) as n from airports where country = 'USA' group by state order by n desc");
});

test('Mod+Shift+Enter previews the selection, or the CTE under the cursor', async ({ app }, testInfo) => {
  const sql = new SqlPage(app);
  await app.selectNode('delays_by_state');
  // One line per clause: typed text gets Monaco's auto-closed parentheses, which a line break would strand.
  await app.replaceSql(
    'WITH busy AS (SELECT origin, count(*) AS n FROM delayed_flights GROUP BY origin)\nSELECT a.state, sum(n) AS delayed FROM busy JOIN airports a ON a.iata = busy.origin GROUP BY ALL',
  );
  await expect(sql.errorMarkers).toHaveCount(0);

  // Cursor inside the CTE: the CTE runs.
  await sql.cursorToEndOfLine(1);
  for (let i = 0; i < 4; i++) await app.page.keyboard.press('ArrowLeft');
  await app.page.keyboard.press('ControlOrMeta+Shift+Enter');
  await expect(app.previewStatus).toHaveAttribute('data-state', 'ready');
  await expect(app.previewStatus).toContainText('delays_by_state · CTE busy');
  await expect.poll(() => app.columnNames()).toEqual(['origin', 'n']);

  // A selection runs as it is: here the outer query's first clause alone would not bind, so select a whole query.
  await app.page.keyboard.press('Home');
  for (let i = 0; i < 'WITH busy AS ('.length; i++) await app.page.keyboard.press('ArrowRight');
  await app.page.keyboard.press('Shift+End');
  await app.page.keyboard.press('Shift+ArrowLeft');
  await app.page.keyboard.press('ControlOrMeta+Shift+Enter');
  await expect(app.previewStatus).toContainText('delays_by_state · selection');
  await expect(app.previewStatus).toHaveAttribute('data-state', 'ready');
  await expect.poll(() => app.columnNames()).toEqual(['origin', 'n']);
  await expect(app.gridRows.first()).toBeVisible();
  await app.page.screenshot({ path: testInfo.outputPath('run-selection.png') });

  // Outside any CTE, the whole node runs; the document never gets the temporary node.
  await sql.cursorToEndOfLine(2);
  await app.page.keyboard.press('ControlOrMeta+Shift+Enter');
  await expect.poll(() => app.columnNames()).toEqual(['state', 'delayed']);
  await expect(app.previewStatus.locator('.preview-status__node')).toHaveText('delays_by_state');
  await expect(app.canvasNodes).toHaveCount(5);
});

test('hovering a column shows its type, where it comes from and, once profiled, its null share', async ({ app }) => {
  const sql = new SqlPage(app);
  await app.selectNode('delays_by_state');
  await app.replaceSql('SELECT distance\nFROM delayed_flights');
  await expect(sql.errorMarkers).toHaveCount(0);
  await sql.hoverText('distance');
  await expect(sql.hover).toContainText('distance');
  await expect(sql.hover).toContainText('BIGINT');
  await expect(sql.hover).toContainText('from delayed_flights');
  await expect(sql.hover).toContainText('nulls: not profiled yet');

  // The null share comes from the input's profile when there is one.
  await app.selectNode('airports');
  await app.page.getByTestId('profile-button').click();
  await expect(app.page.getByTestId('profile-status')).toHaveAttribute('data-state', 'ready');
  await app.selectNode('delays_by_state');
  await app.replaceSql('SELECT state\nFROM airports');
  await expect(sql.errorMarkers).toHaveCount(0);
  await sql.hoverText('state');
  await expect(sql.hover).toContainText('from airports');
  await expect(sql.hover).toContainText(/nulls: [<\d.]+% \(profile\)/);
});
