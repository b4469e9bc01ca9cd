/**
 * The export jobs' per-site API, kept by the exports feature itself: the jobs need a synchronous
 * `apiFor(siteId)`, so an API is built as soon as the sites announce a site's connection and dropped
 * when they drop it. The export client makes one attempt per call (see exportClient).
 */
import type { ChargebeeClientOptions } from '../../chargebee/client';
import { DisposableStore } from '../../util/disposables';
import { Emitter, type Event } from '../../util/events';
import { exportApi, exportClient, type ExportApi } from './export-api';

/** What the sites' clients announce (SiteClients.onDidChangeConnection has this shape). */
export interface ConnectionSource {
  readonly onDidChangeConnection: Event<{ readonly siteId: string; readonly options?: ChargebeeClientOptions }>;
}

export class ExportApis {
  private readonly apis = new Map<string, ExportApi>();
  private readonly subs = new DisposableStore();
  private readonly changed = this.subs.add(new Emitter<string>());
  /** A site's API appeared or went; the poller is poked so waiting jobs go on at once. */
  readonly onDidChange: Event<string> = this.changed.event;

  constructor(source: ConnectionSource) {
    this.subs.add(
      source.onDidChangeConnection(({ siteId, options }) => {
        if (options) this.apis.set(siteId, exportApi(exportClient(options)));
        else this.apis.delete(siteId);
        this.changed.fire(siteId);
      }),
    );
  }

  apiFor(siteId: string): ExportApi | undefined {
    return this.apis.get(siteId);
  }

  dispose(): void {
    this.subs.dispose();
    this.apis.clear();
  }
}
