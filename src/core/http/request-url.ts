export type QueryValues = Record<string, string | number | undefined>;

/**
 * `path` below `base` (which may have a path of its own), built on a URL object: the path
 * only ever sets the pathname, so `//host`, `\host` or `@host` in it cannot move the request
 * to another origin, as joining strings and parsing them again would.
 */
export function urlBelow(base: URL, path: string, query: QueryValues = {}): URL {
  const url = new URL(base.origin);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}
