/**
 * Container images the way kustomize's `images:` transformer reads and rewrites them
 * (sigs.k8s.io/kustomize/api/image and filters/imagetag, kustomize 5): the same split into name,
 * tag and digest, the same match, the same rewrite. The overlay planner only uses an `images:`
 * entry where this model says it gives every container of the environment its own image.
 */

export interface ImageParts {
  name: string;
  tag: string;
  digest: string;
}

/** kustomize's image.Split: tag and digest are looked for after the first '/' (a registry port is not a tag). */
export function splitImage(image: string): ImageParts {
  const slash = image.indexOf('/');
  const from = slash > 0 ? slash : 0;
  const search = image.slice(from);
  let at = search.indexOf('@');
  let colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) {
    at += from;
    return { name: image.slice(0, at), tag: '', digest: image.slice(at + 1) };
  }
  if (at >= 0 && colon >= 0) {
    at += from;
    colon += from;
    return { name: image.slice(0, colon), tag: image.slice(colon + 1, at), digest: image.slice(at + 1) };
  }
  colon += from;
  return { name: image.slice(0, colon), tag: image.slice(colon + 1), digest: '' };
}

/** Image names the planner is willing to hand to the transformer (its match is a regular expression built from the name). */
const SIMPLE_NAME = /^[a-z0-9]+(?:[._:/-][a-z0-9]+)*$/;

export function isSimpleImageName(name: string): boolean {
  return SIMPLE_NAME.test(name);
}

/** kustomize's image.IsImageMatched: the entry's name, unescaped, as the start of a pattern. */
export function imageMatches(image: string, name: string): boolean {
  if (!isSimpleImageName(name)) return false;
  return new RegExp(`^${name}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`).test(image);
}

/** One entry of a kustomization's `images:`. */
export interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** What kustomize writes for `image` under one `images:` entry (unchanged when it does not match). */
export function rewriteImage(image: string, entry: ImageEntry): string {
  if (!imageMatches(image, entry.name)) return image;
  let { name, tag, digest } = splitImage(image);
  if (entry.newName) name = entry.newName;
  if (entry.newTag && entry.digest) {
    tag = entry.newTag;
    digest = entry.digest;
  } else if (entry.newTag) {
    tag = entry.newTag;
    digest = '';
  } else if (entry.digest) {
    tag = '';
    digest = entry.digest;
  }
  return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

/** The entry that turns the bare name `from` into `want`, or undefined when `want` is `from` itself. */
export function entryFor(from: string, want: string): ImageEntry | undefined {
  if (from === want) return undefined;
  const parts = splitImage(want);
  const entry: ImageEntry = { name: from };
  if (parts.name !== from) entry.newName = parts.name;
  if (parts.tag) entry.newTag = parts.tag;
  if (parts.digest) entry.digest = parts.digest;
  return entry;
}
