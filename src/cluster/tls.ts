/**
 * The TLS side of a kubeconfig, checked before anything is sent, with kubectl's (client-go's)
 * rules and messages: a CA that holds no certificate, a CA together with
 * `insecure-skip-tls-verify` ("specifying a root certificates file with the insecure flag is not
 * allowed"), a client certificate without its key or the other way round, a key that is not a
 * PEM private key, a key that does not match its certificate. Each is a ConfigError (exit 3,
 * one line) rather than a failure deep inside a handshake.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type * as https from 'node:https';
import { ConfigError } from './errors.js';
import type { LoadedKubeconfig } from './kubeconfig.js';
import type { Redactor } from './redact.js';

function fileOrData(file: string | undefined, data: string | undefined, what: string): Buffer | undefined {
  if (file) {
    try {
      return readFileSync(file);
    } catch (e) {
      throw new ConfigError(`cannot read the ${what} ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return data ? Buffer.from(data, 'base64') : undefined;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** The certificates of a PEM bundle, or a ConfigError when there is none that parses. */
function certificates(pem: Buffer, what: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const m of pem.toString('latin1').matchAll(PEM_BLOCK)) {
    if (m[1] !== 'CERTIFICATE' && m[1] !== 'TRUSTED CERTIFICATE') continue;
    try {
      out.push(new X509Certificate(m[0]));
    } catch {
      throw new ConfigError(`${what} holds a certificate that does not parse`);
    }
  }
  if (out.length === 0) throw new ConfigError(`${what} holds no PEM certificate (unable to parse bytes as PEM block)`);
  return out;
}

/** Checks a client certificate and key pair (from the kubeconfig or an exec plugin). */
export function checkClientPair(cert: Buffer | string, key: Buffer | string, who: string): void {
  const [leaf] = certificates(Buffer.from(cert), `the client certificate of ${who}`);
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ConfigError(`the client key of ${who} is not a PEM private key (tls: failed to find any PEM data in key input)`);
  }
  if (!leaf!.checkPrivateKey(privateKey)) throw new ConfigError(`the client key of ${who} does not match its client certificate (tls: private key does not match public key)`);
}

/** The https agent options of the context's cluster and user. */
export function tlsOptions(cfg: LoadedKubeconfig, redactor: Redactor): https.AgentOptions {
  const { cluster, user } = cfg;
  const tls: https.AgentOptions = { keepAlive: true };
  const where = `cluster ${cfg.clusterName}`;
  const ca = fileOrData(cluster['certificate-authority'], cluster['certificate-authority-data'], 'certificate authority');
  if (ca && cluster['insecure-skip-tls-verify'] === true) {
    throw new ConfigError(
      `the ${where} sets both a certificate authority and insecure-skip-tls-verify: specifying a root certificates file with the insecure flag is not allowed (remove one of them)`,
    );
  }
  if (ca) {
    certificates(ca, `the certificate authority of ${where}`);
    tls.ca = ca;
  }
  if (cluster['insecure-skip-tls-verify'] === true) tls.rejectUnauthorized = false;
  if (cluster['tls-server-name']) tls.servername = cluster['tls-server-name'];
  const who = `user ${cfg.userName}`;
  const cert = fileOrData(user['client-certificate'], user['client-certificate-data'], 'client certificate');
  const key = fileOrData(user['client-key'], user['client-key-data'], 'client key');
  if (key) redactor.add(key.toString('utf8'));
  if (cert && !key) throw new ConfigError(`client-key-data or client-key must be specified for ${cfg.userName} to use the clientCert authentication method`);
  if (key && !cert) throw new ConfigError(`client-certificate-data or client-certificate must be specified for ${cfg.userName} to use the clientCert authentication method`);
  if (cert && key) {
    checkClientPair(cert, key, who);
    tls.cert = cert;
    tls.key = key;
  }
  return tls;
}
