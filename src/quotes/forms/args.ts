/**
 * What the form commands accept as their argument, checked before use (any extension can run a
 * command): the customer or subscription to start from (a tree node or an id). Nothing that answers a
 * prompt: the kind and the catalog are asked (tests script them through the injected UserInput).
 */
import type { FormValues } from '../../forms/values';
import { emptyValues } from '../../forms/values';
import { isRecord } from '../../util/guards';
import type { QuoteKind } from './kinds';

export interface NewQuoteArgs {
  readonly customerId?: string;
  readonly subscriptionId?: string;
}

function id(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' && v.length <= 100 ? v.trim() : undefined;
}

/** `{ customerId }`, `{ subscriptionId }`, or a tree node holding `customer` / `subscription`. */
export function newQuoteArgsFrom(arg: unknown): NewQuoteArgs {
  if (!isRecord(arg)) return {};
  const customerId = id(arg.customerId) ?? (isRecord(arg.customer) ? id(arg.customer.id) : undefined);
  const subscriptionId = id(arg.subscriptionId) ?? (isRecord(arg.subscription) ? id(arg.subscription.id) : undefined);
  return { ...(customerId ? { customerId } : {}), ...(subscriptionId ? { subscriptionId } : {}) };
}

/** Initial values for a new form: the customer (path or body, by kind) or the subscription. */
export function initialValuesFor(kind: QuoteKind, args: NewQuoteArgs): FormValues | undefined {
  const base = emptyValues();
  if (kind === 'change' && args.subscriptionId) return { ...base, fields: { 'subscription[id]': args.subscriptionId, ...base.fields } };
  if (kind === 'subscription' && args.customerId) return { ...base, path: { customer_id: args.customerId, ...base.path } };
  if (kind === 'onetime' && args.customerId) return { ...base, fields: { customer_id: args.customerId, ...base.fields } };
  return undefined;
}
