import { NS } from '../rdf/ns.js';
import type { EmbeddedStore } from '../store/embedded.js';
import { CLOSURE, DATASET_DIMENSIONS, DATASET_MEASURES, completenessConstraint, duplicateConstraint, HIERARCHY_PROPERTIES, hierarchyConstraint, INTEGRITY_CONSTRAINTS, type IntegrityConstraint } from './integrity.js';
import type { Violation } from './violation.js';

/**
 * Runs every Data Cube integrity constraint on a graph in the embedded store, after the
 * spec's type closure. Returns one violation per offending node and constraint.
 */
export function checkIntegrity(store: EmbeddedStore, ran?: Set<string>): Violation[] {
  for (const u of CLOSURE) store.update(u);
  const hierarchies = store.select(HIERARCHY_PROPERTIES).map((r) => hierarchyConstraint(r['p']!, r['inverse'] === 'true'));
  const dims = new Map<string, string[]>();
  for (const r of store.select(DATASET_DIMENSIONS)) dims.set(r['ds']!, [...(dims.get(r['ds']!) ?? []), r['dim']!]);
  const duplicates = [...dims].map(([ds, d]) => duplicateConstraint(ds, d));
  const measures = new Map(store.select(DATASET_MEASURES).map((r) => [r['ds']!, Number(r['n'])]));
  const complete = [...dims]
    .filter(([ds, d]) => d.includes(`${NS.qb}measureType`) && measures.has(ds))
    .map(([ds, d]) => completenessConstraint(ds, d, measures.get(ds)!));
  const constraints: IntegrityConstraint[] = [...INTEGRITY_CONSTRAINTS, ...duplicates, ...complete, ...hierarchies].sort((a, b) => icNumber(a.id) - icNumber(b.id));
  const out: Violation[] = [];
  for (const c of constraints) {
    ran?.add(c.id);
    for (const row of store.select(c.query)) out.push(icViolation(c, row));
  }
  return out;
}

/** One row of a constraint's SELECT (?focus, ?value, ?path as strings) as a violation. */
export function icViolation(c: Pick<IntegrityConstraint, 'id' | 'title'>, row: Readonly<Record<string, string | undefined>>): Violation {
  // In these constraints ?value is the property at fault, which reports call the path.
  const isPath = PATH_VALUED.has(c.id);
  const extra = {
    ...(row['value'] ? (isPath ? { path: row['value'] } : { value: row['value'] }) : {}),
    ...(row['path'] ? { path: row['path'] } : {}),
  };
  const about = row['value'] && !isPath ? ` with ${/^[a-z][a-z0-9+.-]*:/i.test(row['value']) ? `<${row['value']}>` : row['value']}` : '';
  return { rule: c.id, title: c.title, severity: 'error', focus: row['focus'] ?? '', ...extra, message: `breaks "${c.title}"${about}` };
}

const PATH_VALUED = new Set(['IC-8', 'IC-10', 'IC-11', 'IC-13', 'IC-14', 'IC-15', 'IC-16']);

export const icNumber = (id: string): number => Number(id.replace(/\D/g, ''));
