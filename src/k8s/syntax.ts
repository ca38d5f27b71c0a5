/**
 * The syntax checks of Kubernetes names, keys and values (apimachinery/pkg/util/validation and
 * pkg/apis/core/validation): each returns why a string is not valid, or null when it is. Output
 * validation (./validate/rules/) uses them; src/k8s/names.ts makes names that pass them.
 */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** Empty, too long, or not matching the pattern: the message says which and how the name must look. */
function nameError(s: string, max: number, pattern: RegExp, shape: string): string | null {
  if (s.length === 0) return 'must not be empty';
  if (s.length > max) return `must be no more than ${max} characters (has ${s.length})`;
  return pattern.test(s) ? null : `must be ${shape}`;
}

/** Why `s` is not a DNS-1123 label (≤63, lowercase alphanumerics and '-', alnum at both ends); null if it is. */
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

/** A port number outside min–65535 (a non-integer is left to the schema); null if it is fine. */
export function portNumberError(v: unknown, min = 1): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v)) return null; // schema reports the type
  return v < min || v > 65535 ? `must be between ${min} and 65535` : null;
}
