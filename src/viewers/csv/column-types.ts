/**
 * What a CSV column holds, so it sorts as such: numbers (1, -2.5, 1,234), money ($1,234.56, 12.00 USD,
 * (15.00) for a credit), dates (2024-01-31, 2024-01-31 10:20:30, 31-Jan-2024, epoch seconds are numbers
 * anyway), or text. A column is typed only when every non-empty cell parses; one stray word makes it text,
 * because a half-numeric sort hides rows where nobody looks. No DOM: also runs in unit tests.
 */
export type ColumnType = 'number' | 'money' | 'date' | 'text';

const NUMBER = /^[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
const CURRENCY = '(?:[A-Z]{3}|[$€£¥₹]|[A-Z]{1,2}\\$)';
const MONEY = new RegExp(`^\\(?[-+]?\\s*(?:${CURRENCY}\\s?)?[-+]?(?:\\d+|\\d{1,3}(?:,\\d{3})+)(?:\\.\\d+)?(?:\\s?${CURRENCY})?\\)?$`);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s?(?:Z|UTC|[+-]\d{2}:?\d{2})?)?$/;
const NAMED_MONTH_DATE = /^(?:\d{1,2}[- ][A-Za-z]{3,9}[- ,]+\d{4}|[A-Za-z]{3,9} \d{1,2},? \d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?)?$/;

/** The sort key of a number-like cell, NaN when it is not one. */
export function numberKey(cell: string): number {
  const text = cell.trim();
  if (!NUMBER.test(text)) return NaN;
  return Number(text.replace(/,/g, ''));
}

export function moneyKey(cell: string): number {
  const text = cell.trim();
  if (!MONEY.test(text)) return NaN;
  const negative = text.startsWith('(') && text.endsWith(')');
  const digits = text.replace(/[^\d.+-]/g, '');
  const value = Number(digits);
  return Number.isNaN(value) ? NaN : negative ? -Math.abs(value) : value;
}

export function dateKey(cell: string): number {
  const text = cell.trim();
  if (ISO_DATE.test(text)) {
    // Date.parse reads a bare date as UTC and a date-time without zone as local; one rule for both.
    const iso = text.replace(' ', 'T').replace(/\s?UTC$/, 'Z');
    const value = Date.parse(/T/.test(iso) || iso.length > 10 ? iso : `${iso}T00:00:00`);
    return Number.isNaN(value) ? NaN : value;
  }
  if (NAMED_MONTH_DATE.test(text)) return Date.parse(text.replace(/-/g, ' '));
  return NaN;
}

const KEYS: Record<Exclude<ColumnType, 'text'>, (cell: string) => number> = { number: numberKey, money: moneyKey, date: dateKey };

/** The type of column `column` over `rows` (all of them: a sample would miss the one odd row). */
export function detectColumnType(rows: readonly (readonly string[])[], column: number): ColumnType {
  const candidates: Exclude<ColumnType, 'text'>[] = ['number', 'date', 'money'];
  let seen = 0;
  for (const row of rows) {
    const cell = row[column];
    if (cell === undefined || cell === '') continue;
    seen++;
    for (let i = candidates.length - 1; i >= 0; i--) {
      const type = candidates[i];
      if (type !== undefined && Number.isNaN(KEYS[type](cell))) candidates.splice(i, 1);
    }
    if (candidates.length === 0) return 'text';
  }
  return seen === 0 ? 'text' : (candidates[0] ?? 'text');
}

/** Sort keys of a typed column; empty or unreadable cells are NaN (they sort last either way). */
export function columnKeys(rows: readonly (readonly string[])[], column: number, type: Exclude<ColumnType, 'text'>): Float64Array {
  const key = KEYS[type];
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i]?.[column];
    keys[i] = cell === undefined || cell === '' ? NaN : key(cell);
  }
  return keys;
}
