/**
 * The form model of one export kind: the report period first (revenue reports), then the other
 * top-level params, then the filter builder, all from the catalog entry.
 */
import type { ExportEndpointSpec } from '../../chargebee/catalog/exports';
import { exportEndpoints } from '../../chargebee/catalog/exports';
import type { ProductCatalog } from '../../chargebee/catalog/types';
import type { FormModel } from '../../forms/model';
import { buildFormModel } from '../../forms/model';
import { PERIOD_FIELDS, hasReportPeriod } from './report-period';

export function exportSpec(kind: string): ExportEndpointSpec | undefined {
  // Accept both the endpoint id (`exports.customers`, as jobs keep it) and the bare kind (`customers`).
  return exportEndpoints.find((e) => e.id === kind || e.kind === kind);
}

export function exportFormModel(spec: ExportEndpointSpec, site: { readonly catalogVersion?: ProductCatalog; readonly multiDecimal: boolean }): FormModel {
  const names = spec.params.map((p) => p.name);
  const period = hasReportPeriod(names);
  const f = PERIOD_FIELDS;
  return buildFormModel(spec, {
    // A kind of the other catalog version is offered only after a warning; its own version lets the
    // engine build it instead of refusing.
    catalogVersion: spec.catalog ?? site.catalogVersion ?? 2,
    multiDecimal: site.multiDecimal,
    ...(period ? { sections: [{ title: 'Report', params: ['report_by', f.fromMonth, f.fromYear, f.toMonth, f.toYear] }, { title: 'Options', params: names }] } : {}),
  });
}
