/** The README is the user manual: its tables and its full example must stay true. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { manual } from '../support/examples.js';
import { describe, expect, it } from 'vitest';
import { codesMarkdownTable } from '../../src/diagnostics/render.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { parseMapping } from '../../src/mapping/parse.js';
import { checkSchema, RELEASE_SCHEMA_URL } from '../../src/mapping/schema-check.js';
import { normalizeMapping } from '../../src/mapping/normalize.js';

const root = new URL('../../', import.meta.url).pathname;
// The README and the reference pages in docs/ are read as one manual.
const readme = manual();

describe('README', () => {
  it('has the diagnostics table exactly as `explain --markdown` prints it', () => {
    expect(readme).toContain(codesMarkdownTable());
  });

  it('has a full mapping example that loads without a single diagnostic', () => {
    const section = readme.slice(readme.indexOf('### A full example'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const parsed = parseMapping(join(root, 'mappings', 'readme-example.yaml'), yaml);
    expect(parsed.diagnostics).toEqual([]);
    expect(checkSchema(parsed.document!)).toEqual([]);
    const { model, diagnostics } = normalizeMapping(parsed.document!);
    expect(diagnostics).toEqual([]);
    expect(model!.subjects.length).toBeGreaterThanOrEqual(2);
  });

  it('has a release file example that passes the release schema', () => {
    const section = readme.slice(readme.indexOf('## Releases and what changed'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const parsed = parseMapping(join(root, 'releases', 'readme-example.yaml'), yaml);
    expect(parsed.diagnostics).toEqual([]);
    expect(checkSchema(parsed.document!, RELEASE_SCHEMA_URL)).toEqual([]);
    expect(parsed.document!.data).toMatchObject({ id: '2025-04', previous: '../out/2025-01' });
  });

  it('links only to files that are in the repository, and to headings that exist (README and docs/)', () => {
    // GitHub's anchors: lower case, punctuation dropped, spaces to hyphens.
    const anchorsOf = (text: string): Set<string> => new Set([...text.matchAll(/^#+ (.*)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s/g, '-')));
    const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    let count = 0;
    for (const page of pages) {
      const text = readFileSync(join(root, page), 'utf8');
      const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^https?:/.test(l));
      count += links.length;
      for (const link of links) {
        const [file, anchor] = link.split('#') as [string, string | undefined];
        const target = file === '' ? join(root, page) : join(root, dirname(page), file);
        expect(existsSync(target), `${page}: ${link}`).toBe(true);
        if (anchor !== undefined && target.endsWith('.md')) expect(anchorsOf(readFileSync(target, 'utf8')).has(anchor), `${page}: ${link}`).toBe(true);
      }
    }
    expect(count).toBeGreaterThan(5);
  });

  it('shows every case of the bench matrix in its performance table', async () => {
    const { MATRIX } = await import('../bench/matrix/cases.mjs');
    const front = readFileSync(join(root, 'README.md'), 'utf8');
    const table = front.slice(front.indexOf('## Performance'));
    for (const c of MATRIX) expect(table, c.id).toMatch(new RegExp(`^\\| ${c.id} \\|`, 'm'));
  });

  it('documents every command and every code', () => {
    for (const cmd of ['release', 'diff', 'init', 'convert', 'check', 'preview', 'validate', 'query', 'publish', 'explain']) expect(readme).toContain(`### \`justice-lod ${cmd}`);
    for (const code of Object.keys(CODES)) expect(readme).toContain(`| ${code} |`);
  });
});
