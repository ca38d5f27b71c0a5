/** The pieces of a plan (./plan.ts) that its helpers share: steps, folders, keys, and PlanError. */
import { splitApiVersion, type Mapping, type Obj } from './client.js';

export interface Step {
  /** The object as sent: the bundle's object with the part-of label (and namespace) added. */
  object: Obj;
  mapping: Mapping;
  folder: string;
  /** Identity, version-agnostic: `group/Kind/namespace/name`. */
  key: string;
  /** The ApplySet parent itself. */
  parent?: boolean;
  /** The live object before anything was sent (undefined: there is none). */
  live?: Obj;
  /** Not sent, and why (a Namespace that ecs2k8s did not create). */
  keep?: string;
  /** The ApplySet it leaves for this one, for the note (ecs2k8s 0.1's, or one absorbed whole). */
  movesFrom?: string;
}

export type NamespaceState = 'missing' | 'ours' | 'foreign';

export interface Folder {
  name: string;
  /** The parent's name (`applyset-<name>`) and the ApplySet id. */
  parent: string;
  id: string;
  parentLive: Obj | undefined;
  liveGroupKinds: string[];
  groupKinds: Set<string>;
  namespace: NamespaceState;
}

export class PlanError extends Error {
  constructor(
    message: string,
    /** 2: the input is wrong; 3: the cluster is. */
    readonly exit: 2 | 3,
  ) {
    super(message);
  }
}

export function keyOf(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
  return `${splitApiVersion(apiVersion).group}/${kind}/${namespace ?? ''}/${name}`;
}
