import { expect, test } from './fixtures/sluice';
import { NodeFormPage } from './pages/node-form-page';

/** One valid node of each of the 26 types of the catalog (common/pipeline/node-schemas.ts). */
const NODES = `
  - { name: src, type: source.file, path: data/airports.csv }
  - { name: db_source, type: source.duckdb, path: data/none.duckdb, table: t }
  - { name: sql_source, type: source.sql, sql: "SELECT 'SFO' AS a" }
  - { name: sql, type: transform.sql, inputs: [ src ], sql: "SELECT * FROM src" }
  - { name: filter, type: transform.filter, inputs: [ src ], where: "state = 'CA'" }
  - { name: select, type: transform.select, inputs: [ src ], columns: [ iata, { column: state, as: st } ] }
  - { name: derive, type: transform.derive, inputs: [ src ], columns: [ { name: one, expression: "1" } ] }
  - { name: join, type: transform.join, inputs: [ src, sql_source ], how: left, on: [ { left: iata, right: a } ] }
  - { name: aggregate, type: transform.aggregate, inputs: [ src ], group_by: [ state ], aggregates: [ { name: n, function: count } ] }
  - { name: union, type: transform.union, inputs: [ src, filter ] }
  - { name: sort, type: transform.sort, inputs: [ src ], by: [ state, { column: iata, descending: true } ] }
  - { name: limit, type: transform.limit, inputs: [ src ], rows: 10 }
  - { name: sample, type: transform.sample, inputs: [ src ], rows: 5, seed: 1 }
  - { name: deduplicate, type: transform.deduplicate, inputs: [ src ], keys: [ state ] }
  - { name: pivot, type: transform.pivot, inputs: [ src ], on: state, values: [ CA, TX ], using: [ { name: n, function: count } ] }
  - { name: unpivot, type: transform.unpivot, inputs: [ src ], columns: [ latitude, longitude ] }
  - { name: window, type: transform.window, inputs: [ src ], partition_by: [ state ], order_by: [ iata ], columns: [ { name: rn, function: row_number } ] }
  - { name: not_null, type: check.not_null, inputs: [ src ], columns: [ iata ] }
  - { name: unique, type: check.unique, inputs: [ src ], columns: [ iata ] }
  - { name: accepted, type: check.accepted_values, inputs: [ src ], column: state, values: [ CA, 12, true ] }
  - { name: row_count, type: check.row_count, inputs: [ src ], min: 1 }
  - { name: freshness, type: check.freshness, inputs: [ src ], column: iata, max_age: 1 day }
  - { name: schema, type: check.schema, inputs: [ src ], columns: [ { name: iata, type: VARCHAR } ] }
  - { name: sql_check, type: check.sql, inputs: [ src ], sql: "SELECT * FROM src WHERE iata IS NULL" }
  - { name: file_sink, type: sink.file, inputs: [ src ], path: out/a.parquet }
  - { name: db_sink, type: sink.duckdb, inputs: [ src ], path: out/a.duckdb, table: airports }`;

const nodes = [...NODES.matchAll(/^ {2}- \{ name: (\w+), type: ([\w.]+)/gm)].map((match) => ({ name: match[1]!, type: match[2]! }));
const names = nodes.map((node) => node.name);
// A 6×5 grid that leaves the bottom-left corner empty: the minimap sits there.
const cells = Array.from({ length: 30 }, (_, i) => ({ col: i % 6, row: Math.floor(i / 6) })).filter(({ col, row }) => !(row === 4 && col < 2) && !(row === 3 && col === 0));
const layout = names.map((name, index) => `  ${name}: { x: ${cells[index]!.col * 260}, y: ${cells[index]!.row * 140} }`).join('\n');

test.use({ projectFiles: { 'flights.sluice.yaml': `version: 1\nname: Every node type\nnodes:${NODES}\nlayout:\n${layout}\n` } });

test('every node type of the catalog gets a form whose values are its settings, with no message on a valid node', async ({ app }, testInfo) => {
  const form = new NodeFormPage(app.page);
  expect(new Set(nodes.map((node) => node.type)).size).toBe(26);
  for (const name of names) {
    await app.selectNode(name);
    await expect(form.form).toHaveAttribute('aria-label', `Settings of ${name}`);
    await expect(form.form.locator('.node-form__error')).toHaveCount(0);
  }
  // Spot checks that the values come from the node: a join's two inputs, nested aggregates, typed accepted values, a union item.
  await app.selectNode('join');
  await expect(form.field('inputs-0')).toHaveValue('src');
  await expect(form.field('inputs-1')).toHaveValue('sql_source');
  await expect(form.field('on.0.right')).toHaveValue('a');
  await app.selectNode('aggregate');
  await expect(form.field('aggregates.0.function')).toHaveValue('count');
  await app.selectNode('accepted');
  await expect(form.field('values.1')).toHaveValue('12');
  await expect(form.field('values.2')).toHaveValue('true');
  await app.selectNode('sort');
  await expect(form.field('by.0')).toHaveValue('state');
  await expect(form.field('by.1.descending')).toHaveValue('true');
  await app.selectNode('window');
  await app.page.screenshot({ path: testInfo.outputPath('window-form.png') });
  // A node with SQL keeps the Monaco editor under its form.
  await app.selectNode('sql_check');
  await expect(app.sqlEditor).toBeVisible();
  await app.page.screenshot({ path: testInfo.outputPath('sql-check-form.png') });
});
