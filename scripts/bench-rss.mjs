// Loaded with `node --import` by the benchmark: records the process's peak resident set size
// (KiB) in the file named by ECS2K8S_BENCH_RSS_FILE when the process exits.
import { writeFileSync } from 'node:fs';

const file = process.env.ECS2K8S_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
