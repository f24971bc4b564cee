// The engine's benchmarks (issue 3), one after the other: `npx tsx bench/engine-all.ts`.
// Each prints figures with the baseline it was measured against in the same run.
import { benchBigFile } from './engine-big-file';
import { benchCancel } from './engine-cancel';
import { benchIncremental } from './engine-incremental';
import { benchPaging } from './engine-paging';
import { benchPreview } from './engine-preview';
import { machine, report, type Figure } from './engine-bench-support';

export const engineBenches: [string, () => Promise<Figure[]>][] = [
  ['preview', benchPreview],
  ['incremental', benchIncremental],
  ['cancel', benchCancel],
  ['paging', benchPaging],
  ['big file', benchBigFile],
];

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(machine());
  const only = process.argv.slice(2);
  for (const [name, bench] of engineBenches) {
    if (only.length > 0 && !only.includes(name)) continue;
    report(await bench());
  }
}
