import * as v from 'valibot';

/** One signed-in account as kept in secret storage. */
export const sessionRecordSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  kind: v.picklist(['oauth', 'apiToken']),
  /** Where the tokens were issued; they are never sent anywhere else. */
  server: v.object({ apiUrl: v.string(), authUrl: v.string() }),
  /** `label` is the display name; `email` (absent in records stored before it was kept) the unique one. */
  account: v.object({ id: v.pipe(v.string(), v.minLength(1)), label: v.string(), email: v.optional(v.string()) }),
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
  /**
   * Entries of a readable document that this version cannot read (written by a newer
   * version, or damaged). They are written back unchanged beside the readable ones.
   */
  readonly unreadableEntries: readonly unknown[];
  /**
   * The whole document cannot be read (not JSON, or a `version` this release does not know).
   * Nothing in it can be merged safely, so it must never be overwritten.
   */
  readonly unreadableDocument: boolean;
  /** Token-looking strings inside what could not be read, for the log redactor. */
  readonly unreadableSecrets: readonly string[];
}

export const sessionRecordsVersion = 1;

/** Reads the stored document; never throws, never loses what it cannot read. */
export function parseSessionRecords(serialized: string | undefined): ParsedSessionRecords {
  if (serialized === undefined || serialized === '') return { records: [], unreadableEntries: [], unreadableDocument: false, unreadableSecrets: [] };
  let document: unknown;
  try {
    document = JSON.parse(serialized);
  } catch {
    return { records: [], unreadableEntries: [], unreadableDocument: true, unreadableSecrets: [] };
  }
  if (!isVersionedDocument(document)) {
    return { records: [], unreadableEntries: [], unreadableDocument: true, unreadableSecrets: tokensInUnreadable(document) };
  }
  const records: SessionRecord[] = [];
  const unreadableEntries: unknown[] = [];
  for (const entry of document.sessions) {
    const parsed = v.safeParse(sessionRecordSchema, entry);
    if (parsed.success) records.push(parsed.output);
    else unreadableEntries.push(entry);
  }
  return { records, unreadableEntries, unreadableDocument: false, unreadableSecrets: tokensInUnreadable(unreadableEntries) };
}

/** Readable records first, then the entries kept as they were read. */
export function serializeSessionRecords(records: readonly SessionRecord[], unreadableEntries: readonly unknown[] = []): string {
  return JSON.stringify({ version: sessionRecordsVersion, sessions: [...records, ...unreadableEntries] });
}

/** Every string under a key that names a token, at any depth (bounded). */
function tokensInUnreadable(value: unknown, depth = 0): string[] {
  if (depth > 8 || typeof value !== 'object' || value === null) return [];
  const found: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner === 'string' && /token/i.test(key) && inner.length > 0) found.push(inner);
    else found.push(...tokensInUnreadable(inner, depth + 1));
  }
  return found;
}

function isVersionedDocument(value: unknown): value is { version: number; sessions: unknown[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { version?: unknown }).version === sessionRecordsVersion &&
    Array.isArray((value as { sessions?: unknown }).sessions)
  );
}
