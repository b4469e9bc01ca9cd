/**
 * The quote's line groups (GET /quotes/{id}/quote_line_groups) on the detail page. A quote that
 * charges several terms ahead has one group per billing cycle, each its own charge event with its
 * own lines, discounts, taxes and totals; the quote's inlined lines are only the first group's, its
 * totals the sum. One group adds nothing to the page's own sections, so only two or more are shown.
 */
import type { QuoteLineGroup } from '../../chargebee/responses';
import { escapeHtml as esc } from '../../webview/html';
import { text } from './escape';
import { formatMoney, formatPeriod, formatQuantity, humanize, type DisplayLocale } from './format';
import { readers } from './normalise';
import type { QuoteClient } from '../actions/api';
import type { QuoteLineItem, QuoteObject } from './quote-model';

/** What the page knows of the groups: not asked yet (or a single-term quote), the groups, or why not. */
export type LineGroupsState =
  | { readonly kind: 'loaded'; readonly groups: readonly QuoteLineGroup[] }
  | { readonly kind: 'failed'; readonly message: string };

export interface LineGroupOptions {
  /** The quote's line groups once loaded; undefined while loading or when never asked for. */
  readonly lineGroups?: LineGroupsState;
}

const { str, num, record, list, lineItem, discount, tax } = readers;

const group = record<QuoteLineGroup>({
  id: str, charge_event: str, billing_cycle_number: num, sub_total: num, total: num, credits_applied: num,
  amount_paid: num, amount_due: num, line_items: list(lineItem), discounts: list(discount), taxes: list(tax),
});

/** The groups of an answer (`{ list: [{ quote_line_group }] }`), each checked; what is no group is dropped. */
export function readLineGroups(body: unknown): { groups: QuoteLineGroup[]; nextOffset?: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { list?: unknown; next_offset?: unknown };
  const entries = Array.isArray(b.list) ? b.list : [];
  const groups = entries
    .map((e) => group((e as { quote_line_group?: unknown } | null)?.quote_line_group))
    .filter((g): g is QuoteLineGroup => g !== undefined);
  return typeof b.next_offset === 'string' && b.next_offset !== '' ? { groups, nextOffset: b.next_offset } : { groups };
}

/** Every group of the quote, page by page (a quote has as many as the terms it charges). */
export async function loadLineGroups(client: Pick<QuoteClient, 'call'>, quoteId: string, signal?: AbortSignal): Promise<QuoteLineGroup[]> {
  const all: QuoteLineGroup[] = [];
  let offset: string | undefined;
  // Bounded: a cursor that never ends is the API's fault, not a reason to spin.
  for (let page = 0; page < 50; page++) {
    const res = await client.call<unknown>('quotes.quote_line_groups', {
      pathParams: { quote_id: quoteId },
      params: { limit: 100, ...(offset !== undefined ? { offset } : {}) },
      ...(signal ? { signal } : {}),
    });
    const read = readLineGroups(res.body);
    all.push(...read.groups);
    if (read.nextOffset === undefined) break;
    offset = read.nextOffset;
  }
  return all;
}

/** The section, or '' when there is nothing to add to the page (no answer yet, a single group). */
export function lineGroupsSection(q: QuoteObject, opts: LineGroupOptions & DisplayLocale): string {
  const state = opts.lineGroups;
  if (!state) return '';
  if (state.kind === 'failed') {
    return `<section aria-labelledby="h-groups"><h2 id="h-groups">Billing cycles</h2><p class="empty">The line groups could not be loaded: ${esc(state.message)}</p></section>`;
  }
  if (state.groups.length < 2) return '';
  const money = (minor: number | undefined): string => esc(formatMoney(minor, q.currency_code, opts));
  const sum = state.groups.reduce((s, g) => s + (g.total ?? 0), 0);
  const groups = state.groups.map((g, i) => groupBlock(g, i, money, opts)).join('\n');
  const mismatch = q.total !== undefined && q.total !== sum ? ` <span class="muted">(the groups add up to ${money(sum)})</span>` : '';
  return `<section aria-labelledby="h-groups" class="line-groups"><h2 id="h-groups">Billing cycles (${state.groups.length})</h2>
<p class="muted">This quote charges ${state.groups.length} billing cycles; each is invoiced as its own charge event.</p>
${groups}
<dl class="totals"><dt>Quote total</dt><dd><strong>${money(q.total)}</strong>${mismatch}</dd></dl>
</section>`;
}

function groupBlock(g: QuoteLineGroup, index: number, money: (minor: number | undefined) => string, opts: DisplayLocale): string {
  const id = `h-group-${index + 1}`;
  const cycle = g.billing_cycle_number ?? index + 1;
  const lines = g.line_items ?? [];
  const discountRows = (g.discounts ?? []).map((d) => `<tr><th scope="row">${text(d.description ?? d.entity_id)}</th><td>${esc(humanize(d.entity_type))}</td><td class="num">${money(d.amount)}</td></tr>`);
  const taxRows = (g.taxes ?? []).map((t) => `<tr><th scope="row">${text(t.name)}</th><td>${text(t.description)}</td><td class="num">${money(t.amount)}</td></tr>`);
  const discountTotal = (g.discounts ?? []).reduce((s, d) => s + (d.amount ?? 0), 0);
  const taxTotal = (g.taxes ?? []).reduce((s, t) => s + (t.amount ?? 0), 0);
  return `<article class="line-group" aria-labelledby="${id}"><h3 id="${id}">Billing cycle ${esc(String(cycle))} · ${esc(humanize(g.charge_event))}</h3>
${lines.length === 0 ? '<p class="empty">No line items.</p>' : table(id, ['Description', 'Entity', 'Quantity', 'Unit amount', 'Amount'], lines.map((li) => lineRow(li, money, opts)), 2)}
${discountRows.length > 0 ? table(id, ['Discount', 'Type', 'Amount'], discountRows, 2) : ''}
${taxRows.length > 0 ? table(id, ['Tax', 'Description', 'Amount'], taxRows, 2) : ''}
<dl class="totals"><dt>Sub total</dt><dd>${money(g.sub_total)}</dd><dt>Discounts</dt><dd>${money(discountTotal)}</dd><dt>Taxes</dt><dd>${money(taxTotal)}</dd><dt>Total</dt><dd><strong>${money(g.total)}</strong></dd><dt>Amount due</dt><dd>${money(g.amount_due)}</dd></dl>
</article>`;
}

/** Columns from `firstNum` on are amounts (right-aligned). */
function table(labelledBy: string, columns: readonly string[], rows: readonly string[], firstNum: number): string {
  const head = columns.map((c, i) => `<th scope="col"${i >= firstNum ? ' class="num"' : ''}>${esc(c)}</th>`).join('');
  return `<div class="table-scroll" tabindex="0" role="group" aria-labelledby="${labelledBy}"><table><thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

function lineRow(li: QuoteLineItem, money: (minor: number | undefined) => string, opts: DisplayLocale): string {
  const entity = [humanize(li.entity_type), li.entity_id].filter((p): p is string => p !== undefined && p !== '—').join(' · ');
  const period = formatPeriod(li.date_from, li.date_to, opts);
  const periodLine = period === '' ? '' : `<br><span class="muted">${esc(period)}</span>`;
  const unit = li.unit_amount_in_decimal !== undefined && li.unit_amount_in_decimal !== '' ? esc(li.unit_amount_in_decimal) : money(li.unit_amount);
  return `<tr><th scope="row">${text(li.description)}${periodLine}</th><td>${esc(entity === '' ? '—' : entity)}</td><td class="num">${esc(formatQuantity(li.quantity, li.quantity_in_decimal))}</td><td class="num">${unit}</td><td class="num">${money(li.amount)}</td></tr>`;
}
