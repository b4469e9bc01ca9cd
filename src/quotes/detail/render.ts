/**
 * The quote detail page, rendered on the host as one HTML string. Every value from the API passes
 * through escapeHtml (or a formatter whose output is escaped), so a note holding `<script>` shows as
 * text. Its stylesheet and its only script (which posts button clicks) are files in media/, loaded
 * under the shared CSP (`default-src 'none'`, the script by nonce), which forbids every other script,
 * inline handler, inline style and connection.
 */
import { contentSecurityPolicy, escapeHtml as esc, webviewPage } from '../../webview/html';
import { text } from './escape';
import { formatMoney, formatPeriod, formatQuantity, formatTimestamp, humanize, type DisplayLocale } from './format';
import { lineGroupsSection, type LineGroupOptions } from './line-groups';
import type { DetailAction } from './messages';
import { normaliseQuote } from './normalise';
import type { QuoteAddress, QuoteEnvelope, QuoteLineItem, QuoteObject } from './quote-model';

export interface DetailPageOptions extends DisplayLocale, LineGroupOptions {
  readonly nonce: string;
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(...)` of media/quote-detail.css and media/quote-detail.js, as strings. */
  readonly styleUri: string;
  readonly scriptUri: string;
  /** Buttons to show, in order; the caller derives them from the state rules. */
  readonly actions: readonly DetailAction[];
  /** Shown above the header, e.g. the site's name with its test/live badge. */
  readonly siteLabel?: string;
  /** Kept in the webview state with the quote id, so the panel comes back after a reload. */
  readonly siteId?: string;
  /** Who the quote is for (company or name), when the host knows it beyond the billing address. */
  readonly customerName?: string;
}

const BUTTON_LABELS: Readonly<Record<DetailAction, string>> = {
  accept: 'Accept',
  decline: 'Decline',
  close: 'Close',
  convert: 'Convert to Invoice…',
  extend: 'Extend Expiry…',
  edit: 'Edit…',
  delete: 'Delete…',
  pdf: 'Download PDF…',
  pin: 'Keep Open',
  showJson: 'Show JSON',
  copyId: 'Copy ID',
  openConsole: 'Open in Chargebee',
  refresh: 'Refresh',
};

/** Buttons that change the quote get the primary look; the rest are secondary. */
const PRIMARY: ReadonlySet<DetailAction> = new Set(['accept', 'convert']);

/** The shared webview CSP: the page's stylesheet from the extension, its script by nonce. */
export function detailCsp(cspSource: string, nonce: string): string {
  return contentSecurityPolicy(cspSource, nonce);
}

/**
 * The page for `envelope`. The quote is normalised first (a wrong-typed field is printed or dropped,
 * never trusted), and each section is rendered on its own, so one the data still breaks is replaced
 * by a note while the rest of the page shows.
 */
export function renderQuoteDetail(envelope: QuoteEnvelope, opts: DetailPageOptions): string {
  const q = normaliseQuote((envelope as { quote?: unknown }).quote);
  return webviewPage({
    cspSource: opts.cspSource,
    nonce: opts.nonce,
    lang: opts.locale,
    title: `Quote ${q.id}${q.name !== undefined && q.name !== '' ? ` · ${q.name}` : ''}`,
    head: `<link rel="stylesheet" href="${esc(opts.styleUri)}">`,
    body: `<main aria-labelledby="quote-title" data-quote="${esc(q.id)}" data-site="${esc(opts.siteId ?? '')}">
${part('header', () => header(q, opts))}
${part('actions', () => toolbar(opts.actions))}
${part('summary', () => summary(q, opts))}
${part('line items', () => lineItems(q, opts))}
${part('discounts', () => discounts(q, opts))}
${part('taxes', () => taxes(q, opts))}
${part('totals', () => totals(q, opts))}
${part('line groups', () => lineGroupsSection(q, opts))}
${part('addresses', () => addresses(q))}
${part('notes', () => notes(q))}
</main>
<script nonce="${opts.nonce}" src="${esc(opts.scriptUri)}"></script>`,
  });
}

function part(name: string, render: () => string): string {
  try {
    return render();
  } catch {
    return `<p class="empty">The ${esc(name)} of this quote could not be shown; Show JSON has the full answer.</p>`;
  }
}

function header(q: QuoteObject, opts: DetailPageOptions): string {
  const status = q.deleted === true ? 'deleted' : q.status;
  const site = opts.siteLabel === undefined ? '' : `<p class="site">${esc(opts.siteLabel)}</p>\n`;
  const name = q.name !== undefined && q.name !== '' ? ` <span class="name">${esc(q.name)}</span>` : '';
  const who = customerOf(q, opts.customerName);
  const customer = who === undefined ? '' : `\n<p class="customer"><span class="muted">for</span> <strong>${esc(who)}</strong>${q.customer_id !== undefined && q.customer_id !== who ? ` <span class="muted">${esc(q.customer_id)}</span>` : ''}</p>`;
  return `<header>
${site}<h1 id="quote-title">Quote ${esc(q.id)}${name}</h1>${customer}
<p><span class="badge status-${statusClass(status)}" role="status" aria-label="Status: ${esc(humanize(status))}">${esc(humanize(status))}</span>
<span class="operation">${esc(humanize(q.operation_type))}</span></p>
</header>`;
}

/** Company, else name, from the billing address; else the name the host looked up; else the customer id. */
function customerOf(q: QuoteObject, looked: string | undefined): string | undefined {
  const a = q.billing_address;
  const own = a === undefined ? '' : (a.company ?? '').trim() || [a.first_name, a.last_name].filter((p) => p !== undefined && p.trim() !== '').join(' ');
  return own !== '' ? own : (looked ?? q.customer_id);
}

/** Only `[a-z_]` reaches a class name, whatever the API sent. */
function statusClass(status: string): string {
  return status.toLowerCase().replace(/[^a-z_]/g, '') || 'unknown';
}

function toolbar(actions: readonly DetailAction[]): string {
  if (actions.length === 0) return '';
  const buttons = actions
    .map((a) => `<button type="button" data-action="${esc(a)}" class="${PRIMARY.has(a) ? 'primary' : 'secondary'}">${esc(BUTTON_LABELS[a])}</button>`)
    .join('\n');
  return `<nav class="toolbar" aria-label="Quote actions">\n${buttons}\n</nav>`;
}

function row(label: string, value: string): string {
  return `<dt>${esc(label)}</dt><dd>${value}</dd>`;
}

function summary(q: QuoteObject, opts: DetailPageOptions): string {
  const rows = [
    row('Customer', text(q.customer_id)),
    row('Subscription', text(q.subscription_id)),
    ...(q.invoice_id !== undefined ? [row('Invoice', text(q.invoice_id))] : []),
    ...(q.po_number !== undefined ? [row('PO number', text(q.po_number))] : []),
    row('Currency', text(q.currency_code)),
    row('Price type', esc(humanize(q.price_type))),
    row('Date', esc(formatTimestamp(q.date, opts))),
    row('Valid till', esc(formatTimestamp(q.valid_till, opts))),
    row('Updated', esc(formatTimestamp(q.updated_at, opts))),
    ...(q.version !== undefined ? [row('Version', text(q.version))] : []),
    ...(q.vat_number !== undefined ? [row('VAT number', text(q.vat_number))] : []),
  ];
  return `<section aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2><dl>${rows.join('')}</dl></section>`;
}

function money(minor: number | undefined, q: QuoteObject, opts: DetailPageOptions): string {
  return esc(formatMoney(minor, q.currency_code, opts));
}

/** A column heading; `num` right-aligns the column's amounts. */
interface Column {
  readonly label: string;
  readonly num?: true;
}

/** A titled section holding one table; `rows` are finished `<tr>` strings. */
function tableSection(id: string, title: string, columns: readonly Column[], rows: readonly string[]): string {
  const head = columns.map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('');
  return `<section aria-labelledby="h-${id}"><h2 id="h-${id}">${esc(title)}</h2>
<div class="table-scroll" tabindex="0" role="group" aria-labelledby="h-${id}"><table><thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div></section>`;
}

const AMOUNT: Column = { label: 'Amount', num: true };

function lineItems(q: QuoteObject, opts: DetailPageOptions): string {
  const items = q.line_items ?? [];
  if (items.length === 0) return `<section aria-labelledby="h-items"><h2 id="h-items">Line items</h2><p class="empty">No line items.</p></section>`;
  const columns: Column[] = [
    { label: 'Description' },
    { label: 'Entity' },
    { label: 'Quantity', num: true },
    { label: 'Unit amount', num: true },
    { label: 'Discounts', num: true },
    { label: 'Taxes', num: true },
    AMOUNT,
  ];
  return tableSection('items', 'Line items', columns, items.map((li) => lineItemRow(li, q, opts)));
}

function lineItemRow(li: QuoteLineItem, q: QuoteObject, opts: DetailPageOptions): string {
  const entity = [humanize(li.entity_type), li.entity_id].filter((p): p is string => p !== undefined && p !== '—').join(' · ');
  const discount = (li.discount_amount ?? 0) + (li.item_level_discount_amount ?? 0);
  const unit = li.unit_amount_in_decimal !== undefined && li.unit_amount_in_decimal !== '' ? esc(li.unit_amount_in_decimal) : money(li.unit_amount, q, opts);
  const tax = li.tax_rate !== undefined && li.tax_rate > 0 ? `${money(li.tax_amount, q, opts)} <span class="muted">(${esc(String(li.tax_rate))}%)</span>` : money(li.tax_amount ?? 0, q, opts);
  const period = formatPeriod(li.date_from, li.date_to, opts);
  const periodLine = period === '' ? '' : `<br><span class="muted">${esc(period)}</span>`;
  // data-label: a narrow editor stacks each row as a card and labels the cells itself (quote-detail.css).
  return `<tr><th scope="row">${text(li.description)}${periodLine}</th><td data-label="Entity">${esc(entity === '' ? '—' : entity)}</td><td class="num" data-label="Quantity">${esc(formatQuantity(li.quantity, li.quantity_in_decimal))}</td><td class="num" data-label="Unit amount">${unit}</td><td class="num" data-label="Discounts">${money(discount, q, opts)}</td><td class="num" data-label="Taxes">${tax}</td><td class="num" data-label="Amount">${money(li.amount, q, opts)}</td></tr>`;
}

function discounts(q: QuoteObject, opts: DetailPageOptions): string {
  const list = q.discounts ?? [];
  if (list.length === 0) return '';
  const rows = list.map((d) => `<tr><th scope="row">${text(d.description ?? d.entity_id)}</th><td>${esc(humanize(d.entity_type))}</td><td class="num">${money(d.amount, q, opts)}</td></tr>`);
  return tableSection('discounts', 'Discounts', [{ label: 'Description' }, { label: 'Type' }, AMOUNT], rows);
}

function taxes(q: QuoteObject, opts: DetailPageOptions): string {
  const list = q.taxes ?? [];
  if (list.length === 0) return '';
  const rows = list.map((t) => `<tr><th scope="row">${text(t.name)}</th><td>${text(t.description)}</td><td class="num">${money(t.amount, q, opts)}</td></tr>`);
  return tableSection('taxes', 'Taxes', [{ label: 'Name' }, { label: 'Description' }, AMOUNT], rows);
}

function totals(q: QuoteObject, opts: DetailPageOptions): string {
  const discountTotal = (q.discounts ?? []).reduce((sum, d) => sum + (d.amount ?? 0), 0);
  const taxTotal = (q.taxes ?? []).reduce((sum, t) => sum + (t.amount ?? 0), 0);
  const rows = [
    row('Sub total', money(q.sub_total, q, opts)),
    row('Discounts', money(discountTotal, q, opts)),
    row('Taxes', money(taxTotal, q, opts)),
    row('Total', `<strong>${money(q.total, q, opts)}</strong>`),
    row('Credits applied', money(q.credits_applied ?? 0, q, opts)),
    row('Amount paid', money(q.amount_paid ?? 0, q, opts)),
    row('Amount due', `<strong>${money(q.amount_due, q, opts)}</strong>`),
    ...(q.total_payable !== undefined ? [row('Total payable', money(q.total_payable, q, opts))] : []),
    ...(q.charge_on_acceptance !== undefined ? [row('Charged on acceptance', money(q.charge_on_acceptance, q, opts))] : []),
  ];
  return `<section aria-labelledby="h-totals"><h2 id="h-totals">Totals</h2><dl class="totals">${rows.join('')}</dl></section>`;
}

function addressLines(a: QuoteAddress): string[] {
  const name = [a.first_name, a.last_name].filter((p) => p !== undefined && p !== '').join(' ');
  const cityLine = [a.zip, a.city].filter((p) => p !== undefined && p !== '').join(' ');
  const region = [a.state ?? a.state_code, a.country].filter((p) => p !== undefined && p !== '').join(', ');
  return [name, a.company, a.line1, a.line2, a.line3, cityLine, region, a.email, a.phone].filter((l): l is string => typeof l === 'string' && l !== '');
}

function addresses(q: QuoteObject): string {
  const blocks: [string, QuoteAddress | undefined][] = [
    ['Billing address', q.billing_address],
    ['Shipping address', q.shipping_address],
  ];
  const shown = blocks.filter((b): b is [string, QuoteAddress] => b[1] !== undefined);
  if (shown.length === 0) return '';
  const inner = shown.map(([label, a]) => `<div><h3>${esc(label)}</h3><address>${addressLines(a).map(esc).join('<br>')}</address></div>`).join('');
  return `<section aria-labelledby="h-addresses"><h2 id="h-addresses">Addresses</h2><div class="columns">${inner}</div></section>`;
}

function notes(q: QuoteObject): string {
  const list = (q.notes ?? []).map((n) => (typeof n === 'string' ? n : n.note)).filter((n): n is string => typeof n === 'string' && n !== '');
  if (list.length === 0) return '';
  return `<section aria-labelledby="h-notes"><h2 id="h-notes">Notes</h2>${list.map((n) => `<p class="note">${esc(n)}</p>`).join('')}</section>`;
}
