import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// package.json is two levels up from both main/host/version.ts and out/main/*.js.
const pkg = require('../../package.json') as { version: string };

export const APP_NAME = 'Sluice';
export const APP_VERSION = pkg.version;
