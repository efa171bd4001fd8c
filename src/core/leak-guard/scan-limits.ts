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
