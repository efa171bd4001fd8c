import type { Dispatcher } from 'undici';
import { PROXY_AUTH_REQUIRED_CODE, PROXY_REFUSED_CODE } from '../http/network-failure';

/** The proxy answered the CONNECT with something other than 200: the tunnel was refused. */
export class ProxyRefusedError extends Error {
  override readonly name = 'ProxyRefusedError';
  readonly code: string;
  constructor(readonly status: number) {
    super(`the proxy answered the tunnel request with HTTP ${status}`);
    this.code = status === 407 ? PROXY_AUTH_REQUIRED_CODE : PROXY_REFUSED_CODE;
  }
}

/**
 * The proxy agent's connection to the proxy, reporting a refused CONNECT as a typed error:
 * undici's own is a generic abort whose only trace of the status is its message.
 */
export function refusalAwareProxyClient<T extends Dispatcher>(client: T): T {
  const connect = client.connect.bind(client) as (options: Dispatcher.ConnectOptions) => Promise<Dispatcher.ConnectData>;
  const refusing = async (options: Dispatcher.ConnectOptions): Promise<Dispatcher.ConnectData> => {
    const answer = await connect(options);
    if (answer.statusCode !== 200) {
      answer.socket.on('error', () => undefined).destroy();
      throw new ProxyRefusedError(answer.statusCode);
    }
    return answer;
  };
  return Object.assign(client, { connect: refusing });
}
