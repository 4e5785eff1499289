import type { Quad, Term } from '@rdfjs/types';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { MappingModel } from '../mapping/model.js';
import { readDump } from '../metadata/read-dump.js';
import { readNTriplesThreaded } from '../rdf/ntriples-reader.js';
import { DataFactory } from '../rdf/factory.js';
import { QB, RDF_TYPE } from '../rdf/ns.js';
import { quadToNTriples } from '../rdf/term.js';
import { CODE_RULES, cubeSpecOf, standInQuads } from '../run/validation.js';
import { during } from '../run/activity.js';
import { formatByPath } from '../sinks/registry.js';
import { ObservationChecker, type DimensionVisitor } from './stream-checks.js';
import { firstUseTally } from './first-use-tally.js';
import { validateGraph, type GraphOptions, type GraphValidation, type ShapeSource } from './validate-graph.js';
import { once, type Violation } from './violation.js';
import { grouped } from '../diagnostics/numbers.js';
import { unreadable } from './unreadable.js';
import { detached } from '../csv/tokenize.js';

/** Beyond this many triples that are not observations, a file is not a cube dump: hold it whole. */
const OTHERS_LIMIT = 2_000_000;

/** IC-12 names where in the dump the earlier observation is: its line, or in Turtle or JSON-LD (no line per triple) its triple. */
const inDump = (v: Violation, lineBased: boolean): Violation => (v.rule === 'IC-12' ? { ...v, message: v.message.replace(/ of line (\d+)/, (_, n: string) => ` at ${lineBased ? 'line' : 'triple'} ${grouped(Number(n))} of the dump`) } : v);

/** Why the whole graph is needed after all: the caller falls back to `validateGraph`. */
class WholeGraph extends Error {}

/** The first observation that used a dimension value, and how many did. */
interface FirstUse {
  readonly subject: string;
  readonly value: Term;
  uses: number;
}

/** One cube's streaming state. */
interface Cube {
  readonly model: MappingModel;
  readonly checker: ObservationChecker;
  /** dimension → value → first use (distinct codes are few at any row count). */
  readonly firstUses: Map<string, Map<string, FirstUse>>;
  /** Each observation's dimension values as the checks tally them, into `firstUses`. */
  readonly recordCodes: DimensionVisitor;
  observations: number;
}

/**
 * `validate` of dumps too large to hold (a 1M-row dump is 15M triples, 3.4 GB of N-Triples: no
 * string or in-memory store takes it). The dumps are read once, as runs of one subject; each
 * observation goes through the checks `convert` runs as it writes — its mapping's observation
 * shapes compiled (IC-1, 11, 12, 13, 15, 16, 17, value ranges, the business rules within a
 * row), with a spilling key index — and each distinct dimension value is remembered with its
 * first observation. What is not an observation (the data set, its DSD, code lists, metadata)
 * is kept, and validated at the end with a stand-in per code used, as a whole graph: the 21
 * integrity constraints, the code-list and metadata shapes, the business rules. Memory stays
 * bounded by the structure and the distinct codes.
 *
 * Needs every data set's mapping (its shapes are the ones it generates) and no disclosure rules
 * (those read every cell of the graph); returns undefined when the whole graph is needed.
 */
export async function validateStreaming(files: readonly string[], models: ReadonlyMap<string, MappingModel>, shapeSources: readonly ShapeSource[], opts: Pick<GraphOptions, 'shapesFor'> = {}): Promise<GraphValidation | undefined> {
  const cubes = new Map<string, Cube>();
  const others: Quad[] = [];
  const violations: Violation[] = [];
  let triples = 0;
  const cubeOf = (dataset: string): Cube => {
    let cube = cubes.get(dataset);
    if (cube) return cube;
    const model = models.get(dataset);
    if (!model || model.disclosure) throw new WholeGraph(model ? 'disclosure rules' : `no mapping for <${dataset}>`);
    const spec = cubeSpecOf(model);
    const firstUses = new Map(spec.dimensions.map((d) => [d, new Map<string, FirstUse>()]));
    const checker = new ObservationChecker({ ...spec, repeats: true });
    // Kept to the end: copies (`detached`), not slices of the chunk a parser read them from.
    const recordCodes = firstUseTally(spec.dimensions.map((d) => firstUses.get(d)!), checker, (_d, value, _index, focus) => [detached(value.value), { subject: detached(focus), value, uses: 1 }]);
    cubes.set(dataset, (cube = { model, checker, firstUses, recordCodes, observations: 0 }));
    return cube;
  };
  // One run of a subject's triples, as three parallel lists reused from run to run.
  const rowS: Term[] = [];
  const rowP: Term[] = [];
  const rowO: Term[] = [];
  let runStart = 0;
  const endRun = (): void => {
    const n = rowS.length;
    if (n === 0) return;
    let dataset: string | undefined;
    let observation = false;
    for (let i = 0; i < n; i++) {
      const p = rowP[i]!.value;
      if (p === RDF_TYPE && rowO[i]!.value === QB.Observation) observation = true;
      else if (p === QB.dataSet) dataset = rowO[i]!.value;
    }
    if (!observation || dataset === undefined) {
      for (let i = 0; i < n; i++) others.push(DataFactory.quad(rowS[i] as never, rowP[i] as never, rowO[i] as never));
      // (The structure comes first in a dump: the few chunks it pins are the first ones.)
      if (others.length > OTHERS_LIMIT) throw new WholeGraph('not a cube dump');
    } else {
      const cube = cubeOf(dataset);
      cube.observations++;
      // `at` is the run's first triple (0-based): in N-Triples its line, which IC-12 names.
      for (const v of cube.checker.checkTriples(rowS, rowP, rowO, n, runStart, cube.recordCodes)) violations.push(inDump(v, lineBased));
    }
    rowS.length = rowP.length = rowO.length = 0;
  };
  const onTriple = (s: Term, p: Term, o: Term): void => {
    if (rowS.length > 0 && rowS[0] !== s && rowS[0]!.value !== s.value) {
      endRun();
      runStart = triples;
    }
    rowS.push(s);
    rowP.push(p);
    rowO.push(o);
    triples++;
  };
  let lineBased = true;
  const sizes = files.map((f) => statSync(f).size);
  try {
    await during('reading the dumps and checking each observation', async (a) => {
      let before = 0;
      for (const [i, file] of files.entries()) {
        const format = formatByPath(file)!;
        lineBased = format.format.name === 'nt' || format.format.name === 'nq';
        const progress = (bytes: number): void => void (a.done = before + bytes);
        try {
          // N-Triples straight from the line reader (readDump would make a quad of each triple).
          if (format.format.name === 'nt') await readNTriplesThreaded(file, format.gzip, onTriple, progress);
          else await readDump(file, format.format, format.gzip, (q) => onTriple(q.subject, q.predicate, q.object), progress);
        } catch (err) {
          throw err instanceof WholeGraph ? err : unreadable(file, err);
        }
        endRun();
        before += sizes[i]!;
      }
    }, { total: sizes.reduce((a, b) => a + b, 0), unit: 'bytes' });
  } catch (err) {
    for (const cube of cubes.values()) cube.checker.dispose();
    if (err instanceof WholeGraph) return undefined;
    throw err;
  }

  for (const [dataset, cube] of cubes) {
    const { duplicates, incomplete } = cube.checker.settle();
    const where = (at: number): string => `${lineBased ? 'line' : 'triple'} ${grouped(at + 1)} of the dump`;
    for (const d of duplicates) {
      const v = inDump(d.violation, lineBased);
      violations.push(v.focus ? v : { ...v, focus: dataset, message: `${v.message} (the later one at ${where(d.at)})` });
    }
    for (const k of incomplete) violations.push({ rule: 'IC-17', title: 'All measures present', severity: 'error', focus: dataset, message: `the observations of the key first seen at ${where(k.at)} have ${k.present} of the cube's ${k.expected} measures` });
  }
  // The structure with a stand-in per code used: its data set and the dimension value.
  const structure = [...others];
  const standIns = new Set<string>();
  /** Observations per (stand-in, dimension, value). */
  const uses = new Map<string, number>();
  for (const [dataset, cube] of cubes) {
    for (const q of standInQuads(dataset, cube.firstUses)) structure.push(q);
    for (const [dimension, values] of cube.firstUses) {
      for (const first of values.values()) {
        standIns.add(first.subject);
        uses.set(`${first.subject}\u0001${dimension}\u0001${first.value.value}`, first.uses);
      }
    }
  }
  const name = files.map((f) => basename(f)).join(', ');
  const whole = await validateGraph([{ name, text: structure.map(quadToNTriples).join(''), format: 'application/n-triples' }], shapeSources, {
    ...opts,
    observations: new Map([...cubes].map(([ds, c]) => [ds, c.observations])),
  });
  for (const v of whole.violations) {
    if (!standIns.has(v.focus)) {
      violations.push(v);
      continue;
    }
    // A stand-in has its data set and one dimension value: only the code rules speak of it.
    if (!CODE_RULES.test(v.rule)) continue;
    const n = uses.get(`${v.focus}\u0001${v.path ?? ''}\u0001${v.value ?? ''}`) ?? 1;
    violations.push(n > 1 ? { ...v, message: `${v.message} (first of ${grouped(n)} observations with this value)` } : v);
  }
  return { violations: once(violations), triples, ran: whole.ran };
}
