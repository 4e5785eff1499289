// Appends this process's run time and peak RSS to the JSON-lines file named by JLOD_MEASURE,
// as measure.mjs does for justice-lod, so every tool is measured the same way.
import { appendFileSync } from 'node:fs';
import { peakRssBytes } from '../peak-rss.mjs';

const started = process.hrtime.bigint();
export function recordRun(extra) {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const line = { code: 0, seconds, maxRssBytes: peakRssBytes(), cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6, ...extra };
  if (process.env.JLOD_MEASURE) appendFileSync(process.env.JLOD_MEASURE, JSON.stringify(line) + '\n');
  return line;
}
