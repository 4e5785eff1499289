// Runs one CLI command in this process and appends its peak RSS to the JSON file named by
// JLOD_MEASURE: its own peak (VmHWM, see peak-rss.mjs), so the figure is the converter's, not the harness's.
import { appendFileSync } from 'node:fs';
import { main } from '../../dist/cli/main.js';
import { peakRssBytes } from './peak-rss.mjs';

const started = process.hrtime.bigint();
// User + system time of every thread (workers, the hash thread, libuv's writes).
const cpuSeconds = () => { const u = process.resourceUsage(); return (u.userCPUTime + u.systemCPUTime) / 1e6; };
const code = await main(process.argv.slice(2)); // ["node", "justice-lod", command, ...]
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
appendFileSync(process.env.JLOD_MEASURE, JSON.stringify({ code, seconds, maxRssBytes: peakRssBytes(), cpuSeconds: cpuSeconds() }) + '\n');
process.exitCode = code;
