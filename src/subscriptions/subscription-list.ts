/**
 * Subscriptions for the "which subscription?" quick pick, through the shared staged picker search
 * (id, then customer id). Unlike the quote forms' picker, subscriptions of both product catalogs are
 * listed: charges can be imported into either kind.
 */
import type { StagedList } from '../pickers/staged-list';
import { joined, s, stagedPage } from '../pickers/staged-list';
import { subscriptionSearch } from '../pickers/subscriptions';
import type { PickerClient, PickerPage } from '../pickers/types';

export function importableSubscriptions(text: string): StagedList {
  return subscriptionSearch(text, (sub) => {
    const id = s(sub, 'id');
    if (id === '') return undefined;
    return { id, label: id, description: joined(s(sub, 'customer_id'), s(sub, 'status'), s(sub, 'plan_id'), s(sub, 'currency_code')) };
  });
}

export function subscriptionPage(client: PickerClient, text: string, offset: string | undefined, signal: AbortSignal, pageSize?: number): Promise<PickerPage> {
  return stagedPage(client, importableSubscriptions(text), { text, offset, signal }, pageSize);
}
