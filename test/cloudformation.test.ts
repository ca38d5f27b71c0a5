/**
 * The CloudFormation and CDK readers (SPEC §12) through the CLI: located diagnostics in the
 * template (a typo'd property at its own line and column with a did-you-mean, an unresolvable
 * intrinsic warned where it stands), intrinsics resolved against --parameter, --region,
 * --account and --stack-name, conditions, placeholders that --image fills, and bad templates
 * rejected with exit 2.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { expectCleanRejection, lineCol, parseText, posOf, runBin, runCli, type TextDiagnostic } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

const tmp = makeTempDir('ecs2k8s-cfn-');
afterAll(() => tmp.remove());
let seq = 0;

type Obj = { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function build(name: string, text: string, args: string[] = []) {
  const file = tmp.write(`${++seq}/${name}`, text);
  const r = await runCli(['build', file, '--stdout', '--verbose', ...args]);
  const objects = r.code === 0 ? parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj) : [];
  return { ...r, file, diagnostics: parseText(r.stderr), objects };
}
const of = (ds: TextDiagnostic[], code: string) => ds.filter((d) => d.code === code);
const container = (objects: Obj[]) => objects.find((o) => o.kind === 'Deployment')!.spec['template'].spec.containers[0];

const TASK = (container: string, extra = '') => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Tag:
    Type: String
    Default: '1.0'
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: app
${extra}      ContainerDefinitions:
        - Name: app
${container}`;

describe('located diagnostics in a YAML template', () => {
  it("a typo'd property: unknown-member at its own line and column, with a did-you-mean in CloudFormation's spelling; exit 2", async () => {
    const text = TASK('          Image: nginx:1.27\n          Memory: 256\n          PortMapings:\n            - ContainerPort: 80\n');
    const r = await build('stack.yaml', text);
    expect(r.code).toBe(2);
    expect(of(r.diagnostics, 'unknown-member')).toEqual([
      {
        file: r.file,
        ...posOf(text, 'PortMapings'),
        severity: 'error',
        code: 'unknown-member',
        message: '"PortMapings" is not a property of AWS::ECS::TaskDefinition Task at ContainerDefinitions[0]: did you mean "PortMappings"?',
      },
    ]);
  });

  it("a value the API rejects (an enum) is the same schema error as in JSON, at the template's value", async () => {
    const text = TASK('          Image: nginx:1.27\n          Memory: 256\n', '      NetworkMode: awsvpcc\n');
    const r = await build('stack.yaml', text);
    expect(r.code).toBe(2);
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e).toMatchObject({ file: r.file, ...posOf(text, 'awsvpcc'), code: 'invalid-value' });
    expect(e.message).toContain('awsvpc');
  });

  it('an unresolvable intrinsic: a warning at its place, and the value a placeholder', async () => {
    const text = TASK(
      '          Image: nginx:1.27\n          Memory: 256\n          Environment:\n            - Name: QUEUE\n              Value: !ImportValue shared-queue-url\n            - Name: TABLE\n              Value: !GetAtt Table.Arn\n',
    ).replace('Resources:\n', 'Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n');
    const r = await build('stack.yaml', text);
    expect(r.code, r.stderr).toBe(0);
    const w = of(r.diagnostics, 'cfn-unresolved');
    expect(w.map((d) => ({ line: d.line, column: d.column }))).toEqual([posOf(text, 'shared-queue-url'), posOf(text, 'Table.Arn')]);
    expect(w[0]!.message).toContain('Fn::ImportValue "shared-queue-url"');
    expect(w[1]!.message).toContain('Fn::GetAtt Table.Arn (AWS::DynamoDB::Table)');
    expect(container(r.objects).env).toEqual([
      { name: 'QUEUE', value: '<ImportValue:shared-queue-url>' },
      { name: 'TABLE', value: '<Table.Arn>' },
    ]);
  });

  it('a dynamic reference {{resolve:…}} is warned where it stands', async () => {
    const text = TASK("          Image: nginx:1.27\n          Memory: 256\n          Environment:\n            - Name: TOKEN\n              Value: '{{resolve:ssm:/app/token}}'\n");
    const r = await build('stack.yaml', text);
    expect(of(r.diagnostics, 'cfn-unresolved').map((d) => [d.line, d.column])).toEqual([[posOf(text, "'{{resolve").line, posOf(text, "'{{resolve").column]]);
  });

  it('a YAML syntax error: cfn-syntax at its line, exit 2, no stack trace (through the bin)', async () => {
    const text = TASK('          Image: nginx:1.27\n          Memory: [256\n');
    const file = tmp.write(`${++seq}/broken.yaml`, text);
    const r = await runBin(['build', file, '--stdout']);
    expectCleanRejection(r);
    const d = parseText(r.stderr)[0]!;
    expect(d).toMatchObject({ file, code: 'cfn-syntax', severity: 'error' });
    expect(d.line).toBeGreaterThanOrEqual(posOf(text, '[256').line);
  });

  it('a JSON template: the typo at its line and column in the JSON', async () => {
    const text = JSON.stringify(
      { Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { Family: 'app', ContainerDefinitions: [{ Name: 'app', Image: 'nginx:1.27', Memroy: 256 }] } } } },
      null,
      2,
    );
    const r = await build('stack.json', text);
    expect(r.code).toBe(2);
    expect(of(r.diagnostics, 'unknown-member')[0]).toMatchObject({ ...posOf(text, '"Memroy"'), message: expect.stringContaining('did you mean "Memory"?') });
  });
});

describe('intrinsics and options', () => {
  const withSub = TASK(
    '          Image: !Sub ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:${Tag}\n          Memory: 256\n          Environment:\n            - Name: STACK\n              Value: !Ref AWS::StackName\n',
  );

  it('--parameter over the Default, --region, --account and --stack-name resolve; none is warned as not applied', async () => {
    const r = await build('stack.yaml', withSub, ['--parameter', 'Tag=2.5', '--region', 'eu-west-1', '--account', '210987654321', '--stack-name', 'shop-prod']);
    expect(r.code, r.stderr).toBe(0);
    expect(container(r.objects).image).toBe('210987654321.dkr.ecr.eu-west-1.amazonaws.com/app:2.5');
    expect(container(r.objects).env).toEqual([{ name: 'STACK', value: 'shop-prod' }]);
    expect(of(r.diagnostics, 'not-applied')).toEqual([]);
    expect(of(r.diagnostics, 'cfn-unresolved')).toEqual([]);
  });

  it('without them: the Default, and each pseudo parameter warned once at its first place; --image fills the image', async () => {
    const r = await build('stack.yaml', withSub, ['--image', 'app=nginx:1.27']);
    expect(r.code, r.stderr).toBe(0);
    expect(container(r.objects).image).toBe('nginx:1.27');
    const names = of(r.diagnostics, 'cfn-unresolved').map((d) => /^(AWS::\w+)/.exec(d.message)?.[1]);
    expect(names).toEqual(['AWS::AccountId', 'AWS::Region', 'AWS::StackName']);
    // A stack has a name: the template's file name stands for it (a placeholder would make names ECS refuses).
    expect(container(r.objects).env).toEqual([{ name: 'STACK', value: 'stack' }]);
  });

  it('a --parameter that no template declares is a not-applied warning; a bad one is a usage error', async () => {
    const r = await build('stack.yaml', withSub, ['--parameter', 'Tga=2.5', '--region', 'eu-west-1', '--account', '210987654321', '--stack-name', 's']);
    expect(of(r.diagnostics, 'not-applied').map((d) => d.message)).toEqual(['--parameter Tga changes nothing in this bundle: no template read declares the parameter "Tga"']);
    const bad = await build('stack.yaml', withSub, ['--parameter', 'Tag']);
    expect(bad.code).toBe(2);
    expect(of(bad.diagnostics, 'usage')[0]!.message).toContain('is not KEY=VALUE');
  });

  it("the project file's parameters, region and stackName resolve too (flags win); an account no template uses is warned at its line", async () => {
    const config = tmp.write(`${++seq}/ecs2k8s.yaml`, 'region: eu-central-1\naccount: "111122223333"\nstackName: shop\nparameters:\n  Tag: "3.0"\n');
    const text = TASK(
      '          Image: !Sub registry.example.com/app:${Tag}-${AWS::Region}\n          Memory: 256\n          Environment:\n            - Name: STACK\n              Value: !Ref AWS::StackName\n',
    );
    const file = tmp.write(`${seq}/stack.yaml`, text);
    const r = await runCli(['build', file, '--stdout', '--config', config, '--stack-name', 'shop-eu']);
    expect(r.code, r.stderr).toBe(0);
    const c = container(parseAllDocuments(r.stdout).map((x) => x.toJS() as Obj));
    expect(c.image).toBe('registry.example.com/app:3.0-eu-central-1');
    expect(c.env).toEqual([{ name: 'STACK', value: 'shop-eu' }]);
    const configText = 'region: eu-central-1\naccount: "111122223333"\nstackName: shop\nparameters:\n  Tag: "3.0"\n';
    expect(of(parseText(r.stderr), 'not-applied')).toEqual([
      {
        file: config,
        ...posOf(configText, 'account'),
        severity: 'warning',
        code: 'not-applied',
        message: 'account "111122223333" changes nothing in this bundle: no CloudFormation template read uses AWS::AccountId (the ECS ARNs of the inputs carry their own)',
      },
    ]);
  });

  it('Conditions: Fn::If picks its branch, AWS::NoValue drops a member, a resource whose Condition is false is skipped', async () => {
    const text = `Parameters:
  Env: { Type: String, Default: staging }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: app
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          Memory: !If [IsProd, 1024, 256]
          Environment:
            - Name: MODE
              Value: !If [NotProd, !Join ['-', [not, !Select [1, !Split [',', 'a,prod']]]], !Ref AWS::NoValue]
          User: !If [IsProd, root, !Ref AWS::NoValue]
  ProdService:
    Type: AWS::ECS::Service
    Condition: IsProd
    Properties:
      TaskDefinition: !Ref Task
`;
    const r = await build('stack.yaml', text);
    expect(r.code, r.stderr).toBe(0);
    expect(r.objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)).toEqual(['app']);
    const c = container(r.objects);
    expect(c.resources.limits.memory).toBe('256Mi');
    expect(c.env).toEqual([{ name: 'MODE', value: 'not-prod' }]);
    expect(c.securityContext?.runAsUser).toBeUndefined();
    expect(of(r.diagnostics, 'cfn-ignored').map((d) => [d.line, d.message])).toContainEqual([
      posOf(text, 'Condition: IsProd').line,
      'the resource ProdService is skipped: its condition IsProd is false',
    ]);
    const prod = await build('stack.yaml', text, ['--parameter', 'Env=prod']);
    expect(prod.objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)).toEqual(['prodservice']);
  });

  it('a service pairs with its task definition by Ref, and a cluster of the template names its namespace (the logical id when it has no ClusterName)', async () => {
    const text = `Resources:
  Apps:
    Type: AWS::ECS::Cluster
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions: [{ Name: app, Image: 'nginx:1.27', Memory: 256 }]
  Svc:
    Type: AWS::ECS::Service
    Properties:
      Cluster: !GetAtt Apps.Arn
      TaskDefinition: !Ref Task
      DesiredCount: 2
`;
    const r = await build('stack.yaml', text);
    expect(r.code, r.stderr).toBe(0);
    const dep = r.objects.find((o) => o.kind === 'Deployment')!;
    expect(dep.metadata).toMatchObject({ name: 'svc', namespace: 'apps' });
    expect(dep.spec['replicas']).toBe(2);
    expect(of(r.diagnostics, 'cfn-ignored').map((d) => d.message)).toContainEqual('Task has no Family: CloudFormation names the family when it deploys the stack; the logical id "Task" stands for it');
  });

  it('a Ref to nothing is an error at the Ref', async () => {
    const text = TASK('          Image: !Ref Missing\n          Memory: 256\n');
    const r = await build('stack.yaml', text);
    expect(r.code).toBe(2);
    expect(of(r.diagnostics, 'cfn-invalid')[0]).toMatchObject({ ...posOf(text, 'Missing'), message: 'Ref "Missing": the template has no parameter or resource of that name' });
  });
});

describe('CDK output', () => {
  const asset = (hash: string) => ({
    'Fn::Join': [
      '',
      [
        { Ref: 'AWS::AccountId' },
        '.dkr.ecr.',
        { Ref: 'AWS::Region' },
        '.',
        { Ref: 'AWS::URLSuffix' },
        `/cdk-hnb659fds-container-assets-`,
        { Ref: 'AWS::AccountId' },
        '-',
        { Ref: 'AWS::Region' },
        `:${hash}`,
      ],
    ],
  });
  const template = (image: unknown) =>
    JSON.stringify(
      {
        Resources: {
          TaskDef: {
            Type: 'AWS::ECS::TaskDefinition',
            Properties: { Family: 'app', ContainerDefinitions: [{ Name: 'app', Image: image, Memory: 256 }] },
            Metadata: { 'aws:cdk:path': 'AppStack/TaskDef/Resource' },
          },
        },
        Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
      },
      null,
      1,
    );
  const hash = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

  it('an asset image is a placeholder with a warning at the image; --image fills it', async () => {
    const text = template(asset(hash));
    const dir = `${++seq}/cdk.out`;
    tmp.write(
      `${dir}/manifest.json`,
      JSON.stringify({
        version: '38.0.1',
        artifacts: { AppStack: { type: 'aws:cloudformation:stack', environment: 'aws://123456789012/us-east-1', properties: { templateFile: 'AppStack.template.json' } } },
      }),
    );
    const file = tmp.write(`${dir}/AppStack.template.json`, text);
    tmp.write(`${dir}/AppStack.assets.json`, JSON.stringify({ version: '38.0.1', dockerImages: {} }));
    tmp.write(`${dir}/asset.${hash}/package.json`, '{"name": "app"}');
    const r = await runCli(['build', tmp.path(dir), '--stdout', '--verbose']);
    expect(r.code, r.stderr).toBe(0);
    const w = of(parseText(r.stderr), 'cdk-asset-image');
    expect(w).toEqual([
      {
        file,
        ...lineCol(text, text.indexOf('"Image": ') + 9),
        severity: 'warning',
        code: 'cdk-asset-image',
        message: 'the image of app is a CDK asset (a1b2c3d4e5f6…), built and pushed when the app is deployed: give --image app=URI',
      },
    ]);
    // The manifest's environment gives the region and account: no pseudo parameter is unresolved.
    expect(of(parseText(r.stderr), 'cfn-unresolved')).toEqual([]);
    const filled = await runCli(['build', tmp.path(dir), '--stdout', '--image', 'app=123456789012.dkr.ecr.us-east-1.amazonaws.com/app:7']);
    expect(filled.code, filled.stderr).toBe(0);
    expect(container(parseAllDocuments(filled.stdout).map((d) => d.toJS() as Obj)).image).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com/app:7');
  });

  it('a CDK template named on its own is read as CloudFormation, its assets still placeholders', async () => {
    const r = await build('AppStack.template.json', template(asset(hash)), ['--image', 'app=nginx:1.27']);
    expect(r.code, r.stderr).toBe(0);
    expect(of(r.diagnostics, 'cdk-asset-image')).toHaveLength(1);
  });
});

describe("CloudFormation property names → the API's members (derived from the schemas)", () => {
  it('case (EFSVolumeConfiguration, FilesystemId, IAM), plural (PlacementStrategies), holder prefix (ProxyConfigurationProperties), user keys kept (DockerLabels)', async () => {
    const text = `Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: app
      NetworkMode: awsvpc
      ProxyConfiguration:
        Type: APPMESH
        ContainerName: envoy
        ProxyConfigurationProperties:
          - Name: AppPorts
            Value: '8080'
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
            TransitEncryption: ENABLED
            AuthorizationConfig:
              IAM: ENABLED
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          Memory: 256
          DockerLabels:
            Team-Name: web
          MountPoints:
            - SourceVolume: data
              ContainerPath: /data
        - Name: envoy
          Image: public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod
          Memory: 128
  Svc:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref Task
      PlacementStrategies:
        - Type: spread
          Field: attribute:ecs.availability-zone
`;
    const r = await build('stack.yaml', text);
    expect(of(r.diagnostics, 'unknown-member'), r.stderr).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
    const pv = r.objects.find((o) => o.kind === 'PersistentVolume');
    expect(JSON.stringify(pv?.spec)).toContain('fs-0123456789abcdef0');
    const pod = r.objects.find((o) => o.kind === 'Deployment')!.spec['template'];
    // A docker label keeps its key as written (a map of the user's keys, not members to rename).
    expect(pod.metadata.labels['Team-Name']).toBe('web');
  });
});

describe('resources whose values the template decides', () => {
  it('a named IAM role, ECR repository and SSM parameter resolve (with --account and --region); an unnamed one is a placeholder', async () => {
    const text = `Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties: { RepositoryName: shop/web }
  Role:
    Type: AWS::IAM::Role
    Properties: { RoleName: web-task, Path: /apps/ }
  Other:
    Type: AWS::IAM::Role
  Token:
    Type: AWS::SSM::Parameter
    Properties: { Name: /shop/token, Type: String, Value: x }
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      TaskRoleArn: !GetAtt Role.Arn
      ExecutionRoleArn: !GetAtt Other.Arn
      ContainerDefinitions:
        - Name: web
          Image: !Sub \${Repo.RepositoryUri}:1.0
          Memory: 256
          Secrets:
            - Name: TOKEN
              ValueFrom: !Ref Token
`;
    const r = await build('stack.yaml', text, ['--account', '123456789012', '--region', 'eu-west-1']);
    expect(r.code, r.stderr).toBe(0);
    expect(container(r.objects).image).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.0');
    expect(r.objects.find((o) => o.kind === 'ServiceAccount')!.metadata.annotations!['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::123456789012:role/apps/web-task');
    expect(of(r.diagnostics, 'cfn-unresolved').map((d) => [d.line, d.message.slice(0, 22)])).toEqual([[posOf(text, 'Other.Arn').line, 'Fn::GetAtt Other.Arn (']]);
    expect(JSON.stringify(r.objects)).toContain('/shop/token');
  });
});
