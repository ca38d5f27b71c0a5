/**
 * CloudFormation properties → the API's members, derived from the generated request schemas
 * (schemas/*.schema.json), not from a list per property. CloudFormation writes the API's members
 * in PascalCase (`ContainerDefinitions`, `EFSVolumeConfiguration` for `efsVolumeConfiguration`,
 * `FilesystemId` for `fileSystemId`), sometimes in the plural where the API has the singular
 * (`PlacementStrategies` → `placementStrategy`), and sometimes prefixed with the name of the
 * object that holds them (`ProxyConfiguration.ProxyConfigurationProperties` → `properties`). A
 * member matches when its name equals the property's ignoring case, then singular or plural, then
 * without the holder's name. Maps of user keys (docker labels, log options) keep their keys.
 * Scalars take the schema's type as CloudFormation converts them (`Cpu: 256` is the string
 * "256", `ContainerPort: "80"` the number 80). Every member's key and value position is recorded
 * in the document's source.
 */
import { suggest } from '../../../model/suggest.js';
import { deref, type SchemaNode } from '../../../model/schemas.js';
import { pointerJoin } from '../../../diagnostics.js';
import type { TNode } from './tree.js';

export interface TranslateSink {
  /** Records where the member at `pointer` was written (offsets into the template). */
  map(pointer: string, keyAt: number | undefined, valueAt: number): void;
  unknown(keyAt: number, message: string): void;
  ignored(keyAt: number, message: string): void;
  /** A `{{resolve:…}}` dynamic reference, which CloudFormation resolves when it deploys. */
  dynamic(at: number, value: string): void;
}

/** Properties CloudFormation has and the API does not, by the schema object they stand in: read elsewhere, or ignored with a note. */
const CFN_ONLY: Record<string, string> = {
  ForceNewDeployment: 'a CloudFormation update trigger: nothing to build',
  ScalingTargetId: 'read to find the scalable target',
  ScheduledActions: 'read as scheduled actions',
};

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function singular(s: string): string {
  if (s.endsWith('ies')) return `${s.slice(0, -3)}y`;
  if (s.endsWith('s')) return s.slice(0, -1);
  return s;
}

/** The API member that a CloudFormation property names, among the members of one object schema. */
export function memberFor(property: string, members: readonly string[], holder: string | undefined): string | undefined {
  const lower = property.toLowerCase();
  const exact = members.find((m) => m.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const byNumber = members.find((m) => singular(m.toLowerCase()) === singular(lower));
  if (byNumber !== undefined) return byNumber;
  if (holder !== undefined && lower.startsWith(holder.toLowerCase())) {
    const rest = lower.slice(holder.length);
    return members.find((m) => m.toLowerCase() === rest);
  }
  return undefined;
}

export class Translator {
  constructor(
    private readonly root: SchemaNode,
    private readonly sink: TranslateSink,
    /** How messages name the resource: `AWS::ECS::TaskDefinition WebTask`. */
    private readonly what: string,
  ) {}

  /** The API value of a resolved node against a schema node, recording positions under `pointer`. */
  value(node: TNode, schema: SchemaNode | undefined, pointer: string, holder?: string, cfnPath = ''): unknown {
    const s = deref(this.root, schema);
    if (node.t === 'map') {
      const props = s?.properties;
      const extra = s?.additionalProperties;
      if (props && Object.keys(props).length > 0) return this.object(node, s!, pointer, holder, cfnPath);
      const itemSchema = typeof extra === 'object' ? extra : undefined;
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        const p = pointerJoin(pointer, e.key);
        this.sink.map(p, e.keyAt, e.value.at);
        out[e.key] = this.value(e.value, itemSchema, p, undefined, `${cfnPath}.${e.key}`);
      }
      return out;
    }
    if (node.t === 'seq') {
      return node.items.map((item, i) => {
        const p = pointerJoin(pointer, i);
        this.sink.map(p, undefined, item.at);
        return this.value(item, s?.items, p, holder, `${cfnPath}[${i}]`);
      });
    }
    if (typeof node.v === 'string' && node.v.includes('{{resolve:')) this.sink.dynamic(node.at, node.v);
    return coerce(node, s);
  }

  private object(node: Extract<TNode, { t: 'map' }>, s: SchemaNode, pointer: string, holder: string | undefined, cfnPath: string): Record<string, unknown> {
    const props = s.properties ?? {};
    const members = Object.keys(props).filter((k) => props[k]?.readOnly !== true);
    const out: Record<string, unknown> = {};
    for (const e of node.entries) {
      const at = `${cfnPath}${cfnPath ? '.' : ''}${e.key}`;
      const m = memberFor(e.key, members, holder);
      if (m === undefined) {
        if (cfnPath === '' && CFN_ONLY[e.key] !== undefined) {
          if (e.key === 'ForceNewDeployment') this.sink.ignored(e.keyAt, `${e.key} of ${this.what}: ${CFN_ONLY[e.key]}`);
          continue;
        }
        const hint = suggest(e.key, members.map(pascal));
        this.sink.unknown(
          e.keyAt,
          `${JSON.stringify(e.key)} is not a property of ${this.what}${cfnPath ? ` at ${cfnPath}` : ''}${hint ? `: did you mean "${hint}"?` : ` (properties: ${members.slice(0, 12).map(pascal).join(', ')}${members.length > 12 ? ', …' : ''})`}`,
        );
        continue;
      }
      const p = pointerJoin(pointer, m);
      this.sink.map(p, e.keyAt, e.value.at);
      out[m] = this.value(e.value, props[m], p, e.key, at);
    }
    return out;
  }
}

/** A scalar in the type the schema asks for, as CloudFormation converts it; anything else as it is. */
function coerce(node: Extract<TNode, { t: 'scalar' }>, s: SchemaNode | undefined): unknown {
  const v = node.v;
  const type = Array.isArray(s?.type) ? undefined : (s?.type ?? (Array.isArray(s?.enum) && s.enum.every((e) => typeof e === 'string') ? 'string' : undefined));
  if (type === 'string' && (typeof v === 'number' || typeof v === 'boolean')) return node.raw ?? String(v);
  if ((type === 'integer' || type === 'number') && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  if (type === 'boolean' && typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return v;
}
