import type { Quad, Term } from '@rdfjs/types';
import { NS, QB, SDMX_ATTRIBUTE } from '../rdf/ns.js';
import { ObservationChecker, type CubeSpec, type IncompleteKey, type ObservationTriples } from './stream-checks.js';
import type { Violation } from './violation.js';

/** The IC-17 violation for a key that lacks some measures, on one of its observations. */
export function incomplete(focus: string, k: IncompleteKey): Violation {
  return { rule: 'IC-17', title: 'All measures present in a measure-dimension cube', severity: 'error', focus, message: `has ${k.present} of the cube's ${k.expected} measures at its key` };
}

/**
 * Runs the streaming observation checks over a whole graph: the cube's spec is read from its
 * DSD, and observations are grouped by their key without the measure type (as the rows of a
 * MoJ table are). Used for the differential test against the graph validation.
 */
export function streamCheckGraph(quads: readonly Quad[]): Violation[] {
  const bySubject = new Map<string, [string, Term][]>();
  for (const q of quads) {
    const list = bySubject.get(q.subject.value);
    if (list) list.push([q.predicate.value, q.object]);
    else bySubject.set(q.subject.value, [[q.predicate.value, q.object]]);
  }
  const objects = (s: string, p: string) => (bySubject.get(s) ?? []).filter(([x]) => x === p).map(([, o]) => o.value);
  const out: Violation[] = [];
  for (const [dataset] of [...bySubject].filter(([, pos]) => pos.some(([p, o]) => p === `${NS.rdf}type` && o.value === QB.DataSet))) {
    const specs = objects(objects(dataset, QB.structure)[0] ?? '', QB.component);
    const spec: CubeSpec = {
      dataset,
      dimensions: specs.flatMap((c) => objects(c, QB.dimension)).filter((d) => d !== QB.measureType),
      measures: new Set(specs.flatMap((c) => objects(c, QB.measure))),
      unitRequired: specs.some((c) => objects(c, QB.attribute).includes(SDMX_ATTRIBUTE.unitMeasure) && objects(c, QB.componentRequired).includes('true')),
    };
    const rows = new Map<string, ObservationTriples[]>();
    for (const [subject, triples] of bySubject) {
      if (!objects(subject, QB.dataSet).includes(dataset)) continue;
      const key = spec.dimensions.map((d) => objects(subject, d).join('\u0002')).join('\u0001');
      rows.set(key, [...(rows.get(key) ?? []), { subject, triples }]);
    }
    const checker = new ObservationChecker(spec);
    const groups = [...rows.values()];
    groups.forEach((group, i) => out.push(...checker.checkRow(group, i)));
    for (const k of checker.incompleteKeys()) out.push(incomplete(groups[k.at]![0]!.subject, k));
  }
  return out;
}
