import { describeValue } from './describe-value';
import { secretForms } from './secret-forms';
import { redactedMarker, redactSecretShapes } from './secret-shapes';

export { redactedMarker } from './secret-shapes';

/** Shorter values would hide ordinary words; real tokens and client secrets are far longer. */
export const minimumSecretLength = 8;

/**
 * A marker can sit next to text that, together with it, spells a secret again (a secret
 * that ends in `[red`); a few passes settle that, and text that still changes after them
 * is replaced whole rather than let through.
 */
const maxPasses = 4;

/**
 * The one place secrets are removed from text bound for a log or an error message: every
 * secret this window holds, by value and in its encoded forms, plus anything that sits
 * where a credential is kept (`token=`, `"refresh_token":`, `Bearer`, `user:pass@`).
 */
export class SecretRedactor {
  private readonly forms = new Set<string>();

  remember(...secrets: (string | undefined)[]): void {
    for (const secret of secrets) {
      if (!secret || secret.length < minimumSecretLength) continue;
      for (const form of secretForms(secret)) {
        if (form.length >= minimumSecretLength && !redactedMarker.includes(form)) this.forms.add(form);
      }
    }
  }

  redact(text: string): string {
    let current = text;
    for (let pass = 0; pass < maxPasses; pass++) {
      const next = redactSecretShapes(this.redactKnownSecrets(current));
      if (next === current) return current;
      current = next;
    }
    return redactedMarker;
  }

  /** Any logged value as text: objects are walked and redacted before they are serialised. */
  redactValue(value: unknown): string {
    return this.redact(describeValue(value, (text) => this.redact(text)));
  }

  /**
   * Every occurrence of every form, overlapping ones merged into one marker: a secret that
   * contains another, or overlaps it, goes whole and leaves no tail.
   */
  private redactKnownSecrets(text: string): string {
    const spans: [number, number][] = [];
    for (const form of this.forms) {
      for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) spans.push([at, at + form.length]);
    }
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0]);
    let result = '';
    let kept = 0;
    let end = -1;
    for (const [start, stop] of spans) {
      if (start > end) {
        if (end >= 0) result += redactedMarker;
        result += text.slice(kept, start);
        end = stop;
      } else {
        end = Math.max(end, stop);
      }
      kept = end;
    }
    return result + redactedMarker + text.slice(kept);
  }
}
