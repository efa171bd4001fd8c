import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';

export interface LocalServer {
  url: string;
  port: number;
  /** Headers of every request received, in order. */
  requests: { method: string; url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** A bare node:http server on loopback for cases the Lucaro server does not stage. */
export async function startLocalServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  return {
    ...(await listenOnLoopback(server)),
    requests,
    close: () => closeServer(server, () => server.closeAllConnections()),
  };
}

export interface RawServer {
  url: string;
  /** The head (request line and headers) of every request received, in order. */
  heads: string[];
  /** Connections opened and closed so far: a closed one is a socket freed on both ends. */
  connections: { opened: number; closed: number };
  close(): Promise<void>;
}

/**
 * A TCP server on loopback that answers below HTTP: `onRequest` writes whatever bytes it
 * likes on the socket, for servers that drip, stall or send far too much.
 */
export async function startRawServer(onRequest: (socket: Socket, head: string) => void): Promise<RawServer> {
  const heads: string[] = [];
  const connections = { opened: 0, closed: 0 };
  const sockets = new Set<Socket>();
  let closing = false;
  const server = createNetServer((socket) => {
    // A connection that arrives while the server closes would hold close() open for good.
    if (closing) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    connections.opened += 1;
    socket.on('close', () => {
      sockets.delete(socket);
      connections.closed += 1;
    });
    // The client may cut the connection at any moment; that is what these tests provoke.
    socket.on('error', () => undefined);
    readRequests(socket, (head) => {
      heads.push(head);
      onRequest(socket, head);
    });
  });
  return {
    url: (await listenOnLoopback(server)).url,
    heads,
    connections,
    close: () => {
      closing = true;
      return closeServer(server, () => sockets.forEach((socket) => socket.destroy()));
    },
  };
}

async function listenOnLoopback(server: NetServer): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port };
}

function closeServer(server: NetServer, dropConnections: () => void): Promise<void> {
  return new Promise<void>((resolve) => {
    dropConnections();
    server.close(() => resolve());
  });
}

/** Request heads as they arrive on a keep-alive connection, request bodies skipped. */
function readRequests(socket: Socket, onHead: (head: string) => void): void {
  let buffered = Buffer.alloc(0);
  let bodyLeft = 0;
  socket.on('data', (data: Buffer) => {
    buffered = Buffer.concat([buffered, data]);
    for (;;) {
      const skipped = Math.min(bodyLeft, buffered.length);
      buffered = buffered.subarray(skipped);
      bodyLeft -= skipped;
      const end = buffered.indexOf('\r\n\r\n');
      if (bodyLeft > 0 || end < 0) return;
      const head = buffered.subarray(0, end).toString('latin1');
      buffered = buffered.subarray(end + 4);
      bodyLeft = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0);
      onHead(head);
    }
  });
}

/**
 * Headers at once, then the body one byte every `intervalMs` (JSON whitespace, so it stays
 * valid), and after `forMs` the `finalBody`: a client without a total deadline waits it all out.
 */
export function dripResponse(socket: Socket, options: { intervalMs: number; forMs: number; finalBody: string }): void {
  socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
  const started = Date.now();
  const timer = setInterval(() => {
    if (socket.destroyed) return clearInterval(timer);
    if (Date.now() - started < options.forMs) {
      socket.write('1\r\n \r\n');
      return;
    }
    clearInterval(timer);
    const body = Buffer.from(options.finalBody);
    socket.write(`${body.length.toString(16)}\r\n`);
    socket.write(body);
    socket.write('\r\n0\r\n\r\n');
  }, options.intervalMs);
  socket.on('close', () => clearInterval(timer));
}

/** A complete response with a fixed body. */
export function rawResponse(socket: Socket, status: number, body: string, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(body);
  const head = Object.entries({ 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(`HTTP/1.1 ${status} Status\r\n${head}\r\n`);
  socket.write(bytes);
}
