/** `NetworkError.errorCode` when the proxy answered the CONNECT with 407 (the Node host's dispatcher sets it). */
export const PROXY_AUTH_REQUIRED_CODE = 'LUCARO_PROXY_AUTH_REQUIRED';
/** `NetworkError.errorCode` when the proxy answered the CONNECT with another status than 200. */
export const PROXY_REFUSED_CODE = 'LUCARO_PROXY_REFUSED';

/**
 * What kind of network failure a code names, for the sentence the user reads and for
 * whether a retry can help: `certificate` and `proxy-auth` do not heal by waiting.
 */
export type NetworkFailureKind = 'timeout' | 'certificate' | 'proxy-auth' | 'proxy-refused' | 'unreachable';

/** OpenSSL's and Node's codes for a certificate chain or name this machine does not accept. */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  // undici's wrapper when the proxy's own certificate does not name the proxy.
  'UND_ERR_PRX_TLS',
]);

export function networkFailureKind(errorCode: string | undefined, timeout: boolean): NetworkFailureKind {
  if (timeout) return 'timeout';
  if (errorCode === undefined) return 'unreachable';
  if (CERTIFICATE_CODES.has(errorCode)) return 'certificate';
  if (errorCode === PROXY_AUTH_REQUIRED_CODE) return 'proxy-auth';
  if (errorCode === PROXY_REFUSED_CODE) return 'proxy-refused';
  return 'unreachable';
}
