/**
 * Recognises the shapes people keep ECS JSON in and unwraps them into documents:
 * RegisterTaskDefinition requests, DescribeTaskDefinition responses (`{"taskDefinition": …,
 * "tags": …}`), CreateService requests and DescribeServices responses (`{"services": […]}`);
 * the Application Auto Scaling and CodeDeploy shapes in ./aas-shapes.ts.
 */
import { Diagnostics, pointerJoin, show } from '../diagnostics.js';
import { suggest } from '../model/suggest.js';
import { serviceMembers, taskDefinitionMembers } from '../model/schemas.js';
import { unwrapAasDocuments } from './aas-shapes.js';
import type { EcsDocument, EcsKind } from './document.js';
import type { DocumentSource } from './source.js';
import { isObject } from '../model/values.js';

export type { DocumentKind, EcsDocument, EcsKind, ScalingKind } from './document.js';

/** Members of a response envelope that carry no definition and are ignored. */
const ENVELOPE_EXTRAS = new Set(['ResponseMetadata', '$metadata']);

export function unwrapDocuments(value: unknown, source: DocumentSource, diagnostics: Diagnostics): EcsDocument[] {
  if (!isObject(value)) {
    const what = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
    diagnostics.error(
      source,
      '',
      'not-an-ecs-document',
      `the file holds ${what}, not a JSON object: ecs2k8s reads one task definition or service per file, or a DescribeTaskDefinition / DescribeServices response`,
    );
    return [];
  }
  const keys = Object.keys(value);
  // DescribeTaskDefinition response: {"taskDefinition": {...}, "tags": [...]}
  if (isObject(value['taskDefinition'])) {
    for (const k of keys) {
      if (k !== 'taskDefinition' && k !== 'tags' && !ENVELOPE_EXTRAS.has(k)) {
        unknownEnvelopeMember(diagnostics, source, k, ['taskDefinition', 'tags'], 'a DescribeTaskDefinition response');
      }
    }
    const doc: EcsDocument = { kind: 'taskDefinition', source, pointer: '/taskDefinition', value: value['taskDefinition'] };
    if ('tags' in value) doc.outerTags = value['tags'];
    return [doc];
  }
  // DescribeServices response: {"services": [...], "failures": [...]}
  if (Array.isArray(value['services'])) {
    const docs: EcsDocument[] = [];
    for (const k of keys) {
      if (k !== 'services' && k !== 'failures' && !ENVELOPE_EXTRAS.has(k)) {
        unknownEnvelopeMember(diagnostics, source, k, ['services', 'failures'], 'a DescribeServices response');
      }
    }
    const failures = value['failures'];
    if (Array.isArray(failures)) {
      failures.forEach((f, i) => {
        const what = isObject(f) ? [f['arn'], f['reason'], f['detail']].filter((x) => typeof x === 'string').join(': ') : show(f);
        diagnostics.warn(source, `/failures/${i}`, 'describe-failure', `the DescribeServices response records a failure (${what}); that service is not in the file`);
      });
    }
    value['services'].forEach((s, i) => {
      const pointer = `/services/${i}`;
      if (isObject(s)) docs.push({ kind: 'service', source, pointer, value: s });
      else diagnostics.error(source, pointer, 'wrong-type', `services[${i}] is ${show(s)}, not a service object`);
    });
    if (docs.length === 0 && diagnostics.errorCount === 0) {
      diagnostics.warn(source, '/services', 'empty-document', 'the DescribeServices response lists no service: nothing to do');
    }
    return docs;
  }
  const aas = unwrapAasDocuments(value, source, diagnostics);
  if (aas) return aas;
  const kind = classify(keys);
  if (!kind) {
    const first = keys[0];
    if (first === undefined) {
      diagnostics.error(source, '', 'not-an-ecs-document', 'the file holds an empty object: expected a task definition (with "family" and "containerDefinitions") or a service');
    } else {
      const ptr = pointerJoin('', first);
      diagnostics.error(
        source,
        ptr,
        'not-an-ecs-document',
        `the member ${show(first)} belongs to no ECS task definition or service, and neither does any other top-level member (${keys
          .slice(0, 5)
          .map((k) => show(k))
          .join(', ')}): is this a wrapped or recorded response? Pass the task definition or service itself`,
        'key',
      );
    }
    return [];
  }
  return [{ kind, source, pointer: '', value }];
}

function unknownEnvelopeMember(diagnostics: Diagnostics, source: DocumentSource, key: string, allowed: string[], what: string): void {
  const hint = suggest(key, allowed);
  diagnostics.error(
    source,
    pointerJoin('', key),
    'unknown-member',
    `${show(key)} is not a member of ${what} (it has ${allowed.map((a) => `"${a}"`).join(' and ')})${hint ? `: did you mean "${hint}"?` : ''}`,
    'key',
  );
}

/** Decides by the members present; ties go to the task definition, whose members are more distinctive. */
function classify(keys: string[]): EcsKind | undefined {
  if (keys.includes('containerDefinitions')) return 'taskDefinition';
  if (keys.includes('serviceName') || keys.includes('desiredCount')) return 'service';
  let td = 0;
  let svc = 0;
  for (const k of keys) {
    const inTd = taskDefinitionMembers.has(k);
    const inSvc = serviceMembers.has(k);
    if (inTd && !inSvc) td += 2;
    else if (inSvc && !inTd) svc += 2;
    else if (inTd && inSvc) {
      td += 1;
      svc += 1;
    }
  }
  if (td === 0 && svc === 0) return undefined;
  return svc > td ? 'service' : 'taskDefinition';
}
