import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startLucaroServer, type LucaroServer } from './index';
import { signIn } from './oauth-test-client';

const vschar = /^[\x20-\x7e]+$/;
const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;

describe('codes and tokens from the full RFC 6749 alphabets', () => {
  let server: LucaroServer;
  before(async () => {
    server = await startLucaroServer();
  });
  after(() => server.close());

  test('every code is VSCHAR with + / = % & and a space in it; access tokens are b64token ending in =; refresh tokens VSCHAR', async () => {
    for (let i = 0; i < 8; i++) await signIn(server, ['read:projects']);
    const { authorizationCodes, accessTokens, refreshTokens } = server.secretsSeen();
    assert.equal(authorizationCodes.length, 8);
    for (const code of authorizationCodes) {
      assert.match(code, vschar);
      assert.ok(code.length <= 4096);
      for (const awkward of ['+', '/', '=', '%', '&', ' ', '%2B', '%26']) assert.ok(code.includes(awkward), `${awkward} in ${code}`);
    }
    for (const token of accessTokens) {
      assert.match(token, b64token);
      assert.match(token, /^lco_.*[+/].*=$/);
      assert.ok(token.length <= 4096);
    }
    for (const token of refreshTokens) {
      assert.match(token, vschar);
      assert.match(token, /^lcr_/);
      for (const awkward of ['+', '&', ' ', '%']) assert.ok(token.includes(awkward), `${awkward} in ${token}`);
    }
    const apiToken = server.addApiToken(['read:projects']);
    assert.match(apiToken, /^lct_/);
    assert.match(apiToken, b64token);
  });

  test('the same secretSeed issues the same codes and tokens; servers left to themselves do not', async () => {
    const servers = await Promise.all([
      startLucaroServer({ secretSeed: 42 }),
      startLucaroServer({ secretSeed: 42 }),
      startLucaroServer(),
      startLucaroServer(),
    ]);
    try {
      const tokens = await Promise.all(servers.map((each) => signIn(each, ['read:projects'])));
      const codes = servers.map((each) => each.secretsSeen().authorizationCodes[0]);
      assert.equal(servers[0]!.secretSeed, 42);
      assert.equal(codes[0], codes[1]);
      assert.equal(tokens[0]!.refresh_token, tokens[1]!.refresh_token);
      assert.notEqual(servers[2]!.secretSeed, servers[3]!.secretSeed);
      assert.notEqual(tokens[2]!.access_token, tokens[3]!.access_token);
    } finally {
      await Promise.all(servers.map((each) => each.close()));
    }
    await assert.rejects(startLucaroServer({ secretSeed: -1 }), RangeError);
  });
});
