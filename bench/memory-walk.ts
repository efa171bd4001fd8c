import { request, type Agent } from 'undici';

export const benchProjects = 20_000;

/**
 * The memory baseline: every project of every page as `JSON.parse` gives it, kept in one
 * array, with nothing else retained. Stops after `maxPages` (all pages by default, bounded).
 */
export async function rawWalkRetaining(apiUrl: string, dispatcher: Agent, token: string, maxPages = 2 * (benchProjects / 100)): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const url = new URL('/v2/projects', apiUrl);
    url.searchParams.set('limit', '100');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await request(url, { dispatcher, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    if (response.statusCode !== 200) throw new Error(`GET /v2/projects -> ${response.statusCode}`);
    const body = (await response.body.json()) as { data: unknown[]; next_cursor: string | null };
    for (const item of body.data) items.push(item);
    cursor = body.next_cursor ?? undefined;
    if (!cursor) break;
  }
  return items;
}
