/** The Quotes tree's elements: status groups, quotes, and the state nodes that stand in for views. */
import type { QuoteGroup } from './model';
import type { PagedQuoteList } from './paged-list';
import type { QuoteRow } from './row';

/** A row; `quote` and `siteId` are what the quote commands read from their argument. */
export interface QuoteNode {
  readonly kind: 'quote';
  readonly siteId: string;
  readonly list: PagedQuoteList;
  quote: QuoteRow;
}

export type StateNodeKind = 'loadMore' | 'loading' | 'waiting' | 'error' | 'empty';

export interface StateNode {
  readonly kind: StateNodeKind;
  readonly list: PagedQuoteList;
  message: string;
}

/** The active site has no key in SecretStorage (removed elsewhere, or another machine's settings sync). */
export interface NoKeyNode {
  readonly kind: 'noKey';
  readonly siteId: string;
  readonly label: string;
}

export type QuoteTreeNode = QuoteGroup | QuoteNode | StateNode | NoKeyNode;

/** contextValues of the non-quote nodes (quote rows use quoteContextValue from state-rules.ts). */
export const NODE_CONTEXT = {
  group: 'quoteGroup',
  loadMore: 'quotesLoadMore',
  loading: 'quotesLoading',
  waiting: 'quotesWaiting',
  error: 'quotesError',
  empty: 'quotesEmpty',
  noKey: 'quotesNoKey',
} as const;
