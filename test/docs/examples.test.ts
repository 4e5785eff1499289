/**
 * Issue 17, point 11: every example command in the README and in --help runs, as written, in
 * a project folder like the repository (the publishing ones run where a real Virtuoso is
 * started: test/integration/store.test.ts). An example shown failing on purpose names the
 * case it comes from and must fail the way the README says.
 */
import { cpSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleCommands, projectFolder, publishes, serves } from '../support/examples.js';
import { servedAt } from '../support/served-release.js';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const project = projectFolder(tempDir('jlod-examples-'));

/** Examples about a file of the user's own: the folder they run in, the exit code and what they print. */
const CONTEXT: Record<string, { case?: string; code: number; says: string }> = {
  'justice-lod convert mapping.yaml': { case: 'test/cases/convert/0101-rejected-rows', code: 1, says: 'input.csv:3: error JL301: "10a" in \'Count\' is not a number' },
  'justice-lod check mapping.yaml': { case: 'test/cases/mapping/0201-unknown-key', code: 2, says: "error JL102: unknown key 'colum' in 'dimensions.year'" },
  'justice-lod validate edited.nt --mapping mappings/proven-reoffending-by-la.yaml': { code: 1, says: 'proven-reoffending-by-la-2019-2021.csv:4, column "Number of reoffenders"' },
  'justice-lod validate out/disclosure-plain/sentenced-by-sex.ttl --mapping samples/disclosure/sentenced-by-sex.yaml': { code: 0, says: 'sentenced-by-sex.csv:6, column "Count"' },
};

/** The two release examples make the folders the other examples read: they run first, once. */
const RELEASES = ['justice-lod release releases/2025-01.yaml', 'justice-lod release releases/2025-04.yaml --ask custody-rate-by-pfa reoffending-rate-by-la'];

beforeAll(() => {
  for (const command of RELEASES) {
    const r = project.run(command);
    expect(r.code, `${command}\n${r.out}`).toBe(0);
  }
  // The files the README's examples speak of.
  const dump = readFileSync(join(project.dir, 'out/2025-01/proven-reoffending-by-la.nt'), 'utf8');
  writeFileSync(join(project.dir, 'edited.nt'), dump.replace(/(2019-2020\/K04000001\/A\/reoffenders> <[^>]*reoffenderCount> ")\d+/, '$19999999'));
  writeFileSync(join(project.dir, 'input.csv'), 'Period,Police Force Area,Count,Rate\n2019,Kent,10,0.5\n2019,Essex,4,0.25\n');
  writeFileSync(join(project.dir, 'mappings/my-cube.yaml'), readFileSync(join(root, 'test/docs/my-cube.yaml'), 'utf8'));
  expect(project.run('justice-lod convert mappings/my-cube.yaml --out out/my-cube --quiet').code).toBe(0);
  // The dump the README's disclosure example validates (its convert example makes it too).
  expect(project.run('justice-lod convert samples/disclosure/sentenced-by-sex.yaml --out out/disclosure-plain --quiet').code).toBe(0);
}, 180_000);

describe('the example commands of the README and of --help', () => {
  const commands = exampleCommands();

  it('are many, and cover every command', () => {
    expect(commands.length).toBeGreaterThan(35);
    for (const r of RELEASES) expect(commands).toContain(r);
    for (const c of ['release', 'diff', 'convert', 'init', 'check', 'preview', 'validate', 'query', 'publish', 'serve', 'explain']) expect(commands.some((x) => x.includes(`justice-lod ${c}`)), c).toBe(true);
  });

  // A server runs until stopped: it must start (on a free port: `--port 0` appended, the last
  // --port wins), serve its catalogue, and stop cleanly on SIGTERM.
  it.each(commands.filter(serves))('%s', async (command) => {
    const served = await servedAt(project.start(`${command} --port 0`));
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const res = await fetch(`${served.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('govuk-template');
    expect(await served.stop()).toBe(0);
  }, 120_000);

  it.each(commands.filter((c) => !publishes(c) && !RELEASES.includes(c) && !serves(c)))('%s', (command) => {
    const context = CONTEXT[command];
    let cwd = project.dir;
    if (context?.case) {
      cwd = join(project.dir, 'cases', context.case.split('/').pop()!);
      mkdirSync(cwd, { recursive: true });
      cpSync(join(root, context.case), cwd, { recursive: true });
    }
    const r = project.run(command, {}, cwd);
    expect(r.code, r.out).toBe(context?.code ?? 0);
    if (context) expect(r.out).toContain(context.says);
    expect(r.out).not.toMatch(/\n\s+at .*\.js:\d+/);
  }, 120_000);
});
