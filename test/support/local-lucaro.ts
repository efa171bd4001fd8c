import { after, before } from 'node:test';
import type { HttpDispatcher } from '../../src/core/http/dispatcher';
import { createHttpDispatcher } from '../../src/core/node/undici-dispatcher';
import { startLucaroServer, type LucaroServer, type LucaroServerOptions } from '../server/index';

export interface LocalLucaro {
  /** Throws when read before the enclosing suite's `before` hooks have run. */
  readonly server: LucaroServer;
}

/**
 * A fresh local Lucaro for the enclosing `describe` (or file): started before its tests,
 * closed after them. Hooks run in the order they are registered, so a caller's own `before`
 * registered after this call sees the server, and its own `after` registered before this
 * call runs while the server is still up.
 */
export function useLocalLucaroServer(options: LucaroServerOptions = {}): LocalLucaro {
  let server: LucaroServer | undefined;
  before(async () => {
    server = await startLucaroServer(options);
  });
  after(async () => {
    await server?.close();
  });
  return {
    get server(): LucaroServer {
      if (!server) throw new Error('the local Lucaro has not started');
      return server;
    },
  };
}

/** The local Lucaro of `useLocalLucaroServer` and one connection pool beside it, closed after it. */
export function useLocalLucaro(
  options: LucaroServerOptions = {},
  createDispatcher: () => HttpDispatcher = () => createHttpDispatcher({ env: {} }),
): LocalLucaro & { readonly dispatcher: HttpDispatcher } {
  const local = useLocalLucaroServer(options);
  const dispatcher = createDispatcher();
  after(() => dispatcher.close());
  return {
    dispatcher,
    get server(): LucaroServer {
      return local.server;
    },
  };
}
