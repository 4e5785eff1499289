import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The file that marks a folder as a release written by justice-lod. A release replaces only
 * a folder that holds it (or, from before the marker, a metadata.ttl with a versioned
 * catalogue), so a mistyped `out:` or `id:` never deletes someone else's files.
 */
export const RELEASE_MARKER = '.justice-lod-release';

export async function writeReleaseMarker(dir: string, id: string, version: string, tool: string): Promise<void> {
  await writeFile(join(dir, RELEASE_MARKER), `${JSON.stringify({ release: id, version, writtenBy: `justice-lod ${tool}` })}\n`);
}

/** Why `outDir` may not be replaced by a release, or undefined when it may (absent, or a release). */
export function notAReleaseFolder(outDir: string): string | undefined {
  if (!existsSync(outDir)) return undefined;
  if (!statSync(outDir).isDirectory()) return `${outDir} is a file, not a release folder`;
  if (existsSync(join(outDir, RELEASE_MARKER))) return undefined;
  const metadata = join(outDir, 'metadata.ttl');
  // A release from before the marker: its catalogue has a dcat:version, which only `release` writes.
  if (existsSync(metadata) && /\bdcat:version\s/.test(readFileSync(metadata, 'utf8'))) return undefined;
  return `${outDir} exists and is not a release written by justice-lod (it has no ${RELEASE_MARKER})`;
}
