/**
 * Who a quote is for, for the detail header: the billing address's company or name, else the
 * customer's, looked up once per customer and site (a failed lookup leaves the header with the id).
 */
import type { ChargebeeClient } from '../../chargebee/client';
import type { CustomerResponse } from '../../chargebee/responses';
import { billingName } from '../tree/row';
import type { QuoteObject } from './quote-model';

export class DetailCustomerNames {
  private readonly known = new Map<string, string | null>();

  async of(site: { readonly id: string; readonly client: Pick<ChargebeeClient, 'call'> }, quote: QuoteObject): Promise<string | undefined> {
    const own = billingName(quote.billing_address);
    const id = quote.customer_id;
    if (own !== undefined || id === undefined || id === '') return own;
    const key = `${site.id}\u0000${id}`;
    if (this.known.has(key)) return this.known.get(key) ?? undefined;
    try {
      const res = await site.client.call<CustomerResponse>('customers.retrieve', { pathParams: { customer_id: id } });
      const name = billingName(res.body.customer) ?? null;
      this.known.set(key, name);
      return name ?? undefined;
    } catch {
      return undefined;
    }
  }

  siteRemoved(siteId: string): void {
    for (const key of [...this.known.keys()]) if (key.startsWith(`${siteId}\u0000`)) this.known.delete(key);
  }
}
