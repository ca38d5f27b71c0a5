/**
 * Kubernetes names from ECS names. ECS allows uppercase, `_` and 255 characters; Kubernetes
 * wants DNS-1123 labels (63) or subdomains (253). Sanitising is deterministic: lowercase,
 * every run of other characters becomes one `-`, edges trimmed, and a name that must be cut
 * keeps a hash of the original so that two long names stay apart. Callers warn when a name
 * changed and check collisions (two originals, one result).
 */
import { sha256 } from '../sha256.js';

export function shortHash(s: string, length = 8): string {
  return sha256(s).slice(0, length);
}

function cut(clean: string, original: string, max: number): string {
  if (clean.length <= max) return clean;
  const hash = shortHash(original);
  return `${clean.slice(0, max - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/** A DNS-1123 label: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most `max` (63) characters. */
export function dnsLabel(name: string, max = 63): string {
  let clean = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (clean === '') clean = `x-${shortHash(name)}`;
  return cut(clean, name, max);
}

/** A DNS-1035 label (Service names): like a DNS-1123 label, but it starts with a letter. */
export function dns1035Label(name: string, max = 63): string {
  const l = dnsLabel(name, max);
  return /^[a-z]/.test(l) ? l : dnsLabel(`s-${l}`, max);
}

/** An IANA service name for ports: at most 15 characters, lowercase, a letter somewhere, no `--`. */
export function portName(name: string): string {
  let clean = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/[a-z]/.test(clean)) clean = clean === '' ? `p-${shortHash(name, 4)}` : `p-${clean}`;
  if (clean.length > 15) clean = `${clean.slice(0, 10).replace(/-+$/, '')}-${shortHash(name, 4)}`;
  return clean;
}

export function isPortName(s: string): boolean {
  return s.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(s) && /[a-z]/.test(s) && !s.includes('--');
}

/** A label value: at most 63 characters of `[A-Za-z0-9._-]`, alphanumeric at both ends (or empty). */
export function isLabelValue(v: string): boolean {
  return v === '' || (v.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(v));
}

/** A label or annotation key: optional DNS-1123 subdomain prefix and `/`, then a name of at most 63. */
export function isQualifiedName(k: string): boolean {
  const slash = k.lastIndexOf('/');
  const prefix = slash >= 0 ? k.slice(0, slash) : undefined;
  const name = slash >= 0 ? k.slice(slash + 1) : k;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix))) return false;
  return name.length > 0 && name.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
}

/** An environment variable name as Kubernetes accepts it: printable ASCII without `=`. */
export function isEnvName(s: string): boolean {
  return s.length > 0 && /^[\x20-\x3c\x3e-\x7e]+$/.test(s);
}

/** A Secret or ConfigMap key: `[-._a-zA-Z0-9]+`, at most 253. */
export function secretKey(s: string): string {
  const k = s.replace(/[^-._a-zA-Z0-9]+/g, '_').slice(0, 253);
  return k === '' || k === '.' || k === '..' ? `key-${shortHash(s)}` : k;
}
