/** Heuristics for credentials in plain environment values (rules/plaintext-credentials.ts). */

/**
 * Values that are credentials whatever the variable is called (AWS, PEM, GitHub, Slack, Stripe,
 * Google keys, JWTs, passwords in URLs), each with text every match contains: an expression runs
 * only on a value that has one of its texts (most values have none).
 */
const CREDENTIAL_VALUE: { has: string[]; re: RegExp }[] = [
  { has: ['AKIA', 'ASIA'], re: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { has: ['PRIVATE KEY'], re: /-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----/ },
  { has: ['gh', 'github_pat_'], re: /\bgh[pousr]_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{30,}/ },
  { has: ['xox'], re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { has: ['k_live_'], re: /\b[rs]k_live_[A-Za-z0-9]{16,}/ },
  { has: ['AIza'], re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { has: ['eyJ'], re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/ },
  // scheme://user:password@host, unless the password is a placeholder
  { has: ['://'], re: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:(?![$<{%])[^/\s@]+@/i },
];

/** Words of a variable name that say it holds a credential. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'apikey', 'privatekey', 'secretkey', 'accesskey']);
/** Qualifiers that make "key" a credential (API_KEY, PRIVATE_KEY, SIGNING_KEY; not CACHE_KEY or S3_KEY). */
const KEY_QUALIFIERS = new Set(['api', 'private', 'access', 'secret', 'encryption', 'signing', 'master', 'license', 'client']);
/** A last word that makes the variable describe a credential rather than hold one (PASSWORD_FILE, TOKEN_URL, AUTH_ENABLED). */
const DESCRIBING_WORDS = new Set([
  'file',
  'path',
  'dir',
  'url',
  'uri',
  'endpoint',
  'host',
  'port',
  'name',
  'arn',
  'id',
  'region',
  'header',
  'length',
  'len',
  'min',
  'max',
  'ttl',
  'expiry',
  'expiration',
  'expires',
  'timeout',
  'lifetime',
  'age',
  'enabled',
  'disabled',
  'required',
  'mode',
  'type',
  'provider',
  'strategy',
  'policy',
  'issuer',
  'audience',
  'algorithm',
  'alg',
  'format',
  'prefix',
  'field',
  'param',
  'version',
  'count',
  'size',
  'location',
  'store',
  'backend',
  'rotation',
]);
/** Values that are not a credential in the file: flags, numbers, nothing, placeholders a pipeline fills in, references and paths. */
const HARMLESS_VALUE = /^(true|false|yes|no|on|off|none|null|nil|\d{1,6})$|^(\$\{.*\}|\$[A-Z_][A-Z0-9_]*|<[^<>]*>|\{\{.*\}\}|%\{.*\})$|^arn:aws[a-z-]*:|^\/[\w./-]*$|^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i;

/** The words of a variable name: DB_PASSWORD → db, password; secretKey → secret, key; NEXTAUTH_SECRET → nextauth, secret. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * True for a plain environment variable that looks like it carries a credential: by its value (an
 * AWS access key, a private key, a token format), or by its name (DB_PASSWORD, JWT_SECRET, API_KEY,
 * BASIC_AUTH) when the value is not a flag, a number, a placeholder, an ARN, a path or a URL.
 */
export function looksLikeCredential(name: string, value: string): boolean {
  if (value.trim() === '') return false;
  if (CREDENTIAL_VALUE.some(({ has, re }) => has.some((text) => value.includes(text)) && re.test(value))) return true;
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || DESCRIBING_WORDS.has(last)) return false;
  const named = words.some((w, i) => SECRET_WORDS.has(w) || (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!))) || last === 'auth'; // BASIC_AUTH, PROXY_AUTH (AUTH_PROVIDER and AUTH_TYPE describe)
  if (!named) return false;
  return !HARMLESS_VALUE.test(value.trim());
}
