import { isSecretKey } from './secret-names';
import { redactedMarker } from './secret-shapes';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const maxDepth = 8;
const maxItems = 100;
/** Shared sub-objects are walked once per path: this bounds the whole walk. */
const maxObjects = 1000;

/**
 * Turns a logged value into text with secrets already gone: every string passes through
 * `redactText`, and whatever sits under a key that names a secret is replaced before
 * anything is serialised, so no key or escaping can carry a secret past the patterns.
 */
export function describeValue(value: unknown, redactText: (text: string) => string): string {
  const walker = new SecretWalker(redactText);
  const safe = walker.walk(value, 0);
  return typeof safe === 'string' ? safe : JSON.stringify(safe);
}

class SecretWalker {
  private readonly seen = new Set<object>();
  private objects = 0;

  constructor(private readonly redactText: (text: string) => string) {}

  walk(value: unknown, depth: number): Json {
    if (value === null) return null;
    if (typeof value === 'object') return this.walkObject(value, depth);
    switch (typeof value) {
      case 'string':
        return this.redactText(value);
      case 'number':
        return Number.isFinite(value) ? value : String(value);
      case 'boolean':
        return value;
      case 'undefined':
        return 'undefined';
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return this.redactText(value.toString());
      case 'function':
        return `[function ${this.redactText(value.name || 'anonymous')}]`;
      default:
        return this.redactText(String(value));
    }
  }

  private walkObject(value: object, depth: number): Json {
    if (this.seen.has(value)) return '[circular]';
    if (depth >= maxDepth || ++this.objects > maxObjects) return '[…]';
    this.seen.add(value);
    try {
      return this.walkKnownObject(value, depth + 1);
    } catch {
      return '[unreadable]';
    } finally {
      this.seen.delete(value);
    }
  }

  private walkKnownObject(value: object, depth: number): Json {
    if (value instanceof Error) return this.describeError(value, depth);
    if (Array.isArray(value)) return this.walkItems(value, depth);
    if (value instanceof Set) return this.walkItems([...value], depth);
    if (value instanceof Map) return this.walkEntries([...value], depth);
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      const json: unknown = toJSON.call(value);
      if (json !== value) return this.walk(json, depth);
    }
    return this.walkEntries(Object.entries(value), depth);
  }

  private walkItems(items: readonly unknown[], depth: number): Json[] {
    // As JSON.stringify has them: a missing item is null, a missing property is left out.
    const walked = items.slice(0, maxItems).map((item) => (item === undefined ? null : this.walk(item, depth)));
    if (items.length > maxItems) walked.push(`… ${items.length - maxItems} more`);
    return walked;
  }

  private walkEntries(entries: readonly (readonly [unknown, unknown])[], depth: number): { [key: string]: Json } {
    // No prototype: a logged `__proto__` key is data, not a prototype to set.
    const result = Object.create(null) as { [key: string]: Json };
    for (const [key, item] of entries.slice(0, maxItems)) {
      if (item === undefined) continue;
      const name = typeof key === 'string' ? key : JSON.stringify(this.walk(key, depth));
      result[this.redactText(name)] = this.walkSlot(name, item, depth);
    }
    if (entries.length > maxItems) result['…'] = `${entries.length - maxItems} more`;
    return result;
  }

  private walkSlot(key: string, value: unknown, depth: number): Json {
    return value !== null && isSecretKey(key) ? redactedMarker : this.walk(value, depth);
  }

  /** `Name: message`, then the causes, each redacted on its own. */
  private describeError(error: Error, depth: number): string {
    let text = `${String(error.name)}: ${String(error.message)}`;
    if (error instanceof AggregateError && Array.isArray(error.errors)) {
      const errors = this.walkItems(error.errors, depth).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
      text += ` (errors: ${errors.join('; ')})`;
    }
    if (error.cause !== undefined) {
      const cause = this.walk(error.cause, depth);
      text += ` (cause: ${typeof cause === 'string' ? cause : JSON.stringify(cause)})`;
    }
    return this.redactText(text);
  }
}
