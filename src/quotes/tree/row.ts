/**
 * The slim quote a tree row keeps. A list of 10,000 quotes must stay small in memory, so only what a
 * row shows or a menu decides on is kept; the detail view fetches the whole quote when opened.
 */
export interface QuoteRow {
  readonly id: string;
  readonly status: string;
  readonly customer_id?: string;
  /** Company, else first and last name, from the quote's billing address (or a customer lookup). */
  readonly customer_name?: string;
  /** Minor units of currency_code. */
  readonly total?: number;
  readonly currency_code?: string;
  /** Epoch seconds. */
  readonly valid_till?: number;
  readonly date?: number;
  readonly operation_type?: string;
  readonly deleted?: boolean;
}

/** A quote from the API (`{ quote }` list entry or the quote itself) as a row; undefined when malformed. */
export function quoteRow(raw: unknown): QuoteRow | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const entry = raw as Record<string, unknown>;
  const q = (typeof entry['quote'] === 'object' && entry['quote'] !== null ? entry['quote'] : entry) as Record<string, unknown>;
  const id = q['id'];
  const status = q['status'];
  if (typeof id !== 'string' || id === '' || typeof status !== 'string') return undefined;
  const str = (k: string): string | undefined => (typeof q[k] === 'string' && q[k] !== '' ? q[k] : undefined);
  const num = (k: string): number | undefined => (typeof q[k] === 'number' && Number.isFinite(q[k]) ? q[k] : undefined);
  // Built field by field: spreading `q` would keep the whole object (line items and all) alive.
  const row: { -readonly [K in keyof QuoteRow]: QuoteRow[K] } = { id, status };
  const customer = str('customer_id');
  if (customer !== undefined) row.customer_id = customer;
  const name = billingName(q['billing_address']);
  if (name !== undefined) row.customer_name = name;
  const total = num('total');
  if (total !== undefined) row.total = total;
  const currency = str('currency_code');
  if (currency !== undefined) row.currency_code = currency;
  const validTill = num('valid_till');
  if (validTill !== undefined) row.valid_till = validTill;
  const date = num('date');
  if (date !== undefined) row.date = date;
  const operation = str('operation_type');
  if (operation !== undefined) row.operation_type = operation;
  if (q['deleted'] === true) row.deleted = true;
  return row;
}

/** Company, else first and last name, of a billing address or customer; undefined when it has neither. */
export function billingName(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const a = raw as Record<string, unknown>;
  const str = (k: string): string => (typeof a[k] === 'string' ? a[k].trim() : '');
  const name = str('company') || [str('first_name'), str('last_name')].filter((p) => p !== '').join(' ');
  return name === '' ? undefined : name;
}

/** The row with a customer name from elsewhere (a lookup), unless its own address already named one. */
export function withCustomerName(row: QuoteRow, name: string | undefined): QuoteRow {
  return row.customer_name !== undefined || name === undefined ? row : { ...row, customer_name: name };
}
