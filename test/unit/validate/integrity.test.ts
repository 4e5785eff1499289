/**
 * One test per Data Cube integrity constraint: a small valid cube is broken in exactly the
 * way the constraint forbids, and that constraint must catch it (and the valid cube passes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../../src/store/embedded.js';
import { checkIntegrity } from '../../../src/validate/check-integrity.js';
import { BROKEN, PREFIXES, VALID } from '../../support/cube-constraints.js';

const external = readFileSync(new URL('../../../vocab/external.ttl', import.meta.url), 'utf8');

function rulesOf(turtle: string): string[] {
  const store = new EmbeddedStore();
  store.load(external, 'text/turtle');
  store.load(PREFIXES + turtle, 'text/turtle');
  return [...new Set(checkIntegrity(store).map((v) => v.rule))].sort();
}

describe('Data Cube integrity constraints', () => {
  it('pass on a valid cube, suppressed observation included (relaxed IC-15)', () => {
    expect(rulesOf(VALID)).toEqual([]);
  });

  const cases = BROKEN;

  it.each(cases)('%s catches its violation', (rule, turtle) => {
    expect(rulesOf(turtle)).toContain(rule);
  });

  it('IC-12 finds duplicates in linear time on a larger cube', () => {
    const obs = Array.from({ length: 3000 }, (_, i) => `ex:p${i} a qb:Observation ; qb:dataSet ex:ds ; ex:area ex:b${i % 1500} ; ex:sex ex:m ; qb:measureType ex:count ; ex:count ${i} ; sdmx-attribute:unitMeasure ex:num .`).join('\n');
    const started = Date.now();
    const store = new EmbeddedStore();
    store.load(external, 'text/turtle');
    store.load(PREFIXES + VALID + obs, 'text/turtle');
    const dup = checkIntegrity(store).filter((v) => v.rule === 'IC-12');
    expect(dup).toHaveLength(1500);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
