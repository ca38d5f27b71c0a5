/**
 * Proxies, as kubectl uses them:
 *
 * - the cluster's `proxy-url` in the kubeconfig (http://, https:// or socks5://) is used for
 *   every request to that cluster, loopback included, whatever NO_PROXY says (client-go's
 *   http.ProxyURL);
 * - otherwise the environment, with Go's rules (golang.org/x/net/http/httpproxy): HTTPS_PROXY
 *   (or https_proxy) for an https:// server, HTTP_PROXY (or http_proxy) for an http:// one, a
 *   value without a scheme taken as http://, and never for `localhost` or a loopback address, or
 *   for a host that NO_PROXY (no_proxy) names: `*`, an IP, a CIDR, a domain (`example.com`
 *   also covers its subdomains, `.example.com` only those), each optionally with a port.
 *
 * HTTPS goes through an http(s) proxy with CONNECT. The agents are hpagent's, the one
 * @kubernetes/client-node uses for proxy-url, imported directly so that a run without
 * credential plugins (and the GitHub Action, which carries no node_modules) does not load the
 * whole client; SOCKS goes through @kubernetes/client-node's own agent (loaded only then).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { ConfigError } from './errors.js';
import { importExternal } from '../external.js';

export interface Proxy {
  url: URL;
  /** Where it came from, for messages: `proxy-url of cluster c`, `HTTPS_PROXY`. */
  from: string;
}

/** The proxy URL without its credentials, for messages. */
export function shownProxy(p: Proxy): string {
  return `${p.url.protocol}//${p.url.host}`;
}

/** Parses a proxy URL; `invalid(shown)` words the error as kubectl does. */
function parseProxy(value: string, invalid: (shown: string) => string): URL {
  let url: URL | undefined;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    url = undefined;
  }
  // shown without its credentials, if any
  const shown = value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
  if (!url || url.hostname === '') throw new ConfigError(`${invalid(shown)}: it is not a URL`);
  if (!['http:', 'https:', 'socks5:', 'socks5h:'].includes(url.protocol)) throw new ConfigError(`${invalid(shown)}: unsupported scheme "${url.protocol.slice(0, -1)}", must be http, https, or socks5`);
  return url;
}

const defaultPort = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');

/** IPv4 address → 32-bit number (only IPv4 CIDRs are common in NO_PROXY; IPv6 ones match exactly). */
function ipv4(s: string): number | undefined {
  const p = s.split('.').map(Number);
  return p.length === 4 && p.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0 : undefined;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./i.test(host);
}

/** Whether NO_PROXY exempts host:port (Go's httpproxy useProxy, inverted). */
export function noProxyMatches(noProxy: string, host: string, port: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  const ip = isIP(h) !== 0;
  for (const raw of noProxy.split(',')) {
    let p = raw.trim().toLowerCase();
    if (p === '') continue;
    if (p === '*') return true;
    const cidr = /^([0-9.]+)\/(\d+)$/.exec(p);
    if (cidr) {
      const net = ipv4(cidr[1]!);
      const bits = Number(cidr[2]);
      const addr = ip ? ipv4(h) : undefined;
      if (net !== undefined && addr !== undefined && bits <= 32 && (bits === 0 || (net ^ addr) >>> (32 - bits) === 0)) return true;
      continue;
    }
    let pport = '';
    const hp = /^(\[[^\]]*\]|[^:]+):(\d+)$/.exec(p);
    if (hp) {
      p = hp[1]!.replace(/^\[|\]$/g, '');
      pport = hp[2]!;
    }
    if (isIP(p) !== 0) {
      if (ip && p === h && (pport === '' || pport === port)) return true;
      continue;
    }
    if (p.startsWith('*.')) p = p.slice(1);
    const exact = !p.startsWith('.');
    const suffix = exact ? `.${p}` : p;
    if ((h.endsWith(suffix) || (exact && h === p)) && (pport === '' || pport === port)) return true;
  }
  return false;
}

/** The proxy for the server, or undefined for a direct connection. */
export function proxyFor(server: URL, proxyUrl: string | undefined, clusterName: string, env: Record<string, string | undefined>): Proxy | undefined {
  if (proxyUrl) {
    const from = `proxy-url of cluster ${clusterName}`;
    return { url: parseProxy(proxyUrl, (shown) => `invalid 'proxy-url' "${shown}" for cluster "${clusterName}"`), from };
  }
  const pick = (...names: string[]) => {
    for (const n of names) if (env[n]) return { name: n, value: env[n]! };
    return undefined;
  };
  const chosen = server.protocol === 'https:' ? pick('HTTPS_PROXY', 'https_proxy') : pick('HTTP_PROXY', 'http_proxy');
  if (!chosen) return undefined;
  const host = server.hostname.replace(/^\[|\]$/g, '');
  if (isLoopback(host)) return undefined;
  if (noProxyMatches(pick('NO_PROXY', 'no_proxy')?.value ?? '', host, defaultPort(server))) return undefined;
  return { url: parseProxy(chosen.value, (shown) => `invalid ${chosen.name} "${shown}"`), from: chosen.name };
}

/** The agent for requests to the server: direct, through an http(s) proxy with CONNECT, or through SOCKS. */
export async function makeAgent(server: URL, tls: https.AgentOptions, proxy: Proxy | undefined): Promise<http.Agent> {
  const secure = server.protocol === 'https:';
  if (!proxy) return secure ? new https.Agent(tls) : new http.Agent({ keepAlive: true });
  if (proxy.url.protocol.startsWith('socks')) {
    let k8s: typeof import('@kubernetes/client-node');
    try {
      k8s = await importExternal<typeof import('@kubernetes/client-node')>('@kubernetes/client-node');
    } catch (e) {
      throw new ConfigError(
        `the SOCKS proxy ${shownProxy(proxy)} (${proxy.from}) needs @kubernetes/client-node, which cannot be loaded here (${(e as Error).message.split('\n')[0]}); use an http:// proxy`,
      );
    }
    // client-node builds its SOCKS agent from a kubeconfig: one with this cluster's TLS settings
    const b64 = (v: unknown) => (v === undefined ? undefined : Buffer.from(v as string | Buffer).toString('base64'));
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'c',
          server: server.href,
          proxyUrl: proxy.url.href,
          skipTLSVerify: tls.rejectUnauthorized === false,
          ...(tls.ca !== undefined && { caData: b64(tls.ca) }),
          ...(tls.servername !== undefined && { tlsServerName: tls.servername }),
        },
      ],
      users: [{ name: 'u', ...(tls.cert !== undefined && { certData: b64(tls.cert) }), ...(tls.key !== undefined && { keyData: b64(tls.key) }) }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    const opts: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(opts);
    return opts.agent as http.Agent;
  }
  const options = { ...tls, keepAlive: true, proxy: proxy.url };
  return secure ? new HttpsProxyAgent(options) : new HttpProxyAgent(options);
}
