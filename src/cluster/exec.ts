/**
 * Exec credential plugins (`users[].user.exec`: `aws eks get-token`, kubelogin, gke-gcloud-auth-
 * plugin), with the protocol client-go speaks (client.authentication.k8s.io v1 and v1beta1):
 *
 * - the command runs with the kubeconfig's args and env added to ecs2k8s's environment, and
 *   KUBERNETES_EXEC_INFO holding an ExecCredential (`spec.interactive: false`, and the cluster
 *   when `provideClusterInfo` is set); ecs2k8s never has a terminal to give it, so
 *   `interactiveMode: Always` is refused;
 * - it must exit 0 within --request-timeout and print an ExecCredential of the configured
 *   apiVersion with `status.token`, or `status.clientCertificateData` and `clientKeyData`;
 * - the credential is kept until its `expirationTimestamp`, and for the whole run when it has
 *   none (client-go's cache), so the plugin runs once per run, not once per request;
 * - the plugin's own output is never printed (it holds the credential), nor its error text.
 *
 * Own code rather than @kubernetes/client-node's ExecAuth, which in 1.4.0 runs a plugin whose
 * credential has no expiry again for every request, has no timeout, sets no
 * KUBERNETES_EXEC_INFO and rejects with the plugin's stderr as its message.
 */
import { spawn } from 'node:child_process';
import { ConfigError } from './errors.js';
import type { RawCluster } from './kubeconfig.js';
import type { Redactor } from './redact.js';

export interface ExecCredential {
  token?: string;
  cert?: string;
  key?: string;
}

interface ExecConfig {
  command: string;
  args?: unknown;
  env?: unknown;
  apiVersion: string;
  interactiveMode?: unknown;
  provideClusterInfo?: unknown;
}

export interface ExecContext {
  userName: string;
  contextName: string;
  cluster: RawCluster;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  redactor: Redactor;
}

/** Expiry is taken this long early, so that a token does not run out in flight. */
const EXPIRY_SKEW_MS = 10_000;

export class ExecPlugin {
  private cached: { credential: ExecCredential; expires: number } | undefined;
  private running: Promise<ExecCredential> | undefined;

  constructor(
    private readonly exec: Record<string, unknown>,
    private readonly ctx: ExecContext,
  ) {}

  private get config(): ExecConfig {
    return this.exec as unknown as ExecConfig;
  }

  private get what(): string {
    return `the exec credential plugin ${JSON.stringify(this.config.command)} of user ${this.ctx.userName} (context ${this.ctx.contextName})`;
  }

  /** The credential, from the cache while it is valid. */
  async credential(now = Date.now()): Promise<ExecCredential> {
    if (this.cached && this.cached.expires > now) return this.cached.credential;
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Forgets the cached credential (the server refused it). */
  invalidate(): void {
    this.cached = undefined;
  }

  private env(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.ctx.env)) if (v !== undefined) env[k] = v;
    if (Array.isArray(this.config.env)) {
      for (const e of this.config.env as { name?: unknown; value?: unknown }[]) if (typeof e?.name === 'string') env[e.name] = String(e.value ?? '');
    }
    const { cluster } = this.ctx;
    const spec: Record<string, unknown> = { interactive: false };
    if (this.config.provideClusterInfo === true) {
      spec['cluster'] = {
        server: cluster.server,
        ...(cluster['tls-server-name'] && { 'tls-server-name': cluster['tls-server-name'] }),
        ...(cluster['insecure-skip-tls-verify'] && { 'insecure-skip-tls-verify': true }),
        ...(cluster['certificate-authority-data'] && { 'certificate-authority-data': cluster['certificate-authority-data'] }),
        ...(cluster['proxy-url'] && { 'proxy-url': cluster['proxy-url'] }),
      };
    }
    env['KUBERNETES_EXEC_INFO'] = JSON.stringify({ apiVersion: this.config.apiVersion, kind: 'ExecCredential', spec });
    return env;
  }

  private run(): Promise<ExecCredential> {
    if (this.config.interactiveMode === 'Always') {
      return Promise.reject(new ConfigError(`${this.what} needs a terminal (interactiveMode: Always), which ecs2k8s never has: use a plugin that runs without one`));
    }
    const args = Array.isArray(this.config.args) ? (this.config.args as unknown[]).map(String) : [];
    return new Promise<ExecCredential>((resolve, reject) => {
      let stdout = '';
      let failed = false;
      const fail = (why: string) => {
        if (failed) return;
        failed = true;
        reject(new ConfigError(`${this.what} ${why}: run it by hand to see why (for EKS: aws eks get-token --cluster-name NAME)`));
      };
      const child = spawn(this.config.command, args, { env: this.env(), stdio: ['ignore', 'pipe', 'ignore'], timeout: this.ctx.timeoutMs, killSignal: 'SIGKILL' });
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => (stdout += d));
      child.on('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ENOENT' ? 'was not found (is it installed and on PATH?)' : `could not be started (${e.code ?? 'error'})`));
      child.on('close', (code, signal) => {
        if (failed) return;
        if (signal === 'SIGKILL') return fail(`did not finish within ${Math.round(this.ctx.timeoutMs / 100) / 10}s (--request-timeout)`);
        if (code !== 0) return fail(`exited with ${code ?? signal}`);
        try {
          const credential = this.parse(stdout);
          failed = true;
          resolve(credential);
        } catch (e) {
          fail((e as Error).message);
        }
      });
    });
  }

  private parse(stdout: string): ExecCredential {
    let out: { apiVersion?: unknown; kind?: unknown; status?: Record<string, unknown> };
    try {
      out = JSON.parse(stdout) as typeof out;
    } catch {
      throw new Error('printed something that is not an ExecCredential (JSON)');
    }
    if (out.apiVersion !== this.config.apiVersion) throw new Error(`printed an ExecCredential of API version ${JSON.stringify(out.apiVersion)}, not the configured ${this.config.apiVersion}`);
    const status = out.status ?? {};
    const str = (k: string) => (typeof status[k] === 'string' && status[k] !== '' ? (status[k] as string) : undefined);
    const credential: ExecCredential = {};
    const token = str('token');
    const cert = str('clientCertificateData');
    const key = str('clientKeyData');
    if (token) credential.token = token;
    if (cert && key) Object.assign(credential, { cert, key });
    else if (cert || key) throw new Error('gave only one of clientCertificateData and clientKeyData');
    if (!token && !cert) throw new Error('gave neither a token nor a client certificate');
    for (const v of [token, key]) this.ctx.redactor.add(v);
    const expiry = str('expirationTimestamp');
    const at = expiry ? Date.parse(expiry) : NaN;
    this.cached = { credential, expires: Number.isNaN(at) ? Infinity : at - EXPIRY_SKEW_MS };
    return credential;
  }
}
