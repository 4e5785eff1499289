/**
 * Validation reports: readable text grouped by rule with counts and the first examples, JSON,
 * SARIF 2.1.0 (for code-scanning tools), and the SHACL sh:ValidationReport in Turtle.
 */
import { DataFactory, Writer } from 'n3';
import { violationAt, type Violation } from './violation.js';
import type { ValidationRun } from './validate-graph.js';
import { grouped } from '../diagnostics/numbers.js';

const SH = 'http://www.w3.org/ns/shacl#';
const EXAMPLES = 3;

export interface ReportInput {
  readonly files: readonly string[];
  readonly triples: number;
  readonly violations: readonly Violation[];
  readonly version: string;
  /** What ran; the text report claims nothing else. */
  readonly ran?: ValidationRun;
}

const n = grouped;

/** What ran, in a few lines a statistician can check against what they expected. */
function ranLines(ran: ValidationRun): string[] {
  const ics = ran.integrity.length;
  const idle = Array.from({ length: 21 }, (_, i) => `IC-${i + 1}`).filter((id) => !ran.integrity.includes(id));
  const lines = [`Ran: ${ics} Data Cube integrity constraints${idle.length ? `; ${idle.join(', ')} had no data set to apply to` : ' (IC-1 … IC-21)'}.`];
  for (const s of ran.shapes) lines.push(`Ran: SHACL shapes ${s.name} on ${n(s.focusNodes)} focus node${s.focusNodes === 1 ? '' : 's'}.`);
  for (const ds of ran.disclosure ?? []) lines.push(`Ran: disclosure control on <${ds}> (its mapping's disclosure: rules, on the observations as written).`);
  for (const ds of ran.dominanceUnchecked ?? []) lines.push(`Not checked: the dominance rules of <${ds}>: a dump holds each cell's sum, not the rows that make it; convert checks them.`);
  if (ran.rules.length) lines.push(`Ran: ${ran.rules.length} business rule${ran.rules.length === 1 ? '' : 's'} (${ran.rules.join(', ')}).`);
  lines.push(ran.vocabulary.added > 0
    ? `Added the shipped vocabulary: ${n(ran.vocabulary.added)} of its triples, which the input lacks.`
    : 'The input holds the shipped vocabulary: nothing was added.');
  for (const ds of ran.unshaped) lines.push(`Not checked: no SHACL shapes for <${ds}>; give the mapping it came from with --mapping (or --shapes).`);
  return lines;
}

function byRule(violations: readonly Violation[]): [string, Violation[]][] {
  const groups = new Map<string, Violation[]>();
  for (const v of violations) groups.set(v.rule, [...(groups.get(v.rule) ?? []), v]);
  return [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

const where = (v: Violation): string => (v.source ? ` (${v.source.file}:${v.source.line}${v.source.column ? `, column "${v.source.column}"` : ''})` : v.untraced ? ` (not traced: ${v.untraced})` : '');

export function reportText(r: ReportInput): string {
  const lines = [`Validated ${r.files.length} file${r.files.length === 1 ? '' : 's'}: ${n(r.triples)} triples.`, ...(r.ran ? ranLines(r.ran) : [])];
  const unshaped = r.ran?.unshaped.length ?? 0;
  if (r.violations.length === 0) {
    const verdict = unshaped ? `No violations in the checks that ran; ${unshaped} data set${unshaped === 1 ? ' was' : 's were'} not checked against shapes (above).` : 'No violations: every check above holds.';
    return `${lines.join('\n')}\n${verdict}\n`;
  }
  const groups = byRule(r.violations);
  lines.push(`${n(r.violations.length)} violation${r.violations.length === 1 ? '' : 's'} of ${groups.length} rule${groups.length === 1 ? '' : 's'}:`, '');
  for (const [rule, vs] of groups) {
    lines.push(`  ${rule}  ${vs[0]!.title}: ${grouped(vs.length)}`);
    for (const v of vs.slice(0, EXAMPLES)) lines.push(`    ${violationAt(v)}${where(v)}`);
    if (vs.length > EXAMPLES) lines.push(`    … and ${grouped(vs.length - EXAMPLES)} more`);
  }
  return `${lines.join('\n')}\n`;
}

export function reportJson(r: ReportInput): string {
  const counts = Object.fromEntries(byRule(r.violations).map(([rule, vs]) => [rule, vs.length]));
  return `${JSON.stringify({ conforms: r.violations.length === 0, files: r.files, triples: r.triples, ...(r.ran ? { ran: r.ran } : {}), counts, violations: r.violations }, null, 2)}\n`;
}

export function reportSarif(r: ReportInput): string {
  const rules = byRule(r.violations).map(([id, vs]) => ({ id, shortDescription: { text: vs[0]!.title } }));
  const results = r.violations.map((v) => ({
    ruleId: v.rule,
    level: v.severity === 'warning' ? 'warning' : 'error',
    message: { text: `${v.message}: ${violationAt(v)}` },
    locations: [v.source
      ? { physicalLocation: { artifactLocation: { uri: v.source.file }, region: { startLine: v.source.line } } }
      : { logicalLocations: [{ fullyQualifiedName: v.focus, kind: 'resource' }] }],
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'justice-lod', version: r.version, informationUri: 'https://w3id.org/justice-lod', rules } }, results, ...(r.ran ? { properties: { ran: r.ran } } : {}) }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** The SHACL validation report (W3C SHACL §3.6) for every violation, shapes and ICs alike. */
export function reportTurtle(r: ReportInput): Promise<string> {
  const { namedNode, literal, blankNode, quad } = DataFactory;
  const writer = new Writer({ prefixes: { sh: SH, xsd: 'http://www.w3.org/2001/XMLSchema#' } });
  const report = blankNode('report');
  const a = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
  writer.addQuad(quad(report, a, namedNode(`${SH}ValidationReport`)));
  writer.addQuad(quad(report, namedNode(`${SH}conforms`), literal(String(r.violations.length === 0), namedNode('http://www.w3.org/2001/XMLSchema#boolean'))));
  r.violations.forEach((v, i) => {
    const res = blankNode(`r${i}`);
    writer.addQuad(quad(report, namedNode(`${SH}result`), res));
    writer.addQuad(quad(res, a, namedNode(`${SH}ValidationResult`)));
    writer.addQuad(quad(res, namedNode(`${SH}focusNode`), namedNode(v.focus)));
    writer.addQuad(quad(res, namedNode(`${SH}resultSeverity`), namedNode(`${SH}${v.severity === 'warning' ? 'Warning' : 'Violation'}`)));
    writer.addQuad(quad(res, namedNode(`${SH}resultMessage`), literal(`${v.rule}: ${v.message}`)));
    writer.addQuad(quad(res, namedNode(`${SH}sourceShape`), namedNode(`https://w3id.org/justice-lod/def/rules#${encodeURIComponent(v.rule)}`)));
    if (v.path) writer.addQuad(quad(res, namedNode(`${SH}resultPath`), namedNode(v.path)));
    if (v.value) writer.addQuad(quad(res, namedNode(`${SH}value`), /^[a-z][a-z0-9+.-]*:/i.test(v.value) ? namedNode(v.value) : literal(v.value)));
  });
  return new Promise((resolve, reject) => writer.end((err, text) => (err ? reject(err) : resolve(text))));
}
