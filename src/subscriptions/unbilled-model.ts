/**
 * The import form's model: the catalog's import_unbilled_charges spec plus the request headers group,
 * with entity_id's picker following entity_type (plans and addons for the PC1 types, item prices for
 * the `*_item_price` ones, none for adhoc) and the discount and tier rows' charge id picked from the
 * charge rows.
 */
import { getEndpoint } from '../chargebee/catalog';
import type { EndpointSpec, GroupSpec, PickerKind, ProductCatalog } from '../chargebee/catalog/types';
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

const PC1_TYPES = ['plan', 'plan_setup', 'addon'];
const PC2_TYPES = ['plan_item_price', 'addon_item_price', 'charge_item_price'];

/** The picker for a charge's entity_id by its entity_type; adhoc charges have no entity. */
export const ENTITY_PICKER: Readonly<Record<string, PickerKind>> = {
  plan: 'plan',
  plan_setup: 'plan',
  addon: 'addon',
  plan_item_price: 'item_price',
  addon_item_price: 'item_price',
  charge_item_price: 'item_price',
};

/**
 * The picker kind that answers with the ids of the form's own charge rows. PickerKind has no such
 * kind yet and the protocol only carries known kinds, so it borrows `item_family`: an item family is
 * never picked in this form, and the controller answers this kind from the form's values.
 */
export const CHARGE_ROW_PICKER: PickerKind = 'item_family';

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
      [`${CHARGES}[entity_id]`]: { field: 'entity_type', byValue: ENTITY_PICKER },
      [`${DISCOUNTS}[unbilled_charge_id]`]: chargeRow,
      [`${TIERS}[unbilled_charge_id]`]: chargeRow,
    },
  });
}

/** Drops the other catalog's entity types from the charge rows when the site's catalog is known. */
function typesForCatalog(spec: EndpointSpec, catalog: ProductCatalog | undefined): EndpointSpec {
  if (catalog === undefined) return spec;
  const drop = new Set(catalog === 1 ? PC2_TYPES : PC1_TYPES);
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
