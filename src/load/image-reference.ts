/**
 * Image references as container runtimes parse them: the grammar of distribution/reference
 * (docker/distribution), which Docker, containerd and the OCI distribution spec share:
 *
 *     reference := name [ ":" tag ] [ "@" digest ]
 *     name      := [ domain "/" ] path-component [ "/" path-component ]*
 *     domain    := host [ ":" port ]           host: DNS labels joined by ".", or [IPv6]
 *     path-component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *     tag       := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 *     digest    := algorithm ":" hex            algorithm: [A-Za-z][A-Za-z0-9]* joined by + . _ -; hex: 32+
 *
 * and a name of at most 255 characters. The first component is the domain when it holds a "."
 * or a ":", or is "localhost", or has an uppercase letter (as distribution's own split does).
 */

/** What to write instead, for messages. */
export const IMAGE_REFERENCE_FORM = 'write [REGISTRY[:PORT]/]REPOSITORY[:TAG][@DIGEST], for example 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2';

const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6 = /^\[[a-fA-F0-9:.]+\]$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const NAME_MAX = 255;

/** Why `ref` is not a valid image reference, in a few words; undefined when it is one. */
export function imageReferenceProblem(ref: string): string | undefined {
  if (ref === '') return 'it is empty';
  if (/\s/.test(ref)) return 'it contains white space';
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const digest = rest.slice(at + 1);
    if (!DIGEST.test(digest)) return `the digest ${JSON.stringify(digest)} is not ALGORITHM:HEX (for example sha256: and 64 hex digits)`;
    rest = rest.slice(0, at);
  }
  // A tag follows the last ":" that comes after the last "/" (a ":" before it is a port).
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    const tag = rest.slice(colon + 1);
    if (tag === '') return 'it ends with ":" and no tag';
    if (!TAG.test(tag)) return `the tag ${JSON.stringify(tag)} is not letters, digits, "_", "." and "-" (at most 128, not starting with "." or "-")`;
    rest = rest.slice(0, colon);
  }
  if (rest === '') return 'it has no repository name';
  if (rest.length > NAME_MAX) return `the repository name is longer than ${NAME_MAX} characters`;
  const parts = rest.split('/');
  const first = parts[0]!;
  if (parts.length > 1 && (/[.:]/.test(first) || first === 'localhost' || /[A-Z]/.test(first))) {
    const problem = domainProblem(first);
    if (problem) return problem;
    parts.shift();
  }
  for (const p of parts) {
    if (!PATH_COMPONENT.test(p)) {
      return `${JSON.stringify(p)} is not a repository path component (lowercase letters and digits, separated by ".", "_", "__" or "-")`;
    }
  }
  return undefined;
}

function domainProblem(domain: string): string | undefined {
  const m = /^(.*?)(?::([0-9]+))?$/.exec(domain)!;
  const host = m[1]!;
  if (domain.endsWith(':')) return `the registry ${JSON.stringify(domain)} ends with ":" and no port`;
  if (IPV6.test(host)) return undefined;
  if (host.split('.').every((c) => DOMAIN_COMPONENT.test(c))) return undefined;
  return `the registry ${JSON.stringify(domain)} is not a host name (letters, digits and "-" between ".") with an optional :PORT`;
}
