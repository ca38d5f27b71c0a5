// The project's benchmark (npm run bench). Prints a markdown table and writes it, with the
// machine's facts, to docs/benchmarks.md.
//
// - Cold start: `ecs2k8s build` of the shipped example into a temporary folder, against
//   `node -e 0`, alternated, BENCH_RUNS (default 15) runs each: medians of wall time (plain
//   runs, as users start the bin) and of CPU time (runs with the recording preload), their
//   ratios, and peak memory.
// - Throughput: generated inputs of 100, 1,000 and 5,000 services (each with its task
//   definition, varied from the shipped example and fixtures/corpus, the same on every clone),
//   compiled in one run, against a floor measured in the same run: a process that reads and
//   JSON.parses the same files and serialises the same output objects with the same YAML
//   library, nothing else. Wall time, services per second, ratio to the floor, and the
//   5,000/1,000 time ratio (linearity). Peak resident memory of each process. Last, the two
//   budgets of SPEC §8 (cold-start ratio, peak memory at 1,000 services), met or missed.
//
// Options (environment): BENCH_RUNS, BENCH_SIZES (e.g. "100,1000"), BENCH_NO_WRITE=1 (do not
// write docs/benchmarks.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'ecs2k8s.cjs');
const rssHook = join(root, 'scripts', 'bench-rss.mjs');
const floorScript = join(root, 'scripts', 'bench-floor.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);

if (!existsSync(bin)) {
  console.error('dist/ecs2k8s.cjs is missing: run npm ci (or npm run build) first');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs a node process; returns wall milliseconds, peak RSS (KiB) and CPU milliseconds (user +
 * system), the last two from the child's own resourceUsage, recorded by a preload
 * (scripts/bench-rss.mjs). `measure: false` runs the process as a user does, without the preload
 * (whose ESM loader is a start-up of its own): wall time only.
 */
function timed(args, options = {}) {
  const measure = options.measure ?? true;
  const rssFile = join(tmp, `rss-${process.hrtime.bigint()}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...(measure ? ['--import', rssHook] : []), ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, ECS2K8S_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !options.allowFailure) {
    throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(-2000)}`);
  }
  const [rssKiB, cpuMs] = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').split(' ').map(Number) : [NaN, NaN];
  return { ms, rssKiB, cpuMs };
}

const tmp = mkdtempSync(join(os.tmpdir(), 'ecs2k8s-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

// ---------------------------------------------------------------- cold start
function coldStart() {
  const out = join(tmp, 'cold');
  const nodeTimes = [];
  const nodeCpu = [];
  const buildTimes = [];
  const buildCpu = [];
  const buildRss = [];
  const build = (measure) => {
    rmSync(out, { recursive: true, force: true });
    return timed([bin, 'build', 'examples/web-app', '--out', out], { measure });
  };
  // One warm-up of each (file system caches), not counted.
  timed(['-e', '0'], { measure: false });
  build(false);
  // Wall time from plain runs (as users start it); CPU time and peak memory from runs with the
  // preload that records them, which adds the same start-up to both commands.
  for (let i = 0; i < RUNS; i++) {
    nodeTimes.push(timed(['-e', '0'], { measure: false }).ms);
    buildTimes.push(build(false).ms);
    nodeCpu.push(timed(['-e', '0']).cpuMs);
    const b = build(true);
    buildCpu.push(b.cpuMs);
    buildRss.push(b.rssKiB);
  }
  return { node: median(nodeTimes), nodeCpu: median(nodeCpu), build: median(buildTimes), buildCpu: median(buildCpu), rss: median(buildRss) };
}

// ---------------------------------------------------------------- generated inputs
function templates() {
  const list = [JSON.parse(readFileSync(join(root, 'examples/web-app/task-definition.json'), 'utf8'))];
  // fixtures/corpus only (never the wider corpus beside the repository), so that every clone
  // measures the same inputs.
  const corpus = join(root, 'fixtures/corpus/taskdefs');
  {
    for (const f of readdirSync(corpus).sort()) {
      try {
        let v = JSON.parse(readFileSync(join(corpus, f), 'utf8').replace(/^\uFEFF/, ''));
        if (v.taskDefinition) v = v.taskDefinition;
        list.push(v);
      } catch {
        /* not every corpus file is for this */
      }
    }
  }
  return list;
}

/** Writes n services, each with its own task definition, varied from the templates; validated once by the caller. */
function generate(n, dir) {
  const tds = templates();
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const td = structuredClone(tds[i % tds.length]);
    const family = `svc-${String(i).padStart(5, '0')}`;
    td.family = family;
    for (const k of ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy']) delete td[k];
    for (const [j, c] of (td.containerDefinitions ?? []).entries()) {
      if (!c.image || /[<${]/.test(c.image)) c.image = `registry.example.com/${family}/c${j}:${i}`;
      c.environment = [...(c.environment ?? []), { name: 'SERVICE_INDEX', value: String(i) }];
    }
    const service = {
      cluster: `cluster-${i % 7}`,
      serviceName: family,
      taskDefinition: family,
      desiredCount: 1 + (i % 5),
      deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 50 + (i % 2) * 50 },
      tags: [{ key: 'team', value: `team-${i % 13}` }],
    };
    writeFileSync(join(dir, `${family}-td.json`), JSON.stringify(td, null, 2));
    writeFileSync(join(dir, `${family}-svc.json`), JSON.stringify(service, null, 2));
  }
}

function throughput(n) {
  const input = join(tmp, `in-${n}`);
  const out = join(tmp, `out-${n}`);
  const objects = join(tmp, `objects-${n}.json`);
  generate(n, input);
  // The floor serialises the objects that ecs2k8s emits: get them once, untimed.
  const stream = execFileSync(process.execPath, [bin, 'build', input, '--stdout', '--format', 'json'], { cwd: root, maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  writeFileSync(objects, JSON.stringify(JSON.parse(stream.toString()).items));
  const build = [];
  const floor = [];
  const floorOwn = [];
  const runs = n >= 5000 ? 3 : 5;
  for (let i = 0; i < runs; i++) {
    rmSync(out, { recursive: true, force: true });
    build.push(timed([bin, 'build', input, '--out', out]));
    floor.push(timed([floorScript, input, objects, 'yaml']));
    floorOwn.push(timed([floorScript, input, objects, 'ecs2k8s']));
  }
  const pick = (xs) => ({ ms: median(xs.map((x) => x.ms)), rssKiB: Math.max(...xs.map((x) => x.rssKiB)) });
  return { n, build: pick(build), floor: pick(floor), floorOwn: pick(floorOwn) };
}

// ---------------------------------------------------------------- report
const loadAtStart = os.loadavg();
const cold = coldStart();
const rows = SIZES.map(throughput);
const byN = new Map(rows.map((r) => [r.n, r]));
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
const cpu = os.cpus()[0]?.model ?? 'unknown';
const lines = [];
lines.push('# Benchmarks', '');
lines.push('<!-- Written by `npm run bench` (scripts/bench.mjs). Numbers from one run on the machine below. -->', '');
lines.push(`Machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}.`, '');
lines.push('## Cold start', '');
lines.push(`\`ecs2k8s build examples/web-app --out DIR\` against \`node -e 0\`, alternated, ${RUNS} runs each, medians.`, '');
lines.push(
  "Wall time is what SPEC §8 budgets, measured on plain runs of both commands (no preload). CPU time (user + system, from the process's own resource usage) and peak RSS come from runs with the preload that records them (scripts/bench-rss.mjs), which adds the same ESM-loader start-up to both; CPU is shown because it varies less on a busy machine.",
  '',
);
lines.push('| command | median wall | ratio to node -e 0 | median CPU | ratio to node -e 0 | peak RSS |', '|---|---|---|---|---|---|');
lines.push(`| node -e 0 | ${cold.node.toFixed(0)} ms | 1.00× | ${cold.nodeCpu.toFixed(0)} ms | 1.00× | |`);
lines.push(
  `| ecs2k8s build (example) | ${cold.build.toFixed(0)} ms | ${(cold.build / cold.node).toFixed(2)}× | ${cold.buildCpu.toFixed(0)} ms | ${(cold.buildCpu / cold.nodeCpu).toFixed(2)}× | ${mib(cold.rss)} |`,
  '',
);
lines.push('## Throughput', '');
lines.push('Generated services, each with its task definition (varied from the example and fixtures/corpus), compiled in one run into a bundle on disk.');
lines.push(
  "The floor reads and `JSON.parse`s the same files and serialises the same output objects, nothing else (scripts/bench-floor.mjs): once with the `yaml` library, as issue 6 defines it, and once with ecs2k8s's own serialiser, which writes most objects through a fast path that gives the same bytes as `yaml`.",
  '',
);
lines.push('| services | ecs2k8s | services/s | floor (yaml) | ratio | floor (ecs2k8s serialiser) | ratio | peak RSS (ecs2k8s) | peak RSS (floor) |', '|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  lines.push(
    `| ${r.n.toLocaleString('en')} | ${(r.build.ms / 1000).toFixed(2)} s | ${(r.n / (r.build.ms / 1000)).toFixed(0)} | ${(r.floor.ms / 1000).toFixed(2)} s | ${(r.build.ms / r.floor.ms).toFixed(2)}× | ${(r.floorOwn.ms / 1000).toFixed(2)} s | ${(r.build.ms / r.floorOwn.ms).toFixed(2)}× | ${mib(r.build.rssKiB)} | ${mib(r.floor.rssKiB)} |`,
  );
}
if (byN.has(1000) && byN.has(5000)) {
  lines.push('', `Linearity: 5,000 services take ${(byN.get(5000).build.ms / byN.get(1000).build.ms).toFixed(2)}× the time of 1,000 (linear would be 5×).`);
}
lines.push('', '## Against the budget (SPEC §8)', '', '| budget | measured | |', '|---|---|---|');
const ratio = cold.build / cold.node;
lines.push(`| cold start of \`build\` (one service) ≤ 1.5× \`node -e 0\` | ${ratio.toFixed(2)}× wall (${(cold.buildCpu / cold.nodeCpu).toFixed(2)}× CPU) | ${ratio <= 1.5 ? 'met' : 'missed'} |`);
if (byN.has(1000)) {
  const peak = byN.get(1000).build.rssKiB * 1024;
  lines.push(`| peak memory at 1,000 services < 200 MB | ${(peak / 1e6).toFixed(0)} MB (${mib(peak / 1024)}) | ${peak < 200e6 ? 'met' : 'missed'} |`);
}
lines.push('', `Load average at the start of the run: ${loadAtStart.map((x) => x.toFixed(1)).join(', ')} (1, 5, 15 minutes; ${os.cpus().length} cores).`, '');
const table = lines.join('\n');
console.log(table);
if (!process.env.BENCH_NO_WRITE) {
  writeFileSync(join(root, 'docs', 'benchmarks.md'), table);
  console.error('wrote docs/benchmarks.md');
}
