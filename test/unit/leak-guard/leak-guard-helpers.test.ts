import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { apiTokenSettingsUrl } from '../../../src/core/leak-guard/api-token-settings-url';
import { environmentReference } from '../../../src/core/leak-guard/env-reference';
import { isIgnored, parseIgnoredSecrets, withIgnored } from '../../../src/core/leak-guard/ignored-secrets';
import { looksBinary, maximumScanBytes, maximumScanOnEditLength, scannedOnEdit, tooLargeToScan } from '../../../src/core/leak-guard/scan-limits';
import { lineStarts, positionAt } from '../../../src/core/leak-guard/text-positions';

const runs = { numRuns: 1000 };

/** The editor's view of a position: split on \r\n, \n or \r and count. */
function naivePosition(text: string, offset: number) {
  const before = text.slice(0, offset).split(/\r\n|\n|\r/);
  // An offset between \r and \n belongs to the line the \r ends.
  const line = before.length - 1;
  return { line, character: before[line]!.length };
}

describe('text positions (property)', () => {
  test('positionAt agrees with splitting the text on its line breaks', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\n', '\r', '\r\n', ' '), maxLength: 40 });
    fc.assert(
      fc.property(text, fc.nat(), (value, pick) => {
        const offset = pick % (value.length + 1);
        // Offsets inside a \r\n pair are not positions the editor hands out.
        fc.pre(!(value[offset - 1] === '\r' && value[offset] === '\n'));
        assert.deepEqual(positionAt(lineStarts(value), offset), naivePosition(value, offset));
      }),
      runs,
    );
  });

  test('the line starts up to an offset place every offset before it as the whole text\'s do', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\n', '\r', '\r\n', ' '), maxLength: 40 });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (value, first, second) => {
        const until = first % (value.length + 1);
        const offset = second % (until + 1);
        fc.pre(!(value[offset - 1] === '\r' && value[offset] === '\n'));
        assert.deepEqual(positionAt(lineStarts(value, until), offset), naivePosition(value, offset));
        assert.ok(lineStarts(value, until).every((start) => start <= until));
      }),
      runs,
    );
  });
});

describe('ignored secrets (property)', () => {
  test('parse keeps exactly the well-formed entries and never throws; withIgnored adds without losing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.webUrl(), fc.base64String({ minLength: 4, maxLength: 44 }), (stored, uri, fingerprint) => {
        const parsed = parseIgnoredSecrets(stored);
        for (const [key, list] of Object.entries(parsed)) {
          assert.ok(Array.isArray(list));
          for (const entry of list) assert.equal(typeof entry, 'string');
          assert.ok(typeof stored === 'object' && stored !== null && key in stored);
        }
        const next = withIgnored(parsed, uri, fingerprint);
        assert.ok(isIgnored(next, uri, fingerprint));
        for (const [key, list] of Object.entries(parsed)) for (const entry of list) assert.ok(isIgnored(next, key, entry));
        assert.deepEqual(withIgnored(next, uri, fingerprint), next);
      }),
      runs,
    );
  });
});

describe('leak guard helpers', () => {
  test('an environment reference where the file type has one, and none elsewhere', () => {
    assert.equal(environmentReference('/w/.env', 'plaintext', 'apiToken'), '${LUCARO_API_TOKEN}');
    assert.equal(environmentReference('/w/.env.local', 'dotenv', 'accessToken'), '${LUCARO_ACCESS_TOKEN}');
    assert.equal(environmentReference('/w/deploy.sh', 'shellscript', 'refreshToken'), '${LUCARO_REFRESH_TOKEN}');
    assert.equal(environmentReference('/w/.vscode/settings.json', 'jsonc', 'apiToken'), '${env:LUCARO_API_TOKEN}');
    assert.equal(environmentReference('/w/notes.md', 'markdown', 'apiToken'), undefined);
    assert.equal(environmentReference('/w/app.ts', 'typescript', 'apiToken'), undefined);
  });

  test("the API token settings page on the web app beside the API (derived: the contract gives no web address)", () => {
    assert.equal(apiTokenSettingsUrl('https://api.lucaro.dev'), 'https://lucaro.dev/settings/api-tokens');
    assert.equal(apiTokenSettingsUrl('https://lucaro.example.com/api'), 'https://lucaro.example.com/settings/api-tokens');
    assert.equal(apiTokenSettingsUrl('http://[::1]:4000'), 'http://[::1]:4000/settings/api-tokens');
    assert.equal(apiTokenSettingsUrl('http://127.0.0.1:4000/'), 'http://127.0.0.1:4000/settings/api-tokens');
  });

  test('binary is a NUL in the first 8 KB; the size limit is 5 MB', () => {
    assert.equal(looksBinary(new TextEncoder().encode('LUCARO=abc\n')), false);
    assert.equal(looksBinary(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00])), true);
    const lateNul = new Uint8Array(9000).fill(0x61);
    lateNul[8500] = 0;
    assert.equal(looksBinary(lateNul), false);
    assert.equal(tooLargeToScan(maximumScanBytes), false);
    assert.equal(tooLargeToScan(maximumScanBytes + 1), true);
  });

  test('a text over 1 M UTF-16 units is scanned on open and save only, not after each edit (issue 19)', () => {
    assert.equal(maximumScanOnEditLength, 1024 * 1024);
    assert.equal(scannedOnEdit(maximumScanOnEditLength), true);
    assert.equal(scannedOnEdit(maximumScanOnEditLength + 1), false);
    assert.equal(scannedOnEdit(maximumScanBytes), false);
  });
});
