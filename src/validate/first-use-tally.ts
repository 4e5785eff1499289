import type { Term } from '@rdfjs/types';
import type { DimensionVisitor, ObservationChecker } from './stream-checks.js';

/** A dimension value's first use: how many observations used the value (the rest is the caller's). */
export interface Tallied {
  uses: number;
}

/** Terms remembered, over every dimension, before the term cache starts again. */
const BY_TERM_LIMIT = 20_000;

/**
 * The first use of each dimension value, counted as the checks hand over each observation's
 * values (`checkTriples`' visitor): for IC-19/20/21 on a stand-in, and "first of N
 * observations". `usesOf` has one map per dimension, in the cube's order, from a value to its
 * first use; `first` makes a new one and gives the key it is kept under. Consecutive
 * observations mostly share a dimension's value, and equal terms are mostly one object: the
 * last value of each dimension, then the term itself, are looked at before the value's text.
 * `convert` and `validate` both count this way.
 */
export function firstUseTally<F extends Tallied>(
  usesOf: readonly Map<string, F>[],
  checker: ObservationChecker,
  first: (d: number, value: Term, index: number, focus: string) => readonly [key: string, use: F],
): DimensionVisitor {
  const lastValue: (Term | undefined)[] = usesOf.map(() => undefined);
  const lastUse: (F | undefined)[] = usesOf.map(() => undefined);
  const byTerm = usesOf.map(() => new Map<Term, F>());
  let cached = 0;
  const record = (d: number, o: Term, index: number, focus: string): void => {
    if (lastValue[d] === o) {
      lastUse[d]!.uses++;
      return;
    }
    const terms = byTerm[d]!;
    let use = terms.get(o);
    if (use) use.uses++;
    else {
      const uses = usesOf[d]!;
      use = uses.get(o.value);
      if (use) use.uses++;
      else {
        const [key, made] = first(d, o, index, focus);
        uses.set(key, (use = made));
      }
      if (cached >= BY_TERM_LIMIT) {
        for (const m of byTerm) m.clear();
        cached = 0;
      }
      terms.set(o, use);
      cached++;
    }
    lastValue[d] = o;
    lastUse[d] = use;
  };
  return (index, focus, values, counts) => {
    for (let d = 0; d < usesOf.length; d++) {
      const n = counts[d]!;
      if (n === 1) record(d, values[d]!, index, focus);
      else if (n > 1) for (const v of checker.valuesOf(d)) record(d, v, index, focus);
    }
  };
}
