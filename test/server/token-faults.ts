/**
 * Answers the token endpoint can be made to give instead of a token: a 200 whose body is
 * not JSON (a proxy's error page), or JSON without `access_token`.
 */
export type TokenFault = 'not-json' | 'no-access-token';

/** What the endpoint serves instead of running the grant: a named fault, or a JSON body (200 unless said) of the test's choosing. */
export type TokenAnswer =
  | { readonly fault: TokenFault }
  | { readonly body: Readonly<Record<string, unknown>>; readonly status: number };

/** Scheduled token-endpoint answers, served in the order they were asked for. */
export class TokenFaults {
  private readonly queue: { answer: TokenAnswer; remaining: number }[] = [];

  schedule(fault: TokenFault, count: number): void {
    if (fault !== 'not-json' && fault !== 'no-access-token') throw new RangeError(`unknown token fault: ${String(fault)}`);
    this.enqueue({ fault }, count);
  }

  scheduleBody(body: Readonly<Record<string, unknown>>, count: number, status = 200): void {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new RangeError('body must be a JSON object');
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new RangeError('status must be an HTTP status from 200 to 599');
    this.enqueue({ body, status }, count);
  }

  take(): TokenAnswer | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) this.queue.shift();
    return head.answer;
  }

  private enqueue(answer: TokenAnswer, count: number): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
    if (count > 0) this.queue.push({ answer, remaining: count });
  }
}
