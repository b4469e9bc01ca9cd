/**
 * Everything an "Edit quote" form needs before it opens: the quote as it stands (with its quoted
 * subscription or charge), the edit endpoint for its kind and catalog, the catalog prices that tell
 * a price override from a default, and the pre-filled values.
 */
import type { ParamTree, ProductCatalog } from '../../chargebee/catalog/types';
import { buildFormModel } from '../../forms/model';
import { fromParamTree } from '../../forms/convert';
import type { FormValues } from '../../forms/values';
import type { QuoteEnvelope } from '../detail/quote-model';
import { requireQuoteEnvelope } from '../detail/quote-model';
import { isActionAllowed } from '../state-rules';
import type { FormClient, QuoteFormSite } from './deps';
import type { QuoteKind } from './kinds';
import { catalogOfQuote, editEndpointFor, endpointIdFor, KIND_LABELS } from './kinds';
import { getEndpoint, type EndpointId } from '../../chargebee/catalog';
import { quoteFormOptions } from './layout';
import { NOT_PREFILLED, prefillFromQuote, pricedIds, resetByEdit } from './prefill';
import type { ListResponse } from '../../chargebee/responses';

export interface EditFormPlan {
  readonly envelope: QuoteEnvelope;
  readonly kind: QuoteKind;
  readonly catalog: ProductCatalog;
  readonly values: FormValues;
  readonly currency: string;
  readonly description: string;
  /** Next to Submit: what saving would drop that the quote has; absent when nothing. */
  readonly submitNote?: string;
}

export class EditRefusedError extends Error {}

type ListBody = ListResponse;

/** Catalog prices by id, one list call per entity type; a failed lookup just leaves prices in. */
export async function catalogPrices(client: FormClient, envelope: QuoteEnvelope, signal?: AbortSignal): Promise<Map<string, number>> {
  const ids = pricedIds(envelope);
  const prices = new Map<string, number>();
  const lookups: [EndpointId, string, readonly string[]][] = [
    ['plans.list', 'plan', ids.plans],
    ['addons.list', 'addon', ids.addons],
    ['item_prices.list', 'item_price', ids.itemPrices],
  ];
  await Promise.all(
    lookups
      .filter(([, , list]) => list.length > 0)
      .map(async ([endpointId, key, list]) => {
        const params: ParamTree = { id: { in: list.slice(0, 100) }, limit: 100 };
        const res = await client.call<ListBody>(endpointId, { params, signal }).catch(() => undefined);
        for (const entry of res?.body.list ?? []) {
          const rec = entry[key] as Readonly<Record<string, unknown>> | undefined;
          if (typeof rec?.['id'] === 'string' && typeof rec['price'] === 'number') prices.set(rec['id'], rec['price']);
        }
      }),
  );
  return prices;
}

/**
 * `askCatalog` is asked only when neither the quote nor the site says which catalog applies (a quote
 * of ad-hoc charges on a site without the setting); undefined from it cancels.
 */
export async function planEditForm(
  site: QuoteFormSite,
  quoteId: string,
  nowMs: number,
  askCatalog: () => Promise<ProductCatalog | undefined> = () => Promise.resolve(undefined),
  signal?: AbortSignal,
): Promise<EditFormPlan | undefined> {
  const res = await site.client.call<unknown>('quotes.retrieve', { pathParams: { quote_id: quoteId }, signal });
  const envelope = requireQuoteEnvelope(res.body);
  const now = Math.floor(nowMs / 1000);
  if (!isActionAllowed(envelope.quote, 'edit', now)) {
    throw new EditRefusedError(`Quote ${envelope.quote.id} is ${envelope.quote.status}: only open quotes can be edited.`);
  }
  const siteCatalog = catalogOfQuote(envelope, site.catalogVersion) ?? (await askCatalog());
  if (siteCatalog === undefined) return undefined;
  const target = editEndpointFor(envelope, siteCatalog);
  if (!target.ok) throw new EditRefusedError(target.message);
  const prices = await catalogPrices(site.client, envelope, signal);
  const prefill = prefillFromQuote(envelope, { kind: target.kind, now, catalogPrices: prices });
  const currency = envelope.quote.currency_code ?? site.info.currency;
  const model = buildFormModel(getEndpoint(endpointIdFor(target.kind, target.catalog, 'edit')), quoteFormOptions(target.catalog, site.info.multiDecimal, 'edit'));
  const values = { ...fromParamTree(model, prefill.tree, { currency }), path: prefill.pathParams };
  const description =
    `Editing a ${KIND_LABELS[target.kind].toLowerCase()} quote (Product Catalog ${target.catalog}.0), pre-filled from quote ${envelope.quote.id}. ` +
    `The edit replaces the quote's details with this form, so set again anything it could not pre-fill: ${NOT_PREFILLED[target.kind].join(', ')}.`;
  const lost = resetByEdit(envelope, target.kind);
  const submitNote = lost.length > 0 ? `Saving replaces the quote's details: its ${lost.join(', ')} could not be pre-filled and will be removed unless you set them again.` : undefined;
  return { envelope, kind: target.kind, catalog: target.catalog, values, currency, description, ...(submitNote !== undefined ? { submitNote } : {}) };
}
