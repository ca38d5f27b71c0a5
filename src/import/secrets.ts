/**
 * Every AWS credential that could end up in a message, so that none is ever printed: the
 * environment's (AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_SECURITY_TOKEN), every secret key
 * and session token in the shared files (~/.aws/credentials and ~/.aws/config, or
 * AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE: every profile, whichever is used), the web
 * identity token (AWS_WEB_IDENTITY_TOKEN_FILE), and the session token each request carried
 * (credential_process, SSO, container and instance credentials included: see aws.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redactor } from '../cluster/redact.js';

const SECRET_KEYS = /^\s*(aws_secret_access_key|aws_session_token|aws_security_token)\s*=\s*(.*?)\s*$/i;

function read(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function credentialSecrets(env: Record<string, string | undefined>): Redactor {
  const r = new Redactor();
  for (const k of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']) r.add(env[k]);
  const home = env['HOME'] ?? env['USERPROFILE'];
  const aws = home ? join(home, '.aws') : undefined;
  for (const file of [env['AWS_SHARED_CREDENTIALS_FILE'] ?? (aws && join(aws, 'credentials')), env['AWS_CONFIG_FILE'] ?? (aws && join(aws, 'config'))]) {
    for (const line of (read(file) ?? '').split(/\r?\n/)) {
      const m = SECRET_KEYS.exec(line);
      if (m) r.add(m[2]!.replace(/^["']|["']$/g, ''));
    }
  }
  r.add(read(env['AWS_WEB_IDENTITY_TOKEN_FILE'])?.trim());
  return r;
}
