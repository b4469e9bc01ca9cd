/**
 * The picker data sources behind every form's searchable fields: one function a FormController's
 * onPickerQuery can return directly. Kinds that do not exist in the site's product catalog answer
 * with a message instead of a request the API would refuse.
 */
import type { PickerKind } from '../chargebee/catalog/types';
import { customerList } from './customers';
import { addonList, couponList, itemFamilyList, itemList, itemPriceList, planList } from './product-catalog';
import { quoteList } from './quotes';
import type { StagedList } from './staged-list';
import { stagedPage } from './staged-list';
import { subscriptionList } from './subscriptions';
import type { PickerClient, PickerContext, PickerPage, PickerQuery } from './types';

export type { PickerClient, PickerContext, PickerPage, PickerQuery } from './types';
export { customerStages } from './customers';
export { subscriptionCatalog } from './subscriptions';

const PC1_ONLY: ReadonlySet<PickerKind> = new Set(['plan', 'addon']);
const PC2_ONLY: ReadonlySet<PickerKind> = new Set(['item_family', 'item', 'item_price']);

export class PickerUnavailableError extends Error {}

export function listFor(kind: PickerKind, text: string, ctx: PickerContext): StagedList {
  if (ctx.catalogVersion === 2 && PC1_ONLY.has(kind)) throw new PickerUnavailableError(`${kind === 'plan' ? 'Plans' : 'Addons'} belong to Product Catalog 1.0; this site uses 2.0.`);
  if (ctx.catalogVersion === 1 && PC2_ONLY.has(kind)) throw new PickerUnavailableError('Items and item prices belong to Product Catalog 2.0; this site uses 1.0.');
  switch (kind) {
    case 'customer':
      return customerList(text);
    case 'subscription':
      return subscriptionList(text, ctx.catalogVersion);
    case 'plan':
      return planList(text);
    case 'addon':
      return addonList(text);
    case 'item_family':
      return itemFamilyList(text);
    case 'item':
      return itemList(text, ctx);
    case 'item_price':
      return itemPriceList(text, ctx);
    case 'coupon':
      return couponList(text);
    case 'quote':
      return quoteList(text);
    case 'charge_row':
      // The import form answers this kind from its own rows (subscriptions/unbilled-controller.ts).
      throw new PickerUnavailableError('Charge ids are picked from the charge rows of this form.');
  }
}

/** One page of `kind` matching `query.text`, continuing from `query.offset`. */
export async function queryPicker(client: PickerClient, kind: PickerKind, query: PickerQuery, ctx: PickerContext): Promise<PickerPage> {
  return stagedPage(client, listFor(kind, query.text, ctx), query, ctx.pageSize);
}
