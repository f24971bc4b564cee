// Entry point of the `sluice` bin (bundled to out/main/cli.js).
import { main } from './program';

await main(process.argv);
