import { convert, type ConvertOptions, type ConvertResult } from '../../src/run/convert.js';
import { StringSink } from '../../src/sinks/memory.js';
import { ntriplesSerializer } from '../../src/sinks/ntriples.js';
import { turtleSerializer } from '../../src/sinks/turtle.js';

export interface InMemoryRun {
  readonly result: ConvertResult;
  readonly nt: string;
  readonly ttl: string;
}

/** Converts without touching the disk (except the inputs), writing N-Triples and Turtle to strings. */
export async function convertInMemory(mapping: string, opts: { failOn?: 'error' | 'warning' | 'none'; input?: string; wholeGraphLimit?: number; keyLimit?: number; groupLimit?: number; suppression?: ConvertOptions['suppression'] } = {}): Promise<InMemoryRun> {
  let nt: StringSink | undefined;
  let ttl: StringSink | undefined;
  const result = await convert({
    mapping,
    failOn: opts.failOn ?? 'none',
    ...(opts.input ? { input: opts.input } : {}),
    ...(opts.wholeGraphLimit !== undefined ? { wholeGraphLimit: opts.wholeGraphLimit } : {}),
    ...(opts.keyLimit !== undefined ? { keyLimit: opts.keyLimit } : {}),
    ...(opts.groupLimit !== undefined ? { groupLimit: opts.groupLimit } : {}),
    ...(opts.suppression ? { suppression: opts.suppression } : {}),
    createTargets: (model) => [(nt = new StringSink(ntriplesSerializer())), (ttl = new StringSink(turtleSerializer(model.prefixes)))],
  });
  return { result, nt: nt?.toString() ?? '', ttl: ttl?.toString() ?? '' };
}
