import { expect, test } from './fixtures/sluice';
import { SqlPage } from './pages/sql-page';

test('clicking a column in the Lineage tab highlights its sources and readers on the canvas', async ({ app }, testInfo) => {
  const sql = new SqlPage(app);
  await app.selectNode('delays_by_state');
  await sql.openLineage();
  await expect(sql.lineageColumns).toHaveText([/^state/, /^delayed_flights/, /^avg_delay_minutes/]);
  await expect(sql.lineageColumn('state')).toContainText('copied');
  await expect(sql.lineageColumn('avg_delay_minutes')).toContainText('computed');

  await sql.lineageColumn('avg_delay_minutes').click();
  await expect(app.node('delays_by_state')).toHaveAttribute('data-lineage', 'focus');
  await expect(app.node('delayed_flights')).toHaveAttribute('data-lineage', 'upstream');
  await expect(app.node('flights')).toHaveAttribute('data-lineage', 'upstream');
  await expect(app.node('airports')).not.toHaveAttribute('data-lineage', /.*/);
  await expect(app.node('delays_by_state_file')).toHaveAttribute('data-lineage', 'downstream');
  const upstream = sql.lineageUpstream.getByTestId('lineage-step');
  await expect(upstream).toHaveCount(2);
  await expect(upstream.nth(0)).toHaveAttribute('data-node', 'delayed_flights');
  await expect(upstream.nth(0)).toHaveAttribute('data-column', 'delay');
  await expect(upstream.nth(1)).toHaveAttribute('data-node', 'flights');
  await expect(sql.lineageDownstream.getByTestId('lineage-step')).toHaveAttribute('data-node', 'delays_by_state_file');
  await app.page.screenshot({ path: testInfo.outputPath('lineage-avg-delay.png') });

  // state comes from airports (through the join's alias), not from flights.
  await sql.lineageColumn('state').click();
  await expect(app.node('airports')).toHaveAttribute('data-lineage', 'upstream');
  await expect(app.node('flights')).not.toHaveAttribute('data-lineage', /.*/);
  await expect(app.node('delayed_flights')).not.toHaveAttribute('data-lineage', /.*/);

  // Leaving the tab clears the highlight.
  await app.previewTab.click();
  await expect(app.canvas.locator('[data-lineage]')).toHaveCount(0);
});

test('lineage follows an edit of the SQL', async ({ app }) => {
  const sql = new SqlPage(app);
  await app.selectNode('delays_by_state');
  await app.replaceSql('SELECT f.origin AS airport, a.city\nFROM delayed_flights AS f\nJOIN airports AS a ON a.iata = f.origin');
  await sql.openLineage();
  await expect(sql.lineageColumns).toHaveText([/^airport.*renamed/, /^city.*copied/]);
  await sql.lineageColumn('airport').click();
  await expect(sql.lineageUpstream.getByTestId('lineage-step').first()).toHaveAttribute('data-column', 'origin');
  await expect(app.node('flights')).toHaveAttribute('data-lineage', 'upstream');
});
