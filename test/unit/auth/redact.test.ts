import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SecretRedactor } from '../../../src/core/log/redact';
import { createRedactingLogger } from '../../../src/core/log/redacting-logger';

describe('SecretRedactor', () => {
  test('removes remembered secrets and credential-shaped text', () => {
    const redactor = new SecretRedactor();
    redactor.remember('opaque-secret-value-123');
    const text = [
      'token opaque-secret-value-123 used',
      'Authorization: Bearer abc.def-ghi',
      'GET /cb?code=SECRETCODE&state=SECRETSTATE&x=1',
      'body grant_type=refresh_token&refresh_token=RT123&client_secret=CS',
      '{"access_token":"AT1","refresh_token":"RT1","expires_in":3600}',
      'pasted lct_abcdefghijklmnop',
    ].join('\n');
    const redacted = redactor.redact(text);
    for (const secret of ['opaque-secret-value-123', 'abc.def-ghi', 'SECRETCODE', 'SECRETSTATE', 'RT123', '=CS', 'AT1', 'RT1', 'lct_abcdefghijklmnop']) {
      assert.ok(!redacted.includes(secret), `${secret} leaked: ${redacted}`);
    }
    assert.match(redacted, /x=1/);
    assert.match(redacted, /"expires_in":3600/);
  });

  test('the redacting logger passes every argument through the redactor', () => {
    const redactor = new SecretRedactor();
    redactor.remember('s3cr3t-token-value');
    const lines: string[] = [];
    const sink = { trace: (m: string) => lines.push(m), debug: (m: string) => lines.push(m), info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string | Error) => lines.push(String(m)) };
    const logger = createRedactingLogger(sink, redactor);
    logger.info('a', { token: 's3cr3t-token-value' });
    logger.error(new Error('failed with s3cr3t-token-value'));
    assert.equal(lines.length, 2);
    for (const line of lines) assert.ok(!line.includes('s3cr3t-token-value'), line);
  });
});
