import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallbackOutcome } from './pending-authorizations';

export interface LoopbackPages {
  readonly accepted: string;
  readonly denied: string;
  readonly ignored: string;
}

/**
 * RFC 8252 §7.3: a one-sign-in HTTP server on 127.0.0.1 with a port the system picks.
 * It hands every `/callback` query to `onCallback` and shows the user a page saying
 * whether they can close the tab.
 */
export class LoopbackCallbackServer {
  private constructor(
    private readonly server: Server,
    readonly redirectUri: string,
  ) {}

  static async start(onCallback: (query: string) => CallbackOutcome, pages: LoopbackPages): Promise<LoopbackCallbackServer> {
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (request.method !== 'GET' || url.pathname !== '/callback') {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const outcome = onCallback(url.search);
      response
        .writeHead(outcome === 'ignored' ? 400 : 200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        })
        .end(pages[outcome]);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new LoopbackCallbackServer(server, `http://127.0.0.1:${port}/callback`);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function loopbackPage(title: string, message: string): string {
  const escape = (text: string) =>
    text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:32rem;text-align:center;color:#222}</style></head>
<body><h1 id="title">${escape(title)}</h1><p id="message">${escape(message)}</p></body></html>`;
}
