/**
 * The names `--format` accepts, in a module of their own: the command line's help needs them
 * without loading the serializers (registry.ts builds its formats from this list).
 */
export const FORMAT_NAMES = ['nt', 'ttl', 'nq', 'trig', 'jsonld'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Every name `--format` accepts, plain then compressed. */
export const OUTPUT_NAMES: readonly string[] = [...FORMAT_NAMES, ...FORMAT_NAMES.map((f) => `${f}.gz`)];
