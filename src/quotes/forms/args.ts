/**
 * What the form commands accept as their argument, checked before use (any extension can run a
 * command): a customer or subscription to start from, a kind for "New Quote...", or a quote to edit.
 */
import type { ProductCatalog } from '../../chargebee/catalog/types';
import type { FormValues } from '../../forms/values';
import { emptyValues } from '../../forms/values';
import { isRecord } from '../../util/guards';
import type { QuoteKind } from './kinds';
import { QUOTE_KINDS } from './kinds';

export interface NewQuoteArgs {
  readonly kind?: QuoteKind;
  /** A product catalog chosen by a script or test over the site's setting (sandboxes serve both). */
  readonly catalog?: ProductCatalog;
  readonly customerId?: string;
  readonly subscriptionId?: string;
  /** Values to open the form with (tests, scripts); merged over the customer/subscription. */
  readonly values?: FormValues;
}

function id(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' && v.length <= 100 ? v.trim() : undefined;
}

/** `{ kind, catalog, customerId, subscriptionId, values }`, or a tree node holding `customer` / `subscription`. */
export function newQuoteArgsFrom(arg: unknown): NewQuoteArgs {
  if (!isRecord(arg)) return {};
  const kind = typeof arg.kind === 'string' && (QUOTE_KINDS as readonly string[]).includes(arg.kind) ? (arg.kind as QuoteKind) : undefined;
  const customerId = id(arg.customerId) ?? (isRecord(arg.customer) ? id(arg.customer.id) : undefined);
  const subscriptionId = id(arg.subscriptionId) ?? (isRecord(arg.subscription) ? id(arg.subscription.id) : undefined);
  const values = isFormValues(arg.values) ? arg.values : undefined;
  const catalog = arg.catalog === 1 || arg.catalog === 2 ? arg.catalog : undefined;
  return { ...(kind ? { kind } : {}), ...(catalog ? { catalog } : {}), ...(customerId ? { customerId } : {}), ...(subscriptionId ? { subscriptionId } : {}), ...(values ? { values } : {}) };
}

function isFormValues(v: unknown): v is FormValues {
  return isRecord(v) && isRecord(v.path) && isRecord(v.fields) && isRecord(v.rows) && isRecord(v.lists) && Array.isArray(v.filters);
}

/** Initial values for a new form: the customer (path or body, by kind) or the subscription. */
export function initialValuesFor(kind: QuoteKind, args: NewQuoteArgs): FormValues | undefined {
  const base = args.values ?? emptyValues();
  if (kind === 'change' && args.subscriptionId) return { ...base, fields: { 'subscription[id]': args.subscriptionId, ...base.fields } };
  if (kind === 'subscription' && args.customerId) return { ...base, path: { customer_id: args.customerId, ...base.path } };
  if (kind === 'onetime' && args.customerId) return { ...base, fields: { customer_id: args.customerId, ...base.fields } };
  return args.values;
}
