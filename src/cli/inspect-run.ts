import type { DatasetSummary, Inspection, Labelled } from '../inspect/inspect.js';
import { localName as local } from '../diff/observation.js';
import { NS } from '../rdf/ns.js';
import { recoverBeforeReading } from '../release/recover.js';
import { printDiagnostics } from './diagnostics-out.js';
import { showActivity } from './progress.js';
import { n } from './format.js';
import type { InspectFlags } from './inspect.js';
import { EXIT } from './options.js';

export async function runInspect(paths: readonly string[], flags: InspectFlags): Promise<number> {
  for (const p of paths) recoverBeforeReading(p);
  const { inspect } = await import('../inspect/inspect.js');
  const stop = showActivity(!flags.quiet && !flags.json);
  const found = await inspect(paths).finally(stop);
  if ('diagnostics' in found) {
    printDiagnostics(found.diagnostics, new Map());
    return EXIT.usage;
  }
  process.stdout.write(flags.json ? `${JSON.stringify(found, null, 2)}\n` : inspectionText(found));
  if (!flags.quiet && !flags.json) for (const note of found.notes) process.stderr.write(`note: ${note}\n`);
  return EXIT.ok;
}

const STAR = '★';

/** The description as text a statistician reads: one block per cube. */
export function inspectionText(i: Inspection): string {
  const out: string[] = [];
  const version = i.catalogue?.version && !i.catalogue.label?.includes(i.catalogue.version) ? ` (${i.catalogue.version})` : '';
  if (i.catalogue) out.push(`${i.catalogue.label ?? 'Catalogue'}${version}${i.catalogue.issued ? `, issued ${i.catalogue.issued}` : ''}`, `  <${i.catalogue.iri}>`, '');
  if (i.datasets.length === 0) out.push('No RDF Data Cube (qb:DataSet) in these dumps.', '');
  for (const d of i.datasets) out.push(...datasetText(d), '');
  out.push(`${n(i.datasets.length)} cube${i.datasets.length === 1 ? '' : 's'}, ${n(i.triples)} triples read`);
  return `${out.join('\n')}\n`;
}

function datasetText(d: DatasetSummary): string[] {
  const out = [`${local(d.iri)}${d.stars !== undefined ? `  ${STAR.repeat(d.stars)}${'☆'.repeat(5 - d.stars)}` : ''}${d.label ? `  ${d.label}` : ''}`, `  <${d.iri}>`];
  out.push(`  observations  ${n(d.observations)}`, '  dimensions');
  const width = Math.max(...d.dimensions.map((x) => local(x.iri).length), ...d.measures.map((x) => local(x.iri).length), 10);
  for (const dim of d.dimensions) {
    const codes = `${n(dim.codes)} ${dim.codes === 1 ? 'code' : 'codes'}`;
    const first = dim.first.map(shown).join(', ');
    out.push(`    ${local(dim.iri).padEnd(width)}  ${codes}: ${first}${dim.codes > dim.first.length ? ', …' : ''}`);
  }
  out.push('  measures');
  for (const m of d.measures) {
    const range = m.min !== undefined ? `, min ${n(m.min)}, max ${n(m.max!)}, sum ${n(m.sum!)}` : '';
    out.push(`    ${local(m.iri).padEnd(width)}  ${n(m.count)} ${m.count === 1 ? 'value' : 'values'}${range}`);
  }
  out.push(`  markers       ${d.markers.length ? d.markers.map((k) => `${k.notation ? `[${k.notation.replace(/^\[|\]$/g, '')}] ` : ''}${k.label ?? short(k.iri)}: ${n(k.count)}`).join('; ') : 'none'}`);
  const periods = d.dimensions.find((x) => x.kind === 'periods');
  if (periods?.range) out.push(`  periods       ${n(periods.codes)}, ${short(periods.range[0])} … ${short(periods.range[1])}`);
  const areas = d.dimensions.find((x) => x.kind === 'geographies');
  if (areas) out.push(`  geographies   ${n(areas.codes)}: ${areas.first.map(shown).join(', ')}${areas.codes > areas.first.length ? ', …' : ''}`);
  return out;
}

const shown = (x: Labelled): string => `${short(x.iri)}${x.label ? ` ${x.label}` : ''}`;

/** A code as briefly as it can still be read: its last segment; a period with its kind (year/2019); an area's GSS code. */
function short(iri: string): string {
  if (iri.startsWith(NS.geo)) return iri.slice(NS.geo.length);
  const period = /^http:\/\/reference\.data\.gov\.uk\/id\/(.+)$/.exec(iri);
  return period ? period[1]! : local(iri);
}
