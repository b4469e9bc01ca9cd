import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ChargebeeClient } from '../../src/chargebee/client';
import * as api from '../../src/quotes/actions/api';
import { buildConvertParams, parseExpiryDate } from '../../src/quotes/actions/inputs';
import type { QuoteObject } from '../../src/quotes/detail/quote-model';
import { quoteOf } from '../../src/quotes/detail/quote-model';
import { downloadQuotePdf, isPdf, quotePdfFileName, savePdf } from '../../src/quotes/pdf';
import { BROWSER_DOWNLOAD, openQuotePdf, type PdfOpenHost } from '../../src/quotes/pdf-open';
import { isActionAllowed } from '../../src/quotes/state-rules';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

/** Records what the opener did; `answer` is the button the user "clicks" on the offer. */
function fakeHost(isWeb: boolean, opts: { externalFileWorks?: boolean; answer?: string; preferSystemViewer?: boolean } = {}): PdfOpenHost & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isWeb,
    preferSystemViewer: opts.preferSystemViewer ?? false,
    openExternalFile: (file) => {
      calls.push(`external-file ${file}`);
      return Promise.resolve(opts.externalFileWorks ?? true);
    },
    openExternalUrl: (url) => {
      calls.push(`external-url ${url}`);
      return Promise.resolve(true);
    },
    openInViewer: (file) => {
      calls.push(`viewer ${file}`);
      return Promise.resolve();
    },
    offer: (message, ...choices) => {
      calls.push(`offer ${choices.join(',')}: ${message}`);
      return Promise.resolve(opts.answer);
    },
  };
}

describe('quote PDFs', () => {
  it('names files quote-<id>-<date>.pdf with a path-safe id', () => {
    const date = new Date(Date.UTC(2026, 10, 21, 23, 0));
    assert.equal(quotePdfFileName('42', date), 'quote-42-2026-11-21.pdf');
    assert.equal(quotePdfFileName('../../etc/passwd', date), 'quote-etc-passwd-2026-11-21.pdf');
    assert.equal(quotePdfFileName('7', date, true), 'quote-7-consolidated-2026-11-21.pdf');
  });

  it('recognises PDF bytes by their header', () => {
    assert.equal(isPdf(Buffer.from('%PDF-1.7\n')), true);
    assert.equal(isPdf(Buffer.from('<?xml version="1.0"?><Error>')), false);
    assert.equal(isPdf(new Uint8Array()), false);
  });

  it('opens in the PDF viewer on desktop, or the system viewer when the setting prefers it (falling back to the viewer)', async () => {
    const host = fakeHost(false);
    await (await openQuotePdf(host, '/d/q.pdf', 'q.pdf', () => Promise.resolve('https://x/fresh'))).followUp;
    assert.deepEqual(host.calls, ['viewer /d/q.pdf']);
    const system = fakeHost(false, { preferSystemViewer: true });
    await (await openQuotePdf(system, '/d/q.pdf', 'q.pdf', () => Promise.resolve('https://x/fresh'))).followUp;
    assert.deepEqual(system.calls, ['external-file /d/q.pdf']);
    const noHandler = fakeHost(false, { preferSystemViewer: true, externalFileWorks: false });
    await (await openQuotePdf(noHandler, '/d/q.pdf', 'q.pdf', () => Promise.resolve('https://x/fresh'))).followUp;
    assert.deepEqual(noHandler.calls, ['external-file /d/q.pdf', 'viewer /d/q.pdf']);
  });

  it('in a browser opens the file in the PDF viewer (whatever the setting) and hands a fresh link to the browser on request', async () => {
    let fetched = 0;
    const fresh = (): Promise<string> => Promise.resolve(`https://x/fresh-${++fetched}`);
    const host = fakeHost(true, { answer: BROWSER_DOWNLOAD, preferSystemViewer: true });
    await (await openQuotePdf(host, '/d/q.pdf', 'q.pdf', fresh)).followUp;
    assert.equal(host.calls[0], 'viewer /d/q.pdf');
    assert.match(host.calls[1] ?? '', /^offer Download: Saved q\.pdf/);
    assert.equal(host.calls[2], 'external-url https://x/fresh-1');
    const dismissed = fakeHost(true);
    await (await openQuotePdf(dismissed, '/d/q.pdf', 'q.pdf', fresh)).followUp;
    assert.equal(dismissed.calls.length, 2);
    assert.equal(fetched, 1, 'no link is asked for when the offer is dismissed');
  });
});

describe('quote actions against the sandbox', () => {
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let dir: string;

  const quotesIn = async (status: string): Promise<QuoteObject[]> => {
    const res = await client.call<{ list: unknown[] }>('quotes.list', { params: { limit: 100, status: { is: status } } });
    return res.body.list.map(quoteOf).filter((q): q is QuoteObject => q !== undefined);
  };
  const openQuote = async (index: number): Promise<QuoteObject> => {
    const quote = (await quotesIn('open'))[index];
    assert.ok(quote, 'the demo seed has open quotes');
    return quote;
  };

  before(async () => {
    sb = await startSandbox({ port: 0 });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 } });
    dir = await mkdtemp(path.join(tmpdir(), 'quote-pdf-'));
  });
  after(async () => {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts with a comment, then converts to an invoice, each POST with an idempotency key', async () => {
    const quote = await openQuote(0);
    const accepted = await api.updateQuoteStatus(client, quote.id, 'accepted', 'signed by phone');
    assert.equal(accepted.quote.status, 'accepted');
    assert.equal(isActionAllowed(accepted.quote, 'accept', sb.control.now()), false);
    const built = buildConvertParams({ invoiceImmediately: true });
    assert.ok(built.ok);
    const converted = await api.convertQuote(client, quote.id, built.params);
    assert.equal(converted.quote.status, 'invoiced');
    assert.equal(converted.invoice?.id, converted.quote.invoice_id);
    assert.equal((await api.retrieveQuote(client, quote.id)).quote.status, 'invoiced');
    const posts = sb.control.requests().filter((r) => r.method === 'POST' && r.path.includes(`/quotes/${quote.id}/`));
    assert.equal(posts.length, 2);
    for (const post of posts) assert.match(post.headers['chargebee-idempotency-key'] ?? '', /^[0-9a-f-]{36}$/);
  });

  it('declines and closes', async () => {
    const [a, b] = [await openQuote(0), await openQuote(1)];
    assert.equal((await api.updateQuoteStatus(client, a.id, 'declined', undefined)).quote.status, 'declined');
    assert.equal((await api.updateQuoteStatus(client, b.id, 'closed', '')).quote.status, 'closed');
    assert.equal((await api.retrieveQuote(client, a.id)).quote.status, 'declined');
  });

  it('extends the expiry to the end of the chosen day', async () => {
    const quote = await openQuote(0);
    const target = new Date((sb.control.now() + 90 * 86_400) * 1000).toISOString().slice(0, 10);
    const parsed = parseExpiryDate(target, sb.control.now());
    assert.ok(parsed.ok);
    await api.extendQuoteExpiry(client, quote.id, parsed.seconds);
    assert.equal((await api.retrieveQuote(client, quote.id)).quote.valid_till, parsed.seconds);
  });

  it('deletes: the quote is gone from retrieve', async () => {
    const quote = await openQuote(0);
    await api.deleteQuote(client, quote.id, 'duplicate');
    await assert.rejects(api.retrieveQuote(client, quote.id), (err: Error & { httpStatus?: number }) => err.httpStatus === 404);
  });

  it('downloads the PDF bytes to quote-<id>-<date>.pdf', async () => {
    const quote = (await quotesIn('accepted'))[0] ?? (await openQuote(0));
    const now = new Date(sb.control.now() * 1000);
    const saved = await downloadQuotePdf(client, quote.id, { disposition: 'attachment', consolidated: false }, dir, now);
    assert.equal(path.basename(saved.file), quotePdfFileName(quote.id, now));
    const bytes = await readFile(saved.file);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(bytes.length, saved.bytes);
  });

  it('refuses a download that is not a PDF', async () => {
    await assert.rejects(savePdf(client, `${sb.url}/quotes`, path.join(dir, 'not-a-pdf.pdf')), /did not return a PDF/);
    await assert.rejects(readFile(path.join(dir, 'not-a-pdf.pdf')), { code: 'ENOENT' });
  });
});
