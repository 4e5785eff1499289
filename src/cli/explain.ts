import type { Command } from 'commander';
import { CODES, isCode } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { codesMarkdownTable } from '../diagnostics/render.js';
import { EXIT } from './options.js';

export function registerExplain(program: Command, setExit: (code: number) => void): void {
  program
    .command('explain')
    .summary('explain a diagnostic code, or list them all')
    .argument('[code]', 'a code such as JL307')
    .option('--markdown', 'print the whole table as Markdown (the README\'s diagnostics table)')
    .addHelpText('after', `
Examples:
  $ justice-lod explain JL307
  $ justice-lod explain`)
    .action((code: string | undefined, flags: { markdown?: boolean }) => {
      if (flags.markdown) {
        process.stdout.write(`${codesMarkdownTable()}\n`);
        return;
      }
      if (code === undefined) {
        for (const [c, info] of Object.entries(CODES)) process.stdout.write(`${c}  ${info.severity.padEnd(7)}  ${info.title}\n`);
        return;
      }
      const upper = code.toUpperCase();
      if (!isCode(upper)) {
        process.stderr.write(`error: unknown code '${code}'.${didYouMean(upper, Object.keys(CODES))}\n`);
        setExit(EXIT.usage);
        return;
      }
      const info = CODES[upper];
      process.stdout.write(`${upper} (${info.severity}): ${info.title}\n\nHow to fix: ${info.hint}\n`);
    });
}
