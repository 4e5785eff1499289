/**
 * Validation reports: readable text grouped by rule with counts and the first examples, JSON,
 * SARIF 2.1.0 (for code-scanning tools), and the SHACL sh:ValidationReport in Turtle.
 */
import { DataFactory, Writer } from 'n3';
import { violationAt, type Violation } from './violation.js';

const SH = 'http://www.w3.org/ns/shacl#';
const EXAMPLES = 3;

export interface ReportInput {
  readonly files: readonly string[];
  readonly triples: number;
  readonly violations: readonly Violation[];
  readonly version: string;
}

function byRule(violations: readonly Violation[]): [string, Violation[]][] {
  const groups = new Map<string, Violation[]>();
  for (const v of violations) groups.set(v.rule, [...(groups.get(v.rule) ?? []), v]);
  return [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

const where = (v: Violation): string => (v.source ? ` (${v.source.file}:${v.source.line + 1}${v.source.column ? `, column "${v.source.column}"` : ''})` : '');

export function reportText(r: ReportInput): string {
  const lines = [`Validated ${r.files.length} file${r.files.length === 1 ? '' : 's'}: ${r.triples.toLocaleString('en-GB')} triples.`];
  if (r.violations.length === 0) return `${lines[0]}\nNo violations: all 21 Data Cube integrity constraints, the SHACL shapes and the business rules hold.\n`;
  const groups = byRule(r.violations);
  lines.push(`${r.violations.length.toLocaleString('en-GB')} violations of ${groups.length} rule${groups.length === 1 ? '' : 's'}:`, '');
  for (const [rule, vs] of groups) {
    lines.push(`  ${rule}  ${vs[0]!.title}: ${vs.length.toLocaleString('en-GB')}`);
    for (const v of vs.slice(0, EXAMPLES)) lines.push(`    ${violationAt(v)}${where(v)}`);
    if (vs.length > EXAMPLES) lines.push(`    … and ${(vs.length - EXAMPLES).toLocaleString('en-GB')} more`);
  }
  return `${lines.join('\n')}\n`;
}

export function reportJson(r: ReportInput): string {
  const counts = Object.fromEntries(byRule(r.violations).map(([rule, vs]) => [rule, vs.length]));
  return `${JSON.stringify({ conforms: r.violations.length === 0, files: r.files, triples: r.triples, counts, violations: r.violations }, null, 2)}\n`;
}

export function reportSarif(r: ReportInput): string {
  const rules = byRule(r.violations).map(([id, vs]) => ({ id, shortDescription: { text: vs[0]!.title } }));
  const results = r.violations.map((v) => ({
    ruleId: v.rule,
    level: v.severity === 'warning' ? 'warning' : 'error',
    message: { text: `${v.message}: ${violationAt(v)}` },
    locations: [v.source
      ? { physicalLocation: { artifactLocation: { uri: v.source.file }, region: { startLine: v.source.line + 1 } } }
      : { logicalLocations: [{ fullyQualifiedName: v.focus, kind: 'resource' }] }],
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'justice-lod', version: r.version, informationUri: 'https://w3id.org/justice-lod', rules } }, results }],
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
