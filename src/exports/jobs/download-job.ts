import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { ChargebeeError } from '../../chargebee/errors';
import { redactSecrets } from '../../chargebee/redact';
import { exportFileName, extensionFor, uniquePath } from '../../downloads/file-names';
import type { StreamProgress } from '../../downloads/stream-to-file';
import { streamToFile } from '../../downloads/stream-to-file';
import type { UnzipLimits } from '../../downloads/unzip';
import type { ExportEngineDeps } from '../queue';
import type { DownloadResponse } from './export-api';
import { fileFacts } from './file-facts';
import type { DownloadLink } from './links';
import { MIN_POLL_SECONDS } from './timing';

export interface DownloadRequest {
  readonly jobId: string;
  /** Created if missing. */
  readonly folder: string;
  /** Extract a zip next to it (into a folder named like the zip). */
  readonly extract: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: StreamProgress) => void;
  readonly unzipLimits?: UnzipLimits;
}

export interface DownloadResult {
  /** The zip or pdf. */
  readonly file: string;
  /** The files extracted from a zip (absolute paths), empty otherwise. */
  readonly extracted: string[];
}

/**
 * Downloads a completed export's file and records it on the job. Uses the in-memory link while it is
 * valid, otherwise retrieves the export afresh for a new one (after a reload, or once `valid_till` has
 * passed). Error messages are scrubbed of the link, which is a credential.
 */
export async function downloadExport(deps: ExportEngineDeps, req: DownloadRequest): Promise<DownloadResult> {
  const job = deps.store.get(req.jobId);
  if (!job) throw new Error('This export is no longer in the list.');
  if (job.status !== 'completed' || job.exportId === undefined) throw new Error('Only a completed export can be downloaded.');
  const api = deps.apiFor(job.siteId);
  if (!api) throw new Error(`No API key is available for ${job.siteId}.`);
  let link = deps.links.valid(job.id, deps.clock.now()) ?? (await freshLink(deps, job.id, job.siteId, job.exportId, req.signal));
  try {
    let res: DownloadResponse;
    try {
      res = await api.download(link.url, req.signal);
    } catch (err) {
      // A link we thought valid was refused (clock skew, revoked): one retry with a fresh one.
      if (!(err instanceof ChargebeeError) || err.apiErrorCode !== 'download_link_expired') throw err;
      deps.links.delete(job.id);
      link = await freshLink(deps, job.id, job.siteId, job.exportId, req.signal);
      res = await api.download(link.url, req.signal);
    }
    if (!res.body) throw new Error('The download had no content.');
    await mkdir(req.folder, { recursive: true });
    const name = exportFileName(job.kind.replace(/^exports\./, ''), job.exportId, new Date(job.finishedAt ?? deps.clock.now()), job.mimeType);
    const file = await uniquePath(req.folder, name);
    const length = Number(res.headers.get('content-length'));
    await streamToFile(res.body, file, { signal: req.signal, totalBytes: Number.isFinite(length) && length > 0 ? length : undefined, onProgress: req.onProgress });
    await deps.store.update(job.id, { localFile: file, extractedFiles: undefined, error: undefined, rows: undefined, bytes: undefined });
    deps.log?.info(`Export ${job.exportId} saved to ${file}.`);
    if (!req.extract || extensionFor(job.mimeType) !== 'zip') {
      await deps.store.update(job.id, { ...(await fileFacts(file, [])) });
      return { file, extracted: [] };
    }
    const dest = await uniquePath(req.folder, path.basename(file, '.zip'));
    // The zip reader loads with the first zip, not at start-up.
    const { extractZip } = await import('../../downloads/unzip');
    const extracted = await extractZip(file, dest, req.unzipLimits);
    await deps.store.update(job.id, { extractedFiles: extracted, ...(await fileFacts(file, extracted)) });
    return { file, extracted };
  } catch (err) {
    const clean = scrubbed(err, link.url);
    if (clean instanceof Error && clean.name !== 'AbortError') await deps.store.update(job.id, { error: clean.message });
    throw clean;
  }
}

/** Retrieves the export for a new link, no sooner than 10 s after the previous retrieve of it. */
async function freshLink(deps: ExportEngineDeps, jobId: string, siteId: string, exportId: string, signal: AbortSignal | undefined): Promise<DownloadLink> {
  const api = deps.apiFor(siteId);
  if (!api) throw new Error(`No API key is available for ${siteId}.`);
  const last = deps.store.get(jobId)?.lastPolledAt ?? 0;
  const wait = last + MIN_POLL_SECONDS * 1000 - deps.clock.now();
  if (wait > 0) await delay(deps, wait, signal);
  await deps.store.update(jobId, { lastPolledAt: deps.clock.now() });
  const exp = await api.retrieve(exportId, signal);
  const download = exp.download;
  if (exp.status !== 'completed' || !download || download.valid_till * 1000 <= deps.clock.now()) {
    throw new Error('Chargebee no longer offers this export for download. Run it again to get a new file.');
  }
  const link = { url: download.download_url, validTill: download.valid_till };
  deps.links.set(jobId, link);
  await deps.store.update(jobId, { validTill: download.valid_till });
  return link;
}

function delay(deps: ExportEngineDeps, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const handle = deps.clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      deps.clock.clearTimeout(handle);
      reject(Object.assign(new Error('Cancelled.'), { name: 'AbortError' }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The same error with the link masked out of its message (node-fetch errors quote the request URL). */
function scrubbed(err: unknown, url: string): unknown {
  if (!(err instanceof Error)) return err;
  const message = redactSecrets(err.message, [url]);
  if (message === err.message) return err;
  const clean = new Error(message);
  clean.name = err.name;
  return clean;
}
