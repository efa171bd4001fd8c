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
