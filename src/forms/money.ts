/**
 * Money typed in major units ("10.10") <-> the API's minor units (1010). Parsed as digit strings,
 * never through floating point, so "0.1" and "10.10" convert exactly.
 */

/** ISO 4217 currencies whose minor unit is not a hundredth (the ones Chargebee sites use). */
const DECIMALS_BY_CURRENCY: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
};

export function currencyDecimals(currency: string): number {
  return DECIMALS_BY_CURRENCY[currency.trim().toUpperCase()] ?? 2;
}

export type MoneyParse = { readonly ok: true; readonly minor: number } | { readonly ok: false; readonly message: string };

/** `"10.10"` in USD -> 1010. Thousands separators are refused: "1,000" is ambiguous across locales. */
export function parseMoney(text: string, currency: string): MoneyParse {
  const s = text.trim();
  const decimals = currencyDecimals(currency);
  if (/[,'\s\u00a0]/.test(s)) {
    return { ok: false, message: `must be typed without thousands separators, with a dot for decimals (e.g. ${example(decimals)})` };
  }
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
    return { ok: false, message: `must be an amount in ${currency.toUpperCase()} (e.g. ${example(decimals)})` };
  }
  const [, sign = '', whole = '', fraction = ''] = m;
  if (fraction.length > decimals) {
    return {
      ok: false,
      message: decimals === 0 ? `must have no decimals in ${currency.toUpperCase()}` : `must have at most ${decimals} decimals in ${currency.toUpperCase()}`,
    };
  }
  const digits = (whole + fraction.padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) return { ok: false, message: 'is too large' };
  return { ok: true, minor: sign === '-' && minor !== 0 ? -minor : minor };
}

/** 1010 in USD -> "10.10"; the inverse of parseMoney for pre-filling forms. */
export function formatMinor(minor: number | string, currency: string): string {
  const text = String(minor).trim();
  const m = /^(-?)(\d+)$/.exec(text);
  if (!m) return text;
  const [, sign = '', digits = ''] = m;
  const decimals = currencyDecimals(currency);
  if (decimals === 0) return sign + digits.replace(/^0+(?=\d)/, '');
  const padded = digits.padStart(decimals + 1, '0');
  const whole = padded.slice(0, -decimals).replace(/^0+(?=\d)/, '');
  return `${sign}${whole}.${padded.slice(-decimals)}`;
}

/** "10.50" in USD, "1050" in JPY, "10.500" in BHD: what a hint shows as a sample amount. */
export function moneyExample(currency: string): string {
  const decimals = currencyDecimals(currency);
  return decimals === 0 ? '1050' : `10.${'5'.padEnd(decimals, '0')}`;
}

function example(decimals: number): string {
  return decimals === 0 ? '1000' : `1000.${'5'.padEnd(decimals, '0')}`;
}
