/**
 * Keeps credentials out of every line ecs2k8s prints: the kubeconfig's tokens, passwords, client
 * keys and auth-provider secrets, and every Authorization header value actually sent (tokens
 * from exec plugins and token files included), are replaced by `[redacted]` in all output.
 */

export const REDACTED = '[redacted]';

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remembers a secret (and its base64 form); short strings are ignored, they would mangle ordinary text. */
  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string') return;
    const s = secret.trim();
    if (s.length < 6) return;
    this.secrets.add(s);
    this.secrets.add(Buffer.from(s, 'utf8').toString('base64'));
    // a PEM key: each of its lines is secret on its own too
    if (s.includes('-----BEGIN')) {
      for (const line of s.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith('-----')) this.secrets.add(line);
    }
  }

  /** An Authorization header value: the whole value and its credential part. */
  addAuthorization(value: string | undefined): void {
    if (!value) return;
    this.add(value);
    const space = value.indexOf(' ');
    if (space > 0) {
      const cred = value.slice(space + 1);
      this.add(cred);
      if (/^basic$/i.test(value.slice(0, space))) {
        const decoded = Buffer.from(cred, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon >= 0) this.add(decoded.slice(colon + 1));
      }
    }
  }

  redact(text: string): string {
    let out = text;
    // longest first, so that a secret containing another is replaced whole
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(s)) out = out.split(s).join(REDACTED);
    }
    return out;
  }

  /** A stream whose every write is redacted. */
  wrap<T extends { write(s: string): unknown; isTTY?: boolean }>(stream: T): { write(s: string): unknown; isTTY?: boolean } {
    return { write: (s: string) => stream.write(this.redact(String(s))), ...(stream.isTTY !== undefined && { isTTY: stream.isTTY }) };
  }
}
