/**
 * Reference data behind the extension's pickers: customers and subscriptions (list, retrieve),
 * PC1 plans and addons, PC2 item families, items and item prices, and coupons.
 */
import { notFound } from '../errors';
import type { Subscription } from '../models';
import type { RequestContext, Route } from '../router';
import type { Store } from '../store';
import { listRecords } from './listing';

function retrieveRoute<T extends object>(pattern: string, key: string, get: (store: Store, id: string) => T | undefined, extras?: (store: Store, rec: T) => Record<string, object | undefined>, catalog?: 1 | 2): Route {
  return {
    method: 'GET',
    pattern,
    ...(catalog !== undefined ? { catalog } : {}),
    handler: (ctx: RequestContext) => {
      const id = Object.values(ctx.pathParams)[0] ?? '';
      const rec = get(ctx.state.store, id);
      if (!rec || (rec as { deleted?: boolean }).deleted === true) throw notFound();
      const body: Record<string, object> = { [key]: rec };
      for (const [k, v] of Object.entries(extras?.(ctx.state.store, rec) ?? {})) if (v !== undefined) body[k] = v;
      return { body };
    },
  };
}

/**
 * GET /configurations: how a client tells the site's product catalog. A site started with
 * `--catalog 1|2` is that catalog; without it the sandbox serves both, which a real site does only
 * after a migration to 2.0 that keeps 1.0 responses (`compat`).
 */
function siteConfiguration(catalog: 1 | 2 | undefined, site: string) {
  return {
    domain: site,
    product_catalog_version: catalog === 1 ? 'v1' : 'v2',
    chargebee_response_schema_type: catalog === 1 ? 'plans_addons' : catalog === 2 ? 'items' : 'compat',
  };
}

const itemPriceIds = (rec: object): string[] => ((rec as Subscription).subscription_items ?? []).map((si) => si.item_price_id);

export const referenceRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/customers', handler: (ctx) => listRecords(ctx, { key: 'customer', records: ctx.state.store.customers.values() }) },
  retrieveRoute('/customers/{customer_id}', 'customer', (s, id) => s.customers.get(id)),
  {
    method: 'GET',
    pattern: '/subscriptions',
    handler: (ctx) =>
      listRecords(ctx, {
        key: 'subscription',
        records: ctx.state.store.subscriptions.values(),
        readers: {
          item_price_id: itemPriceIds,
          item_id: (rec) => itemPriceIds(rec).map((id) => ctx.state.store.itemPrices.get(id)?.item_id),
        },
        extras: (sub) => ({ customer: ctx.state.store.customers.get(sub.customer_id) }),
      }),
  },
  retrieveRoute('/subscriptions/{subscription_id}', 'subscription', (s, id) => s.subscriptions.get(id), (s, sub) => ({ customer: s.customers.get(sub.customer_id) })),
  { method: 'GET', pattern: '/plans', catalog: 1, handler: (ctx) => listRecords(ctx, { key: 'plan', records: ctx.state.store.plans.values() }) },
  retrieveRoute('/plans/{plan_id}', 'plan', (s, id) => s.plans.get(id), undefined, 1),
  { method: 'GET', pattern: '/addons', catalog: 1, handler: (ctx) => listRecords(ctx, { key: 'addon', records: ctx.state.store.addons.values() }) },
  retrieveRoute('/addons/{addon_id}', 'addon', (s, id) => s.addons.get(id), undefined, 1),
  { method: 'GET', pattern: '/item_families', catalog: 2, handler: (ctx) => listRecords(ctx, { key: 'item_family', records: ctx.state.store.itemFamilies.values() }) },
  retrieveRoute('/item_families/{item_family_id}', 'item_family', (s, id) => s.itemFamilies.get(id), undefined, 2),
  { method: 'GET', pattern: '/items', catalog: 2, handler: (ctx) => listRecords(ctx, { key: 'item', records: ctx.state.store.items.values() }) },
  retrieveRoute('/items/{item_id}', 'item', (s, id) => s.items.get(id), undefined, 2),
  { method: 'GET', pattern: '/item_prices', catalog: 2, handler: (ctx) => listRecords(ctx, { key: 'item_price', records: ctx.state.store.itemPrices.values() }) },
  retrieveRoute('/item_prices/{item_price_id}', 'item_price', (s, id) => s.itemPrices.get(id), undefined, 2),
  {
    method: 'GET',
    pattern: '/configurations',
    handler: (ctx) => ({ body: { configurations: [siteConfiguration(ctx.state.options.catalog, ctx.state.options.site)] } }),
  },
  { method: 'GET', pattern: '/coupons', handler: (ctx) => listRecords(ctx, { key: 'coupon', records: ctx.state.store.coupons.values() }) },
  retrieveRoute('/coupons/{coupon_id}', 'coupon', (s, id) => s.coupons.get(id)),
];
