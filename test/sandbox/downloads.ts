/**
 * The files behind download URLs: quote PDFs and export zips. Like S3 presigned URLs these need no
 * API key, and once past `valid_till` (sandbox clock) they answer 403 with an XML body, not JSON.
 */
import yazl from 'yazl';
import type { ExportJob } from './models';
import { effectiveStatus } from './quote-builder';
import { renderQuotePdf } from './pdf';
import type { SandboxState } from './state';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function s3Error(code: string, message: string): RawResponse {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>SANDBOX</RequestId></Error>`;
  return { status: 403, headers: { 'content-type': 'application/xml' }, body: Buffer.from(xml) };
}

export function zipFiles(job: ExportJob): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const file of job.files) zip.addBuffer(Buffer.from(file.csv, 'utf8'), file.name, { mtime: new Date(job.created_at * 1000) });
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.end();
  });
}

/** Serves `/downloads/{site}/quotes/{id}.pdf?token=…` and `/downloads/{site}/exports/{id}.zip?token=…`. */
export async function serveDownload(state: SandboxState, path: string, token: string | null): Promise<RawResponse> {
  const grant = token === null ? undefined : state.store.downloads.get(token);
  if (!grant) return s3Error('AccessDenied', 'Access Denied');
  if (state.clock.now() > grant.validTill) return s3Error('AccessDenied', 'Request has expired');
  if (grant.kind === 'quote_pdf') {
    const stored = state.store.quotes.get(grant.quoteId);
    if (!stored || !path.endsWith(`/quotes/${encodeURIComponent(grant.quoteId)}.pdf`)) return s3Error('AccessDenied', 'Access Denied');
    const bytes = await renderQuotePdf(stored.quote, state.store.customers.get(stored.quote.customer_id), effectiveStatus(stored.quote, state.clock.now()));
    const name = `quote_${grant.quoteId}.pdf`;
    return { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `${grant.disposition}; filename="${name}"` }, body: Buffer.from(bytes) };
  }
  const job = state.store.exports.get(grant.exportId);
  if (!job || !path.endsWith(`/exports/${job.id}.zip`)) return s3Error('AccessDenied', 'Access Denied');
  return { status: 200, headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${job.id}.zip"` }, body: await zipFiles(job) };
}
