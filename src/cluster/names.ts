/**
 * Names as the API server checks them, before any of them goes into a URL: every name must be a
 * valid path segment (not `.` or `..`, no `/` or `%`: apimachinery's IsValidPathSegmentName),
 * then what the kind asks for (ValidateObjectMeta with the kind's name function): a DNS-1123
 * label for Namespaces, a DNS-1035 label for Services, a DNS-1123 subdomain for the others
 * (custom resources included). Namespaces of namespaced objects are DNS-1123 labels.
 */
import { dns1035LabelError, dns1123LabelError, dns1123SubdomainError } from '../k8s/syntax.js';

function pathSegmentError(name: string): string | null {
  if (name === '.' || name === '..') return `may not be "${name}"`;
  for (const c of ['/', '%']) if (name.includes(c)) return `may not contain "${c}"`;
  return null;
}

/** Why the API server would refuse `name` for an object of `kind` (undefined when it would not). */
export function nameProblem(kind: string, name: string): string | undefined {
  const err = pathSegmentError(name) ?? (kind === 'Namespace' ? dns1123LabelError(name) : kind === 'Service' ? dns1035LabelError(name) : dns1123SubdomainError(name));
  return err ?? undefined;
}

/** Why `namespace` is not a namespace name (undefined when it is). */
export function namespaceProblem(namespace: string): string | undefined {
  return pathSegmentError(namespace) ?? dns1123LabelError(namespace) ?? undefined;
}

/** Longest ApplySet name: its parent ConfigMap is `applyset-<name>`, kept within 63 characters. */
export const MAX_APPLYSET_NAME = 54;

/** Why `name` cannot name an ApplySet (`--applyset`, the project file's `applyset`), or undefined. */
export function applySetNameProblem(name: string): string | undefined {
  if (name.length > MAX_APPLYSET_NAME) return `must be no more than ${MAX_APPLYSET_NAME} characters (has ${name.length}): its parent ConfigMap is applyset-<name>`;
  return dns1123LabelError(name) ?? undefined;
}

/** Why `apiVersion` cannot be `[group/]version` in a URL (a group is a DNS-1123 subdomain, a version lowercase letters and digits), or undefined. */
export function apiVersionProblem(apiVersion: string): string | undefined {
  const i = apiVersion.indexOf('/');
  const group = i < 0 ? '' : apiVersion.slice(0, i);
  const version = i < 0 ? apiVersion : apiVersion.slice(i + 1);
  if (i >= 0) {
    const g = dns1123SubdomainError(group);
    if (g) return `has the group "${group}", which ${g}`;
  }
  if (!/^[a-z0-9]{1,63}$/.test(version)) return `has the version "${version}", which must be lowercase letters and digits (v1, v2beta1)`;
  return undefined;
}
