/**
 * What the export form needs to know about a site. activate() adapts the sites service to it, and
 * tests build one for the sandbox.
 */
import type { ActiveSite } from '../../sites/site';

/** `id` keys jobs and presets (ExportJob.siteId); an undefined `catalogVersion` treats no kind as the other catalog's. */
export type ExportFormSite = Pick<ActiveSite, 'id' | 'info' | 'baseUrl'> & Partial<Pick<ActiveSite, 'catalogVersion' | 'headers'>>;
