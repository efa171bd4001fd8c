import { badRequest } from './api-error';

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface PageRequest {
  offset: number;
  limit: number;
}

const defaultLimit = 50;
const maxLimit = 100;

/** `?limit=` (1-100, default 50) and `?cursor=` (opaque: base64url of the offset). */
export function parsePageRequest(query: Record<string, unknown>): PageRequest {
  const rawLimit = query['limit'];
  let limit = defaultLimit;
  if (rawLimit !== undefined) {
    if (typeof rawLimit !== 'string' || !/^\d{1,3}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > maxLimit) {
      throw badRequest(`limit must be an integer from 1 to ${maxLimit}.`);
    }
    limit = Number(rawLimit);
  }
  const rawCursor = query['cursor'];
  let offset = 0;
  if (rawCursor !== undefined) {
    const decoded = typeof rawCursor === 'string' ? decodeCursor(rawCursor) : undefined;
    if (decoded === undefined) throw badRequest('cursor is not one this server issued.');
    offset = decoded;
  }
  return { offset, limit };
}

export function pageOf<T>(total: number, { offset, limit }: PageRequest, itemAt: (index: number) => T): Page<T> {
  const end = Math.min(total, offset + limit);
  const data: T[] = [];
  for (let index = offset; index < end; index++) data.push(itemAt(index));
  return { data, next_cursor: end < total ? encodeCursor(end) : null };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return undefined;
  const offset = Number(match[1]);
  // Only canonical spellings: anything else was not produced here.
  return encodeCursor(offset) === cursor ? offset : undefined;
}
