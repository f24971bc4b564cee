import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures/sluice';
import { WorkbenchPage } from './pages/workbench-page';

const DOC = path.resolve(import.meta.dirname, '..', 'docs', 'shortcuts.md');
const BEGIN = '<!-- BEGIN COMMANDS (written by e2e/workbench-shortcuts.spec.ts from the command registry) -->';
const END = '<!-- END COMMANDS -->';

/**
 * docs/shortcuts.md lists what the command registry holds. This reads every
 * registered command and shortcut from the app ("Help: Keyboard shortcuts",
 * which lists enabled and disabled ones) and fails when the doc has drifted;
 * `SLUICE_WRITE_SHORTCUTS=1 npx playwright test e2e/workbench-shortcuts.spec.ts` rewrites its table.
 */
test('docs/shortcuts.md lists every registered command with its shortcut', async ({ app }) => {
  const workbench = new WorkbenchPage(app.page);
  // Canvas, SQL and grid commands are registered while their views are on screen.
  await app.selectNode('delayed_flights');
  await app.waitForPreviewOf('delayed_flights');
  await expect(app.sqlEditor).toBeVisible();
  await workbench.runCommand('keyboard shortcuts', 'Help: Keyboard shortcuts');
  await expect(workbench.paletteInput).toHaveAttribute('placeholder', /Keyboard shortcuts/);
  const rows = await workbench.paletteRows();
  expect(rows.length).toBeGreaterThan(20);
  const table = [
    '| Command | Shortcut | Id |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.label} | ${row.shortcut ? row.shortcut.split(/\s+or\s+/).map((key) => `<kbd>${key}</kbd>`).join(' or ') : ''} | \`${row.id}\` |`),
  ].join('\n');

  const doc = await readFile(DOC, 'utf8');
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  expect(start, `${DOC} has the ${BEGIN} marker`).toBeGreaterThan(-1);
  expect(end, `${DOC} has the ${END} marker`).toBeGreaterThan(start);
  const written = doc.slice(start + BEGIN.length, end).trim();
  if (process.env.SLUICE_WRITE_SHORTCUTS === '1') {
    await writeFile(DOC, `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}`, 'utf8');
    return;
  }
  expect(written, 'docs/shortcuts.md is out of date: run SLUICE_WRITE_SHORTCUTS=1 npx playwright test e2e/workbench-shortcuts.spec.ts').toBe(table);
});
