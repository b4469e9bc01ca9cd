/**
 * What every picker source shares: the list call it needs, the context a form knows (catalog
 * version, currency, item type) and the page it answers with, which is what FormController's
 * onPickerQuery returns.
 */
import type { ChargebeeClient } from '../chargebee/client';
import type { ProductCatalog } from '../chargebee/catalog/types';
import type { ListResponse } from '../chargebee/responses';
import type { PickerPage } from './page';

export type { PickerPage };

/** The part of the client the pickers use; tests pass a client on the sandbox. */
export type PickerClient = Pick<ChargebeeClient, 'call'>;

export interface PickerContext {
  readonly catalogVersion: ProductCatalog;
  /** Item prices are filtered to this currency when set (a change quote keeps its subscription's). */
  readonly currency?: string;
  /** Item prices of this type only, e.g. `charge` for one-time charge quotes. */
  readonly itemType?: 'plan' | 'addon' | 'charge';
  /** Entries per request; the API allows 1-100. */
  readonly pageSize?: number;
}

export interface PickerQuery {
  readonly text: string;
  readonly offset: string | undefined;
  readonly signal: AbortSignal;
}

/** `{ list: [{ customer: {...} }, ...], next_offset }` as the list endpoints answer. */
export type ListBody = ListResponse;
