/**
 * runtimePlatform, placementConstraints, placementStrategy and availabilityZoneRebalancing →
 * nodeSelector, node affinity, pod anti-affinity and topology spread constraints.
 */
import { show } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import type { ConvertContext } from './context.js';
import type { INodeSelectorRequirement } from 'kubernetes-models/v1/NodeSelectorRequirement';
import type { PlacementConstraint, TaskDefinitionPlacementConstraint } from '../model/ecs.js';

const ARCH: Record<string, string> = { X86_64: 'amd64', ARM64: 'arm64' };

/** ECS built-in attributes → well-known node labels, with value translations. */
const ATTRIBUTES: Record<string, { label: string; value?: (v: string) => string }> = {
  'ecs.instance-type': { label: 'node.kubernetes.io/instance-type' },
  'ecs.availability-zone': { label: 'topology.kubernetes.io/zone' },
  'ecs.os-type': { label: 'kubernetes.io/os', value: (v) => v.toLowerCase() },
  'ecs.cpu-architecture': { label: 'kubernetes.io/arch', value: (v) => ({ x86_64: 'amd64', arm64: 'arm64' })[v.toLowerCase()] ?? v.toLowerCase() },
};

export function convertPlacement(ctx: ConvertContext): void {
  const nodeSelector: Record<string, string> = {};
  const rp = ctx.taskDefinition.runtimePlatform;
  if (rp) {
    const arch = ARCH[rp.cpuArchitecture ?? ''];
    if (arch) nodeSelector['kubernetes.io/arch'] = arch;
    const os = rp.operatingSystemFamily;
    if (os === 'LINUX') nodeSelector['kubernetes.io/os'] = 'linux';
    else if (os?.startsWith('WINDOWS')) {
      nodeSelector['kubernetes.io/os'] = 'windows';
      ctx.note(
        ctx.td,
        ctx.tdPtr('runtimePlatform', 'operatingSystemFamily'),
        'windows',
        `${os} becomes kubernetes.io/os: windows; pin the Windows build with the node.kubernetes.io/windows-build label if your nodes mix versions`,
      );
    }
  }
  if (rp?.operatingSystemFamily === undefined) {
    const hint = windowsEvidence(ctx);
    if (hint) {
      nodeSelector['kubernetes.io/os'] = 'windows';
      ctx.warn(
        ctx.td,
        hint.pointer,
        'windows',
        `the task definition has no runtimePlatform, but ${hint.what}: ECS can place it only on Windows instances, so the pod gets the node selector kubernetes.io/os: windows; set runtimePlatform.operatingSystemFamily to name the Windows build`,
      );
    }
  }
  if (Object.keys(nodeSelector).length) ctx.pod.spec.nodeSelector = nodeSelector;

  const groups: INodeSelectorRequirement[][][] = [];
  const constraint = (doc: EcsDocument, list: readonly (PlacementConstraint | TaskDefinitionPlacementConstraint)[] | undefined, base: (i: number) => string) => {
    for (const [i, pc] of (list ?? []).entries()) {
      const type = pc.type;
      if (type === 'distinctInstance') {
        ctx.pod.spec.affinity = {
          ...ctx.pod.spec.affinity,
          podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: ctx.selector }, topologyKey: 'kubernetes.io/hostname' }] },
        };
      } else if (type === 'memberOf') {
        const expr = pc.expression ?? '';
        const parsed = parseExpression(expr);
        if (!parsed) {
          ctx.warn(
            doc,
            base(i),
            'placement-expression',
            `the placement expression ${show(expr)} has no node-affinity equivalent here (only attribute comparisons joined by "and"/"or" are converted): it is skipped; write the affinity by hand`,
          );
          continue;
        }
        for (const w of parsed.warnings) ctx.note(doc, base(i), 'placement-expression', w);
        groups.push(parsed.terms);
      }
    }
  };
  constraint(ctx.td, ctx.taskDefinition.placementConstraints, (i) => ctx.tdPtr('placementConstraints', i, 'expression'));
  if (ctx.svc) constraint(ctx.svc, ctx.serviceDefinition?.placementConstraints, (i) => ctx.svcPtr('placementConstraints', i, 'expression'));
  if (groups.length > 0) {
    // All constraints must hold: every OR-alternative of one constraint is combined with those of the others.
    let combined: INodeSelectorRequirement[][] = [[]];
    for (const alternatives of groups) combined = combined.flatMap((acc) => alternatives.map((alt) => [...acc, ...alt]));
    ctx.pod.spec.affinity = {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: combined.map((exprs) => ({ matchExpressions: exprs })) } },
      ...ctx.pod.spec.affinity,
    };
  }
  spread(ctx);
}

/** Parses `attribute:ecs.instance-type == t3.large and attribute:ecs.availability-zone in [a, b]`. */
export function parseExpression(expr: string): { terms: INodeSelectorRequirement[][]; warnings: string[] } | undefined {
  const warnings: string[] = [];
  const terms: INodeSelectorRequirement[][] = [];
  for (const alt of expr.split(/\s+or\s+/i)) {
    const exprs: INodeSelectorRequirement[] = [];
    for (const part of alt.split(/\s+and\s+/i)) {
      const m = /^\s*\(?\s*attribute:([A-Za-z0-9_.:/-]+)\s*(==|!=|\bin\b|\bnot_in\b|\bexists\b)\s*(.*?)\s*\)?\s*$/i.exec(part);
      if (!m) return undefined;
      const attr = m[1]!;
      const op = m[2]!.toLowerCase();
      const raw = m[3] ?? '';
      const known = ATTRIBUTES[attr];
      const key = known?.label ?? attr;
      if (!known) {
        if (attr.startsWith('ecs.')) return undefined;
        warnings.push(`the custom attribute ${show(attr)} becomes the node label ${show(key)}: label the nodes to match`);
      }
      const values = raw
        .replace(/^\[|\]$/g, '')
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
        .map((v) => (known?.value ? known.value(v) : v));
      if (values.some((v) => /[*?]/.test(v))) return undefined;
      if (op === 'exists') exprs.push({ key, operator: 'Exists' });
      else if (values.length === 0) return undefined;
      else exprs.push({ key, operator: op === '==' || op === 'in' ? 'In' : 'NotIn', values });
    }
    terms.push(exprs);
  }
  return { terms, warnings };
}

function spread(ctx: ConvertContext): void {
  const keys: string[] = [];
  const strategy = ctx.serviceDefinition?.placementStrategy ?? [];
  for (const [i, ps] of strategy.entries()) {
    const type = ps.type;
    const field = (ps.field ?? '').toLowerCase();
    if (type === 'spread') {
      if (field === 'attribute:ecs.availability-zone') keys.push('topology.kubernetes.io/zone');
      else if (field === 'instanceid' || field === 'host') keys.push('kubernetes.io/hostname');
      else ctx.warn(ctx.svc!, ctx.svcPtr('placementStrategy', i, 'field'), 'placement-strategy', `spreading over ${show(ps.field)} has no well-known node label: it is skipped`);
    } else if (type === 'binpack' || type === 'random') {
      ctx.note(
        ctx.svc!,
        ctx.svcPtr('placementStrategy', i, 'type'),
        'placement-strategy',
        `placement strategy ${show(type)} is the scheduler's business in Kubernetes (binpacking: the MostAllocated scoring strategy or Karpenter consolidation)`,
      );
    }
  }
  // CreateService defaults availabilityZoneRebalancing to ENABLED for services that can use it
  // (replica services whose placement neither binpacks nor places at random).
  const rebalancing = ctx.serviceDefinition?.availabilityZoneRebalancing;
  const packed = strategy.some((ps) => ps.type === 'binpack' || ps.type === 'random');
  if (rebalancing === 'ENABLED' || (rebalancing === undefined && ctx.svc && ctx.id.kind === 'Deployment' && !packed)) {
    keys.push('topology.kubernetes.io/zone');
    if (rebalancing === undefined) {
      ctx.note(
        ctx.svc!,
        ctx.svc!.pointer,
        'zone-spread',
        'ECS spreads a new service over Availability Zones unless availabilityZoneRebalancing is DISABLED: the pods get a zone topology spread constraint (ScheduleAnyway)',
      );
    }
  }
  const unique = [...new Set(keys)];
  if (unique.length > 0) {
    ctx.pod.spec.topologySpreadConstraints = unique.map((topologyKey) => ({ maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: ctx.selector } }));
  }
}

const WINDOWS_IMAGE = /mcr\.microsoft\.com\/(windows|dotnet\/framework)|(^|\/)microsoft\/(iis|windowsservercore|nanoserver|dotnet-framework|mssql-server-windows)|windowsservercore|nanoserver/i;
const WINDOWS_PATH = /^[A-Za-z]:\\|^\\\\\.\\pipe\\/;
const WINDOWS_COMMAND = /^(powershell(\.exe)?|cmd(\.exe)?)$|(^|\s|")[A-Za-z]:\\/i;

/** A Windows task without runtimePlatform: Windows images, `C:\` or named-pipe paths, PowerShell / cmd.exe commands. */
function windowsEvidence(ctx: ConvertContext): { what: string; pointer: string } | undefined {
  for (const c of ctx.pod.containers) {
    const image = c.def.image ?? '';
    if (WINDOWS_IMAGE.test(image)) return { what: `the image ${show(image)} is a Windows image`, pointer: ctx.containerPtr(c, 'image') };
    for (const [j, m] of (c.def.mountPoints ?? []).entries()) {
      const path = m.containerPath ?? '';
      if (WINDOWS_PATH.test(path)) return { what: `the mount path ${show(path)} is a Windows path`, pointer: ctx.containerPtr(c, 'mountPoints', j, 'containerPath') };
    }
    for (const key of ['entryPoint', 'command'] as const) {
      const args = c.def[key] ?? [];
      const hit = args.find((a) => WINDOWS_COMMAND.test(a));
      if (hit !== undefined) return { what: `the ${key} runs ${show(hit)}`, pointer: ctx.containerPtr(c, key) };
    }
    const wd = c.def.workingDirectory;
    if (wd && WINDOWS_COMMAND.test(wd)) return { what: `the working directory ${show(wd)} is a Windows path`, pointer: ctx.containerPtr(c, 'workingDirectory') };
  }
  for (const [i, v] of (ctx.taskDefinition.volumes ?? []).entries()) {
    const host = v.host?.sourcePath;
    if (host && WINDOWS_PATH.test(host)) return { what: `the host path ${show(host)} is a Windows path`, pointer: ctx.tdPtr('volumes', i, 'host', 'sourcePath') };
  }
  return undefined;
}
