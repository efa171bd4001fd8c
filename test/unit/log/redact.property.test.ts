import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import fc from 'fast-check';
import type { Logger } from '../../../src/core/log/logger';
import { SecretRedactor } from '../../../src/core/log/redact';
import { createRedactingLogger } from '../../../src/core/log/redacting-logger';
import {
  leakedForms,
  ordinaryText,
  ordinaryValue,
  secretContext,
  secretName,
  secretSet,
  slotContext,
  tokenShaped,
} from './redaction-arbitraries';

const runs = { numRuns: 1000 };

function capturingLogger(redactor: SecretRedactor): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const push = (message: string | Error): void => void lines.push(String(message));
  const logger = createRedactingLogger({ trace: push, debug: push, info: push, warn: push, error: push }, redactor);
  return { logger, lines };
}

/** Everything one logged value becomes: through the logger and through `redactValue`. */
function outputs(redactor: SecretRedactor, value: unknown): string[] {
  const { logger, lines } = capturingLogger(redactor);
  logger.warn('Refresh failed', value);
  logger.error(value instanceof Error ? value : String(value));
  return [...lines, redactor.redactValue(value)];
}

const percentDecoded = (text: string): string =>
  text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });

describe('SecretRedactor properties', () => {
  test('no registered secret survives, in any form, in any context', () => {
    fc.assert(
      fc.property(secretSet, secretContext, fc.nat(), (secrets, context, pick) => {
        const redactor = new SecretRedactor();
        redactor.remember(...secrets);
        const secret = secrets[pick % secrets.length]!;
        for (const output of outputs(redactor, context(secret))) {
          for (const registered of secrets) {
            for (const form of leakedForms(registered)) {
              assert.ok(!output.includes(form), `${JSON.stringify(form)} survived in ${JSON.stringify(output)}`);
            }
          }
        }
      }),
      runs,
    );
  });

  test('secrets that contain or overlap each other leave no tail', () => {
    const sentinel = fc.string({ unit: fc.constantFrom(...'αβγδεζηθικλμ'), minLength: 4, maxLength: 8 });
    const wrap = fc.constantFrom(
      (text: string) => text,
      (text: string) => JSON.stringify({ error_description: text }),
      (text: string) => `GET /cb?x=${encodeURIComponent(text)}`,
      (text: string) => new URLSearchParams({ v: text }).toString(),
    );
    fc.assert(
      fc.property(sentinel, sentinel, sentinel, fc.boolean(), wrap, ordinaryText, (x, y, z, overlap, place, around) => {
        // Either two secrets overlap (x+y, y+z) or one contains the other (y+z inside x+y+z),
        // registered shortest first, as a refresh would.
        const secrets = overlap ? [`${x}${y}`, `${y}${z}`] : [`${y}${z}`, `${x}${y}${z}`];
        const redactor = new SecretRedactor();
        redactor.remember(...secrets);
        for (const output of outputs(redactor, `${around} ${place(`${x}${y}${z}`)} ${around}`)) {
          assert.doesNotMatch(percentDecoded(output), /[α-μ]/, `a piece of a secret survived in ${output}`);
        }
      }),
      runs,
    );
  });

  test('no token-shaped credential in a secret-named slot survives, whatever the name\'s case', () => {
    fc.assert(
      fc.property(secretName, tokenShaped, slotContext, (name, credential, context) => {
        const placeholder = context(name, '\u0000');
        const background = typeof placeholder === 'string' ? placeholder : inspect(placeholder, { depth: 20 });
        const spellings = [credential, encodeURIComponent(credential)];
        fc.pre(spellings.every((spelling) => !background.includes(spelling)));
        const redactor = new SecretRedactor();
        for (const output of outputs(redactor, context(name, credential))) {
          for (const spelling of spellings) {
            assert.ok(!output.includes(spelling), `${spelling} in the ${name} slot survived in ${JSON.stringify(output)}`);
          }
        }
      }),
      runs,
    );
  });

  test('text and values without secrets pass through unchanged', () => {
    fc.assert(
      fc.property(fc.array(tokenShaped, { maxLength: 3 }), ordinaryText, ordinaryValue, (secrets, text, value) => {
        const serialised = typeof value === 'string' ? value : JSON.stringify(value);
        const lowerHex = (form: string): string => form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
        fc.pre(secrets.every((secret) => leakedForms(secret).every((form) => ![text, serialised].some((t) => t.includes(form) || t.includes(lowerHex(form))))));
        const redactor = new SecretRedactor();
        redactor.remember(...secrets);
        assert.equal(redactor.redact(text), text);
        assert.equal(redactor.redactValue(text), text);
        assert.equal(redactor.redactValue(value), serialised);
        assert.equal(redactor.redactValue(new Error(text)), `Error: ${text}`);
      }),
      runs,
    );
  });
});
