// Tokens and base styles first; each area's stylesheet comes with its component.
import './app/app.css';
import { startEarlyOpen } from './app/early-open';

// The window's first calls go out before the app's chunk is fetched and evaluated, so the host reads the
// pipeline file meanwhile (renderer/src/app/early-open.ts).
startEarlyOpen();
void import('./app/mount').then(({ mount }) => mount(document.getElementById('root')!));
