import type { Term } from '@rdfjs/types';
import { CODES, isCode } from '../diagnostics/codes.js';
import { disclosureFindings } from '../disclosure/run.js';
import { DisclosureTable } from '../disclosure/table.js';
import { loadMapping, type LoadedMapping } from '../mapping/load.js';
import { QB, RDFS, SKOS } from '../rdf/ns.js';
import { traceViolations } from '../run/locate.js';
import type { Violation } from './violation.js';

type Select = (sparql: string) => Record<string, string>[];

/**
 * Disclosure control on what a dump publishes (`validate`): for each mapping with
 * `disclosure:` whose data set is in the dumps, its observations as written (a cell that
 * `--apply-suppression` hid is hidden here too), each traced to its CSV line and column, go
 * through the same checks as in `convert`; each finding is a violation on its observation.
 * Named totals are matched against the codes' labels, as the dump has no CSV text. Dominance
 * rules are not checked here: a dump holds each cell's sum, not the rows that make it.
 */
export async function disclosureViolations(select: Select, mappings: readonly string[], opts: { dumps?: readonly string[]; sources?: readonly string[] }, load: (file: string) => Promise<LoadedMapping> = loadMapping): Promise<{ violations: Violation[]; ran: string[]; dominanceUnchecked: string[] }> {
  const out: Violation[] = [];
  const ran: string[] = [];
  const dominanceUnchecked: string[] = [];
  // Every code's labels, read from the store once, when a data set first needs them.
  let labels: Map<string, string[]> | undefined;
  const codeLabels = (): Map<string, string[]> => {
    if (labels) return labels;
    labels = new Map();
    for (const r of select(`SELECT ?c ?l WHERE { ?c <${SKOS.prefLabel}>|<${RDFS.label}>|<${SKOS.notation}> ?l }`)) {
      const list = labels.get(r['c']!);
      if (list) list.push(r['l']!);
      else labels.set(r['c']!, [r['l']!]);
    }
    return labels;
  };
  for (const file of mappings) {
    const { model } = await load(file);
    const rules = model?.disclosure;
    if (!model || !rules) continue;
    const rows = select(`SELECT ?obs ?p ?o WHERE { ?obs <${QB.dataSet}> <${model.dataset}> ; ?p ?o }`);
    if (rows.length === 0) continue;
    const observations = new Map<string, { p: Term[]; o: Term[] }>();
    for (const r of rows) {
      let t = observations.get(r['obs']!);
      if (!t) observations.set(r['obs']!, (t = { p: [], o: [] }));
      t.p.push({ value: r['p']! } as Term);
      t.o.push({ value: r['o']! } as Term);
    }
    const traced = await traceViolations([...observations.keys()].map((focus) => ({ rule: '', title: '', severity: 'warning', focus, message: '' })), [file], opts);
    const lost = traced.find((v) => !v.source);
    if (lost) {
      out.push({ rule: 'disclosure', title: 'disclosure checks not run', severity: 'warning', focus: model.dataset, message: `the disclosure checks need each observation's CSV line, and ${lost.focus} could not be traced${lost.untraced ? `: ${lost.untraced}` : ''}` });
      continue;
    }
    const byCode = codeLabels();
    const table = new DisclosureTable(model, []);
    const totals = table.dimensions.map((d) => rules.totals.get(d) ?? []);
    // A code's label its dimension's total is named by, where one is; else its first.
    const labelOf = (d: number, code: string): string => {
      const all = byCode.get(code) ?? [];
      return all.find((l) => totals[d]!.includes(l.trim().toLowerCase())) ?? all[0] ?? '';
    };
    const at = new Map<string, string>();
    const ordered = traced.map((v) => ({ iri: v.focus, line: v.source!.line - 1, column: v.source!.column })).sort((a, b) => a.line - b.line || (a.column ?? '').localeCompare(b.column ?? ''));
    for (const o of ordered) {
      const t = observations.get(o.iri)!;
      table.addTraced(t.p, t.o, t.p.length, { line: o.line, ...(o.column ? { column: o.column } : {}) }, labelOf);
      at.set(`${o.line}\u0001${o.column ?? ''}`, o.iri);
    }
    ran.push(model.dataset);
    // Dominance reads the rows that made each cell, which the dump does not hold.
    if (rules.dominance.length) dominanceUnchecked.push(model.dataset);
    const csv = traced[0]!.source!.file;
    const { diagnostics } = await disclosureFindings(csv, table, rules);
    for (const d of diagnostics) {
      if (d.severity === 'info' || !d.span || !isCode(d.code)) continue;
      const focus = at.get(`${d.span.line}\u0001${d.cell?.columnName ?? ''}`) ?? model.dataset;
      out.push({
        rule: d.code, title: CODES[d.code].title, severity: 'warning', focus, message: d.message,
        ...(d.cell?.value ? { value: d.cell.value } : {}),
        source: { file: d.span.file, line: d.span.line + 1, ...(d.cell ? { column: d.cell.columnName } : {}) },
      });
    }
  }
  return { violations: out, ran, dominanceUnchecked };
}
