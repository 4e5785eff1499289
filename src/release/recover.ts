import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { recoverFolder } from '../sinks/output-folder.js';
import { recoverRelease } from './swap.js';

/**
 * Before a command reads a folder (or a file in one): finishes or undoes what a killed
 * `convert` or `release` left there, so it reads one whole set of files, never a mix.
 * Touches only what processes that no longer run left behind.
 */
export function recoverBeforeReading(path: string): void {
  try {
    if (existsSync(path) && !statSync(path).isDirectory()) {
      recoverFolder(dirname(path));
      return;
    }
    recoverRelease(path);
    recoverFolder(path);
  } catch {
    // A folder we may not change (read-only media): read it as it is.
  }
}
