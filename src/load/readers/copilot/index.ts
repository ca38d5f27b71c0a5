/**
 * The AWS Copilot reader (SPEC §12): `copilot/<service>/manifest.yml` files, read together per
 * `copilot/` folder (one application). Each service manifest of type Load Balanced Web Service,
 * Backend Service, Worker Service or Scheduled Job becomes a task definition, a service (not for
 * a job) and its scaling documents. The environments are the names of `copilot/environments/<env>/`
 * and of the manifests' `environments:` sections: with any, every service is translated once per
 * environment with its overrides merged in, its documents tagged with the environment (the build
 * writes them as a base and overlays, src/compile.ts), in the namespace `<app>-<env>` (the ECS
 * cluster Copilot creates; `<env>` when the application name is unknown). The application name
 * comes from `copilot/.workspace`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Diagnostics, pointerJoin, show, type Diagnostic } from '../../../diagnostics.js';
import { isObject } from '../../../model/values.js';
import { suggest } from '../../../model/suggest.js';
import type { EcsDocument } from '../../document.js';
import type { InputText } from '../../text.js';
import type { ReadContext, Reader } from '../types.js';
import { copilotClaims, copilotRoot, norm } from './claims.js';
import { checkFields, SERVICE_TYPES, type ServiceType } from './fields.js';
import { mergeEnvironment, parseLocated, type Located } from './located.js';
import { Manifest } from './manifest.js';
import { serviceDocuments } from './service.js';
import { jobTags } from './job.js';
import { taskDefinition } from './task.js';

/** The reader, as the registry (../index.ts) takes it. */
export const copilotReader: Reader = { ...copilotClaims, read: readApplication };

interface Parsed {
  input: InputText;
  located: Located;
  type: string;
  name: string;
}

function readApplication(inputs: readonly InputText[], d: Diagnostics, context: ReadContext): EcsDocument[] {
  const root = copilotRoot(inputs[0]!.file);
  const app = root !== undefined ? workspaceApp(resolve(context.cwd, root, '.workspace')) : undefined;
  const envs = new Set<string>();
  const services: Parsed[] = [];
  for (const input of inputs) {
    const parsed = parseLocated(input.text);
    const first = parsed.errors[0];
    if (first) {
      d.add({ code: 'copilot-manifest', severity: 'error', file: input.file, line: first.at.line, column: first.at.column, message: `the Copilot manifest is not valid YAML: ${first.message}` });
      continue;
    }
    const m = new Manifest(input.file, input.text, isObject(parsed.value) ? parsed.value : {}, parsed.spans, d, {}, undefined, app);
    const type = m.str('/type');
    if (!isObject(parsed.value) || type === undefined) {
      d.add({
        code: 'copilot-manifest',
        severity: 'error',
        file: input.file,
        line: 1,
        column: 1,
        message: 'the Copilot manifest has no "type": give one of Load Balanced Web Service, Backend Service, Worker Service, Scheduled Job',
      });
      continue;
    }
    if (type === 'Environment') {
      const env = m.str('/name') ?? /environments\/([^/]+)\/manifest\.ya?ml$/i.exec(norm(input.file))?.[1];
      if (env) envs.add(env);
      continue;
    }
    if (type === 'Request-Driven Web Service' || type === 'Static Site') {
      m.warn(
        '/type',
        'copilot-not-applied',
        `${show(m.str('/name') ?? input.file)} is a ${type}, which Copilot runs on ${type === 'Static Site' ? 'S3 and CloudFront' : 'AWS App Runner'}, not ECS: it is skipped (a Deployment with a Service and an Ingress is the usual Kubernetes form; write it as a Load Balanced Web Service to build it)`,
      );
      continue;
    }
    if (!(SERVICE_TYPES as readonly string[]).includes(type)) {
      const hint = suggest(type, [...SERVICE_TYPES, 'Request-Driven Web Service', 'Environment']);
      m.error('/type', 'copilot-manifest', `${show(type)} is not a Copilot manifest type${hint ? `: did you mean "${hint}"?` : ` (types: ${SERVICE_TYPES.join(', ')})`}`);
      continue;
    }
    const name = m.str('/name') ?? /([^/]+)\/manifest\.ya?ml$/i.exec(norm(input.file))?.[1] ?? 'service';
    checkFields(type as ServiceType, parsed.value, m.source, d);
    const overrides = m.obj('/environments');
    for (const env of Object.keys(overrides ?? {})) envs.add(env);
    services.push({ input, located: parsed, type, name });
  }
  const out: EcsDocument[] = [];
  const environments = [...envs].sort();
  for (const s of services) {
    if (environments.length === 0) {
      out.push(...translate(s, s.located, d, app, undefined, context));
      continue;
    }
    // One translation per environment; what they share is reported once.
    const scratch = new Diagnostics();
    for (const env of environments) {
      const merged = mergeEnvironment(
        s.located,
        isObject(s.located.value) ? (s.located.value['environments'] as Record<string, unknown> | undefined)?.[env] : undefined,
        pointerJoin('/environments', env),
      );
      for (const doc of translate(s, merged, scratch, app, env, context)) out.push({ ...doc, environment: env });
    }
    const seen = new Set<string>();
    for (const x of scratch.items) {
      const key = diagnosticKey(x);
      if (!seen.has(key)) {
        seen.add(key);
        d.add(x);
      }
    }
  }
  return out;
}

const diagnosticKey = (x: Diagnostic) => JSON.stringify([x.code, x.severity, x.file, x.line, x.column, x.message]);

function translate(s: Parsed, located: Located, d: Diagnostics, app: string | undefined, env: string | undefined, context: ReadContext): EcsDocument[] {
  const vars: Record<string, string> = {};
  if (app) vars['COPILOT_APPLICATION_NAME'] = app;
  if (env) vars['COPILOT_ENVIRONMENT_NAME'] = env;
  if (context.options.region) vars['AWS_REGION'] = context.options.region;
  if (context.options.account) vars['AWS_ACCOUNT_ID'] = context.options.account;
  const m = new Manifest(s.input.file, s.input.text, isObject(located.value) ? located.value : {}, located.spans, d, vars, env, app);
  const type = s.type as ServiceType;
  const cluster = env !== undefined ? (app ? `${app}-${env}` : env) : app;
  if (type === 'Scheduled Job') return [{ ...taskDefinition(m, s.name, jobTags(m)), ...(cluster !== undefined && { namespace: cluster }) }];
  return [taskDefinition(m, s.name, []), ...serviceDocuments(m, type, s.name, cluster)];
}

/** The application name of `copilot/.workspace` (`application: NAME`), when the file is there. */
function workspaceApp(path: string): string | undefined {
  try {
    const m = /^application:\s*['"]?([^'"\s#]+)/m.exec(readFileSync(path, 'utf8'));
    return m?.[1];
  } catch {
    return undefined;
  }
}
