import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileProxyRoute, type NetworkOptions } from '../../../src/core/node/proxy-route';

const runs = { numRuns: 2000 };
const PROXY = 'http://proxy.company.test:3128';

/** Hosts the editor does not send direct by name: DNS names and IPv4 addresses outside the four loopback names. */
const remoteHost = fc.oneof(fc.domain(), fc.ipV4()).filter((host) => host !== 'localhost' && host !== '127.0.0.1');
const port = fc.integer({ min: 1, max: 65535 });
const url = (scheme: string, host: string, p?: number) => new URL(`${scheme}://${host}${p === undefined ? '' : `:${p}`}/v1/me`);
const noProxyEntry = fc.oneof(fc.domain(), fc.ipV4(), fc.constantFrom('*', '', '.test', 'example.com:8443', '::1', '[::1]'));
const settings: fc.Arbitrary<NetworkOptions> = fc.record({
  proxySupport: fc.constantFrom('off', 'on', 'override', 'fallback'),
  proxyUrl: fc.constantFrom(undefined, '', PROXY, 'https://secure.proxy.test', 'socks5://socks.test:1080', 'not a url'),
  noProxy: fc.array(noProxyEntry, { maxLength: 4 }),
  env: fc.record({ HTTPS_PROXY: fc.constantFrom(undefined, PROXY), NO_PROXY: fc.constantFrom(undefined, '*', 'example.com,.test') }),
});

/** Names that are not a suffix of `host` and no address range: they must never bypass it. */
const unrelatedTo = (host: string) => fc.array(fc.domain().filter((entry) => !host.endsWith(entry) && !entry.endsWith(host)), { maxLength: 3 });

describe('proxy route: which requests go through the proxy (the editor\'s rules)', () => {
  test('localhost, 127.0.0.1, [::1] and [::ffff:127.0.0.1] go direct whatever the settings', () => {
    fc.assert(
      fc.property(settings, fc.constantFrom('localhost', 'LOCALHOST', '127.0.0.1', '[::1]', '[::ffff:127.0.0.1]'), fc.constantFrom('http', 'https'), port, (options, host, scheme, p) => {
        assert.deepEqual(compileProxyRoute(options)(url(scheme, host, p)), { kind: 'direct', reason: 'loopback' });
      }),
      runs,
    );
  });

  test('an http: origin never goes through a proxy (a bearer token would cross it in clear text)', () => {
    fc.assert(
      fc.property(settings, remoteHost, port, (options, host, p) => {
        assert.equal(compileProxyRoute(options)(url('http', host, p)).kind, 'direct');
      }),
      runs,
    );
  });

  test('http.proxySupport off, or no proxy anywhere, is direct', () => {
    fc.assert(
      fc.property(settings, remoteHost, (options, host) => {
        assert.equal(compileProxyRoute({ ...options, proxySupport: 'off' })(url('https', host)).kind, 'direct');
        assert.equal(compileProxyRoute({ ...options, proxyUrl: undefined, env: {} })(url('https', host)).kind, 'direct');
      }),
      runs,
    );
  });

  test('with a proxy and nothing bypassing, every https: host goes through it; http.proxy wins over HTTPS_PROXY', () => {
    fc.assert(
      fc.property(remoteHost, fc.option(port, { nil: undefined }), (host, p) => {
        assert.deepEqual(compileProxyRoute({ proxyUrl: PROXY, env: {} })(url('https', host, p)), { kind: 'proxy', proxyUrl: PROXY });
        assert.deepEqual(compileProxyRoute({ env: { HTTPS_PROXY: PROXY } })(url('https', host, p)), { kind: 'proxy', proxyUrl: PROXY });
        assert.deepEqual(compileProxyRoute({ env: { http_proxy: PROXY } })(url('https', host, p)), { kind: 'proxy', proxyUrl: PROXY });
        const setting = 'http://setting.proxy.test:8080';
        assert.deepEqual(compileProxyRoute({ proxyUrl: setting, env: { HTTPS_PROXY: PROXY } })(url('https', host, p)), { kind: 'proxy', proxyUrl: setting });
      }),
      runs,
    );
  });

  test('http.noProxy bypasses a host and its subdomains (any case, "name" or ".name"), on the given port only, and * bypasses all', () => {
    fc.assert(
      fc.property(fc.domain(), port, fc.nat(), (host, p, cut) => {
        fc.pre(host !== 'localhost');
        const labels = host.split('.');
        const parent = labels.slice(cut % labels.length).join('.');
        const target = url('https', host, p);
        for (const entry of [host.toUpperCase(), `${host}:${p}`, parent, `.${parent}`, `${parent}:${p}`, '*']) {
          assert.deepEqual(compileProxyRoute({ proxyUrl: PROXY, noProxy: [' other.invalid ', entry], env: {} })(target), { kind: 'direct', reason: 'no-proxy' }, entry);
        }
        assert.equal(compileProxyRoute({ proxyUrl: PROXY, noProxy: [`${host}:${(p % 65535) + 1}`], env: {} })(target).kind, 'proxy');
        // The default port counts when the URL names none.
        assert.equal(compileProxyRoute({ proxyUrl: PROXY, noProxy: [`${host}:443`], env: {} })(url('https', host)).kind, 'direct');
      }),
      runs,
    );
  });

  test('a name bypasses only on a label boundary: example.com does not bypass myexample.com', () => {
    fc.assert(
      fc.property(fc.domain(), fc.stringMatching(/^[a-z0-9]{1,10}$/), (host, prefix) => {
        assert.equal(compileProxyRoute({ proxyUrl: PROXY, noProxy: [host], env: {} })(url('https', `${prefix}${host}`)).kind, 'proxy');
        assert.equal(compileProxyRoute({ proxyUrl: PROXY, noProxy: [host], env: {} })(url('https', `${prefix}.${host}`)).kind, 'direct');
      }),
      runs,
    );
  });

  test('entries that name neither the host nor a parent domain of it do not bypass it', () => {
    fc.assert(
      fc.property(remoteHost.chain((host) => fc.tuple(fc.constant(host), unrelatedTo(host))), ([host, entries]) => {
        assert.equal(compileProxyRoute({ proxyUrl: PROXY, noProxy: entries, env: {} })(url('https', host)).kind, 'proxy');
      }),
      runs,
    );
  });

  test('when http.noProxy has entries, NO_PROXY from the environment is ignored; when empty, NO_PROXY applies', () => {
    fc.assert(
      fc.property(remoteHost.chain((host) => fc.tuple(fc.constant(host), unrelatedTo(host).filter((entries) => entries.length > 0))), ([host, entries]) => {
        const env = { HTTPS_PROXY: PROXY, NO_PROXY: '*' };
        assert.equal(compileProxyRoute({ noProxy: entries, env })(url('https', host)).kind, 'proxy');
        assert.equal(compileProxyRoute({ noProxy: [], env })(url('https', host)).kind, 'direct');
        assert.equal(compileProxyRoute({ noProxy: [], env: { HTTPS_PROXY: PROXY, no_proxy: ` ${host.toUpperCase()} ` } })(url('https', host)).kind, 'direct');
      }),
      runs,
    );
  });
});
