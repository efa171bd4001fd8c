import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { missingScopes, normalizeScopes, parseScopeList, scopesCover } from '../../../src/core/auth/scopes';

describe('scopes', () => {
  test('admin covers every scope', () => {
    assert.ok(scopesCover(['admin'], ['read:projects', 'write:metrics']));
    assert.deepEqual(missingScopes(['admin'], ['write:dashboards']), []);
  });

  test('names what is missing', () => {
    assert.deepEqual(missingScopes(['read:projects'], ['read:projects', 'read:dashboards', 'read:dashboards']), ['read:dashboards']);
    assert.ok(!scopesCover(['read:projects'], ['read:dashboards']));
    assert.ok(scopesCover(['read:projects'], []));
  });

  test('parses header and token-response forms', () => {
    assert.deepEqual(parseScopeList(' read:projects  read:dashboards '), ['read:dashboards', 'read:projects']);
    assert.deepEqual(parseScopeList(undefined), []);
    assert.deepEqual(normalizeScopes(['b', 'a', 'b', ' ']), ['a', 'b']);
  });
});
