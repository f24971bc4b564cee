import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures/sluice';
import { NodeFormPage } from './pages/node-form-page';

const PIPELINE = `version: 1
name: Checked flights
nodes:
  - name: flights
    type: source.file
    path: data/flights-3m.parquet
  - name: delayed_flights
    type: transform.sql
    inputs: [ flights ]
    sql: SELECT date, delay, origin, destination FROM flights WHERE delay > 15
  - name: origin_present
    type: check.not_null
    inputs: [ delayed_flights ]
    columns: [ origin ]
layout:
  delayed_flights: { x: 280, y: 0 }
  flights: { x: 0, y: 0 }
  origin_present: { x: 560, y: 0 }
`;

test.use({ projectFiles: { 'flights.sluice.yaml': PIPELINE } });

test('a check node’s column list is edited in the generated form, with the schema’s messages as you type', async ({ app, server }, testInfo) => {
  const form = new NodeFormPage(app.page);
  const file = path.join(server.projectDir, 'flights.sluice.yaml');
  await app.selectNode('origin_present');
  await expect(form.field('inputs')).toHaveValue('delayed_flights');
  await expect(form.field('columns.0')).toHaveValue('origin');

  // A new, empty column is invalid: its message shows next to it, and it never reaches the document.
  await form.addItem('columns').click();
  await expect(form.error('columns.1')).toHaveText('a column name cannot be empty');
  await expect(form.field('columns.1')).toHaveAttribute('aria-invalid', 'true');
  await app.saveButton.click();
  await expect.poll(() => readFile(file, 'utf8')).toContain('columns: [ origin ]');

  // Typing a name makes it valid; the edit goes into the document and is saved.
  await form.field('columns.1').fill('destination');
  await expect(form.error('columns.1')).toBeHidden();
  await form.field('severity').selectOption('warn');
  await app.saveButton.click();
  await expect.poll(() => readFile(file, 'utf8')).toMatch(/columns:\s*\[\s*origin,\s*destination\s*\]/);
  expect(await readFile(file, 'utf8')).toContain('severity: warn');

  // An empty list is refused with the check's own message.
  await form.removeItem('Remove columns 2').click();
  await form.removeItem('Remove columns 1').click();
  await expect(form.error('columns')).toHaveText('a not_null check needs at least one column');
  await app.page.screenshot({ path: testInfo.outputPath('node-form-error.png') });
  // The document keeps the last valid list (after the first removal), not the empty one.
  await app.saveButton.click();
  await expect.poll(() => readFile(file, 'utf8')).toMatch(/severity: warn\s+inputs: \[ delayed_flights \]\s+columns: \[ origin \]/);

  // The check runs with what the form wrote: put a column back and run it.
  await form.addItem('columns').click();
  await form.field('columns.0').fill('origin');
  await expect(form.error('columns')).toBeHidden();
  await app.runButton.click();
  await expect(app.node('origin_present')).toHaveAttribute('data-status', /succeeded|cached/);
});

test('other node types get their forms too: a file source’s refinements name the field', async ({ app }) => {
  const form = new NodeFormPage(app.page);
  await app.selectNode('flights');
  await expect(form.field('path')).toHaveValue('data/flights-3m.parquet');
  await expect(form.field('format')).toHaveValue('');
  await expect(form.field('format').locator('option').first()).toHaveText('From extension (parquet)');
  // A CSV-only option on a parquet file: the schema's refinement names the field.
  await form.field('header').selectOption('true');
  await expect(form.error('header')).toHaveText('header applies to csv and tsv files only');
  await form.field('header').selectOption('');
  await expect(form.error('header')).toBeHidden();
});
