/**
 * The flags of `ecs2k8s build` through the public CLI: --image, --namespace, --replicas,
 * --workload/--schedule, --service-name, --format, --stdout, --strict, --config and the usage
 * errors.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { validateK8sObject } from '../src/k8s/validate/index.js';
import { errorsOf, parseText, runBin } from './helpers/cli.js';
import { buildJson, bundleObjects, exampleDir, fixturesDir, objectKey, runIn, snapshot, taskdefsDir, type BundleObject, caseFolders } from './helpers/build.js';

const fresh = caseFolders('ecs2k8s-build-flags-');

const PLACEHOLDER = join(taskdefsDir, 'tomofuminijo__ecs-bluegreen-sample__taskdef-image1-placeholder.json');
const CLEAN = join(fixturesDir, 'clean', 'task-definition.json');
type Obj = BundleObject['object'] & { spec?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const objects = (out: string): Obj[] => bundleObjects(out).map((o) => o.object as Obj);
const ofKind = (out: string, kind: string) => objects(out).filter((o) => o.kind === kind);
const podSpec = (o: Obj) => (o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.spec.template.spec);

describe('--image CONTAINER=URI', () => {
  it('replaces the image of that container', async () => {
    const c = fresh();
    const uri = '123456789012.dkr.ecr.us-east-1.amazonaws.com/java-web-app:1.4.2';
    const { code, stderr } = await buildJson([PLACEHOLDER, '--out', c.out, '--image', `java-web-app=${uri}`], c.report);
    expect(code, stderr).toBe(0);
    const [d] = ofKind(c.out, 'Deployment');
    expect(podSpec(d!).containers.map((x: { name: string; image: string }) => [x.name, x.image])).toEqual([['java-web-app', uri]]);
    expect(JSON.stringify(objects(c.out))).not.toContain('<IMAGE1_NAME>');
  });

  it('a replaced placeholder is no longer warned about (so --strict passes)', async () => {
    const c = fresh();
    const { code, report, stderr } = await buildJson([PLACEHOLDER, '--out', c.out, '--image', 'java-web-app=repo/app:1.2', '--strict'], c.report);
    expect(report.diagnostics.filter((d) => d.code === 'image-placeholder')).toEqual([]);
    // task-resources is a warning this input deserves: --strict may still fail on it, but not on the image.
    if (code !== 0)
      expect(
        errorsOf(report).map((d) => d.code),
        stderr,
      ).not.toContain('image-placeholder');
  });

  it('--image nosuch=x: exit 2, an error unknown-image-override naming the containers there are, nothing written (as the render action)', async () => {
    const c = fresh();
    const { code, report, stderr } = await buildJson([CLEAN, '--out', c.out, '--image', 'nosuch=x'], c.report);
    expect(code, stderr).toBe(2);
    const e = report.diagnostics.find((d) => d.code === 'unknown-image-override');
    expect(e?.severity).toBe('error');
    expect(e?.message).toContain('--image names the container "nosuch"');
    expect(e?.message).toContain('"web"');
    expect(existsSync(c.out)).toBe(false);
  });

  it.each([
    ['UPPER CASE:??', /white space/],
    ['a,b', /"a,b" is not a repository path component/],
    ['Repo/App:1', /"App" is not a repository path component/],
    ['nginx:', /ends with ":" and no tag/],
    ['nginx:.hidden', /the tag ".hidden"/],
    ['nginx@sha256:abc', /the digest "sha256:abc"/],
    ['registry.example.com:/app', /registry "registry.example.com:"/],
    ['${IMAGE}', /"\$\{IMAGE\}" is not a repository path component/],
  ])('--image web=%s: exit 2, invalid-image saying why, nothing written', async (uri, why) => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, '--image', `web=${uri}`]);
    expect(r.code, r.stderr).toBe(2);
    const [d] = parseText(r.stderr).filter((x) => x.code === 'invalid-image');
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain(`--image web=${JSON.stringify(uri)}: not an image reference`);
    expect(d?.message).toMatch(why);
    expect(d?.message).toContain('[REGISTRY[:PORT]/]REPOSITORY[:TAG][@DIGEST]');
    expect(existsSync(c.out)).toBe(false);
  });

  it.each([
    ['localhost:5000/web:1'],
    ['[::1]:5000/team/web:1.0-rc.1'],
    ['docker.io/library/nginx:1.27.0'],
    ['Registry.Example.com/a__b/c-d.e:v1'],
    [`ghcr.io/acme/web@sha256:${'0'.repeat(64)}`],
    [`web:1.2@sha256:${'a'.repeat(64)}`],
  ])('--image web=%s is a valid reference: it replaces the image', async (uri) => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, '--image', `web=${uri}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(podSpec(ofKind(c.out, 'Deployment')[0]!).containers[0].image).toBe(uri);
  });

  it('the real bin: an unknown container and a malformed reference, each exit 2 with its code, and nothing on stdout', async () => {
    const unknown = await runBin(['build', CLEAN, '--stdout', '--image', 'nosuch=nginx:1.27']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(parseText(unknown.stderr).map((d) => `${d.severity} ${d.code}`)).toEqual(['error unknown-image-override']);
    for (const uri of ['UPPER CASE:??', 'a,b']) {
      const bad = await runBin(['build', CLEAN, '--stdout', '--image', `web=${uri}`]);
      expect(bad.code, uri).toBe(2);
      expect(bad.stdout).toBe('');
      expect(
        parseText(bad.stderr).map((d) => `${d.severity} ${d.code}`),
        uri,
      ).toEqual(['error invalid-image']);
    }
  });

  it('--image naming one container twice: exit 2, a usage error (the first would be lost)', async () => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, '--image', 'web=nginx:1.27', '--image', 'web=nginx:1.28']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error usage: --image names the container "web" twice ("nginx:1.27", then "nginx:1.28"): give its image once');
    expect(existsSync(c.out)).toBe(false);
  });

  it("--image wins over the project file's images: for the same container", async () => {
    const c = fresh();
    const config = join(c.dir, 'ecs2k8s.yaml');
    writeFileSync(config, 'images:\n  web: nginx:1.20\n');
    const r = await runIn(['build', CLEAN, '--out', c.out, '--config', config, '--image', 'web=nginx:1.28']);
    expect(r.code, r.stderr).toBe(0);
    expect(podSpec(ofKind(c.out, 'Deployment')[0]!).containers[0].image).toBe('nginx:1.28');
  });

  it.each([['bad'], ['=x'], ['web=']])('--image %s: exit 2 with a usage error, nothing written', async (spec) => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, '--image', spec]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error usage: --image .* is not CONTAINER=URI/);
    expect(existsSync(c.out)).toBe(false);
  });
});

describe('--namespace, --replicas, --service-name', () => {
  it('--namespace puts every object of several clusters into one namespace folder', async () => {
    const c = fresh();
    const r = await runIn(['build', exampleDir, join(fixturesDir, 'pairing'), CLEAN, '--out', c.out, '--namespace', 'team-a']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(c.out).sort()).toEqual(['.ecs2k8s-manifest.json', 'kustomization.yaml', 'team-a']);
    for (const o of objects(c.out)) {
      if (o.kind === 'Namespace') expect(o.metadata.name).toBe('team-a');
      else if (o.kind !== 'PersistentVolume') expect(o.metadata.namespace, objectKey(o)).toBe('team-a');
    }
    expect(
      ofKind(c.out, 'Deployment')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['hello', 'orders-api', 'web']);
  });

  it("--replicas 3 sets the replicas of every Deployment: a standalone task definition's, and a service's over its desiredCount (with a note)", async () => {
    const c = fresh();
    const { code, report, stderr } = await buildJson([CLEAN, join(fixturesDir, 'pairing'), '--out', c.out, '--replicas', '3', '--verbose'], c.report);
    expect(code, stderr).toBe(0);
    const replicas = Object.fromEntries(ofKind(c.out, 'Deployment').map((o) => [o.metadata.name, o.spec.replicas]));
    expect(replicas).toEqual({ hello: 3, web: 3 });
    const note = report.diagnostics.find((d) => d.code === 'overridden')!;
    expect(note).toMatchObject({ severity: 'info', pointer: '/desiredCount', message: "--replicas 3 replaces the service's desiredCount 2" });
    expect(note.file).toMatch(/web-service\.json$/);
  });

  it.each([['-1'], ['1.5'], ['many']])('--replicas %s: exit 2', async (n) => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, `--replicas=${n}`]);
    expect(r.code).toBe(2);
    expect(existsSync(c.out)).toBe(false);
  });

  it('a --service-name that must be sanitised is warned about as the flag, not at the task definition\'s "family"', async () => {
    const c = fresh();
    const { code, report } = await buildJson([CLEAN, '--out', c.out, '--service-name', 'Shop_Web'], c.report);
    expect(code).toBe(0);
    const w = report.diagnostics.filter((d) => d.code === 'name-sanitised');
    expect(w).toHaveLength(1);
    expect(w[0]!.severity).toBe('warning');
    // The value came from the command line: a position on `"family": "hello"` would annotate the wrong line.
    expect(w[0]!.pointer ?? '').not.toBe('/family');
    expect(w[0]!.message).toContain('"Shop_Web"');
  });

  it('--service-name names a standalone workload (and its Service)', async () => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, '--service-name', 'greeter']);
    expect(r.code, r.stderr).toBe(0);
    expect(objects(c.out).map(objectKey).sort()).toEqual(['Deployment/default/greeter', 'Service/default/greeter']);
    // The selector stays tied to the family; the instance is the service name.
    const d = ofKind(c.out, 'Deployment')[0]!;
    expect(d.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/instance': 'greeter', 'app.kubernetes.io/name': 'hello' });
  });
});

describe('--workload and --schedule', () => {
  it('--workload job: a Job that does not restart forever', async () => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, '--workload', 'job']);
    expect(r.code, r.stderr).toBe(0);
    expect(ofKind(c.out, 'Deployment')).toEqual([]);
    const [job] = ofKind(c.out, 'Job');
    expect(job?.apiVersion).toBe('batch/v1');
    expect(['Never', 'OnFailure']).toContain(podSpec(job!).restartPolicy);
    expect(job!.spec.selector).toBeUndefined();
  });

  it('--workload cronjob --schedule "*/5 * * * *": a CronJob with that schedule', async () => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, '--workload', 'cronjob', '--schedule', '*/5 * * * *']);
    expect(r.code, r.stderr).toBe(0);
    const [cron] = ofKind(c.out, 'CronJob');
    expect(cron?.spec.schedule).toBe('*/5 * * * *');
    expect(cron!.metadata.name.length).toBeLessThanOrEqual(52);
    expect(['Never', 'OnFailure']).toContain(podSpec(cron!).restartPolicy);
  });

  it('--schedule alone implies a CronJob', async () => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, '--schedule', '0 3 * * *']);
    expect(r.code, r.stderr).toBe(0);
    expect(ofKind(c.out, 'CronJob').map((o) => o.spec.schedule)).toEqual(['0 3 * * *']);
  });

  it('--workload daemonset: a DaemonSet without replicas', async () => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, '--workload', 'daemonset']);
    expect(r.code, r.stderr).toBe(0);
    const [ds] = ofKind(c.out, 'DaemonSet');
    expect(ds?.spec.replicas).toBeUndefined();
  });

  it('--workload cronjob without a schedule: exit 2 missing-schedule (and only that: no "bug in ecs2k8s" output error)', async () => {
    const c = fresh();
    const { code, report } = await buildJson([CLEAN, '--out', c.out, '--workload', 'cronjob'], c.report);
    expect(code).toBe(2);
    expect(errorsOf(report).map((d) => d.code)).toEqual(['missing-schedule']);
    expect(existsSync(c.out)).toBe(false);
  });

  it('--workload nosuch: exit 2 usage', async () => {
    const r = await runIn(['build', CLEAN, '--stdout', '--workload', 'statefulset']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Invalid values|choices|workload/i);
  });
});

describe('--format, --stdout', () => {
  it('--format json: .json object files, listed by kustomization.yaml, equal to the YAML build', async () => {
    const j = fresh();
    const y = fresh();
    expect((await runIn(['build', exampleDir, '--out', j.out, '--format', 'json'])).code).toBe(0);
    expect((await runIn(['build', exampleDir, '--out', y.out])).code).toBe(0);
    const files = [...snapshot(j.out).keys()];
    expect(files.filter((p) => p.endsWith('.yaml')).sort()).toEqual(['kustomization.yaml', 'prod-eu/kustomization.yaml']);
    const listed = (parseYaml(snapshot(j.out).get('prod-eu/kustomization.yaml')!.toString('utf8')) as { resources: string[] }).resources;
    expect(listed.length).toBeGreaterThan(3);
    expect(listed.every((f) => f.endsWith('.json'))).toBe(true);
    expect([...listed].sort()).toEqual(
      files
        .filter((p) => p.startsWith('prod-eu/') && p.endsWith('.json'))
        .map((p) => p.slice('prod-eu/'.length))
        .sort(),
    );
    for (const p of files.filter((f) => f.endsWith('.json') && !f.startsWith('.'))) {
      expect(snapshot(j.out).get(p)!.toString('utf8')).toMatch(/^\{\n {2}"apiVersion": /);
    }
    const byKey = (out: string) => new Map(objects(out).map((o) => [objectKey(o), o]));
    expect(byKey(j.out)).toEqual(byKey(y.out));
  });

  it('--stdout: a stream of ---separated documents, read back by yaml.parseAllDocuments; no file written', async () => {
    const c = fresh();
    const r = await runIn(['build', exampleDir, '--stdout'], { cwd: c.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(c.dir)).toEqual([]);
    expect(r.stdout.split('\n').filter((l) => l === '---').length).toBe(10);
    const docs = parseAllDocuments(r.stdout);
    expect(docs).toHaveLength(10);
    for (const d of docs) {
      expect(d.errors).toEqual([]);
      const o = d.toJS() as Obj;
      expect(validateK8sObject(o), objectKey(o)).toEqual([]);
    }
    // Apply order: the Namespace first, the workload and then its disruption budget last.
    const kinds = docs.map((d) => (d.toJS() as Obj).kind);
    expect(kinds[0]).toBe('Namespace');
    expect(kinds.slice(-2)).toEqual(['Deployment', 'PodDisruptionBudget']);
  });

  it('--stdout --format json: one List', async () => {
    const r = await runIn(['build', CLEAN, '--stdout', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { apiVersion: string; kind: string; items: Obj[] };
    expect(list.kind).toBe('List');
    expect(list.items.map(objectKey)).toEqual(['Service/default/hello', 'Deployment/default/hello']);
  });
});

describe('--strict', () => {
  it('turns a warning (an image placeholder) into exit 2, nothing written', async () => {
    const c = fresh();
    const plain = await buildJson([PLACEHOLDER, '--out', c.out], c.report);
    expect(plain.code).toBe(0);
    expect(plain.report.diagnostics.find((d) => d.code === 'image-placeholder')?.severity).toBe('warning');
    const s = fresh();
    const strict = await buildJson([PLACEHOLDER, '--out', s.out, '--strict'], s.report);
    expect(strict.code).toBe(2);
    expect(errorsOf(strict.report).map((d) => d.code)).toContain('image-placeholder');
    expect(existsSync(s.out)).toBe(false);
  });

  it('a clean input passes --strict', async () => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, '--strict']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('--config (the project file)', () => {
  const config = join(fixturesDir, 'config', 'ecs2k8s.yaml');

  function expectConfigApplied(out: string): void {
    const all = objects(out);
    expect(readdirSync(out).sort()).toEqual(['.ecs2k8s-manifest.json', 'kustomization.yaml', 'orders']);
    for (const o of all) {
      if (o.kind !== 'Namespace' && o.kind !== 'PersistentVolume') expect(o.metadata.namespace, objectKey(o)).toBe('orders');
      expect(o.metadata.labels, objectKey(o)).toMatchObject({ team: 'checkout', 'cost-center': 'cc-4711', 'app.kubernetes.io/managed-by': 'ecs2k8s' });
      expect(JSON.stringify(o), objectKey(o)).not.toContain('eks.amazonaws.com/role-arn');
      expect(validateK8sObject(o), objectKey(o)).toEqual([]);
    }
    const stores = all.filter((o) => o.kind === 'ExternalSecret').map((o) => [o.metadata.name, o.spec.secretStoreRef]);
    expect(stores).toEqual(
      expect.arrayContaining([
        ['orders-api-secrets', { name: 'vault-sm', kind: 'ClusterSecretStore' }],
        ['orders-api-parameters', { name: 'vault-ssm', kind: 'ClusterSecretStore' }],
      ]),
    );
    // The pods carry the labels too.
    const d = ofKind(out, 'Deployment')[0]!;
    expect(d.spec.template.metadata.labels).toMatchObject({ team: 'checkout' });
  }

  it('--config FILE: namespaces map, IAM mode none, secret store names and labels change the output', async () => {
    const c = fresh();
    const r = await runIn(['build', exampleDir, '--out', c.out, '--config', config]);
    expect(r.code, r.stderr).toBe(0);
    expectConfigApplied(c.out);
  });

  it('./ecs2k8s.yaml in the working directory is read without --config', async () => {
    const c = fresh();
    writeFileSync(join(c.dir, 'ecs2k8s.yaml'), snapshot(join(fixturesDir, 'config')).get('ecs2k8s.yaml')!);
    const r = await runIn(['build', exampleDir, '--out', c.out], { cwd: c.dir });
    expect(r.code, r.stderr).toBe(0);
    expectConfigApplied(c.out);
  });

  it('an unknown key (namspace): exit 2 config-invalid at its line and column, with a "did you mean", nothing written', async () => {
    const c = fresh();
    const typo = join(fixturesDir, 'config', 'ecs2k8s-typo.yaml');
    const r = await runIn(['build', exampleDir, '--out', c.out, '--config', typo]);
    expect(r.code).toBe(2);
    const [d, ...rest] = parseText(r.stderr);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: typo, severity: 'error', code: 'config-invalid', line: 3, column: 1 });
    expect(d!.message).toContain('"namspace"');
    expect(d!.message).toContain('did you mean "namespace"?');
    expect(existsSync(c.out)).toBe(false);
  });

  it.each([
    ['a value of the wrong kind', 'iam:\n  mode: kiam\n', 2, /must be one of irsa, pod-identity, none/],
    ['a namespace that is no DNS label', 'namespaces:\n  prod-eu: Prod_EU\n', 2, /pattern|DNS/],
    ['YAML syntax', 'labels: [unclosed\n', 1, /not valid YAML/],
  ])('%s: exit 2 with the line', async (_label, text, line, message) => {
    const c = fresh();
    const file = join(c.dir, 'ecs2k8s.yaml');
    writeFileSync(file, text);
    const r = await runIn(['build', exampleDir, '--out', c.out, '--config', file]);
    expect(r.code).toBe(2);
    const d = parseText(r.stderr).find((x) => x.severity === 'error');
    expect(d?.code).toMatch(/^config-(invalid|syntax)$/);
    expect(d?.line).toBeGreaterThanOrEqual(line);
    expect(d?.message).toMatch(message);
    expect(existsSync(c.out)).toBe(false);
  });

  it.each([
    ['a label key that is no Kubernetes label key', 'labels:\n  team: checkout\n  "bad key!": x\n', 3],
    ['a label value that is no Kubernetes label value', 'labels:\n  team: not ok with spaces\n', 2],
    ['a secret store name that is no Kubernetes name', 'secrets:\n  secretsManagerStore:\n    name: Bad Store/../x\n', 3],
  ])('%s: config-invalid at its line in the project file (not "invalid-output" blamed on the ECS input)', async (_label, text, line) => {
    const c = fresh();
    const file = join(c.dir, 'ecs2k8s.yaml');
    writeFileSync(file, text);
    const r = await runIn(['build', exampleDir, '--out', c.out, '--config', file]);
    expect(r.code).toBe(2);
    const errors = parseText(r.stderr).filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).not.toContain('invalid-output');
    expect(errors[0]).toMatchObject({ file, code: 'config-invalid', line });
    expect(existsSync(c.out)).toBe(false);
  });

  it('--config naming a missing file: exit 2', async () => {
    const c = fresh();
    const r = await runIn(['build', exampleDir, '--out', c.out, '--config', join(c.dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such project file/);
  });
});

describe('usage errors: exit 2, nothing written', () => {
  it.each([
    ['no --out and no --stdout', ['build', CLEAN], /build needs --out DIR/],
    ['--check with --stdout', ['build', CLEAN, '--stdout', '--check'], /--check compares files on disk/],
    ['no input', ['build', '--stdout'], /inputs/i],
    ['an unknown flag', ['build', CLEAN, '--stdout', '--nosuch'], /^ecs2k8s: unknown option --nosuch\nRun "ecs2k8s build --help" for usage\.\n$/],
    ['--format xml', ['build', CLEAN, '--stdout', '--format', 'xml'], /^ecs2k8s: --format "xml" is not one of "yaml", "json", "helm"\n/],
  ])('%s', async (_label, argv, message) => {
    const c = fresh();
    const r = await runIn(argv, { cwd: c.dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(readdirSync(c.dir)).toEqual([]);
  });
});
