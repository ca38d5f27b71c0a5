/**
 * Which `images:` entries an overlay can use. A shared container whose image differs from the
 * base's bare name is a candidate; kustomize rewrites every image that matches an entry in
 * every object of the overlay, so an entry is kept only when, with all kept entries applied in
 * order, every container of the environment ends with its own image (the others are patched).
 */
import type { K8sObject } from '../types.js';
import { containersOf } from './containers.js';
import { entryFor, isSimpleImageName, rewriteImage, splitImage, type ImageEntry } from './images.js';
import { compareStrings } from '../serialize.js';

export interface SharedVersion {
  /** The object before the environment's per-object patches (the base, after grouped patches). */
  mid: K8sObject;
  /** The object as the environment's own build has it. */
  target: K8sObject;
}

export function rewriteAll(image: string, entries: readonly ImageEntry[]): string {
  return entries.reduce((img, e) => rewriteImage(img, e), image);
}

export function chooseImageEntries(shared: readonly SharedVersion[], locals: readonly K8sObject[]): ImageEntry[] {
  const wants = new Map<string, Set<string>>();
  const pairs: { mid: string; want: string }[] = [];
  for (const { mid, target } of shared) {
    const before = new Map(containersOf(mid).map((c) => [c.slot, c.container['image'] as string]));
    for (const c of containersOf(target)) {
      const m = before.get(c.slot);
      const want = c.container['image'] as string;
      pairs.push({ mid: m ?? want, want });
      if (m === undefined || m === want) continue;
      const p = splitImage(m);
      if (p.tag || p.digest || !isSimpleImageName(m)) continue;
      (wants.get(m) ?? wants.set(m, new Set()).get(m)!).add(want);
    }
  }
  for (const o of locals) for (const c of containersOf(o)) pairs.push({ mid: c.container['image'] as string, want: c.container['image'] as string });
  let entries = [...wants]
    .filter(([, w]) => w.size === 1)
    .map(([name, w]) => entryFor(name, [...w][0]!))
    .filter((e): e is ImageEntry => e !== undefined)
    .sort((a, b) => compareStrings(a.name, b.name));
  for (;;) {
    const bad = new Set<string>();
    for (const { mid, want } of pairs) {
      // A container the entries bring to its image needs no patch; any other is patched to `want`, which they must then leave alone.
      const pre = rewriteAll(mid, entries) === want ? mid : want;
      if (rewriteAll(pre, entries) === want) continue;
      for (const e of entries) if (rewriteImage(pre, e) !== pre) bad.add(e.name);
    }
    if (bad.size === 0) return entries;
    entries = entries.filter((e) => !bad.has(e.name));
  }
}
