import { sameTokens } from './session-mutations';
import type { SessionRecord } from './session-record';

export interface SessionsChange {
  readonly added: readonly SessionRecord[];
  readonly removed: readonly SessionRecord[];
  readonly changed: readonly SessionRecord[];
}

/** What a window reports when its usable sessions went from `before` to `after`. */
export function sessionsChange(before: readonly SessionRecord[], after: readonly SessionRecord[]): SessionsChange {
  const earlier = new Map(before.map((record) => [record.id, record]));
  const later = new Set(after.map((record) => record.id));
  return {
    added: after.filter((record) => !earlier.has(record.id)),
    removed: before.filter((record) => !later.has(record.id)),
    changed: after.filter((record) => {
      const previous = earlier.get(record.id);
      return previous !== undefined && !sameTokens(previous, record);
    }),
  };
}

export function isEmptyChange(change: SessionsChange): boolean {
  return change.added.length === 0 && change.removed.length === 0 && change.changed.length === 0;
}
