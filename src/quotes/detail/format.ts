/**
 * Display formatting for the quote detail view: money from minor units in the quote's currency,
 * timestamps in the user's locale, API enum values as words. Pure, so tests pin the output.
 */
import { currencyDecimals, formatMinor } from '../../forms/money';

export interface DisplayLocale {
  /** BCP 47, e.g. `vscode.env.language`. */
  readonly locale: string;
  /** IANA zone; undefined means the machine's own, which is what the user sees everywhere else. */
  readonly timeZone?: string;
}

/** Intl formatters are costly to build (most of a page's render time); one per locale and currency or zone. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (f === undefined) {
    f = build();
    // A bound on what a long session with many locales and currencies can hold.
    if (formatters.size > 200) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/**
 * 1010 in USD -> "$10.10" (en). The amount goes through formatMinor's digit-string arithmetic first, so
 * the number Intl sees is exactly the major amount; an unknown currency code falls back to "10.10 XYZ".
 */
export function formatMoney(minor: number | undefined, currency: string | undefined, where: DisplayLocale): string {
  if (minor === undefined || !Number.isFinite(minor)) return '—';
  const code = (currency ?? '').trim().toUpperCase();
  const major = formatMinor(Math.trunc(minor), code === '' ? 'USD' : code);
  if (!/^[A-Z]{3}$/.test(code)) return major;
  const decimals = currencyDecimals(code);
  try {
    const f = cached(`n|${where.locale}|${code}|${decimals}`, () =>
      new Intl.NumberFormat(where.locale, { style: 'currency', currency: code, minimumFractionDigits: decimals, maximumFractionDigits: decimals }),
    );
    return f.format(Number(major));
  } catch {
    return `${major} ${code}`;
  }
}

/** Epoch seconds -> "Nov 21, 2026, 5:43 AM" in the user's locale; '—' when absent. */
export function formatTimestamp(seconds: number | undefined, where: DisplayLocale): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  if (where.timeZone !== undefined) options.timeZone = where.timeZone;
  try {
    return cached(`t|${where.locale}|${where.timeZone ?? ''}`, () => new Intl.DateTimeFormat(where.locale, options)).format(new Date(seconds * 1000));
  } catch {
    return new Date(seconds * 1000).toISOString();
  }
}

/** Epoch seconds -> "Nov 21, 2026" in the user's locale; '—' when absent. */
export function formatDay(seconds: number | undefined, where: DisplayLocale): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
  if (where.timeZone !== undefined) options.timeZone = where.timeZone;
  try {
    return cached(`d|${where.locale}|${where.timeZone ?? ''}`, () => new Intl.DateTimeFormat(where.locale, options)).format(new Date(seconds * 1000));
  } catch {
    return new Date(seconds * 1000).toISOString().slice(0, 10);
  }
}

/** A service period, "Sep 22, 2026 – Oct 22, 2026", or '' when it is a single moment (one-time charges). */
export function formatPeriod(from: number | undefined, to: number | undefined, where: DisplayLocale): string {
  if (from === undefined || to === undefined || !(to > from)) return '';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
  if (where.timeZone !== undefined) options.timeZone = where.timeZone;
  try {
    const f = cached(`d|${where.locale}|${where.timeZone ?? ''}`, () => new Intl.DateTimeFormat(where.locale, options));
    return `${f.format(new Date(from * 1000))} – ${f.format(new Date(to * 1000))}`;
  } catch {
    return '';
  }
}

/** `create_subscription_for_customer` -> "Create subscription for customer". */
export function humanize(value: string | undefined): string {
  if (value === undefined || value === '') return '—';
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A quantity as the API gave it: the decimal string when present (multi-decimal sites), else the integer. */
export function formatQuantity(quantity: number | undefined, inDecimal: string | undefined): string {
  if (inDecimal !== undefined && inDecimal !== '') return inDecimal;
  return quantity === undefined ? '1' : String(quantity);
}
