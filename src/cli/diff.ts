import type { Command } from 'commander';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { changed } from '../diff/changes.js';
import { printDiagnostics } from './diagnostics-out.js';
import { rel } from './format.js';
import { choice, EXIT } from './options.js';
import { recoverBeforeReading } from '../release/recover.js';

interface DiffFlags {
  format: 'text' | 'markdown' | 'json';
  changes?: string;
  failOnChange?: boolean;
}

export function registerDiff(program: Command, setExit: (code: number) => void): void {
  program
    .command('diff')
    .summary('what changed between two releases: observations added, removed, revised; markers; code lists')
    .description('Compares two release folders dataset by dataset, keyed by each observation\'s dimension values: observations added and removed, values revised, markers changed (such as [p] → final or [c] → a value), codes that came into or went out of use, and code-list concepts added, removed or relabelled. The [r] markers a release adds are not counted as marker changes.')
    .argument('<old>', 'the earlier release folder')
    .argument('<new>', 'the later release folder')
    .option('--format <form>', 'text, markdown or json', choice(['text', 'markdown', 'json'] as const), 'text')
    .option('--changes <dir>', 'also write every changed observation, one CSV per dataset, into this folder')
    .option('--fail-on-change', 'exit 1 when anything changed (for scripts that expect identical releases)')
    .addHelpText('after', `
Examples:
  $ justice-lod diff out/2025-01 out/2025-04
  $ justice-lod diff out/2025-01 out/2025-04 --format markdown > changes.md
  $ justice-lod diff out/2025-01 out/2025-04 --changes out/changes --format json

Exit codes: 0 compared, 1 something changed (only with --fail-on-change), 2 not a release folder or an unreadable dump.`)
    .action(async (oldDir: string, newDir: string, flags: DiffFlags) => setExit(await runDiff(oldDir, newDir, flags)));
}

async function runDiff(oldDir: string, newDir: string, flags: DiffFlags): Promise<number> {
  recoverBeforeReading(oldDir);
  recoverBeforeReading(newDir);
  const [{ ChangeLog }, { diffReleases }, { changesJson, changesMarkdown, changesText }] = await Promise.all([
    import('../diff/change-log.js'), import('../diff/diff-releases.js'), import('../diff/report.js'),
  ]);
  const log = flags.changes ? new ChangeLog(flags.changes) : undefined;
  let changes;
  try {
    changes = await diffReleases(oldDir, newDir, log && ((id, dims, c) => log.add(id, dims, c)));
  } catch (err) {
    changes = { code: 'JL705', message: `cannot compare: ${(err as Error).message}` } as const;
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
