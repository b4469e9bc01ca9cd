/**
 * Quote PDFs take the streaming download path: a 120 MiB answer is refused at the size cap without
 * being held in memory, a cut-off or non-PDF answer keeps the day's older copy, and no error text
 * carries the presigned link.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ChargebeeClient } from '../../src/chargebee/client';
import { MAX_PDF_BYTES, savePdf } from '../../src/quotes/pdf';

const MiB = 1024 ** 2;
const CHUNK = Buffer.alloc(MiB, 0x41);

type Serve = (res: ServerResponse) => void;

/** Writes `total` bytes, one shared 1 MiB buffer at a time, honouring backpressure (so the server holds no copy). */
function pump(res: ServerResponse, total: number, first = Buffer.from('%PDF-1.7\n')): void {
  let sent = 0;
  res.write(first);
  sent += first.length;
  const more = (): void => {
    while (sent < total) {
      const n = Math.min(MiB, total - sent);
      sent += n;
      if (!res.write(n === MiB ? CHUNK : CHUNK.subarray(0, n))) return void res.once('drain', more);
    }
    res.end();
  };
  res.once('close', () => res.off('drain', more));
  more();
}

describe('quote PDFs stream to disk', () => {
  let server: Server;
  let origin: string;
  let serve: Serve = (res) => res.end();
  let dir: string;
  const client = new ChargebeeClient({ baseUrl: 'https://acme-test.chargebee.com', apiKey: 'test_pdfStreamKey123', retry: { maxAttempts: 1 } });
  const link = (): string => `${origin}/bucket/quote.pdf?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=pdf-sig-secret`;

  before(async () => {
    server = createServer((_req, res) => serve(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cb-pdf-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses a 120 MiB body without a length at the cap, with bounded memory, keeping no file', async () => {
    serve = (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'transfer-encoding': 'chunked' });
      pump(res, 120 * MiB);
    };
    global.gc?.();
    const base = process.memoryUsage();
    let peakBuffers = 0;
    let peakRss = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakBuffers = Math.max(peakBuffers, m.arrayBuffers - base.arrayBuffers);
      peakRss = Math.max(peakRss, m.rss - base.rss);
    }, 2);
    try {
      await assert.rejects(savePdf(client, link(), path.join(dir, 'quote.pdf')), /larger than expected/);
    } finally {
      clearInterval(sampler);
    }
    const m = process.memoryUsage();
    peakBuffers = Math.max(peakBuffers, m.arrayBuffers - base.arrayBuffers);
    // Buffering the whole body grew buffers by over 120 MiB; streaming holds only what is in flight
    // plus garbage not yet collected (measured 20-45 MiB), well under the body.
    assert.ok(peakBuffers < 80 * MiB, `buffers grew by ${(peakBuffers / MiB).toFixed(1)} MiB (rss ${(peakRss / MiB).toFixed(1)} MiB)`);
    assert.deepEqual(await readdir(dir), []);
  });

  it('refuses a body that declares more than the cap before reading it', async () => {
    let hungUp!: Promise<boolean>;
    serve = (res) => {
      hungUp = new Promise((resolve) => res.once('close', () => resolve(!res.writableFinished)));
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(120 * MiB) });
      pump(res, 120 * MiB);
    };
    await assert.rejects(savePdf(client, link(), path.join(dir, 'quote.pdf')), /larger than expected/);
    assert.equal(await hungUp, true, 'the client hung up before the end');
    assert.deepEqual(await readdir(dir), []);
  });

  it('saves a PDF up to the cap', async () => {
    serve = (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(3 * MiB) });
      pump(res, 3 * MiB);
    };
    assert.equal(await savePdf(client, link(), path.join(dir, 'quote.pdf')), 3 * MiB);
    assert.equal((await readFile(path.join(dir, 'quote.pdf'))).subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(MAX_PDF_BYTES > 3 * MiB);
  });

  it('keeps the older copy when the answer is not a PDF or is cut off, and names no link in the error', async () => {
    const file = path.join(dir, 'quote.pdf');
    await writeFile(file, '%PDF-older copy');
    serve = (res) => void res.writeHead(200, { 'content-type': 'application/xml', 'content-length': '30' }).end('<Error>AccessDenied</Error>   ');
    await assert.rejects(savePdf(client, link(), file), /did not return a PDF/);
    serve = (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '1000' });
      res.write('%PDF-1.7 partial');
      setTimeout(() => res.destroy(), 20);
    };
    const err = await savePdf(client, link(), file).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.match(err.message, /cut off|ended early/);
    for (const secret of ['pdf-sig-secret', 'AKIAEXAMPLE', 'X-Amz', origin]) assert.ok(!err.message.includes(secret), err.message);
    assert.equal(await readFile(file, 'utf8'), '%PDF-older copy');
    assert.deepEqual(await readdir(dir), ['quote.pdf']);
  });
});
