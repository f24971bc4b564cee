import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, writeSync, ftruncateSync, fstatSync } from 'node:fs';

/**
 * Small tmpfs mounts stand in for a full disk and a read-only folder. Root
 * ignores file permissions, so chmod cannot make a folder read-only for the
 * tests; a read-only mount can. Mounting needs root (or CAP_SYS_ADMIN).
 */
export function tryMountTmpfs(dir: string, sizeBytes: number): { ok: true } | { ok: false; reason: string } {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], { stdio: 'pipe' });
    return { ok: true };
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { ok: false, reason: `mount -t tmpfs is not permitted here (${stderr || (error as Error).message}); run the suite as root to cover this case` };
  }
}

export function remountReadOnly(dir: string): void {
  execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
}

export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    // A process may still hold a file open there; detach lazily so the temp folder can go.
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  }
}

/** Fills the file system of `file` until it is full, then gives back `leaveFree` bytes. Returns the filler size. */
export function fillDisk(file: string, leaveFree = 0): number {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  try {
    for (;;) {
      try {
        writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        break;
      }
    }
    // Smaller writes fill the last partial chunk.
    for (;;) {
      try {
        writeSync(fd, chunk.subarray(0, 4096));
      } catch {
        break;
      }
    }
    const size = fstatSync(fd).size;
    if (leaveFree > 0) ftruncateSync(fd, Math.max(0, size - leaveFree));
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}
