/**
 * A subscription's unbilled charges after the import: list them (GET /unbilled_charges by
 * subscription_id), invoice them now (POST /unbilled_charges/invoice_unbilled_charges) and delete one
 * (POST /unbilled_charges/{id}/delete). No `vscode` here. Each write passes the site write guard and
 * holds one idempotency key per logical write (SubmissionKey): an answer that never arrived leaves the
 * key held, so doing the same write again is answered by Chargebee as a replay, not done twice.
 */
import { SubmissionKey } from '../chargebee/submission-key';
import { ChargebeeError } from '../chargebee/errors';
import type { UnbilledSite } from './deps';
import { importedCharges, type ImportedCharge } from './unbilled-result';

export type UnbilledCharge = ImportedCharge;

/** An invoice the call made, as its answer says. */
export interface MadeInvoice {
  readonly id: string;
  readonly total?: number;
  readonly currency?: string;
  readonly status?: string;
}

/** Pages are bounded: a subscription holds few pending charges, and a cursor that never ends is not followed forever. */
const MAX_PAGES = 20;

/** The subscription's pending charges (not invoiced, deleted or voided), oldest first as the API lists them. */
export async function listUnbilledCharges(site: Pick<UnbilledSite, 'client'>, subscriptionId: string, signal?: AbortSignal): Promise<UnbilledCharge[]> {
  const all: UnbilledCharge[] = [];
  let offset: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await site.client.call<{ list?: unknown; next_offset?: unknown }>('unbilled_charges.list', {
      params: { subscription_id: { is: subscriptionId }, limit: 100, ...(offset !== undefined ? { offset } : {}) },
      ...(signal ? { signal } : {}),
    });
    const entries = Array.isArray(res.body.list) ? (res.body.list as unknown[]) : [];
    all.push(...importedCharges({ unbilled_charges: entries.map((e) => (e as { unbilled_charge?: unknown } | null)?.unbilled_charge) }));
    if (typeof res.body.next_offset !== 'string' || res.body.next_offset === '') break;
    offset = res.body.next_offset;
  }
  return all;
}

function invoicesOf(body: unknown): MadeInvoice[] {
  const list = typeof body === 'object' && body !== null ? (body as { invoices?: unknown }).invoices : undefined;
  if (!Array.isArray(list)) throw new Error('Chargebee answered without the list of invoices.');
  return list.flatMap((raw: unknown): MadeInvoice[] => {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof r.id !== 'string') return [];
    return [{
      id: r.id,
      ...(typeof r.total === 'number' ? { total: r.total } : {}),
      ...(typeof r.currency_code === 'string' ? { currency: r.currency_code } : {}),
      ...(typeof r.status === 'string' ? { status: r.status } : {}),
    }];
  });
}

export type WriteResult<T> = { readonly kind: 'done'; readonly value: T; readonly replayed: boolean } | { readonly kind: 'not_confirmed' };

/**
 * The writes, each keyed by what it writes (site + subscription, site + charge), so a second try of
 * the same write reuses the held key. One instance lives as long as the feature.
 */
export class UnbilledWrites {
  private readonly keys = new Map<string, SubmissionKey>();

  constructor(private readonly newKey?: () => string) {}

  /** The key a retry of this write would reuse; for the log and the tests. */
  heldKey(kind: 'invoice' | 'delete', siteId: string, id: string): string | undefined {
    return this.keys.get(`${kind}\u0000${siteId}\u0000${id}`)?.held;
  }

  async invoiceNow(site: UnbilledSite, subscriptionId: string, signal?: AbortSignal): Promise<WriteResult<MadeInvoice[]>> {
    if (!(await site.confirmWrite(`invoice the unbilled charges of subscription ${subscriptionId} now`))) return { kind: 'not_confirmed' };
    return this.send('invoice', site, subscriptionId, async (idempotencyKey) => {
      const res = await site.client.call<unknown>('unbilled_charges.invoice_unbilled_charges', { params: { subscription_id: subscriptionId }, idempotencyKey, ...(signal ? { signal } : {}) });
      return { value: invoicesOf(res.body), replayed: res.replayed };
    });
  }

  async deleteCharge(site: UnbilledSite, chargeId: string, signal?: AbortSignal): Promise<WriteResult<string>> {
    if (!(await site.confirmWrite(`delete unbilled charge ${chargeId}`))) return { kind: 'not_confirmed' };
    return this.send('delete', site, chargeId, async (idempotencyKey) => {
      try {
        const res = await site.client.call<unknown>('unbilled_charges.delete', { pathParams: { unbilled_charge_id: chargeId }, idempotencyKey, ...(signal ? { signal } : {}) });
        return { value: chargeId, replayed: res.replayed };
      } catch (err) {
        // Gone already (an earlier try went through, or someone else deleted it): that is the wanted end.
        if (err instanceof ChargebeeError && err.httpStatus === 404) return { value: chargeId, replayed: true };
        throw err;
      }
    });
  }

  private async send<T>(kind: 'invoice' | 'delete', site: UnbilledSite, id: string, call: (key: string) => Promise<{ value: T; replayed: boolean }>): Promise<WriteResult<T>> {
    const mapKey = `${kind}\u0000${site.id}\u0000${id}`;
    const keys = this.keys.get(mapKey) ?? new SubmissionKey(this.newKey);
    this.keys.set(mapKey, keys);
    try {
      const { value, replayed } = await call(keys.next());
      keys.settle('done');
      this.keys.delete(mapKey);
      return { kind: 'done', value, replayed };
    } catch (err) {
      if (keys.failed(err) !== 'unknown') this.keys.delete(mapKey);
      throw err;
    }
  }
}
