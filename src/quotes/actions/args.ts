/**
 * What a quote command is called with: one argument naming the quote (a tree node, a quote object, or
 * an id; nothing means "ask with the picker"). It comes from outside (any extension can run a command),
 * so it is checked here before use. No argument answers a prompt or skips a confirmation: the
 * extension-host tests script answers through the injected UserInput instead.
 */
import { isRecord } from '../../util/guards';
import type { QuoteObject } from '../detail/quote-model';

export interface QuoteRef {
  readonly id: string;
  /** The quote as the caller last saw it, when it had one; used for the state check before asking. */
  readonly quote?: QuoteObject;
}

function asQuote(value: unknown): QuoteObject | undefined {
  return isRecord(value) && typeof value.id === 'string' && value.id !== '' && typeof value.status === 'string' ? (value as unknown as QuoteObject) : undefined;
}

/** A quote reference from a tree node (`{ quote }`), a quote, `{ quoteId }` or an id string. */
export function quoteRefFrom(arg: unknown): QuoteRef | undefined {
  if (typeof arg === 'string') return arg.trim() === '' ? undefined : { id: arg.trim() };
  if (!isRecord(arg)) return undefined;
  const nested = asQuote(arg.quote);
  if (nested) return { id: nested.id, quote: nested };
  const direct = asQuote(arg);
  if (direct) return { id: direct.id, quote: direct };
  if (typeof arg.quoteId === 'string' && arg.quoteId !== '') return { id: arg.quoteId };
  return undefined;
}

/**
 * A reference that names another site than the active one is refused rather than run on the wrong
 * site (a detail page or tree row can outlive a site switch); undefined when it may go on.
 */
export function otherSiteProblem(arg: unknown, active: { readonly id: string; readonly label: string }, labelOf: (siteId: string) => string | undefined = () => undefined): string | undefined {
  const siteId = isRecord(arg) ? arg.siteId : undefined;
  if (typeof siteId !== 'string' || siteId === active.id) return undefined;
  const other = labelOf(siteId);
  return other === undefined
    ? `That quote belongs to a site that is no longer set up; the active site is ${active.label}.`
    : `That quote belongs to ${other}, not to the active site ${active.label}; switch to ${other} first.`;
}
