/**
 * Fetching a quote's PDF and saving it. The link is presigned: the client sends the API key only to
 * the site's own origin, and nothing here logs or stores the URL, which is itself a credential until
 * it expires. The body streams to disk through the same path as export files (complete or nothing,
 * idle limit, size cap), so a huge or endless answer costs no memory.
 */
import { mkdir, open } from 'node:fs/promises';
import * as path from 'node:path';
import { safeNamePart } from '../downloads/file-names';
import { DownloadTooLargeError, streamToFile } from '../downloads/stream-to-file';
import { requestQuotePdf, type PdfOptions, type QuoteClient } from './actions/api';

/** Quote PDFs are a few pages; a much larger answer is not a quote PDF. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;

const TOO_LARGE = 'The PDF is larger than expected; not downloaded.';

/** `quote-<id>-<YYYY-MM-DD>.pdf`; the id passes safeNamePart so it cannot steer the path. */
export function quotePdfFileName(quoteId: string, date: Date, consolidated = false): string {
  return `quote-${safeNamePart(quoteId, 'id')}${consolidated ? '-consolidated' : ''}-${date.toISOString().slice(0, 10)}.pdf`;
}

export function isPdf(bytes: Uint8Array): boolean {
  // "%PDF-": every PDF starts so; an S3 error page (XML) or HTML login page does not.
  return bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

async function assertPdfFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    if (!isPdf(head.subarray(0, bytesRead))) throw new Error('The download did not return a PDF.');
  } finally {
    await handle.close();
  }
}

/**
 * Streams a download link into `file` (through a temporary file beside it, renamed into place only
 * when complete and a PDF), refusing an answer that declares or reaches more than MAX_PDF_BYTES.
 * Returns the byte count.
 */
export async function savePdf(client: QuoteClient, downloadUrl: string, file: string, signal?: AbortSignal): Promise<number> {
  const res = await client.download(downloadUrl, signal === undefined ? {} : { signal });
  const body = res.body;
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (body === null || declared > MAX_PDF_BYTES) {
    // Hang up rather than read what will be refused.
    (body as { destroy?: () => void } | null)?.destroy?.();
    throw new Error(body === null ? 'The download had no content.' : TOO_LARGE);
  }
  await mkdir(path.dirname(file), { recursive: true });
  try {
    return await streamToFile(body, file, { maxBytes: MAX_PDF_BYTES, validate: assertPdfFile, ...(signal === undefined ? {} : { signal }) });
  } catch (err) {
    if (err instanceof DownloadTooLargeError) throw new Error(TOO_LARGE);
    throw err;
  }
}

export interface SavedPdf {
  readonly file: string;
  readonly bytes: number;
  /** Kept in memory only, for the web "Download" button; never logged. */
  readonly downloadUrl: string;
}

/** Asks for a link, downloads it and writes `folder/quote-<id>-<date>.pdf` (replacing an older copy of the day). */
export async function downloadQuotePdf(
  client: QuoteClient,
  quoteId: string,
  options: PdfOptions,
  folder: string,
  now: Date,
  signal?: AbortSignal,
): Promise<SavedPdf> {
  const link = await requestQuotePdf(client, quoteId, options);
  const file = path.join(folder, quotePdfFileName(quoteId, now, options.consolidated));
  const bytes = await savePdf(client, link.downloadUrl, file, signal);
  return { file, bytes, downloadUrl: link.downloadUrl };
}
