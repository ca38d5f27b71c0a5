// Loaded with `node --import` by the benchmark: records the process's peak resident set size
// (KiB) and its CPU time (user + system, ms) in the file named by ECS2K8S_BENCH_RSS_FILE when the
// process exits, as "RSS CPU".
import { writeFileSync } from 'node:fs';

const file = process.env.ECS2K8S_BENCH_RSS_FILE;
if (file)
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.maxRSS} ${(u.userCPUTime + u.systemCPUTime) / 1000}`);
  });
