import { existsSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../sinks/atomic.js';
import { join } from 'node:path';
import { releaseIdentity } from './read-release.js';

/**
 * The file that marks a folder as a release written by justice-lod. A release replaces only
 * a folder that holds it (or, from before the marker, a metadata.ttl with a versioned
 * catalogue), so a mistyped `out:` or `id:` never deletes someone else's files.
 */
export const RELEASE_MARKER = '.justice-lod-release';

export async function writeReleaseMarker(dir: string, id: string, version: string, tool: string): Promise<void> {
  await writeFileAtomic(join(dir, RELEASE_MARKER), `${JSON.stringify({ release: id, version, writtenBy: `justice-lod ${tool}` })}\n`);
}

/**
 * The version of the release that `dir` holds, or undefined when it holds none: a release
 * folder has the marker, or (from before the marker) a catalogue with a dcat:version, which
 * only `release` writes.
 */
export function releaseVersionIn(dir: string): string | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  let version: string | undefined;
  try {
    version = releaseIdentity(dir).version;
  } catch {
    version = undefined; // a metadata.ttl that does not parse says nothing
  }
  return version ?? (existsSync(join(dir, RELEASE_MARKER)) ? '(unversioned)' : undefined);
}

/** Why `outDir` may not be replaced by a release, or undefined when it may (absent, or a release). */
export function notAReleaseFolder(outDir: string): string | undefined {
  if (!existsSync(outDir)) return undefined;
  if (!statSync(outDir).isDirectory()) return `${outDir} is a file, not a release folder`;
  if (releaseVersionIn(outDir) !== undefined) return undefined;
  return `${outDir} exists and is not a release written by justice-lod (it has no ${RELEASE_MARKER})`;
}
