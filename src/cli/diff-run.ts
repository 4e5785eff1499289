import { DiagnosedError, diagnostic } from '../diagnostics/diagnostic.js';
import { changed } from '../diff/changes.js';
import { printDiagnostics } from './diagnostics-out.js';
import { showActivity } from './progress.js';
import { rel } from './format.js';
import { EXIT } from './options.js';
import { recoverBeforeReading } from '../release/recover.js';

export interface DiffFlags {
  format: 'text' | 'markdown' | 'json';
  changes?: string;
  failOnChange?: boolean;
  json?: boolean;
  quiet?: boolean;
}

export async function runDiff(oldDir: string, newDir: string, flags: DiffFlags): Promise<number> {
  recoverBeforeReading(oldDir);
  recoverBeforeReading(newDir);
  const [{ ChangeLog }, { diffReleases }, { changesJson, changesMarkdown, changesText }] = await Promise.all([
    import('../diff/change-log.js'), import('../diff/diff-releases.js'), import('../diff/report.js'),
  ]);
  const log = flags.changes ? new ChangeLog(flags.changes) : undefined;
  let changes;
  try {
    const stop = showActivity(!flags.quiet);
    changes = await diffReleases(oldDir, newDir, log && ((id, dims, c) => log.add(id, dims, c))).finally(stop);
  } catch (err) {
    // The older release's dump, damaged: its message already says so (see previousObservations).
    changes = { code: 'JL705', message: err instanceof DiagnosedError ? err.message : `cannot compare: ${(err as Error).message}` } as const;
  }
  if ('code' in changes) {
    await log?.abort();
    printDiagnostics([diagnostic(changes.code, changes.message)], new Map());
    return EXIT.usage;
  }
  const files = (await log?.close()) ?? [];
  const out = flags.format === 'json' ? `${JSON.stringify(changesJson(changes), null, 2)}\n` : flags.format === 'markdown' ? changesMarkdown(changes) : `${changesText(changes)}\n`;
  process.stdout.write(out);
  if (files.length && flags.format !== 'json') process.stdout.write(`\nEvery changed observation: ${files.map((f) => rel(f.path)).join(', ')}\n`);
  return flags.failOnChange && changes.datasets.some(changed) ? EXIT.dataErrors : EXIT.ok;
}
