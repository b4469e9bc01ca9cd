/**
 * streamToFile on a real HTTP response, the path a download takes: the response is piped as it is,
 * progress is spaced out but always ends on the full count, and the size cap and cancellation stop the
 * socket and leave no file behind.
 */
import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PROGRESS_INTERVAL_MS, streamToFile } from '../../src/downloads/stream-to-file';

const CHUNK = 64 * 1024;

describe('streamToFile on an HTTP response', () => {
  let dir: string;
  let server: Server;
  let origin: string;
  /** Set when the server's response ended early because the client went away. */
  let cutOff: Promise<boolean>;

  before(async () => {
    server = createServer((req, res) => {
      const chunks = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('chunks'));
      res.writeHead(200, { 'content-length': String(chunks * CHUNK) });
      cutOff = new Promise((resolve) => res.once('close', () => resolve(!res.writableFinished)));
      let sent = 0;
      const pump = (): void => {
        while (sent < chunks) {
          // Each chunk tagged with its number, so a reordered or dropped chunk shows in the file.
          const ok = res.write(Buffer.alloc(CHUNK, sent % 251));
          sent++;
          if (!ok) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cb-stream-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const response = (chunks: number): Promise<IncomingMessage> => new Promise((resolve, reject) => get(`${origin}/f?chunks=${chunks}`, resolve).once('error', reject));

  it('writes every byte in order and reports progress spaced out, ending on the total', async () => {
    const chunks = 48;
    const seen: number[] = [];
    const started = performance.now();
    const target = path.join(dir, 'export.zip');
    const bytes = await streamToFile(await response(chunks), target, { totalBytes: chunks * CHUNK, onProgress: (p) => seen.push(p.bytes) });
    const elapsed = performance.now() - started;
    assert.equal(bytes, chunks * CHUNK);
    const file = await readFile(target);
    assert.equal(file.length, chunks * CHUNK);
    for (let i = 0; i < chunks; i++) assert.equal(file[i * CHUNK], i % 251, `chunk ${i}`);
    assert.equal(seen.at(-1), chunks * CHUNK, 'the last report is the full count');
    assert.ok(seen.every((b, i) => i === 0 || b > (seen[i - 1] ?? 0)), 'reports only go up');
    // The first chunk, one per interval, and the final count: far fewer than one per chunk.
    assert.ok(seen.length <= 2 + Math.ceil(elapsed / PROGRESS_INTERVAL_MS), `${seen.length} reports in ${elapsed.toFixed(0)} ms`);
    assert.deepEqual(await readdir(dir), ['export.zip']);
  });

  it('stops the socket at the size cap and leaves no file', async () => {
    await assert.rejects(streamToFile(await response(1024), path.join(dir, 'big.zip'), { maxBytes: 3 * CHUNK }), /larger than/);
    assert.equal(await cutOff, true, 'the server saw the client hang up before the end');
    assert.deepEqual(await readdir(dir), []);
  });

  it('stops the socket when cancelled and leaves no file', async () => {
    const abort = new AbortController();
    const res = await response(4096);
    res.once('data', () => abort.abort());
    await assert.rejects(streamToFile(res, path.join(dir, 'cancelled.zip'), { signal: abort.signal }), { name: 'AbortError' });
    assert.equal(await cutOff, true);
    assert.deepEqual(await readdir(dir), []);
  });
});
