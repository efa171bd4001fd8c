/** The language times are shown in when the editor's is one `Intl` has no data for. */
export const fallbackTimeLocale = 'en';

export class InvalidTimeError extends RangeError {
  override readonly name = 'InvalidTimeError';
  constructor(readonly epochMs: number) {
    super(`${epochMs} ms since the epoch is not a time a Date can hold.`);
  }
}

/**
 * `locale` (the editor's display language, `vscode.env.language`) in the form `Intl` uses,
 * or `fallbackTimeLocale` when `Intl` refuses the tag (`en_US`, `x`) or has no data for it:
 * `qps-ploc` and `und` are well-formed, and `Intl` would quietly use the system's locale.
 */
export function timeLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale])[0] ?? fallbackTimeLocale;
  } catch {
    return fallbackTimeLocale;
  }
}

/**
 * Times for the user in the editor's display language, not the system's (what
 * `toLocaleTimeString()` and `toLocaleString()` would use), with the fields those show.
 * One per view: an `Intl.DateTimeFormat` costs far more to make than to use.
 */
export class TimeFormat {
  readonly locale: string;
  private readonly timeOfDay: Intl.DateTimeFormat;
  private readonly dateAndTime: Intl.DateTimeFormat;

  constructor(locale: string) {
    this.locale = timeLocale(locale);
    this.timeOfDay = new Intl.DateTimeFormat(this.locale, { hour: 'numeric', minute: 'numeric', second: 'numeric' });
    this.dateAndTime = new Intl.DateTimeFormat(this.locale, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** `15:04:05`, `3:04:05 PM`. */
  time(epochMs: number): string {
    return this.timeOfDay.format(validTime(epochMs));
  }

  /** `5.1.2026, 15:04:05`, `1/5/2026, 3:04:05 PM`. */
  dateTime(epochMs: number): string {
    return this.dateAndTime.format(validTime(epochMs));
  }
}

function validTime(epochMs: number): number {
  if (Number.isNaN(new Date(epochMs).getTime())) throw new InvalidTimeError(epochMs);
  return epochMs;
}
