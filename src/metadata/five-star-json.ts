import type { FiveStarReport } from './five-star.js';

// Apart from the assessment, which reads dumps back (n3, jsonld): printing needs only this.
/** The report as five-star.json holds it. */
export function fiveStarJson(report: FiveStarReport): Record<string, unknown> {
  return {
    bundle: report.bundle,
    datasets: report.datasets.map((d) => ({
      dataset: d.dataset, title: d.title, stars: d.stars, triplesParsed: d.triplesParsed, countedWhileWriting: d.countedWhileWriting, parsedFile: d.parsedFile,
      checks: d.checks.map((c) => ({ stars: c.stars, criterion: c.criterion, passed: c.passed, reasons: c.reasons })),
    })),
  };
}
