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

describe('SecretRedactor examples', () => {
  test('an invalid-URL error keeps the host and hides the password', () => {
    const redactor = new SecretRedactor();
    const error = new Error('lucaro.apiUrl is not a usable Lucaro URL (hasCredentials): https://me:hunter2-pass@api.lucaro.dev/v2');
    assert.equal(
      redactor.redactValue(error),
      'Error: lucaro.apiUrl is not a usable Lucaro URL (hasCredentials): https://me:[redacted]@api.lucaro.dev/v2',
    );
  });

  test('objects are redacted before they are serialised: keys in any case, escaped JSON, Maps', () => {
    const redactor = new SecretRedactor();
    const logged = {
      Access_Token: 'plain-at-123',
      'refresh-token': 'plain-rt-123',
      nested: { CLIENT_SECRET: 'plain-cs-123', codeVerifier: 'plain-cv-123', expires_in: 3600, token_type: 'Bearer' },
      headers: new Map([['Authorization', 'Bearer plain-bearer-123']]),
      body: JSON.stringify(JSON.stringify({ id_token: 'plain-idt-123' })),
      refreshToken: undefined,
    };
    const text = redactor.redactValue(logged);
    for (const secret of ['plain-at-123', 'plain-rt-123', 'plain-cs-123', 'plain-cv-123', 'plain-bearer-123', 'plain-idt-123']) {
      assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    }
    assert.match(text, /"expires_in":3600/);
    assert.match(text, /"token_type":"Bearer"/);
    assert.ok(!text.includes("refreshToken"), text);
  });

  test('an error is logged with its cause chain, each part redacted; cycles and depth are bounded', () => {
    const redactor = new SecretRedactor();
    redactor.remember('rotated-refresh-token-1');
    const root: Record<string, unknown> = { name: 'root' };
    root.self = root;
    let deep: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < 50; level++) deep = { deep };
    const error = new Error('Refresh failed', {
      cause: new Error('invalid_grant: rotated-refresh-token-1 was already used', { cause: { root, deep, password: 'p' } }),
    });
    const text = redactor.redactValue(error);
    assert.ok(!text.includes('rotated-refresh-token-1'), text);
    assert.match(text, /^Error: Refresh failed \(cause: Error: invalid_grant: \[redacted\] was already used \(cause: /);
    assert.match(text, /"self":"\[circular\]"/);
    assert.match(text, /"\[…\]"/);
    assert.match(text, /"password":"\[redacted\]"/);
  });

  test('a value that cannot be read is logged as unreadable, not thrown', () => {
    const redactor = new SecretRedactor();
    const hostile = {
      get boom(): string {
        throw new Error('getter');
      },
    };
    assert.equal(redactor.redactValue({ hostile }), '{"hostile":"[unreadable]"}');
  });

  test('a secret next to a marker cannot be spelled again by the marker', () => {
    const redactor = new SecretRedactor();
    redactor.remember('[redacted]', 'redacted', 'opaque-one-1', 'd]-tail-x');
    assert.equal(redactor.redact('keep redacted words'), 'keep redacted words');
    const text = redactor.redact('opaque-one-1-tail-x');
    assert.ok(!text.includes('d]-tail-x') && !text.includes('opaque-one-1'), text);
  });

  test('challenges and ordinary words stay readable', () => {
    const redactor = new SecretRedactor();
    const kept = [
      'WWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"',
      'POST /oauth/token -> 400 (12 ms): grant_type=refresh_token error_code=invalid_grant token_type=Bearer',
      'The state of the session is fine; the token expired at 12:00',
    ];
    for (const line of kept) assert.equal(redactor.redact(line), line);
  });

  test('a logged __proto__ key is printed as data, and long collections are cut', () => {
    const redactor = new SecretRedactor();
    assert.equal(redactor.redactValue(JSON.parse('{"__proto__":{"token":"x1y2z3"},"a":1}')), '{"__proto__":{"token":"[redacted]"},"a":1}');
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, index) => [`k${index}`, index]));
    assert.match(redactor.redactValue(many), /"…":"50 more"}$/);
    assert.match(redactor.redactValue(Array.from({ length: 101 }, () => 0)), /"… 1 more"]$/);
  });

  test('long hostile lines take linear time (no pattern backtracks over the whole line per character)', () => {
    const redactor = new SecretRedactor();
    redactor.remember('registered-secret-value');
    const lines = ['a-'.repeat(50_000), 'a.'.repeat(50_000), 'x_'.repeat(50_000) + 'tokenx', 'https://u:' + '@'.repeat(100_000), '"token":"' + '\\'.repeat(50_000)];
    const started = Date.now();
    for (const line of lines) redactor.redact(line);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });
});
