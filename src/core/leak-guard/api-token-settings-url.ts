/**
 * Where a user rotates an API token. The API contract names the page (Settings > API Tokens)
 * but not the web app's address, so it is derived from the API base: `api.<domain>` gives
 * `<domain>` (production: `https://api.lucaro.dev` -> `https://lucaro.dev`), any other host
 * (a self-hosted or loopback Lucaro) is kept as it is.
 */
export function apiTokenSettingsUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  const host = url.hostname.startsWith('api.') ? url.hostname.slice('api.'.length) : url.hostname;
  const port = url.port ? `:${url.port}` : '';
  return `${url.protocol}//${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}${port}/settings/api-tokens`;
}
