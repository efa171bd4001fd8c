import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What a gateway in front of the token endpoint does instead of forwarding: an HTML 502
 * page, a JSON 503 `temporarily_unavailable`, a connection reset, or no answer at all.
 */
export type GatewayFault = 'bad-gateway' | 'unavailable' | 'reset' | 'stall';

export interface FlakyGateway {
  /** Use in place of the server's authUrl. */
  readonly url: string;
  /** The next `count` requests get `fault`; the server never sees them. */
  failNext(count: number, fault: GatewayFault): void;
  readonly counts: { forwarded: number; faulted: number };
  close(): Promise<void>;
}

/**
 * A real HTTP hop between the extension and the local Lucaro's auth origin, as a proxy or
 * load balancer is: it forwards requests unchanged, except the ones it was told to break.
 */
export async function startFlakyGateway(target: string): Promise<FlakyGateway> {
  const faults: GatewayFault[] = [];
  const counts = { forwarded: 0, faulted: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void answer(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const fault = faults.shift();
    if (fault) {
      counts.faulted++;
      if (fault === 'stall') return;
      if (fault === 'reset') return void req.socket.destroy();
      if (fault === 'bad-gateway') return void res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      return void res
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'temporarily_unavailable', error_description: 'try again later' }));
    }
    counts.forwarded++;
    const upstream = await fetch(new URL(req.url ?? '/', target), {
      method: req.method,
      headers: { 'content-type': req.headers['content-type'] ?? 'application/octet-stream', accept: req.headers.accept ?? '*/*' },
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
    });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    failNext(count, fault) {
      for (let i = 0; i < count; i++) faults.push(fault);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
