import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BadRequestError, InsufficientScopeError } from '../../../src/core/http/errors';
import { anyFieldText, metricDescriptionField, metricNameField, metricUnitField } from '../validation/metric-arbitraries';
import { fixedTokens, makeClient } from './fixture';
import { useLocalLucaro } from '../../support/local-lucaro';

const agreementRuns = 1000;

describe('LucaroApiClient.createMetric against the local Lucaro', () => {
  // Room for the property's requests in one token's hour.
  const lucaro = useLocalLucaro({ projects: 2, rateLimit: { limit: 100_000, windowSeconds: 3600 } });
  const client = (scopes: string[]) => makeClient(lucaro.server.apiUrl, lucaro.dispatcher, fixedTokens(lucaro.server.addApiToken(scopes)));
  const firstProjectId = async () => ((await client(['read:projects']).listProjects({ limit: 1 })).items[0] ?? assert.fail('no project')).id;

  test('201: the new metric comes back and is listed', async () => {
    const api = client(['read:metrics', 'write:metrics', 'read:projects']);
    const projectId = await firstProjectId();

    const created = await api.createMetric(projectId, { name: 'checkout_ms', unit: 'ms', description: 'Time to pay.' });

    assert.deepEqual(created, { name: 'checkout_ms', unit: 'ms', description: 'Time to pay.' });
    const listed = (await api.listMetrics(projectId)).items;
    assert.deepEqual(listed.at(-1), created);
    assert.deepEqual(await api.createMetric(projectId, { name: 'bare' }), { name: 'bare', unit: '', description: '' }, 'unit and description are optional');
  });

  test('400 for an invalid body: a BadRequestError with the server message, nothing created', async () => {
    const api = client(['read:metrics', 'write:metrics']);
    const projectId = await firstProjectId();
    const before = (await api.listMetrics(projectId)).items.length;

    for (const fields of [
      { name: '   ' },
      { name: 'rtl\u202eevil' },
      { name: 'tab\tinside' },
      { name: 'x'.repeat(201) },
      { name: 'ok', unit: 'u'.repeat(33) },
      { name: 'ok', description: 'line\u0085break' },
      { name: 'requests_twice' },
    ]) {
      if (fields.name === 'requests_twice') await api.createMetric(projectId, fields);
      const error = await api.createMetric(projectId, fields).catch((e: unknown) => e);
      assert.ok(error instanceof BadRequestError, `${JSON.stringify(fields)}: ${String(error)}`);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'invalid_request');
      assert.ok(error.serverMessage, 'the server says why');
    }
    assert.equal((await api.listMetrics(projectId)).items.length, before + 1, 'only requests_twice, once');
  });

  test('403 without write:metrics: InsufficientScopeError naming it; admin is enough', async () => {
    const projectId = await firstProjectId();
    const error = await client(['read:metrics', 'write:dashboards']).createMetric(projectId, { name: 'denied' }).catch((e: unknown) => e);
    assert.ok(error instanceof InsufficientScopeError, String(error));
    assert.deepEqual(error.requiredScopes, ['write:metrics']);

    assert.equal((await client(['admin']).createMetric(projectId, { name: 'by_admin' })).name, 'by_admin');
  });

  test(`property: the validators accept exactly what the server accepts (${agreementRuns} requests)`, async () => {
    const api = client(['write:projects', 'read:metrics', 'write:metrics']);
    // A project of its own: no seeded metric names to collide with.
    const { id: projectId } = await api.createProject({ name: 'Metric rules' });
    const created = new Set<string>();
    const input = fc.record(
      {
        name: anyFieldText(metricNameField.rule.maxLength),
        unit: anyFieldText(metricUnitField.rule.maxLength),
        description: anyFieldText(metricDescriptionField.rule.maxLength),
      },
      { requiredKeys: ['name'] },
    );
    let accepted = 0;

    await fc.assert(
      fc.asyncProperty(input, async (fields) => {
        const valid =
          metricNameField.check(fields.name, created) === undefined &&
          metricUnitField.check(fields.unit ?? '') === undefined &&
          metricDescriptionField.check(fields.description ?? '') === undefined;
        // Sent as typed, untrimmed: the server's trimming is part of what must agree.
        const answer = await api.createMetric(projectId, fields).catch((e: unknown) => e);
        if (valid) {
          assert.deepEqual(answer, { name: fields.name.trim(), unit: fields.unit?.trim() ?? '', description: fields.description?.trim() ?? '' });
          created.add(fields.name.trim());
          accepted++;
        } else {
          assert.ok(answer instanceof BadRequestError, `refused here, so the server must refuse it too: ${JSON.stringify(fields)} -> ${String(answer)}`);
        }
      }),
      { numRuns: agreementRuns },
    );
    // Both sides of the equivalence were exercised.
    assert.ok(accepted > agreementRuns / 10 && accepted < agreementRuns * 0.9, `accepted ${accepted} of ${agreementRuns}`);
  });
});
