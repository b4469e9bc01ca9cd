/**
 * Request validation through the shared catalog (src/chargebee/catalog + validate.ts): the sandbox
 * checks exactly the rules the extension's forms check, from the same definitions. Endpoints the
 * catalog does not describe (most reference retrieves) pass through and rely on their handler's own checks.
 */
import { findEndpoint } from '../../src/chargebee/catalog';
import { validateParams } from '../../src/chargebee/validate';
import { configurationIncompatible, paramViolation } from './errors';
import type { FormTree } from './form-parser';

/**
 * Throws the first violation as 400 param_wrong_value. Row indices in the param are array positions;
 * the server maps them back to wire indices once, for all errors alike.
 */
export function validateRequest(method: string, path: string, tree: FormTree, siteCatalog: 1 | 2 | undefined): void {
  const match = findEndpoint(method, path);
  if (!match) return;
  const { spec } = match;
  if (siteCatalog !== undefined && spec.catalog !== undefined && spec.catalog !== siteCatalog) {
    // Which error a wrong-catalog call gets is undocumented (docs/chargebee-api-notes.md#product-catalogs); configuration_incompatible fits.
    throw configurationIncompatible(`${spec.title} is not available on a product catalog ${siteCatalog}.0 site`);
  }
  const [first] = validateParams(spec, tree);
  if (first) throw paramViolation(first.param, first.message);
}
