/**
 * A large export-like CSV for the viewers' bench: `rows` customers-and-invoices rows of 40 columns
 * (ids, names, emails, epoch and ISO dates, amounts, money with currency, flags, free text with commas
 * and quotes, and the empty cells real exports are full of). Deterministic: the same bytes every run.
 */
import { Prng } from '../sandbox/prng';

const FIRST = ['Ava', 'Liam', 'Mia', 'Noah', 'Zoe', 'Omar', 'Ines', 'Kenji', 'Lea', 'Ravi', 'Aiko', 'Mateo'];
const LAST = ['Kim', 'Garcia', 'Silva', 'Lopez', 'Novak', 'Rossi', 'Weber', 'Suzuki', 'Fischer', 'Tanaka'];
const COMPANY = ['Acme', 'Globex', 'Initech', 'Umbrella Labs', 'Wayne Enterprises', 'Cyberdyne', 'Soylent Foods', 'Stark, Inc.'];
const STATUS = ['active', 'in_trial', 'cancelled', 'non_renewing', 'paused'];
const CURRENCY = ['USD', 'EUR', 'GBP', 'JPY'];

export const CSV_FIXTURE_COLUMNS = [
  'id', 'first_name', 'last_name', 'email', 'company', 'phone', 'created_at', 'updated_at', 'status', 'auto_collection',
  'currency_code', 'mrr', 'total_due', 'net_term_days', 'billing_date', 'invoice_id', 'invoice_date', 'invoice_total', 'amount_paid', 'amount_due',
  'tax', 'discount', 'coupon', 'plan_id', 'plan_quantity', 'addon_ids', 'billing_city', 'billing_state', 'billing_country', 'billing_zip',
  'vat_number', 'locale', 'taxability', 'payment_method', 'card_last4', 'notes', 'cf_region', 'cf_segment', 'deleted', 'resource_version',
] as const;

/** The index of the numeric column the bench sorts by (`mrr`: cents as integers). */
export const CSV_SORT_COLUMN = CSV_FIXTURE_COLUMNS.indexOf('mrr');

/** The sandbox's seeded mulberry32, as a function: the same bytes every run. */
function prng(seed: number): () => number {
  const p = new Prng(seed);
  return () => p.next();
}

export function csvFixture(rows: number): string {
  const rand = prng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const maybe = (p: number, value: () => string): string => (rand() < p ? value() : '');
  const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const out: string[] = [CSV_FIXTURE_COLUMNS.join(',')];
  const start = Date.UTC(2020, 0, 1) / 1000;
  for (let i = 0; i < rows; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const company = pick(COMPANY);
    const created = start + Math.floor(rand() * 5 * 365 * 86400);
    const currency = pick(CURRENCY);
    const total = Math.floor(rand() * 500000);
    const paid = Math.floor(total * rand());
    const day = new Date((created + 86400 * 30) * 1000).toISOString().slice(0, 10);
    const cells = [
      `cus_${(i * 7919).toString(36).padStart(8, '0')}`, first, last, `${first}.${last}${i}@${company.replace(/\W/g, '').toLowerCase()}.example`.toLowerCase(),
      company, maybe(0.6, () => `+1-555-${String(1000 + (i % 9000))}`), String(created), String(created + Math.floor(rand() * 86400 * 90)), pick(STATUS), rand() < 0.8 ? 'on' : 'off',
      currency, String(Math.floor(rand() * 100000)), (total / 100).toFixed(2), maybe(0.3, () => String(pick([15, 30, 45, 60]))), day, `inv_${i}`, day, `${currency} ${(total / 100).toFixed(2)}`, (paid / 100).toFixed(2), ((total - paid) / 100).toFixed(2),
      maybe(0.5, () => (total / 1000).toFixed(2)), maybe(0.2, () => (total / 2000).toFixed(2)), maybe(0.1, () => 'WELCOME10'), `plan-${pick(['basic', 'pro', 'enterprise'])}`, String(1 + Math.floor(rand() * 20)), maybe(0.3, () => 'support,sso'), maybe(0.7, () => pick(['Berlin', 'Austin', 'Osaka', 'Lyon'])), maybe(0.5, () => pick(['TX', 'CA', 'NY'])), maybe(0.8, () => pick(['US', 'DE', 'JP', 'FR'])), maybe(0.6, () => String(10000 + (i % 89999))),
      maybe(0.1, () => `DE${100000000 + i}`), maybe(0.4, () => pick(['en', 'de', 'ja', 'fr'])), 'taxable', pick(['card', 'bank_transfer', 'paypal']), maybe(0.7, () => String(1000 + (i % 9000))), maybe(0.05, () => `Called on ${day}, said "later", will retry`), maybe(0.5, () => pick(['emea', 'amer', 'apac'])), maybe(0.5, () => pick(['smb', 'mid', 'ent'])), 'false', String(1700000000000 + i),
    ];
    out.push(cells.map(quote).join(','));
  }
  return `${out.join('\r\n')}\r\n`;
}
