/**
 * `serve`'s pages in a real browser (issue 21): Debian's Chromium driven by playwright-core.
 * A user's path through the site — catalogue, dataset, cube page (filter the table; the chart
 * has one mark per value), observation, concept, code list, vocabulary, SPARQL form — with
 * axe-core's WCAG 2.2 AA rules on every page kind, and a screenshot of each written to
 * test-artifacts/serve/ for people to look at.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReleases, serve, type Served } from '../support/served-release.js';

const CHROMIUM = '/usr/bin/chromium';
const installed = existsSync(CHROMIUM);
if (!installed) console.warn('Chromium is not installed (Debian package chromium): the browser tests of serve are skipped. `.ci/run` installs it.');

const root = new URL('../../', import.meta.url).pathname;
const SHOTS = join(root, 'test-artifacts', 'serve');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  passes: unknown[];
}

describe.skipIf(!installed)('serve in a real browser (Chromium)', () => {
  let server: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const releases = sampleReleases();
    server = await serve(releases.current);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // The pages' Content-Security-Policy forbids inline scripts: bypassed only so axe can be injected.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is; a screenshot of it. */
  async function check(name: string): Promise<AxeResult> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() => (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    })) as AxeResult;
    const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    expect(found, `${name}: ${found.join('\n')}`).toEqual([]);
    expect(result.passes.length).toBeGreaterThan(5);
    return result;
  }

  it('catalogue → dataset → cube (filter, chart) → observation → concept, each accessible', async () => {
    await page.goto(`${server.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Ministry of Justice statistics');
    expect(await page.locator('.app-dataset').count()).toBe(8);
    await check('catalogue');

    await page.getByRole('link', { name: 'Offenders fined, by fine amount band', exact: true }).click();
    await page.waitForURL(/\/doc\/data\/sentenced-fines$/);
    expect(await page.locator('h1').textContent()).toBe('Offenders fined, by fine amount band');
    // Downloads with their SHA-256, the history and the stars.
    expect(await page.locator('code.app-hash').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByText('January 2025, released 30 January 2025').count()).toBe(1);
    expect(await page.getByText('5 out of 5 stars').count()).toBe(1);
    await check('dataset');

    await page.getByRole('button', { name: 'Explore the data' }).click();
    await page.waitForURL(/\/cube\/data\/sentenced-fines/);
    const caption = async (): Promise<string> => (await page.locator('#observations-caption').textContent())!;
    expect(await caption()).toMatch(/Observations 1 to 50 of 576/);
    // The chart: one mark per value its data table lists.
    const values = await page.locator('.app-chart-data tbody tr td:nth-child(2)').allTextContents();
    expect(values.length).toBeGreaterThan(1);
    expect(await page.locator('svg.app-chart .app-chart__mark').count()).toBe(values.filter((v) => v !== 'no value').length);
    await check('cube');

    // Filter the table: only male offenders.
    await page.getByLabel('Sex', { exact: true }).selectOption({ label: 'Male' });
    await page.locator('#apply-filters').click();
    await page.waitForURL(/sex=/);
    expect(await caption()).toMatch(/Observations 1 to 50 of 192/);
    const sexColumn = await page.locator('.app-observations tbody tr td:nth-child(3)').allTextContents();
    expect(new Set(sexColumn)).toEqual(new Set(['Male']));
    // A bar chart by offence group: one bar per group with a value.
    await page.getByLabel('Chart by').selectOption({ label: 'Offence group' });
    await page.locator('#apply-filters').click();
    await page.waitForURL(/chart=offenceGroup/);
    const bars = await page.locator('.app-chart-data tbody tr td:nth-child(2)').allTextContents();
    expect(await page.locator('svg.app-chart rect.app-chart__mark').count()).toBe(bars.filter((v) => v !== 'no value').length);
    await check('cube-filtered');

    // A suppressed observation shows its marker and what it means.
    await page.getByLabel('Fine amount band').selectOption({ label: 'Over £10,000' });
    await page.locator('#apply-filters').click();
    await page.waitForURL(/fineAmountBand=/);
    expect(await page.locator('.app-markers').textContent()).toMatch(/\[c\]\s*Confidential/i);

    await page.locator('.app-observations tbody tr').first().getByRole('link').click();
    await page.waitForURL(/\/doc\/data\/sentenced-fines\/obs\//);
    expect(await page.locator('.govuk-caption-l').textContent()).toContain('Observation');
    expect(await page.locator('.govuk-summary-list').first().textContent()).toContain('Sex');
    await check('observation');

    await page.locator('.govuk-summary-list').first().getByRole('link', { name: 'Over £10,000' }).click();
    await page.waitForURL(/\/doc\/def\/justice\/fine-band\//);
    expect(await page.locator('h1').textContent()).toBe('Over £10,000');
    await check('concept');
  }, 180_000);

  it('code list, vocabulary term, SPARQL form', async () => {
    await page.goto(`${server.url}/def/justice/fine-band`);
    expect(page.url()).toMatch(/\/doc\/def\/justice\/fine-band$/);
    expect(await page.locator('.app-tree__item').count()).toBeGreaterThan(10);
    await check('code-list');

    await page.goto(`${server.url}/doc/def/justice#fineAmountBand`);
    expect(await page.locator('#fineAmountBand h3').textContent()).toMatch(/Fine amount band/i);
    await check('vocabulary');

    await page.goto(`${server.url}/sparql`);
    await page.getByRole('link', { name: /fine amount band/i }).first().click();
    expect(await page.locator('.app-results tbody tr').count()).toBeGreaterThan(5);
    await check('sparql');
  }, 180_000);
});
