/**
 * The code a platform put on a failed exchange (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...).
 * System errors carry `code`; DNS and connect failures may arrive wrapped in an
 * AggregateError or in `cause` (fetch's "fetch failed" TypeError holds it there).
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const innerCode = errorCode(inner);
      if (innerCode) return innerCode;
    }
  }
  return errorCode((error as { cause?: unknown }).cause);
}
