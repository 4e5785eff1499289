import { CODES } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Acknowledgement } from './config.js';

/** A disclosure finding (JL801 … JL8xx): not the suggestions of cells to suppress, which are information. */
export const isDisclosureFinding = (d: Diagnostic): boolean => /^JL8\d\d$/.test(d.code) && d.severity !== 'info';

/** A dataset's disclosure findings of one code, acknowledged by the release file. */
export interface Acknowledged {
  readonly code: string;
  readonly count: number;
  readonly reason: string;
}

/**
 * A release stands only when each dataset's disclosure findings (JL8xx) are acknowledged in
 * the release file, by dataset and code: otherwise JL710 for each (dataset, code) left, and
 * JL711 for an acknowledgement that matches nothing. Returns what was acknowledged, by dataset.
 */
export function disclosureGate(datasets: readonly { readonly id: string; readonly diagnostics: readonly Diagnostic[] }[], acknowledge: readonly Acknowledgement[], releaseSpan: Diagnostic['span']): { refused: Diagnostic[]; warnings: Diagnostic[]; acknowledged: Map<string, Acknowledged[]> } {
  const refused: Diagnostic[] = [];
  const acknowledged = new Map<string, Acknowledged[]>();
  const used = new Set<Acknowledgement>();
  for (const d of datasets) {
    const byCode = new Map<string, number>();
    for (const x of d.diagnostics) if (isDisclosureFinding(x)) byCode.set(x.code, (byCode.get(x.code) ?? 0) + 1);
    for (const [code, count] of [...byCode].sort()) {
      const ack = acknowledge.find((a) => a.dataset === d.id && a.code === code);
      if (ack) {
        used.add(ack);
        acknowledged.set(d.id, [...(acknowledged.get(d.id) ?? []), { code, count, reason: ack.reason }]);
        continue;
      }
      const title = CODES[code as keyof typeof CODES]?.title ?? code;
      refused.push(diagnostic('JL710', `${d.id} has ${count} ${code} finding${count === 1 ? '' : 's'} (${title}) that the release file does not acknowledge`, releaseSpan ? { span: releaseSpan } : {}));
    }
  }
  const warnings = acknowledge.filter((a) => !used.has(a)).map((a) => diagnostic('JL711', `no ${a.code} finding in ${a.dataset} to acknowledge`, { span: a.span }));
  return { refused, warnings, acknowledged };
}
