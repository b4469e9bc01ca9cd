/**
 * The cross-field check of the revenue reports' period, which the catalog cannot express: months in
 * 1-12 and the "from" month not after the "to" month. Runs on the converted tree, so it sees numbers.
 */
import type { ParamTree, ParamValue } from '../../chargebee/catalog/types';
import type { FieldError } from '../../forms/values';

export const PERIOD_FIELDS = {
  fromMonth: 'report_from_month',
  fromYear: 'report_from_year',
  toMonth: 'report_to_month',
  toYear: 'report_to_year',
} as const;

/** Does this endpoint take a report period (the revenue reports)? */
export function hasReportPeriod(paramNames: readonly string[]): boolean {
  return Object.values(PERIOD_FIELDS).every((f) => paramNames.includes(f));
}

function whole(v: ParamValue): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : undefined;
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Errors placed on the month and year fields. A missing or non-numeric part is left to the catalog's
 * own "required"/type messages; this only judges values that are there.
 */
export function reportPeriodErrors(tree: ParamTree): FieldError[] {
  const f = PERIOD_FIELDS;
  const errors: FieldError[] = [];
  const fromMonth = whole(tree[f.fromMonth]);
  const toMonth = whole(tree[f.toMonth]);
  for (const [field, month] of [[f.fromMonth, fromMonth], [f.toMonth, toMonth]] as const) {
    if (month !== undefined && (month < 1 || month > 12)) errors.push({ field, message: 'Month must be from 1 to 12' });
  }
  const fromYear = whole(tree[f.fromYear]);
  const toYear = whole(tree[f.toYear]);
  if (errors.length > 0 || fromMonth === undefined || toMonth === undefined || fromYear === undefined || toYear === undefined) return errors;
  if (fromYear * 12 + fromMonth > toYear * 12 + toMonth) {
    const shown = (y: number, m: number): string => `${y}-${String(m).padStart(2, '0')}`;
    // On the "to" side: that is the field the user usually edits last.
    const message = `The period ends (${shown(toYear, toMonth)}) before it starts (${shown(fromYear, fromMonth)})`;
    errors.push({ field: toYear < fromYear ? f.toYear : f.toMonth, message, related: Object.values(f) });
  }
  return errors;
}
