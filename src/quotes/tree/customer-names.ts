/**
 * Customer names for quote rows whose billing address names nobody, per site: one `GET /customers`
 * with `id[in]` per tree page (the page holds at most 100 quotes, the list's own limit), and each
 * answer cached for the site, so a page of known customers costs no request at all. A failed lookup
 * leaves the rows with their customer ids; it never fails the page.
 */
import type { ChargebeeClient } from '../../chargebee/client';
import type { ListResponse } from '../../chargebee/responses';
import { billingName, withCustomerName, type QuoteRow } from './row';

export type NamesClient = Pick<ChargebeeClient, 'call'>;

/** Most ids one `id[in]` takes: the list's page limit, so every asked customer comes back on one page. */
export const MAX_IDS_PER_LOOKUP = 100;

export class CustomerNames {
  /** customer id -> name; `null` when the customer has no name (or is gone), so it is not asked again. */
  private readonly names = new Map<string, string | null>();

  /** The rows with names: from the billing address, the cache, or one lookup of the rest. */
  async name(client: NamesClient, rows: readonly QuoteRow[], signal: AbortSignal): Promise<QuoteRow[]> {
    const unknown = [...new Set(rows.filter((r) => r.customer_name === undefined && r.customer_id !== undefined && !this.names.has(r.customer_id)).map((r) => r.customer_id as string))];
    if (unknown.length > 0) {
      try {
        await this.lookUp(client, unknown.slice(0, MAX_IDS_PER_LOOKUP), signal);
      } catch {
        // Offline or refused: the rows keep their ids, and the next page tries these again.
      }
    }
    return rows.map((r) => (r.customer_id === undefined ? r : withCustomerName(r, this.names.get(r.customer_id) ?? undefined)));
  }

  /** The cached name of a customer, if looked up already. */
  cached(customerId: string): string | undefined {
    return this.names.get(customerId) ?? undefined;
  }

  private async lookUp(client: NamesClient, ids: readonly string[], signal: AbortSignal): Promise<void> {
    const res = await client.call<ListResponse<{ readonly customer?: unknown }>>('customers.list', {
      params: { id: { in: [...ids] }, limit: ids.length },
      signal,
    });
    const found = new Set<string>();
    for (const entry of res.body.list ?? []) {
      const c = entry.customer;
      if (typeof c !== 'object' || c === null) continue;
      const id = (c as Record<string, unknown>)['id'];
      if (typeof id !== 'string') continue;
      found.add(id);
      this.names.set(id, billingName(c) ?? null);
    }
    // Asked but not listed (deleted): remembered as nameless, so each page does not ask again.
    for (const id of ids) if (!found.has(id)) this.names.set(id, null);
  }
}
