/**
 * Placeholders outside images (SPEC §10, "Silent losses"): a string a pipeline substitutes later
 * (`{{must_env `ACCOUNT`}}`, `<AWS_ACCOUNT_ID>`, `${STAGE}`) or an identifier that is not one
 * (an EFS file system id `FILESYSTEM_ID`) would be copied into the bundle as is — an IRSA role that
 * does not exist, a secret of account `<AWS_ACCOUNT_ID>`, an env value `{{ env … }}`, a volume
 * handle nobody has. Each is warned where it stands. Images have their own rule (container-basics),
 * and commands are left alone: `${VAR}` and `<html>` there are the shell's and the program's.
 */
import { pointerJoin, show } from '../../diagnostics.js';
import { isObject } from '../../model/values.js';
import { isPlaceholder } from '../placeholder.js';
import type { Rule } from './rule.js';

/** Members whose strings are programs or their arguments, not values a pipeline fills in. */
const SKIPPED = new Set(['image', 'command', 'entryPoint']);

/** Identifier members and the shape a real one has. */
const SHAPES: Record<string, { re: RegExp; what: string }> = {
  fileSystemId: { re: /^(fs-[0-9a-f]{8,40}|arn:aws[a-z-]*:elasticfilesystem:[^:]+:\d{12}:file-system\/fs-[0-9a-f]+)$/, what: 'an EFS file system id (fs-…)' },
  accessPointId: { re: /^fsap-[0-9a-f]{8,40}$/, what: 'an EFS access point id (fsap-…)' },
};

/** Where the bundle carries the value of a member, for the message. */
const CARRIED: Record<string, string> = {
  taskRoleArn: "the ServiceAccount's role annotation (IRSA / Pod Identity) names a role that does not exist",
  executionRoleArn: 'the role named in the bundle does not exist',
  valueFrom: "the ExternalSecret's remote key names a secret that does not exist",
  credentialsParameter: 'the pull secret names credentials that do not exist',
  value: 'the pod gets the placeholder as its value',
};

export const placeholders: Rule = (doc, d) => {
  const walk = (v: unknown, pointer: string, key: string | undefined): void => {
    if (key !== undefined && SKIPPED.has(key)) return;
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, pointerJoin(pointer, i), key));
    if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, pointerJoin(pointer, k), k);
      return;
    }
    if (typeof v !== 'string' || key === undefined) return;
    // Own keys only: a member named "constructor" or "__proto__" is not a shape.
    const shape = Object.hasOwn(SHAPES, key) ? SHAPES[key] : undefined;
    // A value the schema already rejected (an enum or pattern, "it looks like a placeholder") is not said twice.
    const rejected = () => d.items.some((x) => x.severity === 'error' && x.file === doc.source.file && x.pointer === pointer);
    if (isPlaceholder(v) && !rejected()) {
      d.warn(
        doc.source,
        pointer,
        'value-placeholder',
        `${show(v)} holds a placeholder that a pipeline substitutes later: ecs2k8s copies it as is (${(Object.hasOwn(CARRIED, key) ? CARRIED[key] : undefined) ?? 'wherever the bundle uses it, it means nothing'}); render the template before building, or replace it in the bundle`,
        'value',
      );
    } else if (shape && !isPlaceholder(v) && !shape.re.test(v) && !rejected()) {
      d.warn(
        doc.source,
        pointer,
        'value-placeholder',
        `${key} ${show(v)} is not ${shape.what}: it looks like a placeholder, and the bundle would mount a file system nobody has; substitute it before building`,
        'value',
      );
    }
  };
  walk(doc.value, doc.pointer, undefined);
};
