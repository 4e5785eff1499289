import { setFlagsFromString } from 'node:v8';

/**
 * Tells V8 that this process uses the embedded store only for small graphs (a cube's
 * structure, a release's metadata): WebAssembly stays on the baseline compiler. Optimising
 * Oxigraph's hot functions costs about 0.35 s of CPU that a 200-row convert never earns back
 * (measured: 0.42 s against 0.75 s for the structure checks); large loads (query, validate,
 * diff) keep the default tiering, under which they run about 25% faster. It must run before
 * the store's module is first imported, which compiles the WebAssembly.
 */
export function smallStoreRuns(): void {
  setFlagsFromString('--liftoff-only');
}
