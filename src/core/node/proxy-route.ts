/**
 * The editor's network settings as the Node dispatcher takes them: `http.*` plus the
 * environment the editor's own proxy resolver reads. Plain data, read once per change.
 */
export interface NetworkOptions {
  /** `http.proxySupport`: `off` sends everything direct, as the editor does. */
  readonly proxySupport?: 'off' | 'on' | 'override' | 'fallback';
  /** `http.proxy`; empty falls back to HTTPS_PROXY / HTTP_PROXY from `env`. */
  readonly proxyUrl?: string;
  /** `http.proxyAuthorization`: the Proxy-Authorization value sent on the CONNECT, never to Lucaro. */
  readonly proxyAuthorization?: string;
  /** `http.noProxy`; when it has entries, NO_PROXY from `env` is ignored (the editor's rule). */
  readonly noProxy?: readonly string[];
  /** `http.proxyStrictSSL`; `false` stops certificate verification, as it does in the editor. */
  readonly proxyStrictSSL?: boolean;
  /** `http.systemCertificates`: trust the OS certificate store besides Node's bundled roots. */
  readonly systemCertificates?: boolean;
  /** Defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export type DirectReason = 'loopback' | 'plain-http' | 'proxy-support-off' | 'no-proxy' | 'no-proxy-configured';

/** How one request leaves the machine. */
export type ProxyRoute = { readonly kind: 'direct'; readonly reason: DirectReason } | { readonly kind: 'proxy'; readonly proxyUrl: string };

/**
 * The hosts the editor always sends direct (`@vscode/proxy-agent`, `useProxySettings`): exactly
 * these names, and `::ffff:7f00:1`, which is how a WHATWG URL writes `::ffff:127.0.0.1`.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1']);
/** Proxy schemes undici's ProxyAgent speaks. The editor also takes socks4/socks5h, which undici does not. */
const PROXY_SCHEMES = new Set(['http:', 'https:', 'socks:', 'socks5:']);

/**
 * Compiles the settings once into the per-request decision: direct, or through which proxy.
 * Mirrors the editor's resolver in its order: loopback direct; `http.noProxy` (or, when that
 * is empty, NO_PROXY); `http.proxy`; HTTPS_PROXY / HTTP_PROXY. The OS/PAC step the editor takes
 * last is not reachable from an extension (see CONTRIBUTING.md), so no proxy there means direct.
 * One rule of our own: an `http:` origin never goes through a proxy, so a bearer token never
 * crosses a proxy in clear text (the URL settings allow `http:` for loopback only).
 */
export function compileProxyRoute(options: NetworkOptions): (url: URL) => ProxyRoute {
  const env = options.env ?? process.env;
  const proxyUrl = proxyFromUrl(options.proxyUrl) ?? proxyFromUrl(env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY);
  const configured = (options.noProxy ?? []).filter((entry) => typeof entry === 'string');
  const bypass = configured.length > 0
    ? compileNoProxy(configured.map((entry) => entry.trim().toLowerCase()))
    : compileNoProxy((env.no_proxy || env.NO_PROXY || '').trim().toLowerCase().split(','));
  const off = options.proxySupport === 'off';

  return (url) => {
    const hostname = bareHostname(url);
    if (LOOPBACK_HOSTS.has(hostname)) return { kind: 'direct', reason: 'loopback' };
    if (url.protocol !== 'https:') return { kind: 'direct', reason: 'plain-http' };
    if (off) return { kind: 'direct', reason: 'proxy-support-off' };
    if (bypass(hostname, url.port || '443')) return { kind: 'direct', reason: 'no-proxy' };
    return proxyUrl === undefined ? { kind: 'direct', reason: 'no-proxy-configured' } : { kind: 'proxy', proxyUrl };
  };
}

/** `[::1]` as the editor's legacy URL parser names it: `::1`. */
function bareHostname(url: URL): string {
  const { hostname } = url;
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** The editor's `proxyFromConfigURL`: a URL with a scheme, else nothing (then the next source is asked). */
function proxyFromUrl(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || !trimmed.includes('://')) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  return PROXY_SCHEMES.has(url.protocol) ? trimmed : undefined;
}

/**
 * The editor's `shouldBypassProxy` (`@vscode/proxy-agent` 0.45, in code-server 4.139.1) over
 * lower-cased entries: `*` anywhere bypasses everything; otherwise an entry `name` or
 * `name:port` bypasses the host `name` and its subdomains (`.name` the same), on that port
 * only when one is given. Names are never resolved, and there are no address ranges.
 */
export function compileNoProxy(entries: readonly string[]): (hostname: string, port: string) => boolean {
  if (entries.includes('*')) return () => true;
  const filters = entries
    .map((entry) => entry.trim().split(':', 2))
    .filter(([name]) => !!name)
    .map(([name, port]) => ({ domain: name!.startsWith('.') ? name! : `.${name!}`, port }));
  return (hostname, port) => filters.some((filter) => `.${hostname.toLowerCase()}`.endsWith(filter.domain) && (!filter.port || filter.port === port));
}
