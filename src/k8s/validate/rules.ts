// The rules an API server enforces in Go code and the OpenAPI schema does not carry
// (k8s.io/kubernetes pkg/apis/core/validation, apimachinery validation.Is*), as small pure
// functions over a plain JSON object. Each finding has a stable code, a JSON Pointer into
// the object and a message naming the field, the value and what is wrong.

export interface RuleIssue {
  code: string;
  pointer: string;
  message: string;
}

type Obj = Record<string, unknown>;
type Report = (code: string, pointer: string, message: string) => void;

// ---------------------------------------------------------------------------------------
// Syntax checks (apimachinery/pkg/util/validation)

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** Why `s` is not a DNS-1123 label (≤63, lowercase alphanumerics and '-', alnum at both ends); null if it is. */
/** Empty, too long, or not matching the pattern: the message says which and how the name must look. */
function nameError(s: string, max: number, pattern: RegExp, shape: string): string | null {
  if (s.length === 0) return 'must not be empty';
  if (s.length > max) return `must be no more than ${max} characters (has ${s.length})`;
  return pattern.test(s) ? null : `must be ${shape}`;
}

export function dns1123LabelError(s: string): string | null {
  return nameError(s, 63, DNS1123_LABEL, "a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit");
}

/** DNS-1123 subdomain: ≤253, dot-separated DNS-1123 labels. */
export function dns1123SubdomainError(s: string): string | null {
  return nameError(s, 253, DNS1123_SUBDOMAIN, "a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
}

/** DNS-1035 label (Service names): like a DNS-1123 label but starting with a letter. */
export function dns1035LabelError(s: string): string | null {
  return nameError(s, 63, DNS1035_LABEL, "a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit");
}

/** Label/annotation key: optional DNS-1123 subdomain prefix (≤253) + '/' + name (≤63). */
export function qualifiedNameError(key: string): string | null {
  const parts = key.split('/');
  let name = key;
  if (parts.length > 2) return "must have at most one '/' (an optional DNS-1123 subdomain prefix and a name)";
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) return "prefix before '/' must not be empty";
    const prefixErr = dns1123SubdomainError(prefix);
    if (prefixErr) return `prefix "${prefix}" ${prefixErr}`;
  }
  if (name.length === 0) return 'name part must not be empty';
  if (name.length > 63) return `name part must be no more than 63 characters (has ${name.length})`;
  if (!QUALIFIED_NAME_PART.test(name)) {
    return "name part must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
  }
  return null;
}

/** Label value: empty, or ≤63 alphanumerics, '-', '_', '.', alphanumeric at both ends. */
export function labelValueError(v: string): string | null {
  if (v.length > 63) return `must be no more than 63 characters (has ${v.length})`;
  if (!LABEL_VALUE.test(v)) {
    return "must be empty or consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
  }
  return null;
}

/** IANA_SVC_NAME (container port names): ≤15, lowercase alnum and '-', ≥1 letter, no '--'. */
export function ianaSvcNameError(s: string): string | null {
  if (s.length === 0) return 'must not be empty';
  if (s.length > 15) return `must be no more than 15 characters (has ${s.length})`;
  if (!IANA_SVC_NAME.test(s)) {
    return "must contain only lowercase letters, digits and '-', and start and end with a letter or digit";
  }
  if (s.includes('--')) return "must not contain consecutive '-'";
  if (!/[a-z]/.test(s)) return 'must contain at least one letter';
  return null;
}

/**
 * Environment variable names. Since Kubernetes 1.34 (RelaxedEnvironmentVariableValidation, GA)
 * any printable ASCII character except '=' is accepted (validation.IsRelaxedEnvVarName).
 */
export function envVarNameError(s: string): string | null {
  if (s.length === 0) return 'must not be empty';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c > 0x7e || ch === '=') return "must consist of printable ASCII characters except '='";
  }
  return null;
}

/** ConfigMap/Secret data keys: `[-._a-zA-Z0-9]+`, ≤253, not "." or "..". */
export function configKeyError(s: string): string | null {
  if (s.length === 0) return 'must not be empty';
  if (s.length > 253) return `must be no more than 253 characters (has ${s.length})`;
  if (!CONFIG_KEY.test(s)) return "must consist of alphanumerics, '-', '_' or '.'";
  if (s === '.' || s === '..') return `must not be "${s}"`;
  return null;
}

// Kubernetes resource.Quantity, as in the generated schema.
const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;
const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The value of a Kubernetes quantity ("500m" → 0.5, "1Gi" → 2^30, 2 → 2); null if not one. */
export function parseQuantity(q: unknown): number | null {
  if (typeof q === 'number') return Number.isFinite(q) ? q : null;
  if (typeof q !== 'string') return null;
  const m = QUANTITY.exec(q);
  if (!m) return null;
  const num = Number(m[1]);
  const suffix = m[2] ?? '';
  if (/^[eE]/.test(suffix)) return num * 10 ** Number(suffix.slice(1));
  return num * (SUFFIX[suffix] ?? NaN);
}

// ---------------------------------------------------------------------------------------
// Helpers

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function obj(v: unknown): Obj | undefined {
  return isObj(v) ? v : undefined;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}
function esc(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
/** Joins pointer tokens: ptr('/spec', 'a/b', 0) → "/spec/a~1b/0". */
export function ptr(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => '/' + esc(String(t))).join('');
}
function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s;
}

const CLUSTER_SCOPED = new Set(['v1/Namespace', 'v1/PersistentVolume']);

/** Pointer → pod spec object, for the kinds that carry a pod template. */
function podSpecs(o: Obj, gvk: string): { spec: Obj; at: string; template: Obj; templateAt: string }[] {
  const out: { spec: Obj; at: string; template: Obj; templateAt: string }[] = [];
  const spec = obj(o.spec);
  if (!spec) return out;
  const push = (template: unknown, templateAt: string) => {
    const t = obj(template);
    const s = t && obj(t.spec);
    if (t && s) out.push({ spec: s, at: templateAt + '/spec', template: t, templateAt });
  };
  switch (gvk) {
    case 'apps/v1/Deployment':
    case 'apps/v1/DaemonSet':
    case 'batch/v1/Job':
    case 'argoproj.io/v1alpha1/Rollout':
      push(spec.template, '/spec/template');
      break;
    case 'batch/v1/CronJob': {
      const jt = obj(spec.jobTemplate);
      const js = jt && obj(jt.spec);
      if (js) push(js.template, '/spec/jobTemplate/spec/template');
      break;
    }
  }
  return out;
}

function allContainers(pod: Obj, at: string): { c: Obj; at: string; init: boolean }[] {
  const out: { c: Obj; at: string; init: boolean }[] = [];
  arr(pod.initContainers).forEach((c, i) => {
    if (isObj(c)) out.push({ c, at: ptr(at, 'initContainers', i), init: true });
  });
  arr(pod.containers).forEach((c, i) => {
    if (isObj(c)) out.push({ c, at: ptr(at, 'containers', i), init: false });
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// Rules. Each takes the object, its "apiVersion/kind" and a reporter.

type Rule = (o: Obj, gvk: string, report: Report) => void;

/** k8s-null: a null anywhere is at best dropped by the server, at worst a different meaning. */
export const noNulls: Rule = (o, _gvk, report) => {
  // The path is kept as tokens and joined into a pointer only for a null: most objects have none.
  const path: (string | number)[] = [];
  const walk = (v: unknown): void => {
    if (v === null) {
      const at = ptr('', ...path);
      report('k8s-null', at, `${at || '/'} is null; omit the field instead of writing null`);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
    } else if (typeof v === 'object') {
      for (const k in v as Obj) {
        path.push(k);
        walk((v as Obj)[k]);
        path.pop();
      }
    }
  };
  walk(o);
};

/** k8s-name: metadata.name present and valid for the kind. */
export const objectName: Rule = (o, gvk, report) => {
  const meta = obj(o.metadata);
  const name = meta?.name;
  const at = '/metadata/name';
  if (typeof name !== 'string' || name === '') {
    if (meta?.generateName === undefined) report('k8s-name', at, `metadata.name is required for ${gvk}`);
    return;
  }
  let err: string | null;
  switch (gvk) {
    case 'v1/Namespace':
      err = dns1123LabelError(name);
      break;
    case 'v1/Service':
      err = dns1035LabelError(name);
      break;
    case 'batch/v1/Job':
      // The Job controller puts the name in the pods' batch.kubernetes.io/job-name label.
      err = dns1123SubdomainError(name) ?? (name.length > 63 ? `must be no more than 63 characters (has ${name.length}), as it becomes a label value` : null);
      break;
    case 'batch/v1/CronJob':
      // Jobs are named <cronjob>-<11 digit suffix>, and Job names must be label values.
      err = dns1123SubdomainError(name) ?? (name.length > 52 ? `must be no more than 52 characters (has ${name.length})` : null);
      break;
    default:
      err = dns1123SubdomainError(name);
  }
  if (err) report('k8s-name', at, `metadata.name "${name}" of ${gvk} ${err}`);
};

/** k8s-namespace: a DNS-1123 label on namespaced kinds, absent on cluster-scoped ones. */
export const objectNamespace: Rule = (o, gvk, report) => {
  const ns = obj(o.metadata)?.namespace;
  if (ns === undefined) return;
  const at = '/metadata/namespace';
  if (CLUSTER_SCOPED.has(gvk)) {
    report('k8s-namespace', at, `metadata.namespace "${String(ns)}" must not be set: ${gvk} is cluster-scoped`);
    return;
  }
  if (typeof ns !== 'string') return; // schema reports the type
  const err = dns1123LabelError(ns);
  if (err) report('k8s-namespace', at, `metadata.namespace "${ns}" ${err}`);
};

function checkLabels(labels: unknown, at: string, what: string, report: Report): void {
  const m = obj(labels);
  if (!m) return;
  for (const [k, v] of Object.entries(m)) {
    const kerr = qualifiedNameError(k);
    if (kerr) report('k8s-label-key', ptr(at, k), `${what} key "${k}" ${kerr}`);
    if (typeof v === 'string') {
      const verr = labelValueError(v);
      if (verr) report('k8s-label-value', ptr(at, k), `${what} "${k}" has value "${v}" that ${verr}`);
    }
  }
}

function checkAnnotations(annotations: unknown, at: string, report: Report): void {
  const m = obj(annotations);
  if (!m) return;
  let size = 0;
  for (const [k, v] of Object.entries(m)) {
    const kerr = qualifiedNameError(k);
    if (kerr) report('k8s-annotation-key', ptr(at, k), `annotation key "${k}" ${kerr}`);
    size += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  }
  if (size > 256 * 1024) {
    report('k8s-annotation-size', at, `annotations total ${size} bytes; the limit is 262144 bytes (256 KiB)`);
  }
}

/** k8s-label-key, k8s-label-value, k8s-annotation-key, k8s-annotation-size on every ObjectMeta. */
export const metadataLabels: Rule = (o, gvk, report) => {
  const metas: [unknown, string][] = [[o.metadata, '/metadata']];
  for (const p of podSpecs(o, gvk)) metas.push([p.template.metadata, p.templateAt + '/metadata']);
  if (gvk === 'batch/v1/CronJob') metas.push([obj(obj(o.spec)?.jobTemplate)?.metadata, '/spec/jobTemplate/metadata']);
  for (const [meta, at] of metas) {
    const m = obj(meta);
    if (!m) continue;
    checkLabels(m.labels, at + '/labels', 'label', report);
    checkAnnotations(m.annotations, at + '/annotations', report);
  }
  const spec = obj(o.spec);
  const sel = obj(spec?.selector);
  if (gvk === 'v1/Service') checkLabels(spec?.selector, '/spec/selector', 'selector label', report);
  else if (sel) {
    checkLabels(sel.matchLabels, '/spec/selector/matchLabels', 'selector label', report);
    arr(sel.matchExpressions).forEach((e, i) => {
      const key = str(obj(e)?.key);
      if (key === undefined) return;
      const err = qualifiedNameError(key);
      if (err) report('k8s-label-key', ptr('/spec/selector/matchExpressions', i, 'key'), `selector key "${key}" ${err}`);
    });
  }
};

/** k8s-selector: Deployment/DaemonSet selector non-empty and matching the template labels. */
export const selectorMatchesTemplate: Rule = (o, gvk, report) => {
  if (gvk !== 'apps/v1/Deployment' && gvk !== 'apps/v1/DaemonSet' && gvk !== 'argoproj.io/v1alpha1/Rollout') return;
  const spec = obj(o.spec);
  const sel = obj(spec?.selector);
  if (!spec || !sel) return; // schema reports a missing selector
  const matchLabels = obj(sel.matchLabels) ?? {};
  const exprs = arr(sel.matchExpressions);
  if (Object.keys(matchLabels).length === 0 && exprs.length === 0) {
    report('k8s-selector', '/spec/selector', `spec.selector of ${gvk} is empty; it must select the pod template's labels`);
    return;
  }
  const labels = obj(obj(obj(spec.template)?.metadata)?.labels) ?? {};
  for (const [k, v] of Object.entries(matchLabels)) {
    if (labels[k] !== v) {
      const got = labels[k] === undefined ? 'has no such label' : `has "${String(labels[k])}"`;
      report(
        'k8s-selector',
        ptr('/spec/selector/matchLabels', k),
        `spec.selector.matchLabels "${k}: ${String(v)}" does not match spec.template.metadata.labels, which ${got}`,
      );
    }
  }
  exprs.forEach((e, i) => {
    const ex = obj(e);
    const key = str(ex?.key);
    if (!ex || key === undefined) return;
    const have = labels[key];
    const values = arr(ex.values);
    const ok =
      ex.operator === 'In' ? values.includes(have) :
      ex.operator === 'NotIn' ? !values.includes(have) :
      ex.operator === 'Exists' ? have !== undefined :
      ex.operator === 'DoesNotExist' ? have === undefined : true;
    if (!ok) {
      report('k8s-selector', ptr('/spec/selector/matchExpressions', i), `spec.selector.matchExpressions[${i}] (${key} ${String(ex.operator)}) does not select spec.template.metadata.labels`);
    }
  });
};

/** k8s-restart-policy: per controller kind, and init-container sidecars. */
export const restartPolicy: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    const rp = p.spec.restartPolicy;
    const at = p.at + '/restartPolicy';
    if (gvk === 'batch/v1/Job' || gvk === 'batch/v1/CronJob') {
      if (rp !== 'Never' && rp !== 'OnFailure') {
        const got = rp === undefined ? 'is not set (the pod default is Always)' : `is "${String(rp)}"`;
        report('k8s-restart-policy', at, `restartPolicy of a ${gvk.split('/').pop()} pod template ${got}; it must be "Never" or "OnFailure"`);
      }
    } else if (rp !== undefined && rp !== 'Always') {
      report('k8s-restart-policy', at, `restartPolicy "${String(rp)}" is not allowed in a ${gvk.split('/').pop()} pod template; only "Always" (or omit it)`);
    }
    arr(p.spec.initContainers).forEach((c, i) => {
      const crp = obj(c)?.restartPolicy;
      if (crp !== undefined && crp !== 'Always') {
        report('k8s-restart-policy', ptr(p.at, 'initContainers', i, 'restartPolicy'), `init container restartPolicy "${String(crp)}" is not allowed; only "Always" (a sidecar) or omit it`);
      }
    });
  }
};

/** k8s-init-container: probes and lifecycle hooks are only for sidecar (restartPolicy Always) init containers. */
export const initContainerFields: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    arr(p.spec.initContainers).forEach((c, i) => {
      const ic = obj(c);
      if (!ic || ic.restartPolicy === 'Always') return;
      for (const f of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']) {
        if (ic[f] !== undefined) {
          report('k8s-init-container', ptr(p.at, 'initContainers', i, f), `init container "${String(ic.name)}" may not set ${f} unless restartPolicy is "Always" (a sidecar)`);
        }
      }
    });
  }
};

/** k8s-container-name: DNS-1123 labels, unique across containers and initContainers. */
export const containerNames: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    const seen = new Map<string, string>();
    for (const { c, at } of allContainers(p.spec, p.at)) {
      const name = str(c.name);
      if (name === undefined) continue;
      const err = dns1123LabelError(name);
      if (err) report('k8s-container-name', at + '/name', `container name "${name}" ${err}`);
      const prev = seen.get(name);
      if (prev) report('k8s-container-name', at + '/name', `container name "${name}" is already used at ${prev}; names must be unique across containers and initContainers`);
      else seen.set(name, at + '/name');
    }
  }
};

function portNumberError(v: unknown, min = 1): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v)) return null; // schema reports the type
  return v < min || v > 65535 ? `must be between ${min} and 65535` : null;
}

/** k8s-port-name, k8s-port, k8s-host-port: container ports. */
export const containerPorts: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    const hostNetwork = p.spec.hostNetwork === true;
    const hostPorts = new Map<string, string>();
    for (const { c, at } of allContainers(p.spec, p.at)) {
      const names = new Map<string, string>();
      arr(c.ports).forEach((port, i) => {
        const pp = obj(port);
        if (!pp) return;
        const pat = ptr(at, 'ports', i);
        const name = str(pp.name);
        if (name !== undefined) {
          const err = ianaSvcNameError(name);
          if (err) report('k8s-port-name', pat + '/name', `port name "${name}" ${err}`);
          const prev = names.get(name);
          if (prev) report('k8s-port-name', pat + '/name', `port name "${name}" is already used at ${prev}; port names must be unique within a container`);
          else names.set(name, pat + '/name');
        }
        const cpErr = portNumberError(pp.containerPort);
        if (cpErr) report('k8s-port', pat + '/containerPort', `containerPort ${show(pp.containerPort)} ${cpErr}`);
        const hp = num(pp.hostPort);
        if (hp !== undefined && hp !== 0) {
          const hpErr = portNumberError(hp);
          if (hpErr) report('k8s-host-port', pat + '/hostPort', `hostPort ${hp} ${hpErr}`);
          if (hostNetwork && hp !== pp.containerPort) {
            report('k8s-host-port', pat + '/hostPort', `hostPort ${hp} must equal containerPort ${show(pp.containerPort)} when the pod uses hostNetwork`);
          }
          const key = `${hp}/${String(pp.protocol ?? 'TCP')}/${String(pp.hostIP ?? '')}`;
          const prev = hostPorts.get(key);
          if (prev) report('k8s-host-port', pat + '/hostPort', `hostPort ${hp}/${String(pp.protocol ?? 'TCP')} is already used at ${prev}`);
          else hostPorts.set(key, pat + '/hostPort');
        } else if (hp !== undefined && hp < 0) {
          report('k8s-host-port', pat + '/hostPort', `hostPort ${hp} must be between 1 and 65535`);
        }
      });
    }
  }
};

/** k8s-volume-name, k8s-volume-mount: volume names and the mounts that refer to them. */
export const volumes: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    const names = new Map<string, string>();
    arr(p.spec.volumes).forEach((v, i) => {
      const name = str(obj(v)?.name);
      if (name === undefined) return;
      const at = ptr(p.at, 'volumes', i, 'name');
      const err = dns1123LabelError(name);
      if (err) report('k8s-volume-name', at, `volume name "${name}" ${err}`);
      const prev = names.get(name);
      if (prev) report('k8s-volume-name', at, `volume name "${name}" is already used at ${prev}; volume names must be unique`);
      else names.set(name, at);
    });
    for (const { c, at } of allContainers(p.spec, p.at)) {
      const paths = new Map<string, string>();
      arr(c.volumeMounts).forEach((m, i) => {
        const vm = obj(m);
        if (!vm) return;
        const mat = ptr(at, 'volumeMounts', i);
        const name = str(vm.name);
        if (name !== undefined && !names.has(name)) {
          const known = [...names.keys()].map((n) => `"${n}"`).join(', ') || 'none';
          report('k8s-volume-mount', mat + '/name', `volumeMount name "${name}" of container "${String(c.name)}" does not refer to a volume in spec.volumes (volumes: ${known})`);
        }
        const mp = str(vm.mountPath);
        if (mp !== undefined) {
          const prev = paths.get(mp);
          if (prev) report('k8s-volume-mount', mat + '/mountPath', `mountPath "${mp}" of container "${String(c.name)}" is already used at ${prev}`);
          else paths.set(mp, mat + '/mountPath');
        }
      });
    }
  }
};

/** k8s-env-name: env and envFrom prefix names. */
export const envNames: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    for (const { c, at } of allContainers(p.spec, p.at)) {
      arr(c.env).forEach((e, i) => {
        const name = str(obj(e)?.name);
        if (name === undefined) return;
        const err = envVarNameError(name);
        if (err) report('k8s-env-name', ptr(at, 'env', i, 'name'), `environment variable name ${show(name)} of container "${String(c.name)}" ${err}`);
      });
      arr(c.envFrom).forEach((e, i) => {
        const prefix = str(obj(e)?.prefix);
        if (prefix === undefined || prefix === '') return;
        const err = envVarNameError(prefix);
        if (err) report('k8s-env-name', ptr(at, 'envFrom', i, 'prefix'), `envFrom prefix ${show(prefix)} of container "${String(c.name)}" ${err}`);
      });
    }
  }
};

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

function checkNamedOrNumberPort(v: unknown, at: string, what: string, report: Report, code: string): void {
  if (typeof v === 'number') {
    const err = portNumberError(v);
    if (err) report(code, at, `${what} ${v} ${err}`);
  } else if (typeof v === 'string') {
    const err = ianaSvcNameError(v);
    if (err) report(code, at, `${what} "${v}" is a port name that ${err}`);
  }
}

/** k8s-probe: one handler, positive periods/thresholds, successThreshold 1 for liveness/startup. */
export const probes: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    for (const { c, at } of allContainers(p.spec, p.at)) {
      for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        const probe = obj(c[kind]);
        if (!probe) continue;
        const pat = ptr(at, kind);
        const what = `${kind} of container "${String(c.name)}"`;
        const handlers = PROBE_HANDLERS.filter((h) => probe[h] !== undefined);
        if (handlers.length === 0) report('k8s-probe', pat, `${what} must set one handler: exec, httpGet, tcpSocket or grpc`);
        if (handlers.length > 1) report('k8s-probe', pat, `${what} sets ${handlers.join(' and ')}; only one handler is allowed`);
        for (const f of ['periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'] as const) {
          const v = num(probe[f]);
          if (v !== undefined && v < 1) report('k8s-probe', ptr(pat, f), `${what}: ${f} is ${v}; it must be at least 1`);
        }
        const ids = num(probe.initialDelaySeconds);
        if (ids !== undefined && ids < 0) report('k8s-probe', ptr(pat, 'initialDelaySeconds'), `${what}: initialDelaySeconds is ${ids}; it must not be negative`);
        const st = num(probe.successThreshold);
        if (kind !== 'readinessProbe' && st !== undefined && st !== 1) {
          report('k8s-probe', ptr(pat, 'successThreshold'), `${what}: successThreshold is ${st}; it must be 1 for a ${kind}`);
        }
        const tgp = num(probe.terminationGracePeriodSeconds);
        if (tgp !== undefined) {
          if (kind === 'readinessProbe') report('k8s-probe', ptr(pat, 'terminationGracePeriodSeconds'), `${what} must not set terminationGracePeriodSeconds`);
          else if (tgp < 1) report('k8s-probe', ptr(pat, 'terminationGracePeriodSeconds'), `${what}: terminationGracePeriodSeconds is ${tgp}; it must be at least 1`);
        }
        const http = obj(probe.httpGet);
        if (http) checkNamedOrNumberPort(http.port, ptr(pat, 'httpGet', 'port'), `${what}: httpGet.port`, report, 'k8s-probe');
        const tcp = obj(probe.tcpSocket);
        if (tcp) checkNamedOrNumberPort(tcp.port, ptr(pat, 'tcpSocket', 'port'), `${what}: tcpSocket.port`, report, 'k8s-probe');
        const grpc = obj(probe.grpc);
        if (grpc) {
          const err = portNumberError(grpc.port);
          if (err) report('k8s-probe', ptr(pat, 'grpc', 'port'), `${what}: grpc.port ${show(grpc.port)} ${err}`);
        }
      }
    }
  }
};

const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** k8s-resources, k8s-quantity: resource names, non-negative quantities, requests ≤ limits. */
export const containerResources: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    for (const { c, at } of allContainers(p.spec, p.at)) {
      const res = obj(c.resources);
      if (!res) continue;
      const limits = obj(res.limits) ?? {};
      const requests = obj(res.requests) ?? {};
      for (const [section, m] of [['limits', limits], ['requests', requests]] as const) {
        for (const [name, q] of Object.entries(m)) {
          const qat = ptr(at, 'resources', section, name);
          const standard = STANDARD_RESOURCES.has(name) || name.startsWith('hugepages-');
          if (!standard && !name.includes('/')) {
            report('k8s-resources', qat, `resource name "${name}" in ${section} of container "${String(c.name)}" is not a standard resource (cpu, memory, ephemeral-storage, hugepages-*) nor a domain-prefixed extended resource`);
          } else if (!standard && qualifiedNameError(name)) {
            report('k8s-resources', qat, `resource name "${name}" ${qualifiedNameError(name)}`);
          }
          const v = parseQuantity(q);
          if (v !== null && v < 0) report('k8s-quantity', qat, `${section}.${name} of container "${String(c.name)}" is ${show(q)}; it must not be negative`);
        }
      }
      for (const [name, rq] of Object.entries(requests)) {
        if (!(name in limits)) continue;
        const r = parseQuantity(rq);
        const l = parseQuantity(limits[name]);
        if (r !== null && l !== null && r > l) {
          report('k8s-resources', ptr(at, 'resources', 'requests', name), `requests.${name} ${show(rq)} of container "${String(c.name)}" is greater than limits.${name} ${show(limits[name])}`);
        }
      }
    }
  }
};

/** k8s-service-port: Service port names, numbers, uniqueness and targetPort syntax. */
export const servicePorts: Rule = (o, gvk, report) => {
  if (gvk !== 'v1/Service') return;
  const spec = obj(o.spec);
  if (!spec) return;
  const ports = arr(spec.ports);
  const type = str(spec.type) ?? 'ClusterIP';
  const names = new Map<string, string>();
  const pairs = new Map<string, string>();
  ports.forEach((port, i) => {
    const sp = obj(port);
    if (!sp) return;
    const at = ptr('/spec/ports', i);
    const name = str(sp.name);
    if (name === undefined || name === '') {
      if (ports.length > 1) report('k8s-service-port', at + '/name', `spec.ports[${i}] (port ${show(sp.port)}) needs a name: a Service with more than one port must name every port`);
    } else {
      const err = dns1123LabelError(name);
      if (err) report('k8s-service-port', at + '/name', `Service port name "${name}" ${err}`);
      const prev = names.get(name);
      if (prev) report('k8s-service-port', at + '/name', `Service port name "${name}" is already used at ${prev}`);
      else names.set(name, at + '/name');
    }
    const perr = portNumberError(sp.port);
    if (perr) report('k8s-service-port', at + '/port', `Service port ${show(sp.port)} ${perr}`);
    const key = `${String(sp.port)}/${String(sp.protocol ?? 'TCP')}`;
    const prev = pairs.get(key);
    if (prev && typeof sp.port === 'number') report('k8s-service-port', at + '/port', `Service port ${key} is already used at ${prev}`);
    else pairs.set(key, at + '/port');
    if (sp.targetPort !== undefined) checkNamedOrNumberPort(sp.targetPort, at + '/targetPort', 'targetPort', report, 'k8s-service-port');
    if (sp.nodePort !== undefined && sp.nodePort !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') {
        report('k8s-service-port', at + '/nodePort', `nodePort may only be set on a Service of type NodePort or LoadBalancer (type is ${type})`);
      } else {
        const nerr = portNumberError(sp.nodePort);
        if (nerr) report('k8s-service-port', at + '/nodePort', `nodePort ${show(sp.nodePort)} ${nerr}`);
      }
    }
  });
  if (ports.length === 0 && type !== 'ExternalName' && spec.clusterIP !== 'None') {
    report('k8s-service-port', '/spec/ports', `a Service of type ${type} must have at least one port`);
  }
};

/** k8s-config-key: ConfigMap/Secret data keys, not repeated across data/binaryData/stringData. */
export const configKeys: Rule = (o, gvk, report) => {
  if (gvk !== 'v1/ConfigMap' && gvk !== 'v1/Secret') return;
  const sections = gvk === 'v1/ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  const seen = new Map<string, string>();
  for (const s of sections) {
    for (const k of Object.keys(obj(o[s]) ?? {})) {
      const at = ptr('', s, k);
      const err = configKeyError(k);
      if (err) report('k8s-config-key', at, `${s} key "${k}" ${err}`);
      const prev = seen.get(k);
      // Secret stringData is merged into data by the server: a repeat is allowed there.
      if (prev && gvk === 'v1/ConfigMap') report('k8s-config-key', at, `key "${k}" is in both data and binaryData (${prev})`);
      else seen.set(k, at);
    }
  }
};

const CRON_MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const CRON_FIELDS: [string, number, number, string[]][] = [
  ['minute', 0, 59, []],
  ['hour', 0, 23, []],
  ['day of month', 1, 31, []],
  ['month', 1, 12, ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']],
  ['day of week', 0, 6, ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']],
];

function cronFieldError(field: string, [label, min, max, names]: [string, number, number, string[]], allowQ: boolean): string | null {
  const value = (t: string): number | null => {
    const i = names.indexOf(t.toUpperCase());
    if (i >= 0) return i + min;
    return /^[0-9]+$/.test(t) ? Number(t) : null;
  };
  for (const part of field.split(',')) {
    const [range = '', step, extra] = part.split('/');
    if (extra !== undefined || (step !== undefined && !/^[0-9]+$/.test(step))) return `${label} "${field}" has a bad step`;
    if (step !== undefined && Number(step) === 0) return `${label} "${field}" has step 0`;
    if (range === '*' || (allowQ && range === '?')) continue;
    const [a = '', b, more] = range.split('-');
    if (more !== undefined) return `${label} "${field}" has a bad range`;
    const lo = value(a);
    const hi = b === undefined ? lo : value(b);
    if (lo === null || hi === null) return `${label} "${field}" is not a number${names.length ? ' or name' : ''}`;
    // robfig/cron (used by the CronJob controller) accepts day of week 0-6 only.
    if (lo < min || hi > max || lo > hi) return `${label} "${field}" is outside ${min}-${max}`;
  }
  return null;
}

/**
 * What the CronJob controller (robfig/cron) would reject in a schedule: 5 fields (minute hour
 * day-of-month month day-of-week) or a macro. [] when it is fine. Conversion uses it too, so that a
 * schedule the user gave is an input error (invalid-schedule), not an output bug.
 */
export function cronScheduleErrors(schedule: string): string[] {
  const s = schedule.trim();
  if (/^(CRON_)?TZ=/.test(s)) return [`schedule "${schedule}" must not contain TZ or CRON_TZ; use spec.timeZone`];
  if (s.startsWith('@')) {
    return !CRON_MACROS.has(s) && !/^@every \S+$/.test(s) ? [`schedule "${schedule}" is not a known macro (@yearly, @monthly, @weekly, @daily, @hourly, @every <duration>)`] : [];
  }
  const fields = s.split(/\s+/);
  if (fields.length !== 5) return [`schedule "${schedule}" has ${fields.length} fields; it must have 5 (minute hour day-of-month month day-of-week)`];
  const errors: string[] = [];
  fields.forEach((f, i) => {
    const spec = CRON_FIELDS[i];
    const err = spec && cronFieldError(f, spec, i === 2 || i === 4);
    if (err) errors.push(`schedule "${schedule}": ${err}`);
  });
  return errors;
}

/** k8s-cron-schedule: see cronScheduleErrors. */
export const cronSchedule: Rule = (o, gvk, report) => {
  if (gvk !== 'batch/v1/CronJob') return;
  const schedule = str(obj(o.spec)?.schedule);
  if (schedule === undefined) return;
  for (const message of cronScheduleErrors(schedule)) report('k8s-cron-schedule', '/spec/schedule', message);
};

/** k8s-pdb: minAvailable and maxUnavailable are mutually exclusive. */
export const podDisruptionBudget: Rule = (o, gvk, report) => {
  if (gvk !== 'policy/v1/PodDisruptionBudget') return;
  const spec = obj(o.spec);
  if (spec && spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    report('k8s-pdb', '/spec/maxUnavailable', 'spec.minAvailable and spec.maxUnavailable cannot both be set');
  }
};

/** k8s-hpa: minReplicas ≥ 1 and ≤ maxReplicas. */
export const horizontalPodAutoscaler: Rule = (o, gvk, report) => {
  if (gvk !== 'autoscaling/v2/HorizontalPodAutoscaler') return;
  const spec = obj(o.spec);
  const min = num(spec?.minReplicas);
  const max = num(spec?.maxReplicas);
  if (min !== undefined && min < 1) report('k8s-hpa', '/spec/minReplicas', `spec.minReplicas is ${min}; it must be at least 1`);
  if (max !== undefined && max < 1) report('k8s-hpa', '/spec/maxReplicas', `spec.maxReplicas is ${max}; it must be at least 1`);
  if (min !== undefined && max !== undefined && min > max) {
    report('k8s-hpa', '/spec/minReplicas', `spec.minReplicas ${min} is greater than spec.maxReplicas ${max}`);
  }
};

/** k8s-ingress-path: Prefix/Exact paths are absolute. */
export const ingressPaths: Rule = (o, gvk, report) => {
  if (gvk !== 'networking.k8s.io/v1/Ingress') return;
  arr(obj(o.spec)?.rules).forEach((r, i) => {
    arr(obj(obj(r)?.http)?.paths).forEach((p, j) => {
      const hp = obj(p);
      const path = str(hp?.path);
      if (hp && hp.pathType !== 'ImplementationSpecific' && path !== undefined && !path.startsWith('/')) {
        report('k8s-ingress-path', ptr('/spec/rules', i, 'http', 'paths', j, 'path'), `path "${path}" with pathType ${String(hp.pathType)} must start with "/"`);
      }
    });
  });
};

/** Every rule, in the order their findings are listed. */
export const RULES: readonly Rule[] = [
  noNulls,
  objectName,
  objectNamespace,
  metadataLabels,
  selectorMatchesTemplate,
  restartPolicy,
  initContainerFields,
  containerNames,
  containerPorts,
  volumes,
  envNames,
  probes,
  containerResources,
  servicePorts,
  configKeys,
  cronSchedule,
  podDisruptionBudget,
  horizontalPodAutoscaler,
  ingressPaths,
];

/** Runs every rule on an object of a known kind ("apps/v1/Deployment"). */
export function checkRules(o: Record<string, unknown>, gvk: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const report: Report = (code, pointer, message) => issues.push({ code, pointer, message });
  for (const rule of RULES) rule(o, gvk, report);
  return issues;
}
