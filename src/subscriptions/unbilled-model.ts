/**
 * The import form's model: the catalog's import_unbilled_charges spec plus the request headers group,
 * with entity_id's picker following entity_type (plans and addons for the PC1 types, item prices for
 * the `*_item_price` ones, none for adhoc) and the discount and tier rows' charge id picked from the
 * charge rows.
 */
import { getEndpoint } from '../chargebee/catalog';
import { CHARGE_ROW_PICKER, UNBILLED_ENTITY_CATALOG, UNBILLED_ENTITY_PICKER } from '../chargebee/catalog/subscriptions';
import type { EndpointSpec, GroupSpec, ProductCatalog } from '../chargebee/catalog/types';
import type { FormModel, PickerRef } from '../forms/model';
import { buildFormModel } from '../forms/model';
import type { FormValues } from '../forms/values';
import { emptyValues } from '../forms/values';
import type { RequestHeaderSettings } from '../request-headers/settings';
import { withRequestHeaderGroup } from '../request-headers/form-group';

export const IMPORT_ENDPOINT_ID = 'subscriptions.import_unbilled_charges';
export const CHARGES = 'unbilled_charges';
export const DISCOUNTS = 'discounts';
export const TIERS = 'tiers';

/** The catalog's definitions, under the names this form's code and tests use. */
export { CHARGE_ROW_PICKER, UNBILLED_ENTITY_PICKER as ENTITY_PICKER } from '../chargebee/catalog/subscriptions';

export interface UnbilledModelOptions {
  readonly multiDecimal: boolean;
  /** Limits entity types to the site's catalog; both catalogs' types when unknown. */
  readonly catalogVersion?: ProductCatalog;
  readonly headers?: RequestHeaderSettings;
}

export function importSpec(): EndpointSpec {
  return getEndpoint(IMPORT_ENDPOINT_ID);
}

export function unbilledFormModel(opts: UnbilledModelOptions): FormModel {
  const spec = withRequestHeaderGroup(typesForCatalog(importSpec(), opts.catalogVersion), opts.headers);
  const chargeRow: PickerRef = CHARGE_ROW_PICKER;
  return buildFormModel(spec, {
    // The endpoint exists in both catalogs; the version only decides which entity types are offered.
    catalogVersion: opts.catalogVersion ?? 2,
    multiDecimal: opts.multiDecimal,
    pickers: {
      [`${CHARGES}[entity_id]`]: { field: 'entity_type', byValue: UNBILLED_ENTITY_PICKER },
      [`${DISCOUNTS}[unbilled_charge_id]`]: chargeRow,
      [`${TIERS}[unbilled_charge_id]`]: chargeRow,
    },
  });
}

/** Drops the other catalog's entity types from the charge rows when the site's catalog is known. */
function typesForCatalog(spec: EndpointSpec, catalog: ProductCatalog | undefined): EndpointSpec {
  if (catalog === undefined) return spec;
  const other = catalog === 1 ? 2 : 1;
  const drop = new Set(Object.entries(UNBILLED_ENTITY_CATALOG).filter(([, c]) => c === other).map(([type]) => type));
  const params = spec.params.map((p) => {
    if (p.kind !== 'group' || p.name !== CHARGES) return p;
    const fields = p.fields.map((f) => (f.name === 'entity_type' && f.values ? { ...f, values: f.values.filter((v) => !drop.has(v)) } : f));
    return { ...p, fields } satisfies GroupSpec;
  });
  return { ...spec, params };
}

/** A fresh form: the subscription filled in when known, and one charge row with its id ready to link. */
export function initialUnbilledValues(subscriptionId: string | undefined): FormValues {
  const base = emptyValues();
  return {
    ...base,
    path: subscriptionId === undefined ? {} : { subscription_id: subscriptionId },
    rows: { [CHARGES]: [{ id: 'charge-1' }] },
  };
}
