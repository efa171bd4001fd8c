/** A sign-in asked for one account and the browser (or the pasted token) gave another. */
export class AccountMismatchError extends Error {
  override readonly name = 'AccountMismatchError';
  constructor(
    readonly expectedLabel: string,
    readonly actualLabel: string,
  ) {
    super(`The sign-in was for the Lucaro account ${expectedLabel}, but ${actualLabel} signed in. Nothing was stored; sign in as ${expectedLabel} to continue.`);
  }
}
