/**
 * An install without a toolchain (issue 19, point 2): `npm pack` makes a tarball with the
 * built dist/; `npm install -g` of it into an empty prefix gives a working `justice-lod`
 * with no dev dependencies and no TypeScript build. Also --version and shell completion.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedAt } from '../support/served-release.js';
import { tempDir } from '../support/tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('--version and completion', () => {
  it('prints the version of package.json', () => {
    const r = cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  // The script is run by a real bash: completing commands, a command's options, and a file
  // name after an option that takes a value.
  it('completes commands, options and file names in bash', () => {
    const r = cli(['completion', 'bash']);
    expect(r.code).toBe(0);
    const script = join(tempDir(), 'completion.bash');
    writeFileSync(script, r.stdout);
    const complete = (line: string): string[] => {
      const words = line.split(' ');
      const probe = `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _justice_lod; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', probe], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    };
    expect(complete('justice-lod con')).toEqual(['convert']);
    expect(complete('justice-lod convert mappings/x.yaml --for')).toEqual(['--format']);
    expect(complete('justice-lod query out --ex')).toEqual(['--example']);
    expect(complete('justice-lod convert --out releas')).toEqual(['releases']);
    expect(complete('justice-lod check mappings/court-outcomes-by')).toEqual(['mappings/court-outcomes-by-pfa.yaml']);
  });

  it('prints a zsh script that uses the same function, and refuses other shells', () => {
    expect(cli(['completion', 'zsh']).stdout).toMatch(/bashcompinit[\s\S]*complete -o filenames -F _justice_lod justice-lod/);
    const fish = cli(['completion', 'fish']);
    expect(fish.code).toBe(2);
    expect(fish.stderr).toMatch(/no completion for 'fish'; choose bash or zsh/);
  });
});

describe('npm pack, then npm install -g of the tarball', () => {
  const work = tempDir();
  const prefix = join(work, 'prefix');
  let installed = '';

  beforeAll(() => {
    // The tarball is what `npm publish` would upload: dist/ built, nothing compiled on install.
    const packed = execFileSync('npm', ['pack', '--pack-destination', work, '--ignore-scripts'], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
    const tarball = join(work, packed);
    // From the npm cache that `npm ci` filled: no network needed, and no dev dependencies.
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: work, encoding: 'utf8', stdio: 'pipe' });
    installed = join(prefix, 'lib', 'node_modules', 'justice-lod');
  }, 300_000);

  it('installs the built CLI with its runtime dependencies only', () => {
    expect(existsSync(join(installed, 'dist', 'cli', 'main.js'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'mapping', 'schema-validators.js'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(readdirSync(join(installed, 'node_modules'))).toContain('oxigraph');
    // Every package the lock file marks dev-only (TypeScript, vitest, the anchors' parsers…) is absent.
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.keys(pkg.devDependencies).filter((d) => lock.packages[`node_modules/${d}`]?.dev === true);
    expect(devOnly).toEqual(expect.arrayContaining(['typescript', 'vitest']));
    for (const dev of devOnly) expect(existsSync(join(installed, 'node_modules', dev)), dev).toBe(false);
  });

  it('runs as `justice-lod` from the prefix: --version, and a convert of a shipped sample', () => {
    const exe = join(prefix, 'bin', 'justice-lod');
    expect(execFileSync(exe, ['--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
    const out = join(work, 'out');
    const r = spawnSync(exe, ['convert', join(installed, 'mappings', 'court-outcomes-by-pfa.yaml'), '--out', out], { cwd: work, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/court-outcomes-by-pfa\s+yes\s+yes\s+yes\s+yes\s+yes\s+★★★★★/);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['court-outcomes-by-pfa.nt', 'court-outcomes-by-pfa.ttl', 'metadata.ttl', 'five-star.json']));
  });

  it('serves what it converted: pages from the installed templates and GOV.UK Frontend, and --check', async () => {
    const exe = join(prefix, 'bin', 'justice-lod');
    const out = join(work, 'out');
    const check = spawnSync(exe, ['serve', out, '--check'], { cwd: work, encoding: 'utf8' });
    expect(check.status, check.stderr + check.stdout).toBe(0);
    const served = await servedAt(spawn(exe, ['serve', out, '--port', '0'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] }));
    const url = served.url;
    try {
      const page = await fetch(`${url}/doc/data/court-outcomes-by-pfa`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('govuk-summary-list');
      expect((await fetch(`${url}/assets/govuk-frontend.min.css`)).status).toBe(200);
    } finally {
      await served.stop();
    }
  }, 120_000);
});
