/**
 * An HTTP CONNECT proxy for tests, on 127.0.0.1 (port 0), as corporate proxies work: it opens a
 * tunnel to the host:port a client asks for (resolving names itself, through `hosts`), answers
 * 407 without the credentials it was given, and logs every request. It only ever connects to
 * loopback addresses, so no test leaves the machine through it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ProxyRequest {
  method: string;
  /** host:port asked for. */
  target: string;
  /** Whether a Proxy-Authorization header came (its value is never logged). */
  authorized: boolean;
  /** The answer: 200 (tunnel open), 407, 403, 502. */
  status: number;
}

const LOOPBACK = new Set(['127.0.0.1', '0.0.0.0', 'localhost', '::1']);

export class ConnectProxy {
  readonly requests: ProxyRequest[] = [];
  url = '';
  private server!: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly hosts: Record<string, string>,
    private readonly credentials: string | undefined,
  ) {}

  /** `hosts`: name → loopback address the proxy connects to; `credentials`: `user:password` it asks for. */
  static async start(options: { hosts?: Record<string, string>; credentials?: string } = {}): Promise<ConnectProxy> {
    const p = new ConnectProxy(options.hosts ?? {}, options.credentials);
    p.server = createServer((req, res) => {
      p.requests.push({ method: req.method ?? '', target: req.url ?? '', authorized: req.headers['proxy-authorization'] !== undefined, status: 405 });
      res.writeHead(405).end();
    });
    p.server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => p.tunnel(req, socket, head));
    p.server.on('connection', (s: Socket) => {
      p.sockets.add(s);
      s.on('close', () => p.sockets.delete(s));
    });
    await new Promise<void>((resolve) => p.server.listen(0, '127.0.0.1', resolve));
    p.url = `http://127.0.0.1:${(p.server.address() as AddressInfo).port}`;
    return p;
  }

  private tunnel(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const target = req.url ?? '';
    const entry: ProxyRequest = { method: 'CONNECT', target, authorized: req.headers['proxy-authorization'] !== undefined, status: 0 };
    this.requests.push(entry);
    const answer = (status: number, text: string, extra = '') => {
      entry.status = status;
      socket.end(`HTTP/1.1 ${status} ${text}\r\n${extra}\r\n`);
    };
    if (this.credentials !== undefined && req.headers['proxy-authorization'] !== `Basic ${Buffer.from(this.credentials).toString('base64')}`) {
      answer(407, 'Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="test"\r\n');
      return;
    }
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    const host = m ? (this.hosts[m[1]!] ?? m[1]!) : '';
    if (!m || !LOOPBACK.has(host)) {
      answer(403, 'Forbidden');
      return;
    }
    const upstream = connect(Number(m[2]), host, () => {
      entry.status = 200;
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => (entry.status === 0 ? answer(502, 'Bad Gateway') : socket.destroy()));
    socket.on('error', () => upstream.destroy());
  }

  /** The tunnels opened (CONNECT answered 200), as host:port. */
  tunnels(): string[] {
    return this.requests.filter((r) => r.method === 'CONNECT' && r.status === 200).map((r) => r.target);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
