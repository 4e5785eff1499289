import { createRequire } from 'node:module';
import type { DataFactoryInterface } from 'n3';

const require = createRequire(import.meta.url);

/**
 * N3.js's data factory, loaded alone: n3's index loads its Store, Reasoner and streams
 * (readable-stream) too, tens of milliseconds at every start-up for the CSVW modules that
 * only make terms. Its terms are N3.js's own (the CSVW processor's quads are N3.js quads).
 */
export const N3Factory = (require('n3/lib/N3DataFactory.js') as { default: DataFactoryInterface }).default;
