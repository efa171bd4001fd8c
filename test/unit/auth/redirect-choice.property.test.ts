import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { chooseRedirect, loopbackUnavailable, type RedirectEnvironment } from '../../../src/core/auth/redirect-choice';
import type { RedirectMode } from '../../../src/core/settings/lucaro-settings';

const environments: fc.Arbitrary<RedirectEnvironment> = fc.record({
  uiKind: fc.constantFrom('desktop' as const, 'web' as const),
  extensionKind: fc.constantFrom('ui' as const, 'workspace' as const),
  remoteName: fc.option(fc.oneof(fc.constantFrom('ssh-remote', 'wsl', 'dev-container', 'codespaces', '127.0.0.1:8080', ''), fc.string()), { nil: undefined }),
  hostCanListen: fc.boolean(),
});
const modes = fc.constantFrom<RedirectMode>('auto', 'uriHandler', 'loopback');

/** The browser that opens the consent page is on the extension host's machine for sure only in the desktop app, with the host beside it. */
function browserSharesHost(environment: RedirectEnvironment): boolean {
  return environment.uiKind === 'desktop' && (environment.remoteName === undefined || environment.extensionKind === 'ui');
}

describe('where a browser sign-in comes back (chooseRedirect)', () => {
  test('the windows people run', () => {
    const desktop = { uiKind: 'desktop', extensionKind: 'ui', remoteName: undefined, hostCanListen: true } as const;
    const ssh = { uiKind: 'desktop', extensionKind: 'workspace', remoteName: 'ssh-remote', hostCanListen: true } as const;
    const codespaceInBrowser = { uiKind: 'web', extensionKind: 'workspace', remoteName: 'codespaces', hostCanListen: true } as const;
    const codeServer = { uiKind: 'web', extensionKind: 'workspace', remoteName: '127.0.0.1:8080', hostCanListen: true } as const;
    const vscodeDev = { uiKind: 'web', extensionKind: 'ui', remoteName: undefined, hostCanListen: false } as const;
    const uiExtensionOverSsh = { ...ssh, extensionKind: 'ui' } as const;
    // A browser workbench whose Node host reports no remote: the browser may still be anywhere.
    const browserWorkbenchNoRemoteName = { uiKind: 'web', extensionKind: 'ui', remoteName: undefined, hostCanListen: true } as const;

    assert.deepEqual(chooseRedirect('loopback', desktop), { route: 'loopback', fallbackToLoopback: false });
    assert.deepEqual(chooseRedirect('auto', desktop), { route: 'uriHandler', fallbackToLoopback: true });
    assert.deepEqual(chooseRedirect('loopback', uiExtensionOverSsh), { route: 'loopback', fallbackToLoopback: false });
    for (const remote of [ssh, codespaceInBrowser, codeServer, browserWorkbenchNoRemoteName]) {
      assert.deepEqual(chooseRedirect('auto', remote), { route: 'uriHandler', fallbackToLoopback: false });
      assert.deepEqual(chooseRedirect('loopback', remote), { route: 'uriHandler', fallbackToLoopback: false, loopbackRefused: 'otherMachine' });
    }
    assert.deepEqual(chooseRedirect('loopback', vscodeDev), { route: 'uriHandler', fallbackToLoopback: false, loopbackRefused: 'noServerHere' });
  });

  test('property: a loopback server is used, first or as a fallback, only where the browser shares its machine and it can listen', () => {
    fc.assert(
      fc.property(modes, environments, (mode, environment) => {
        const choice = chooseRedirect(mode, environment);
        const usesLoopback = choice.route === 'loopback' || choice.fallbackToLoopback;
        if (usesLoopback) assert.ok(environment.hostCanListen && browserSharesHost(environment));
        assert.equal(loopbackUnavailable(environment) === undefined, environment.hostCanListen && browserSharesHost(environment));
      }),
      { numRuns: 2_000 },
    );
  });

  test('property: the user\'s choice holds where it can; an explicit loopback that cannot apply says why, and only then', () => {
    fc.assert(
      fc.property(modes, environments, (mode, environment) => {
        const choice = chooseRedirect(mode, environment);
        const reachable = loopbackUnavailable(environment) === undefined;
        if (mode === 'uriHandler') assert.deepEqual(choice, { route: 'uriHandler', fallbackToLoopback: false });
        if (mode === 'auto') assert.deepEqual(choice, { route: 'uriHandler', fallbackToLoopback: reachable });
        if (mode === 'loopback') assert.equal(choice.route, reachable ? 'loopback' : 'uriHandler');
        assert.equal(choice.loopbackRefused !== undefined, mode === 'loopback' && !reachable);
        if (choice.loopbackRefused) assert.equal(choice.loopbackRefused, environment.hostCanListen ? 'otherMachine' : 'noServerHere');
      }),
      { numRuns: 2_000 },
    );
  });
});
