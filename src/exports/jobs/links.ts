/**
 * Download links, kept in memory only. A link is a bearer credential for 4 hours (anyone holding it can
 * download the export), and workspaceState (where jobs live) is plain JSON on disk, so links are never persisted: after a
 * reload, "download" retrieves the export again (one GET) for a fresh link. Links are never logged.
 */
export interface DownloadLink {
  readonly url: string;
  /** Epoch seconds on the server's clock. */
  readonly validTill: number;
}

export class DownloadLinks {
  private readonly links = new Map<string, DownloadLink>();

  set(jobId: string, link: DownloadLink): void {
    this.links.set(jobId, link);
  }

  /** The link if it stays valid for at least `marginSeconds` more (a download takes time). */
  valid(jobId: string, nowMs: number, marginSeconds = 60): DownloadLink | undefined {
    const link = this.links.get(jobId);
    return link && link.validTill * 1000 > nowMs + marginSeconds * 1000 ? link : undefined;
  }

  delete(jobId: string): void {
    this.links.delete(jobId);
  }
}
