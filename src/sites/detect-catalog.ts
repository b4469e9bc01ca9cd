/**
 * Which product catalog a site runs, asked of the site instead of the user: `GET /configurations`
 * answers `product_catalog_version` v1 or v2. Should that call fail (an older API, a proxy that does
 * not pass it), a PC2-only list tells them apart: 2xx is 2.0, `configuration_incompatible` is 1.0.
 * Anything else is "unknown" and the caller asks. No `vscode` here.
 */
import type { ProductCatalog } from '../chargebee/catalog/types';
import type { ChargebeeClient } from '../chargebee/client';
import { ChargebeeError } from '../chargebee/errors';
import type { ConfigurationListResponse } from '../chargebee/responses';

/** The error code a call of the other catalog's endpoint family gets (docs/chargebee-api-notes.md#product-catalogs). */
export const CATALOG_MISMATCH_CODE = 'configuration_incompatible';

export function isCatalogMismatch(err: unknown): boolean {
  return err instanceof ChargebeeError && err.apiErrorCode === CATALOG_MISMATCH_CODE;
}

export type CatalogDetection =
  | { readonly ok: true; readonly catalogVersion: ProductCatalog; readonly source: 'configurations' | 'probe' }
  | { readonly ok: false; readonly message: string };

export type DetectClient = Pick<ChargebeeClient, 'call'>;

/** `v1`/`v2` (and, leniently, `1`/`2`) to a catalog; undefined for anything else. */
export function catalogFromVersion(value: unknown): ProductCatalog | undefined {
  if (value === 'v1' || value === '1' || value === 1) return 1;
  if (value === 'v2' || value === '2' || value === 2) return 2;
  return undefined;
}

export async function detectCatalog(client: DetectClient, signal?: AbortSignal): Promise<CatalogDetection> {
  let first: string;
  try {
    const res = await client.call<ConfigurationListResponse>('configurations.list', signal ? { signal } : {});
    const versions = (res.body.configurations ?? []).map((c) => catalogFromVersion(c.product_catalog_version));
    const found = versions.find((v) => v !== undefined);
    if (found !== undefined) return { ok: true, catalogVersion: found, source: 'configurations' };
    first = 'the site configuration names no product catalog version';
  } catch (err) {
    // A refused key fails the probe too: say so rather than guess.
    if (err instanceof ChargebeeError && (err.httpStatus === 401 || err.httpStatus === 403)) return { ok: false, message: err.message };
    first = err instanceof Error ? err.message : String(err);
  }
  try {
    await client.call('item_families.list', { params: { limit: 1 }, ...(signal ? { signal } : {}) });
    return { ok: true, catalogVersion: 2, source: 'probe' };
  } catch (err) {
    if (isCatalogMismatch(err)) return { ok: true, catalogVersion: 1, source: 'probe' };
    return { ok: false, message: `${first}; ${err instanceof Error ? err.message : String(err)}` };
  }
}

export const CATALOG_NAMES: Readonly<Record<ProductCatalog, string>> = { 1: 'Product Catalog 1.0', 2: 'Product Catalog 2.0' };
