import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CallbackOutcome } from '../auth/pending-authorizations';

export interface LoopbackPages {
  readonly accepted: string;
  readonly denied: string;
  readonly ignored: string;
}

const loopbackAddress = '127.0.0.1';
const callbackPath = '/callback';

/** Long enough for a browser on a busy machine, short enough that a stalled client does not hold a socket. */
const requestTimeoutMs = 10_000;

/**
 * RFC 8252 §7.3: a one-sign-in HTTP server on 127.0.0.1 with a port the system picks.
 * It hands the raw query of every `GET /callback` to `onCallback` and shows the user a page
 * saying whether they can close the tab. Every request gets an answer and none can throw;
 * a request naming another host is refused (DNS rebinding), and once a callback has been
 * taken (accepted or denied) the port closes.
 */
export class LoopbackCallbackServer {
  private readonly server: Server;
  /** `127.0.0.1:<port>`, known once listening (no request can arrive before). */
  private advertisedHost = '';
  private stopped: Promise<void> | undefined;

  private constructor(
    private readonly onCallback: (rawQuery: string) => CallbackOutcome,
    private readonly pages: LoopbackPages,
  ) {
    this.server = createServer({ requestTimeout: requestTimeoutMs, headersTimeout: requestTimeoutMs, keepAliveTimeout: 1000 });
    this.server.on('request', (request, response) => this.answerSafely(request, response));
    this.server.on('clientError', answerUnparsable);
    // Without these listeners Node drops CONNECT and Upgrade requests without a word.
    this.server.on('connect', (_request: IncomingMessage, socket: Socket) => refuseRaw(socket, '405 Method Not Allowed'));
    this.server.on('upgrade', (_request: IncomingMessage, socket: Socket) => refuseRaw(socket, '400 Bad Request'));
  }

  static async start(onCallback: (rawQuery: string) => CallbackOutcome, pages: LoopbackPages): Promise<LoopbackCallbackServer> {
    const loopback = new LoopbackCallbackServer(onCallback, pages);
    await new Promise<void>((resolve, reject) => {
      loopback.server.once('error', reject);
      loopback.server.listen(0, loopbackAddress, () => {
        loopback.server.off('error', reject);
        loopback.advertisedHost = `${loopbackAddress}:${(loopback.server.address() as AddressInfo).port}`;
        resolve();
      });
    });
    // Once listening, a server error has nobody to go to; without a listener it would crash the host.
    loopback.server.on('error', () => undefined);
    return loopback;
  }

  get redirectUri(): string {
    return `http://${this.advertisedHost}${callbackPath}`;
  }

  /** Ends every connection and stops listening; safe to call more than once. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await this.stopListening();
  }

  private stopListening(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => this.server.close(() => resolve()));
    return this.stopped;
  }

  private answerSafely(request: IncomingMessage, response: ServerResponse): void {
    // The body of a request is never read; discarding it lets the answer go out.
    request.resume();
    try {
      this.answer(request, response);
    } catch {
      if (!response.headersSent) send(response, 500, 'Internal error');
      else response.destroy();
    }
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    if (!this.isAdvertisedHost(request)) return send(response, 421, 'This server answers only for the address it gave out.');
    const { path, query } = splitTarget(request.url ?? '');
    if (path !== callbackPath) return send(response, 404, 'Not found');
    if (request.method !== 'GET') return send(response, 405, 'Method not allowed', { allow: 'GET' });
    const outcome = this.onCallback(query);
    send(response, outcome === 'ignored' ? 400 : 200, this.pages[outcome], {
      'content-type': 'text/html; charset=utf-8',
      'referrer-policy': 'no-referrer',
    });
    // The sign-in this server was for has its answer: nothing else may reach the port.
    if (outcome !== 'ignored') void this.stopListening();
  }

  /** Exactly one `Host` header, naming the address in the redirect URI (a rebound DNS name is refused). */
  private isAdvertisedHost(request: IncomingMessage): boolean {
    const hosts = request.headersDistinct['host'];
    return hosts?.length === 1 && hosts[0]?.toLowerCase() === this.advertisedHost;
  }
}

/** Only an origin-form target (`/path?query`) can be the callback; the fragment is never sent, so `#` ends it. */
function splitTarget(target: string): { path: string; query: string } {
  const withoutFragment = target.split('#', 1)[0] ?? '';
  const questionMark = withoutFragment.indexOf('?');
  if (questionMark === -1) return { path: withoutFragment, query: '' };
  return { path: withoutFragment.slice(0, questionMark), query: withoutFragment.slice(questionMark + 1) };
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response
    .writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // One request per connection: no idle socket keeps the port busy after the sign-in.
      connection: 'close',
      ...headers,
    })
    .end(body);
}

/** A request Node could not parse (or that timed out) still gets an answer when the socket can take one. */
function answerUnparsable(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  refuseRaw(socket, status);
}

function refuseRaw(socket: Socket, status: string): void {
  socket.on('error', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function loopbackPage(title: string, message: string): string {
  const escape = (text: string) =>
    text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:32rem;text-align:center;color:#222}</style></head>
<body><h1 id="title">${escape(title)}</h1><p id="message">${escape(message)}</p></body></html>`;
}
