import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** A certificate and its key (PEM) for serving HTTPS. */
export interface TlsIdentity {
  readonly key: string;
  readonly cert: string;
}

/** An HTTP (or, given `tls`, HTTPS) listener (default keep-alive) that reports each accepted TCP connection. */
export async function listen(
  handler: RequestListener,
  host: string,
  port: number,
  onConnection: () => void,
  tls?: TlsIdentity,
): Promise<{ server: Server; url: string }> {
  const server: Server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler);
  server.on('connection', onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, url: `${tls ? 'https' : 'http'}://${urlHost}:${address.port}` };
}

/** Stops accepting, drops idle and busy keep-alive sockets, and waits for the close. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
