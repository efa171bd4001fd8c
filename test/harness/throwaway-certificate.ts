import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TlsIdentity } from '../server';

/**
 * A self-signed certificate for the loopback names (`[::1]`, `127.0.0.1`, `localhost`), valid
 * for one day, made with the system's `openssl` for one test run: the key never leaves the
 * temp folder it is made in, which is removed at once.
 */
export function throwawayCertificate(): TlsIdentity {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-tls-'));
  try {
    const key = path.join(folder, 'key.pem');
    const cert = path.join(folder, 'cert.pem');
    const result = spawnSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost',
        '-addext', 'subjectAltName=IP:::1,IP:127.0.0.1,DNS:localhost',
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`openssl could not make a test certificate (${result.status ?? result.error?.message}): ${result.stderr}`);
    return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** A throwaway certificate authority and a leaf it signed, as a company's inspecting proxy or internal CA would issue. */
export interface ThrowawayAuthority extends TlsIdentity {
  /** The CA's certificate (PEM): what a machine must trust for the leaf to verify. */
  readonly ca: string;
}

/**
 * A CA valid for one day and a leaf it signed for `addresses` (IP addresses in the SAN) and
 * `localhost`, made with the system's `openssl`; the CA's key is removed with its temp folder.
 */
export function throwawayAuthority(addresses: readonly string[]): ThrowawayAuthority {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-ca-'));
  const file = (name: string): string => path.join(folder, name);
  const run = (args: string[]): void => {
    const result = spawnSync('openssl', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed (${result.status ?? result.error?.message}): ${result.stderr}`);
  };
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run(['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=Lucaro test company CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    run(['req', ...ec, '-keyout', file('leaf.key'), '-out', file('leaf.csr'), '-subj', '/CN=lucaro.test']);
    const san = ['DNS:localhost', ...addresses.map((address) => `IP:${address}`)].join(',');
    fs.writeFileSync(file('leaf.ext'), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    run(['x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '1',
      '-extfile', file('leaf.ext'), '-out', file('leaf.pem')]);
    return { ca: fs.readFileSync(file('ca.pem'), 'utf8'), key: fs.readFileSync(file('leaf.key'), 'utf8'), cert: fs.readFileSync(file('leaf.pem'), 'utf8') };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
