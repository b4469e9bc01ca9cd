/**
 * Which actions a quote's status allows, and the contextValue flags tree rows carry so menus can match
 * them (`viewItem =~ /\bcanAccept\b/`). Pure: the tree, the detail view, the picker and the commands all
 * ask this one module, so a button is never offered where its menu entry is hidden.
 *
 * Chargebee documents only part of the state machine (docs/chargebee-api-notes.md#quote-states). These rules follow the sandbox
 * (test/sandbox/quote-actions.ts), which is where the API docs are silent:
 * - update_status from open or accepted; accepting an accepted quote is a no-op, so not offered.
 * - convert from open or accepted (open->convert is unconfirmed; the sandbox allows it).
 * - edit on open only; extend on open, accepted, and on quotes closed because valid_till passed.
 * - delete on any quote not already deleted; pdf on any quote not deleted.
 */

export const QUOTE_ACTIONS = ['accept', 'decline', 'close', 'convert', 'extend', 'edit', 'delete', 'pdf'] as const;
export type QuoteAction = (typeof QUOTE_ACTIONS)[number];

/** The fields of a quote the rules look at; the API's quote object satisfies it. */
export interface QuoteState {
  readonly status: string;
  /** Epoch seconds. */
  readonly valid_till?: number;
  readonly deleted?: boolean;
}

const BY_STATUS: Readonly<Record<string, readonly QuoteAction[]>> = {
  open: ['accept', 'decline', 'close', 'convert', 'extend', 'edit', 'delete', 'pdf'],
  accepted: ['decline', 'close', 'convert', 'extend', 'delete', 'pdf'],
  declined: ['delete', 'pdf'],
  closed: ['delete', 'pdf'],
  invoiced: ['delete', 'pdf'],
};

/** CPQ-only and unknown statuses: nothing this extension can change, but the record can still go. */
const OTHER_STATUS: readonly QuoteAction[] = ['delete', 'pdf'];

/**
 * The status Chargebee would report now: open and accepted quotes past valid_till read as closed
 * (docs/chargebee-api-notes.md#quote-states). A tree loaded an hour ago must not offer accept on a quote that expired since.
 */
export function effectiveStatus(quote: QuoteState, nowSeconds: number): string {
  const live = quote.status === 'open' || quote.status === 'accepted';
  return live && quote.valid_till !== undefined && quote.valid_till < nowSeconds ? 'closed' : quote.status;
}

export function allowedActions(quote: QuoteState, nowSeconds: number): readonly QuoteAction[] {
  if (quote.deleted === true) return [];
  const status = effectiveStatus(quote, nowSeconds);
  const base = BY_STATUS[status] ?? OTHER_STATUS;
  // Closed by expiry rather than by hand: extending valid_till is what brings such a quote back.
  const expired = status === 'closed' && quote.valid_till !== undefined && quote.valid_till < nowSeconds;
  const actions = expired && !base.includes('extend') ? [...base, 'extend' as const] : base;
  return QUOTE_ACTIONS.filter((a) => actions.includes(a));
}

export function isActionAllowed(quote: QuoteState, action: QuoteAction, nowSeconds: number): boolean {
  return allowedActions(quote, nowSeconds).includes(action);
}

/** Statuses the picker lists for an action (by the quote's reported status; expiry is checked per quote). */
export function statusesAllowing(action: QuoteAction): readonly string[] {
  const statuses = Object.keys(BY_STATUS).filter((s) => (BY_STATUS[s] ?? []).includes(action));
  return action === 'extend' && !statuses.includes('closed') ? [...statuses, 'closed'] : statuses;
}

/** `canAccept` for `accept`: the flag a menu's `when` clause matches. */
export function actionFlag(action: QuoteAction): string {
  return `can${action.charAt(0).toUpperCase()}${action.slice(1)}`;
}

/** `canAccept canDecline ...` in QUOTE_ACTIONS order, or '' when nothing is allowed. */
export function actionFlags(quote: QuoteState, nowSeconds: number): string {
  return allowedActions(quote, nowSeconds).map(actionFlag).join(' ');
}

/**
 * The whole contextValue of a quote row: `quote status:open canAccept canDecline ...`. Flags are
 * words, so `when` clauses match them with `\b` regexes and new flags never break old clauses.
 */
export function quoteContextValue(quote: QuoteState, nowSeconds: number): string {
  const flags = actionFlags(quote, nowSeconds);
  const deleted = quote.deleted === true ? ' deleted' : '';
  return `quote status:${effectiveStatus(quote, nowSeconds)}${deleted}${flags === '' ? '' : ` ${flags}`}`;
}
