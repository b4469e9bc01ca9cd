/**
 * The currency a quote form's money fields are typed in: the subscription's for change quotes, the
 * customer's preferred one for the others, the quote's own when editing, else the site's default.
 * The customer or subscription is looked up as soon as the form names one (on the preview pass
 * after each change), so by the time the person submits, the amounts convert in the right currency.
 */
import type { ChargebeeClient } from '../../chargebee/client';
import type { FormValues } from '../../forms/values';
import type { QuoteKind } from './kinds';
import type { CustomerResponse, SubscriptionResponse } from '../../chargebee/responses';

export type CurrencyRef = { readonly kind: 'customer' | 'subscription'; readonly id: string };
export type CurrencyClient = Pick<ChargebeeClient, 'call'>;

/** Which record decides the currency of a form's values; undefined until one is named. */
export function currencyRefOf(kind: QuoteKind, values: FormValues): CurrencyRef | undefined {
  const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  const id =
    kind === 'change' ? text(values.fields['subscription[id]']) : kind === 'subscription' ? text(values.path['customer_id']) : text(values.fields['customer_id']);
  if (id === '') return undefined;
  return { kind: kind === 'change' ? 'subscription' : 'customer', id };
}

export async function lookUpCurrency(client: CurrencyClient, ref: CurrencyRef, signal?: AbortSignal): Promise<string | undefined> {
  if (ref.kind === 'customer') {
    const res = await client.call<CustomerResponse>('customers.retrieve', { pathParams: { customer_id: ref.id }, signal });
    const code = res.body.customer?.preferred_currency_code;
    return typeof code === 'string' && code !== '' ? code : undefined;
  }
  const res = await client.call<SubscriptionResponse>('subscriptions.retrieve', { pathParams: { subscription_id: ref.id }, signal });
  const code = res.body.subscription?.currency_code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

export class FormCurrency {
  private readonly found = new Map<string, Promise<string | undefined>>();
  private latest: string | undefined;
  private latestKey: string | undefined;

  constructor(
    private readonly lookup: (ref: CurrencyRef) => Promise<string | undefined>,
    private readonly fallback: string,
    /** Fixed when the form opens already knowing it (edits, forms opened on a subscription). */
    private readonly fixed?: string,
  ) {}

  /** Called when current() changes after a lookup (the form tells its webview). */
  onChange: (() => void) | undefined;

  /** What money converts in right now. */
  current(): string {
    return this.fixed ?? this.latest ?? this.fallback;
  }

  /** Where current() comes from: fixed when the form opened, found on the named record, or the fallback. */
  source(): 'fixed' | 'found' | 'fallback' {
    return this.fixed !== undefined ? 'fixed' : this.latest !== undefined ? 'found' : 'fallback';
  }

  /** Whether a record is named but its lookup has not answered (or found no currency). */
  get named(): boolean {
    return this.latestKey !== undefined;
  }

  /** Starts (or reuses) the lookup for the record the values name; returns at once. */
  observe(ref: CurrencyRef | undefined): void {
    void this.resolve(ref);
  }

  /** The currency for `ref`, waiting for its lookup; the fallback when it fails or names nothing. */
  async resolve(ref: CurrencyRef | undefined): Promise<string> {
    if (this.fixed !== undefined) return this.fixed;
    if (ref === undefined) {
      const had = this.latest;
      this.latestKey = undefined;
      this.latest = undefined;
      if (had !== undefined) this.onChange?.();
      return this.fallback;
    }
    const key = `${ref.kind}:${ref.id}`;
    this.latestKey = key;
    let pending = this.found.get(key);
    if (!pending) {
      // A failed lookup (unknown id, offline) is not cached, so the next change tries again.
      pending = this.lookup(ref).catch(() => {
        this.found.delete(key);
        return undefined;
      });
      this.found.set(key, pending);
    }
    const code = await pending;
    // Only the record the form names now may set the currency; an older answer arriving late may not.
    if (this.latestKey === key && this.latest !== code) {
      this.latest = code;
      this.onChange?.();
    }
    return code ?? this.fallback;
  }
}
