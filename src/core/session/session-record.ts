import * as v from 'valibot';

/** One signed-in account as kept in secret storage. */
export const sessionRecordSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  kind: v.picklist(['oauth', 'apiToken']),
  /** Where the tokens were issued; they are never sent anywhere else. */
  server: v.object({ apiUrl: v.string(), authUrl: v.string() }),
  account: v.object({ id: v.pipe(v.string(), v.minLength(1)), label: v.string() }),
  accessToken: v.pipe(v.string(), v.minLength(1)),
  refreshToken: v.optional(v.pipe(v.string(), v.minLength(1))),
  expiresAt: v.optional(v.number()),
  receivedAt: v.optional(v.number()),
  scopes: v.array(v.string()),
});

export type SessionRecord = v.InferOutput<typeof sessionRecordSchema>;

export type LucaroServerUrls = SessionRecord['server'];

export function sameServer(a: LucaroServerUrls, b: LucaroServerUrls): boolean {
  return a.apiUrl === b.apiUrl && a.authUrl === b.authUrl;
}

export interface ParsedSessionRecords {
  readonly records: SessionRecord[];
  /** How many stored entries could not be read (each one dropped on its own). */
  readonly dropped: number;
}

export const sessionRecordsVersion = 1;

/** Reads the stored document; an unreadable entry drops only that entry. */
export function parseSessionRecords(serialized: string | undefined): ParsedSessionRecords {
  if (serialized === undefined || serialized === '') return { records: [], dropped: 0 };
  let document: unknown;
  try {
    document = JSON.parse(serialized);
  } catch {
    return { records: [], dropped: 1 };
  }
  const entries = isVersionedDocument(document) ? document.sessions : undefined;
  if (!entries) return { records: [], dropped: 1 };
  const records: SessionRecord[] = [];
  let dropped = 0;
  for (const entry of entries) {
    const parsed = v.safeParse(sessionRecordSchema, entry);
    if (parsed.success) records.push(parsed.output);
    else dropped++;
  }
  return { records, dropped };
}

export function serializeSessionRecords(records: readonly SessionRecord[]): string {
  return JSON.stringify({ version: sessionRecordsVersion, sessions: records });
}

function isVersionedDocument(value: unknown): value is { version: number; sessions: unknown[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { version?: unknown }).version === sessionRecordsVersion &&
    Array.isArray((value as { sessions?: unknown }).sessions)
  );
}
