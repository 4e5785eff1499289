/** The README is the user manual: its tables and its full example must stay true. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codesMarkdownTable } from '../../src/diagnostics/render.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { parseMapping } from '../../src/mapping/parse.js';
import { checkSchema, RELEASE_SCHEMA_URL } from '../../src/mapping/schema-check.js';
import { normalizeMapping } from '../../src/mapping/normalize.js';

const root = new URL('../../', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');

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

  it('links only to files that are in the repository, and to headings that exist', () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^https?:/.test(l));
    expect(links.length).toBeGreaterThan(5);
    // GitHub's anchors: lower case, punctuation dropped, spaces to hyphens.
    const anchors = new Set([...readme.matchAll(/^#+ (.*)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s/g, '-')));
    for (const link of links) {
      if (link.startsWith('#')) expect(anchors.has(link.slice(1)), link).toBe(true);
      else expect(existsSync(join(root, link.split('#')[0]!)), link).toBe(true);
    }
  });

  it('documents every command and every code', () => {
    for (const cmd of ['release', 'diff', 'init', 'convert', 'check', 'preview', 'validate', 'query', 'publish', 'explain']) expect(readme).toContain(`### \`justice-lod ${cmd}`);
    for (const code of Object.keys(CODES)) expect(readme).toContain(`| ${code} |`);
  });
});
