import type * as vscode from 'vscode';
import { decodeFingerprintKey, encodeFingerprintKey, newFingerprintKey } from '../core/leak-guard/fingerprint';

/** The SecretStorage entry of the "Ignore in this file" fingerprint key. */
export const fingerprintKeySecret = 'lucaro.leakGuard.fingerprintKey';

/**
 * The fingerprint key, made (32 random bytes) on first use; undefined when SecretStorage
 * fails, and the caller then keeps its ignores in memory only.
 */
export async function loadFingerprintKey(secrets: vscode.SecretStorage): Promise<Uint8Array | undefined> {
  try {
    const stored = decodeFingerprintKey(await secrets.get(fingerprintKeySecret));
    if (stored) return stored;
    await secrets.store(fingerprintKeySecret, encodeFingerprintKey(newFingerprintKey()));
    // Read back: another window may have stored its own key a moment earlier; both then use the last one.
    return decodeFingerprintKey(await secrets.get(fingerprintKeySecret));
  } catch {
    return undefined;
  }
}
