/**
 * The currency a quote form's money fields are typed in: the subscription's for change quotes, the
 * customer's preferred one for the others, the quote's own when editing, else the site's default.
 * The customer or subscription is looked up once the form names one and the typing has paused (the
 * preview pass runs on every keystroke: looking up each prefix GETs `/customers/c`, `/customers/cu`...
 * and logs a 404 for each), only for text shaped like an id, and only once per id: an id Chargebee
 * does not know is remembered as such. A submit looks up at once.
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

/** Ids are short and have no spaces; anything else is text still being typed or a search. */
export function isIdShaped(text: string): boolean {
  return /^[A-Za-z0-9_.~@+-]{1,50}$/.test(text);
}

/** The pause in typing after which the named record is looked up. */
export const LOOKUP_DELAY_MS = 400;

export class FormCurrency {
  private readonly found = new Map<string, Promise<string | undefined>>();
  private latest: string | undefined;
  private latestKey: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly lookup: (ref: CurrencyRef) => Promise<string | undefined>,
    private readonly fallback: string,
    /** Fixed when the form opens already knowing it (edits, forms opened on a subscription). */
    private readonly fixed?: string,
    private readonly delayMs = LOOKUP_DELAY_MS,
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

  /** Looks up the record the values name once typing pauses (or reuses its lookup); returns at once. */
  observe(ref: CurrencyRef | undefined): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.fixed !== undefined) return;
    if (ref !== undefined && this.found.has(`${ref.kind}:${ref.id}`)) {
      void this.resolve(ref);
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.resolve(ref);
    }, this.delayMs);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The currency for `ref`, waiting for its lookup; the fallback when it fails or names nothing. */
  async resolve(ref: CurrencyRef | undefined): Promise<string> {
    if (this.fixed !== undefined) return this.fixed;
    if (ref === undefined || !isIdShaped(ref.id)) {
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
      // An unknown id (404) stays unknown; any other failure (offline) is tried again on the next change.
      pending = this.lookup(ref).catch((err: unknown) => {
        if (!isNotFound(err)) this.found.delete(key);
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

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { httpStatus?: unknown }).httpStatus === 404;
}
