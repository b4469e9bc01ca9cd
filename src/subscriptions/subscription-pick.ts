/**
 * "Which subscription?": the one paged Quick Pick (src/pickers/paged-pick.ts) over GET /subscriptions,
 * searched on the server by id, then customer id. A typed id that matches nothing can be used as is.
 */
import { pickPaged } from '../pickers/quick-pick';
import type { SubscriptionClient } from './deps';
import { importableSubscriptions } from './subscription-list';

/** The picked (or typed) subscription id; undefined when the user backs out. */
export async function pickSubscription(client: SubscriptionClient, title: string): Promise<string | undefined> {
  const picked = await pickPaged(client, {
    title,
    placeholder: 'Pick a subscription, or type an id to search',
    list: importableSubscriptions,
    allowTypedId: true,
    noun: 'subscriptions',
    ignoreFocusOut: true,
  });
  if (picked === undefined) return undefined;
  return 'item' in picked ? picked.item.id : picked.typedId;
}
