/**
 * Subscriptions for the "which subscription?" quick pick, through the shared staged picker search
 * (id, then customer id). Unlike the quote forms' picker, subscriptions of both product catalogs are
 * listed: charges can be imported into either kind.
 */
import { subscriptionStages } from '../pickers/subscriptions';
import type { StagedList } from '../pickers/staged-list';
import { joined, s, stagedPage } from '../pickers/staged-list';
import type { PickerClient, PickerPage } from '../pickers/types';

export function importableSubscriptions(text: string): StagedList {
  return {
    endpointId: 'subscriptions.list',
    key: 'subscription',
    base: { sort_by: { desc: 'created_at' } },
    stages: subscriptionStages(text),
    toItem: (sub) => {
      const id = s(sub, 'id');
      if (id === '') return undefined;
      const plan = s(sub, 'plan_id');
      return { id, label: id, description: joined(s(sub, 'customer_id'), s(sub, 'status'), plan, s(sub, 'currency_code')) };
    },
  };
}

export function subscriptionPage(client: PickerClient, text: string, offset: string | undefined, signal: AbortSignal, pageSize?: number): Promise<PickerPage> {
  return stagedPage(client, importableSubscriptions(text), { text, offset, signal }, pageSize);
}
