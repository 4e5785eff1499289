import type { FiveStarReport } from '../metadata/five-star.js';
export { fiveStarJson } from '../metadata/five-star-json.js';
import { n } from './format.js';

const STAR = '★';

/** A table a statistician can read: one row per dataset, a column per star, reasons below. */
export function fiveStarText(report: FiveStarReport): string {
  const width = Math.max(...report.datasets.map((d) => d.dataset.split('/').at(-1)!.length), 7);
  const head = `  ${'dataset'.padEnd(width)}  ${[1, 2, 3, 4, 5].map((i) => STAR.repeat(i).padEnd(6)).join('')}  stars`;
  const lines = ['Five-star linked data (5stardata.info), checked from the files:', head];
  const reasons: string[] = [];
  for (const d of report.datasets) {
    const id = d.dataset.split('/').at(-1)!;
    const cells = d.checks.map((c) => (c.passed ? 'yes' : 'NO').padEnd(6)).join('');
    lines.push(`  ${id.padEnd(width)}  ${cells}  ${STAR.repeat(d.stars)}${'☆'.repeat(5 - d.stars)}  (${n(d.triplesParsed)} triples ${d.countedWhileWriting ? 'counted as written' : 're-read'})`);
    for (const c of d.checks.filter((x) => !x.passed)) for (const r of c.reasons.slice(0, 5)) reasons.push(`  ${id} ${STAR.repeat(c.stars)} ${c.criterion}: ${r}`);
  }
  if (reasons.length) lines.push('', 'Missing stars:', ...reasons);
  return lines.join('\n');
}
