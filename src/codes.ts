/**
 * Every diagnostic code, with what it means. The table is the source of docs/diagnostics.md and
 * of the SARIF rule list; a test fails when code raises a diagnostic whose code is not here.
 */
export interface CodeInfo {
  summary: string;
  /** Codes that mean the environment failed (I/O, cluster): exit 3 instead of 2. */
  environment?: boolean;
}

export const CODES: Record<string, CodeInfo> = {
  // reading inputs
  'input-not-found': { summary: 'An input path does not exist.' },
  'input-unreadable': { summary: 'An input could not be read (permissions, I/O).', environment: true },
  'input-too-large': { summary: 'An input is larger than --max-input-size.' },
  'no-inputs': { summary: 'A directory holds no *.json file, or no input was given.' },
  'not-utf8': { summary: 'An input is not UTF-8 text.' },
  'json-syntax': { summary: 'An input is not JSON: the first syntax error, with what to do about it.' },
  'duplicate-member': { summary: 'An object names the same member twice; the last one wins.' },
  'not-an-ecs-document': { summary: 'An input is neither a task definition nor a service, nor a describe response holding them.' },
  'describe-failure': { summary: 'A DescribeServices response records a failure entry.' },
  'empty-document': { summary: 'A response holds no definition.' },
  // schema
  'unknown-member': { summary: 'A member that the ECS API does not have (ECS rejects it), with a suggestion for near misses.' },
  'missing-member': { summary: 'A member that ECS requires is missing.' },
  'missing-service-name': { summary: 'A service has no serviceName (ecspresso keeps it in its own config).' },
  'wrong-type': { summary: 'A value of the wrong JSON type.' },
  'invalid-value': { summary: 'A value outside its enumeration or pattern, including unsubstituted placeholders.' },
  'out-of-range': { summary: 'A number outside the range the ECS API documents.' },
  'null-as-absent': { summary: 'An optional member is null and is treated as absent.' },
  'empty-as-absent': { summary: 'An optional string member is "" and is treated as absent.' },
  // cross-field rules
  'no-containers': { summary: 'A task definition without containers.' },
  'duplicate-name': { summary: 'Two containers, volumes or port names share one name.' },
  'no-essential-container': { summary: 'No container is essential.' },
  'dangling-reference': { summary: 'dependsOn, links, volumesFrom, mountPoints or loadBalancers name something that does not exist.' },
  'host-port-mode': { summary: 'A hostPort that the network mode does not allow.' },
  'duplicate-port': { summary: 'A container maps the same port and protocol twice.' },
  fargate: { summary: 'A Fargate requirement is not met (network mode, task size).' },
  'image-missing': { summary: 'A container has no image (a pipeline fills it in); --image supplies it.' },
  'health-check-form': { summary: 'A health check command without its CMD / CMD-SHELL prefix.' },
  'image-placeholder': { summary: 'An image is a placeholder that a pipeline substitutes later.' },
  'daemon-desired-count': { summary: 'desiredCount on a DAEMON service, which ignores it.' },
  // usage and internal
  'usage': { summary: 'The command line is not valid.' },
};

export function isEnvironmentCode(code: string): boolean {
  return CODES[code]?.environment === true;
}
