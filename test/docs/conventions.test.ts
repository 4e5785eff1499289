/**
 * One set of conventions across the command line (issue 19, point 6), read from the
 * commands' own definition: a short flag means the same in every command, JSON is asked for
 * with --json wherever a command prints a report, and the README's option tables list exactly
 * the options each command has.
 */
import type { Command, Option } from 'commander';
import { manual } from '../support/examples.js';
import { describe, expect, it } from 'vitest';
import { commandLine } from '../../src/cli/main.js';

const program = commandLine(() => undefined);
const options = (c: Command): readonly Option[] => c.options as readonly Option[];
// The README and the reference pages in docs/ are read as one manual.
const readme = manual();

describe('command-line conventions', () => {
  it('give each short flag one meaning in every command', () => {
    const meanings = new Map<string, Set<string>>();
    for (const c of program.commands) for (const o of options(c)) if (o.short) meanings.set(o.short, (meanings.get(o.short) ?? new Set()).add(o.long ?? ''));
    const clashes = [...meanings].filter(([, longs]) => longs.size > 1).map(([short, longs]) => `${short}: ${[...longs].join(', ')}`);
    expect(clashes).toEqual([]);
    expect(meanings.get('-q')).toEqual(new Set(['--quiet']));
    expect(meanings.get('-f')).toEqual(new Set(['--format']));
    expect(meanings.get('-o')).toEqual(new Set(['--out']));
  });

  it('ask for JSON with --json in every command that prints a report', () => {
    const reporting = ['release', 'convert', 'check', 'validate', 'query', 'publish', 'diff'];
    const without = reporting.filter((name) => !options(program.commands.find((c) => c.name() === name)!).some((o) => o.long === '--json'));
    expect(without).toEqual([]);
  });

  // The README's reference tables are written by hand: held to the definition here.
  it('list in the README every option of each command, and no other', () => {
    for (const c of program.commands) {
      const section = new RegExp(`^### \`justice-lod ${c.name()}\\b[^\\n]*\\n([\\s\\S]*?)(?=^##)`, 'm').exec(readme)?.[1];
      expect(section, `README section for ${c.name()}`).toBeDefined();
      // The first cell of each table row: `-q, --quiet`, `--retries <n>`, `--a`, `--b`.
      const firstCells = [...section!.replace(/\\\|/g, '/').matchAll(/^\|([^|\n]*)\|/gm)].map((row) => row[1]!);
      const documented = new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`[^`]*`/g)].flatMap((code) => [...code[0].matchAll(/(?<![\w-])(--[a-z][a-z-]*)/g)].map((m) => m[1]!))));
      const defined = new Set(options(c).map((o) => o.long!));
      const missing = [...defined].filter((o) => !documented.has(o) && !(c.name() === 'release' && PUBLISH_SHARED.has(o)));
      expect(missing, `options of ${c.name()} not in its README table`).toEqual([]);
      expect([...documented].filter((o) => !defined.has(o)), `README options of ${c.name()} that do not exist`).toEqual([]);
    }
  });
});

/** `release`'s table sends these to `publish`'s ("as for publish"). */
const PUBLISH_SHARED = new Set(['--timeout', '--connect-timeout', '--allow-basic-over-http', '--strict']);
