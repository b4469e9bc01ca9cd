/**
 * Fetching a quote's PDF bytes and saving them. The link is presigned: the client sends the API key
 * only to the site's own origin, and nothing here logs or stores the URL, which is itself a credential
 * until it expires.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { safeNamePart } from '../downloads/file-names';
import { requestQuotePdf, type PdfOptions, type QuoteClient } from './actions/api';

/** Quote PDFs are a few pages; a much larger answer is not a quote PDF. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;

/** `quote-<id>-<YYYY-MM-DD>.pdf`; the id passes safeNamePart so it cannot steer the path. */
export function quotePdfFileName(quoteId: string, date: Date, consolidated = false): string {
  return `quote-${safeNamePart(quoteId, 'id')}${consolidated ? '-consolidated' : ''}-${date.toISOString().slice(0, 10)}.pdf`;
}

export function isPdf(bytes: Uint8Array): boolean {
  // "%PDF-": every PDF starts so; an S3 error page (XML) or HTML login page does not.
  return bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

/** Reads a download link's bytes, refusing oversized or non-PDF answers. */
export async function fetchPdfBytes(client: QuoteClient, downloadUrl: string, signal?: AbortSignal): Promise<Uint8Array> {
  const res = await client.download(downloadUrl, signal === undefined ? {} : { signal });
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_PDF_BYTES) throw new Error('The PDF is larger than expected; not downloaded.');
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_PDF_BYTES) throw new Error('The PDF is larger than expected; not downloaded.');
  if (!isPdf(bytes)) throw new Error('The download did not return a PDF.');
  return bytes;
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
  const bytes = await fetchPdfBytes(client, link.downloadUrl, signal);
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, quotePdfFileName(quoteId, now, options.consolidated));
  // Written beside it and renamed into place: the real name never shows an empty or partial PDF, to a
  // viewer opening it early or when a failed write would otherwise replace the day's older copy.
  const temp = `${file}.${randomBytes(4).toString('hex')}.part`;
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return { file, bytes: bytes.length, downloadUrl: link.downloadUrl };
}
