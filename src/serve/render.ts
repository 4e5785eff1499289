import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { Page } from './site.js';
import type { TermView } from './terms.js';
import { escapeMarkup as esc } from './markup.js';

/** The page templates (views/ at the package root) and GOV.UK Frontend's, as installed. */
export const VIEWS = fileURLToPath(new URL('../../views/', import.meta.url));
export const GOVUK = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');

export const SERVICE_NAME = 'Justice statistics as linked data';

/**
 * Renders pages with Nunjucks and the GOV.UK Frontend macros, escaping every value (the data
 * comes from CSV files: a cell's text must never become markup).
 */
export class Renderer {
  private readonly env: nunjucks.Environment;
  private readonly chrome: Readonly<Record<string, unknown>>;
  /** The CSP hash of the one inline script GOV.UK's template has (it marks the page as having JavaScript). */
  readonly scriptHash: string;

  constructor(private readonly globals: { readonly downloadPath: string }) {
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS, GOVUK]), { autoescape: true, throwOnUndefined: false });
    this.env.addFilter('map_text', (list: string[]) => list.map((text) => ({ text })));
    this.env.addFilter('term', (t: TermView) => new nunjucks.runtime.SafeString(termHtml(t)));
    const part = (name: string, nav = ''): string => this.env.render('chrome.njk', { part: name, nav, serviceName: SERVICE_NAME, ...globals }).trim();
    this.chrome = {
      skipLink: part('skipLink'), header: part('header'), phaseBanner: part('phaseBanner'), footer: part('footer'),
      navigation: { none: part('navigation'), catalogue: part('navigation', 'catalogue'), sparql: part('navigation', 'sparql') },
    };
    const probe = this.render({ template: 'error.njk', title: 'probe', data: { heading: '', message: '' } });
    const script = /<script>([\s\S]*?)<\/script>/.exec(probe)?.[1] ?? '';
    this.scriptHash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
  }

  render(page: Page, extra: Readonly<Record<string, unknown>> = {}): string {
    return this.env.render(page.template, { serviceName: SERVICE_NAME, ...this.globals, chrome: this.chrome, pageTitle: page.title, ...page.data, ...extra });
  }
}

/** A term as HTML: a link to its page, or a literal with its datatype or language (a filter: macros are slow). */
export function termHtml(t: TermView | undefined): string {
  if (!t) return '';
  if (t.href) return `<a class="govuk-link" href="${esc(t.href)}">${esc(t.text)}</a>`;
  return `${esc(t.text)}${t.note ? ` <span class="app-note">(${esc(t.note)})</span>` : ''}`;
}
