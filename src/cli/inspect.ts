import type { Command } from 'commander';

export interface InspectFlags {
  json?: boolean;
  quiet?: boolean;
}

export function registerInspect(program: Command, setExit: (code: number) => void): void {
  program
    .command('inspect')
    .summary('describe what the cubes of a dump or release folder hold')
    .description('Reads dumps (or a release folder) into the embedded store and describes each cube: its title, dimensions with their number of codes and first labels, measures with count, minimum, maximum and sum, markers by kind, the periods and geographies covered; for a release, the catalogue and each dataset\'s stars.')
    .argument('<paths...>', 'a release folder, or dump files (.nt .ttl .nq .trig .jsonld, optionally .gz)')
    .option('--json', 'print the description as one JSON document')
    .option('-q, --quiet', 'no notes on stderr')
    .addHelpText('after', `
Examples:
  $ justice-lod inspect out/2025-04
  $ justice-lod inspect out/2025-04/sentenced-fines.nt --json

Exit codes: 0 described, 2 unreadable or too large for the embedded store.`)
    .action(async (paths: string[], flags: InspectFlags) => setExit(await (await import('./inspect-run.js')).runInspect(paths, flags)));
}
