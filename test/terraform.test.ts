/**
 * The Terraform reader (SPEC §12) through the CLI: the five-sources case's Terraform forms
 * (HCL module and `terraform show -json` plan) build the ECS JSON form's bundle byte for byte
 * (`ecs2k8s.io/source` aside) with the diagnostics they expect; variables (`--var`, tfvars,
 * defaults), references, functions, local modules, count; located warnings and errors.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { listFiles } from './helpers/golden.js';

const tmp = makeTempDir('ecs2k8s-tf-');
afterAll(() => tmp.remove());
const withoutSource = (text: string) => text.replace(/^(\s*ecs2k8s\.io\/source:).*$/gm, '$1 …');
const caseDir = 'fixtures/five-sources/web-alb-scaling';

function write(dir: string, files: Record<string, string>): string {
  const root = tmp.path(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

async function build(inputs: string[], extra: string[] = [], cwd = repoRoot) {
  const out = tmp.path(`out-${Math.random().toString(36).slice(2)}`);
  const r = await runCli(['build', ...inputs, '--out', out, ...extra], { cwd });
  const file = (f: string) => readFileSync(join(out, f), 'utf8');
  return { ...r, out, file };
}

describe('five sources: the Terraform forms build the ECS JSON bundle', () => {
  for (const form of ['terraform', 'terraform-plan']) {
    it(`${form}: same files, byte for byte apart from ecs2k8s.io/source, with the expected diagnostics`, async () => {
      const r = await build([`${caseDir}/${form}`], ['--verbose']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe(readFileSync(join(repoRoot, caseDir, 'expected-diagnostics', `${form}.txt`), 'utf8'));
      const expected = join(repoRoot, caseDir, 'expected');
      expect(listFiles(r.out)).toEqual(listFiles(expected));
      for (const f of listFiles(expected).filter((x) => x !== '.ecs2k8s-manifest.json')) {
        expect(withoutSource(r.file(f)), f).toBe(withoutSource(readFileSync(join(expected, f), 'utf8')));
        if (r.file(f).includes('ecs2k8s.io/source:')) expect(r.file(f)).toContain(`${caseDir}/${form}/`);
      }
    });
  }

  it('the ECS JSON form still builds the golden bundle', async () => {
    const r = await build([`${caseDir}/ecs`]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of listFiles(join(repoRoot, caseDir, 'expected'))) expect(r.file(f), f).toBe(readFileSync(join(repoRoot, caseDir, 'expected', f), 'utf8'));
  });
});

const module = (extra = '') => ({
  'main.tf': `variable "tag" {
  type = string
}
variable "replicas" {
  type    = number
  default = 2
}
locals {
  name = "api"
}
resource "aws_ecs_task_definition" "api" {
  family = local.name
  container_definitions = jsonencode([{
    name      = local.name
    image     = "nginx:\${var.tag}"
    memory    = 256
    essential = true
    command   = [upper("a"), lookup({ a = "b" }, "a"), join("-", concat(["x"], ["y"]))]
  }])
}
resource "aws_ecs_service" "api" {
  name            = local.name
  task_definition = aws_ecs_task_definition.api.arn
  desired_count   = var.replicas
${extra}}
`,
});

describe('HCL evaluation', () => {
  it('--var fills a variable without default, typed by its declaration; functions evaluate', async () => {
    const dir = write('vars', module());
    const r = await build([dir], ['--var', 'tag=1.25', '--var', 'replicas=4']);
    expect(r.code, r.stderr).toBe(0);
    const dep = r.file('default/deployment-api.yaml');
    expect(dep).toContain('image: nginx:1.25');
    expect(dep).toContain('replicas: 4');
    expect(dep).toMatch(/- A\n\s+- b\n\s+- x-y/);
  });

  it('terraform.tfvars and *.auto.tfvars set variables (auto wins), --var over both', async () => {
    const dir = write('tfvars', { ...module(), 'terraform.tfvars': 'tag = "1.0"\nreplicas = 5\n', 'b.auto.tfvars': 'tag = "2.0"\n' });
    const r = await build([dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.file('default/deployment-api.yaml')).toContain('image: nginx:2.0');
    expect(r.file('default/deployment-api.yaml')).toContain('replicas: 5');
    const r2 = await build([dir], ['--var', 'tag=3.0']);
    expect(r2.file('default/deployment-api.yaml')).toContain('image: nginx:3.0');
  });

  it('an unresolvable expression is a placeholder warned at its file:line:col', async () => {
    const dir = write('unknown', module('  cluster = data.aws_ecs_cluster.main.id\n'));
    const r = await build([dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `${join(dir, 'main.tf')}:15:26: warning terraform-unresolved: var.tag is not known offline (the variable has no default: pass --var or a *.tfvars file): containerDefinitions/0/image stays the placeholder "nginx:\${var.tag}"`,
    );
    expect(r.stderr).toContain(
      `${join(dir, 'main.tf')}:25:13: warning terraform-unresolved: data.aws_ecs_cluster.main.id is not known offline (a data source is read only when Terraform runs): the namespace is the default one`,
    );
  });

  it('a local module is read with its arguments; a remote one is warned at its source', async () => {
    const dir = write('modules', {
      'main.tf': 'module "svc" {\n  source = "./svc"\n  tag    = "9.9"\n}\nmodule "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
      'svc/main.tf': module()['main.tf'],
    });
    const r = await build([join(dir, 'main.tf')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.file('default/deployment-api.yaml')).toContain('image: nginx:9.9');
    expect(r.stderr).toContain(`${join(dir, 'main.tf')}:6:12: warning terraform-remote-module`);
  });

  it('count takes one instance with a warning; count = 0 makes nothing', async () => {
    const dir = write('count', module('  count = 3\n'));
    const r = await build([dir], ['--var', 'tag=1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/main\.tf:25:3: warning terraform-instances: aws_ecs_service\.api has count: one instance is read/);
  });

  it('an HCL syntax error is located, exit 2', async () => {
    const dir = write('syntax', { 'main.tf': 'resource "aws_ecs_service" "x" {\n  name = "a\n}\n' });
    const r = await build([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'main.tf')}:2:10: error hcl-syntax: a string is not closed with "`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--var without a .tf input changes nothing, and says so', async () => {
    const r = await build([`${caseDir}/ecs`], ['--var', 'tag=1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning not-applied: the Terraform variable tag (--var or variables:) changes nothing: no .tf input was read');
  });

  it('a bad --var is a usage error', async () => {
    const r = await build([`${caseDir}/terraform`], ['--var', '=x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--var "=x" is not NAME=VALUE');
  });

  it('a mistyped argument in a plan is located at its key', async () => {
    const plan = JSON.parse(readFileSync(join(repoRoot, caseDir, 'terraform-plan/plan.json'), 'utf8')) as {
      planned_values: { root_module: { resources: { type: string; values: Record<string, unknown> }[] } };
    };
    const svc = plan.planned_values.root_module.resources.find((x) => x.type === 'aws_ecs_service')!;
    svc.values['desired_cont'] = 3;
    const dir = write('plan-typo', { 'plan.json': JSON.stringify(plan, null, 2) });
    const r = await build([join(dir, 'plan.json')]);
    expect(r.stderr).toMatch(/plan\.json:\d+:\d+: warning terraform-ignored: aws_ecs_service\.web: the argument desired_cont has no member in the service request/);
  });
});
