import { timeLocale } from '../src/core/time-format';

/** Numbers and times in the editor's display language. */
export class Formatter {
  private readonly number: Intl.NumberFormat;
  private readonly percent: Intl.NumberFormat;
  private readonly dateTime: Intl.DateTimeFormat;

  constructor(locale: string) {
    // The host's rule (times, numbers): the editor's language, or English where Intl has none.
    const supported = timeLocale(locale);
    this.number = new Intl.NumberFormat(supported, { maximumFractionDigits: 2 });
    this.percent = new Intl.NumberFormat(supported, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    this.dateTime = new Intl.DateTimeFormat(supported, { dateStyle: 'medium', timeStyle: 'short' });
  }

  value(value: number, unit: string): string {
    const number = this.number.format(value);
    return unit ? `${number} ${unit}` : number;
  }

  change(ratio: number): string {
    return this.percent.format(ratio);
  }

  time(unixSeconds: number): string {
    return this.dateTime.format(new Date(unixSeconds * 1000));
  }
}
