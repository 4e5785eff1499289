import type { Command } from 'commander';
import type { DiffFlags } from './diff-run.js';
import { choice } from './options.js';

export function registerDiff(program: Command, setExit: (code: number) => void): void {
  program
    .command('diff')
    .summary('what changed between two releases: observations added, removed, revised; markers; code lists')
    .description('Compares two release folders dataset by dataset (or two dumps of one data set), keyed by each observation\'s dimension values: observations added and removed, values revised, markers changed (such as [p] → final or [c] → a value), codes that came into or went out of use, and code-list concepts added, removed or relabelled. The [r] markers a release adds are not counted as marker changes.')
    .argument('<old>', 'the earlier release folder, or a dump of one data set')
    .argument('<new>', 'the later release folder, or a dump of the same data set')
    .option('-f, --format <form>', 'text, markdown or json', choice(['text', 'markdown', 'json'] as const), 'text')
    .option('--json', 'the same as --format json')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--changes <dir>', 'also write every changed observation, one CSV per dataset, into this folder')
    .option('--fail-on-change', 'exit 1 when anything changed (for scripts that expect identical releases)')
    .addHelpText('after', `
Examples:
  $ justice-lod diff out/2025-01 out/2025-04
  $ justice-lod diff out/2025-01 out/2025-04 --format markdown > changes.md
  $ justice-lod diff out/2025-01 out/2025-04 --changes out/changes --format json
  $ justice-lod diff out/2025-01/proven-reoffending-by-la.nt out/2025-04/proven-reoffending-by-la.ttl

Exit codes: 0 compared, 1 something changed (only with --fail-on-change), 2 not a release folder or a dump, or an unreadable dump.`)
    .action(async (oldDir: string, newDir: string, flags: DiffFlags) => setExit(await (await import('./diff-run.js')).runDiff(oldDir, newDir, flags.json ? { ...flags, format: 'json' } : flags)));
}
