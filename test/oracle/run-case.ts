/**
 * Runs one oracle case end to end: `ecs2k8s build <inputs> --out <tmp> --report json` through the
 * public CLI (run(argv, io), in this process), then both behaviour functions and the comparison.
 * This file is the only one of the oracle that touches ecs2k8s, and only through its CLI.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import type { OracleCase } from './cases.js';
import { classify, compareBehaviour, type Classified, type Diagnostic } from './compare.js';
import { ecsBehaviour, readEcsInputs } from './ecs/behaviour.js';
import { k8sBehaviour, readBundle } from './k8s/behaviour.js';
import type { Behaviour } from './model.js';

export interface CaseResult {
  code: number;
  stderr: string;
  diagnostics: Diagnostic[];
  ecs: Behaviour;
  k8s: Behaviour;
  differences: Classified[];
}

export async function runCase(c: OracleCase, scratch: string): Promise<CaseResult> {
  const out = join(scratch, 'out');
  const report = join(scratch, 'report.json');
  mkdirSync(scratch, { recursive: true });
  let stderr = '';
  const io: CliIO = {
    stdout: { write: () => true, isTTY: false },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false },
    stdin: Readable.from([]),
    env: {},
    cwd: c.cwd,
  };
  const code = await run(['build', ...c.inputs, '--out', out, '--report', 'json', '--report-file', report, ...c.args], io);
  const read = (JSON.parse(readFileSync(report, 'utf8')) as { diagnostics: Diagnostic[] }).diagnostics;
  const diagnostics = read.map((d) => (d.file === undefined ? d : { ...d, file: isAbsolute(d.file) ? d.file : resolve(c.cwd, d.file) }));
  const ecs = ecsBehaviour(readEcsInputs(c.inputs, c.args, c.projectFile));
  const objects = code === 0 ? readBundle(out) : [];
  const k8s = k8sBehaviour(objects, c.kubernetesVersion !== undefined ? { kubernetesVersion: c.kubernetesVersion } : {});
  const differences = classify(compareBehaviour(ecs, k8s), ecs, diagnostics);
  if (c.kubernetesVersion !== undefined) {
    // A difference that the same bundle would not have on the default target comes from a feature
    // the target version lacks: it belongs to the target-version bullet.
    const atDefault = new Set(compareBehaviour(ecs, k8sBehaviour(objects)).map((d) => `${d.workload}|${d.container}|${d.fact}`));
    for (const d of differences) if (!atDefault.has(`${d.workload}|${d.container}|${d.fact}`)) d.bullet = 'target-version';
  }
  return { code, stderr, diagnostics, ecs, k8s, differences };
}
