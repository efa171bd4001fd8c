/** Files larger than this are not scanned (the guard's budget is 50 ms for a file this big). */
export const maximumScanBytes = 5 * 1024 * 1024;

/** How much of a file's start decides whether it is binary. */
const sniffBytes = 8192;

/** Binary, as git decides it: a NUL byte in the first 8 KB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, sniffBytes);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

export function tooLargeToScan(byteLength: number): boolean {
  return byteLength > maximumScanBytes;
}

/**
 * A file shows at most this many token problems, and one more that counts the rest: past a
 * few dozen more squiggles tell nothing new, and each costs a range and a diagnostic.
 */
export const maximumFindingsPerFile = 100;

/** Texts longer than this (UTF-16 units) are scanned on open and save, not after every edit. */
export const maximumScanOnEditLength = 1024 * 1024;

export function scannedOnEdit(textLength: number): boolean {
  return textLength <= maximumScanOnEditLength;
}
