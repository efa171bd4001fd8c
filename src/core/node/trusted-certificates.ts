import * as tls from 'node:tls';

/** `tls.getCACertificates` (Node 22.15 / 23.10 and newer); an older Electron's Node lacks it. */
export type CaCertificateReader = (store: 'default' | 'system') => readonly string[];

/** This Node's reader, when it has one. */
export function nodeCaCertificateReader(): CaCertificateReader | undefined {
  const reader = (tls as { getCACertificates?: CaCertificateReader }).getCACertificates;
  return typeof reader === 'function' ? (store) => reader(store) : undefined;
}

/**
 * The certificates a Lucaro connection trusts, loaded once per dispatcher: Node's own roots
 * (bundled plus NODE_EXTRA_CA_CERTS) and, with `http.systemCertificates` on, the OS store
 * (on Linux OpenSSL's, which honours SSL_CERT_FILE and SSL_CERT_DIR), as the editor trusts
 * them for its own requests. `undefined` leaves Node's defaults alone: the setting is off, or
 * this Node cannot read the OS store.
 */
export function trustedCertificates(systemCertificates: boolean, read = nodeCaCertificateReader()): string[] | undefined {
  if (!systemCertificates || read === undefined) return undefined;
  return [...new Set([...read('default'), ...read('system')])];
}
