/**
 * The rows of the "New Export" kind picker, without `vscode`: kinds grouped by the catalog's `group` in
 * the order of `exportGroups`, deprecated reports marked, and the kinds of the other product catalog
 * version moved last under their own heading, since the site would most likely refuse them.
 */
import type { ExportEndpointSpec, ExportGroup } from '../../chargebee/catalog/exports';
import { exportEndpoints, exportGroups } from '../../chargebee/catalog/exports';
import type { ProductCatalog } from '../../chargebee/catalog/types';

export type KindPickRow =
  | { readonly kind: 'separator'; readonly label: string }
  | {
      readonly kind: 'item';
      readonly spec: ExportEndpointSpec;
      readonly label: string;
      readonly description?: string;
      readonly detail: string;
      /** The kind exists only in the other product catalog version than the site's. */
      readonly otherCatalog: boolean;
    };

/** True when the site's catalog version (if known) lacks this kind. */
export function isOtherCatalog(spec: ExportEndpointSpec, siteCatalog: ProductCatalog | undefined): boolean {
  return siteCatalog !== undefined && spec.catalog !== undefined && spec.catalog !== siteCatalog;
}

export function kindPickRows(
  siteCatalog: ProductCatalog | undefined,
  endpoints: readonly ExportEndpointSpec[] = exportEndpoints,
  groups: readonly ExportGroup[] = exportGroups,
): KindPickRow[] {
  const known = (g: ExportGroup): number => (groups.includes(g) ? groups.indexOf(g) : groups.length);
  const sorted = [...endpoints].sort((a, b) => known(a.group) - known(b.group));
  const own = sorted.filter((e) => !isOtherCatalog(e, siteCatalog));
  const other = sorted.filter((e) => isOtherCatalog(e, siteCatalog));
  const rows: KindPickRow[] = [];
  let heading: string | undefined;
  for (const spec of own) {
    if (spec.group !== heading) {
      heading = spec.group;
      rows.push({ kind: 'separator', label: spec.group });
    }
    rows.push(item(spec, false));
  }
  if (other.length > 0) {
    rows.push({ kind: 'separator', label: `Not in this site's Product Catalog ${siteCatalog ?? ''}.0` });
    for (const spec of other) rows.push(item(spec, true));
  }
  return rows;
}

function item(spec: ExportEndpointSpec, otherCatalog: boolean): KindPickRow {
  const marks = [
    ...(spec.deprecated ? ['(deprecated)'] : []),
    ...(otherCatalog && spec.catalog !== undefined ? [`(Product Catalog ${spec.catalog}.0 only)`] : []),
  ];
  return {
    kind: 'item',
    spec,
    label: spec.title,
    ...(marks.length > 0 ? { description: marks.join(' ') } : {}),
    detail: spec.description ?? '',
    otherCatalog,
  };
}
