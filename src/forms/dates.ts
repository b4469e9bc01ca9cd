/**
 * Dates as typed in `<input type="date">` / `datetime-local` <-> UTC epoch seconds. Every date is read
 * as UTC, not the browser's zone, so the same form gives the same request on every machine.
 */

export type DateParse = { readonly ok: true; readonly seconds: number } | { readonly ok: false; readonly message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * What a date control reports for an impossible or half-typed date (its value is '' then, like an
 * empty one): the webview stores this instead, so the field shows an error rather than "not set".
 */
export const INVALID_DATE = '!invalid-date';

/** `2024-03-01` -> 1709251200; `2024-03-01T10:30` -> 1709289000. */
export function parseDate(text: string): DateParse {
  if (text === INVALID_DATE) return { ok: false, message: 'is not a valid date: choose one in the picker, or type the month, day and year of a real date' };
  const m = DATE.exec(text.trim());
  if (!m) return { ok: false, message: 'must be a date as YYYY-MM-DD' };
  const [year, month, day, hour, minute, second] = m.slice(1).map((p) => (p === undefined ? 0 : Number(p))) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March; a rolled date is a typo, not a wish.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: 'is not a valid date' };
  }
  if (year < 1970) return { ok: false, message: 'must be after 1970' };
  return { ok: true, seconds: Math.floor(ms / 1000) };
}

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` only (a prompt that asks for a day refuses a time) as 00:00:00 UTC of that day. */
export function parseDay(text: string): DateParse {
  const trimmed = text.trim();
  if (!DAY_ONLY.test(trimmed)) return { ok: false, message: 'must be a date as YYYY-MM-DD' };
  return parseDate(trimmed);
}

/** Seconds -> `YYYY-MM-DD` (or `YYYY-MM-DDTHH:MM` with time), in UTC. */
export function formatDate(seconds: number | string, withTime = false): string {
  const n = typeof seconds === 'number' ? seconds : Number(seconds);
  if (!Number.isFinite(n)) return String(seconds);
  const iso = new Date(n * 1000).toISOString();
  return withTime ? iso.slice(0, 16) : iso.slice(0, 10);
}

/** Seconds a zone is ahead of UTC at `epochSeconds` (Tokyo: 32400). Throws for an unknown zone. */
export function zoneOffsetSeconds(timeZone: string, epochSeconds: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochSeconds * 1000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) / 1000;
  return asUtc - epochSeconds;
}

/**
 * The moment a day (given as its UTC midnight, what parseDate returns for `YYYY-MM-DD`) starts in
 * `timeZone`. Two passes settle days whose offset differs from the one at the guessed moment (DST).
 */
export function dayStartIn(utcMidnight: number, timeZone: string): number {
  if (timeZone === 'UTC') return utcMidnight;
  let t = utcMidnight - zoneOffsetSeconds(timeZone, utcMidnight);
  t = utcMidnight - zoneOffsetSeconds(timeZone, t);
  return t;
}

/** Whether `timeZone` is one this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
