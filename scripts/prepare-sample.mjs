// Copies the public vega-datasets files the sample project reads into resources/.
import { copyFileSync, mkdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';

// vega-datasets exports no package.json, so it is found by its folder.
const dataDir = path.resolve('node_modules/vega-datasets/data');
const target = 'resources/sample-project/data';
mkdirSync(target, { recursive: true });
for (const file of ['flights-3m.parquet', 'airports.csv']) {
  const from = path.join(dataDir, file);
  const to = path.join(target, file);
  if (!existsSync(to) || statSync(to).size !== statSync(from).size) copyFileSync(from, to);
}
