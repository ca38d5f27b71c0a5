/**
 * One run of diff or apply: redacted streams, the kubeconfig, the transport and the client, and
 * the mapping of every failure to a message and an exit code (3: cluster, API, I/O).
 */
import { EXIT, type CliIO } from '../cli/io.js';
import { ClusterClient } from './client.js';
import { ApiError, ConfigError, TransportError, describeError } from './errors.js';
import { makeAuth } from './auth.js';
import { loadKubeconfig } from './kubeconfig.js';
import { Redactor } from './redact.js';
import { Transport, retryPolicyFrom } from './transport.js';
import { loadTargets, type BuildFlags, type Target } from './targets.js';

export interface ClusterFlags {
  kubeconfig?: string;
  context?: string;
  /** ms; default 30 s */
  requestTimeoutMs?: number;
}

export interface Session {
  client: ClusterClient;
  /** The CLI's streams with every write redacted. */
  io: CliIO;
  err: (line: string) => void;
  close(): void;
}

/** Streams that redact, for the whole command (the kubeconfig is read later, and its secrets join the redactor then). */
export function redactedIo(io: CliIO, redactor: Redactor): CliIO {
  return { ...io, stdout: redactor.wrap(io.stdout), stderr: redactor.wrap(io.stderr) };
}

export async function openSession(flags: ClusterFlags, io: CliIO, redactor: Redactor): Promise<Session> {
  const err = (line: string) => void io.stderr.write(`ecs2k8s: ${line}\n`);
  const cfg = loadKubeconfig({ ...(flags.kubeconfig !== undefined && { kubeconfig: flags.kubeconfig }), ...(flags.context !== undefined && { context: flags.context }), env: io.env, cwd: io.cwd }, redactor);
  const server = cfg.cluster.server!;
  const secure = server.startsWith('https:');
  const auth = await makeAuth(cfg, redactor);
  if (!secure && auth.hasCredentials) err(`warning: ${server} is plain http: like kubectl, ecs2k8s sends no credentials to it`);
  const transport = new Transport(auth, server, retryPolicyFrom(io.env, flags.requestTimeoutMs), (line) => err(line));
  return { client: new ClusterClient(transport), io, err, close: () => transport.close() };
}

/**
 * The frame of one diff or apply run: redacted streams, the targets (a bundle folder or ECS
 * inputs built in memory), a session, and every cluster failure as one line with exit 3.
 */
export async function withSession(
  args: ClusterFlags & { inputs: string[]; build: BuildFlags },
  rawIo: CliIO,
  fn: (session: Session, targets: Target[]) => Promise<number>,
): Promise<number> {
  const redactor = new Redactor();
  const io = redactedIo(rawIo, redactor);
  const err = (line: string) => void io.stderr.write(`ecs2k8s: ${line}\n`);
  const loaded = await loadTargets(args.inputs, args.build, io);
  if ('exit' in loaded) return loaded.exit;
  let session: Session | undefined;
  try {
    session = await openSession(args, io, redactor);
    return await fn(session, loaded.targets);
  } catch (e) {
    return reportFailure(e, err);
  } finally {
    session?.close();
  }
}

/** A failure as one line and the exit code (always 3: the environment failed). */
export function reportFailure(e: unknown, err: (line: string) => void): number {
  if (e instanceof ApiError && e.status === 401) err(`error: the server rejected the credentials of the current context (401 Unauthorized): ${describeError(e)}`);
  else if (e instanceof ApiError && e.status === 403) err(`error: not allowed: ${describeError(e)}`);
  else if (e instanceof ApiError || e instanceof TransportError || e instanceof ConfigError) err(`error: ${describeError(e)}`);
  else throw e;
  return EXIT.environment;
}
