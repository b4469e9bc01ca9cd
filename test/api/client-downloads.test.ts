/**
 * Complete or nothing: the client's download path against hostile servers written byte by byte (a
 * body short of its Content-Length, a close with no length, a cut chunked body, a silent body), each
 * saved through streamToFile as a real download is, and redirects held to the https rule hop by hop.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ChargebeeClient } from '../../src/chargebee/client';
import { MAX_DOWNLOAD_REDIRECTS, redirectTarget } from '../../src/chargebee/download-body';
import { ChargebeeError } from '../../src/chargebee/errors';
import { streamToFile } from '../../src/downloads/stream-to-file';

type Reply = (socket: Socket, request: string) => void;

interface RawServer {
  readonly origin: string;
  readonly requests: string[];
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

/** A server that answers with exactly the bytes a test writes, framing mistakes included. */
async function startRawServer(): Promise<RawServer> {
  const requests: string[] = [];
  let replies: Reply[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      requests.push(head);
      const reply = replies.length > 1 ? replies.shift() : replies[0];
      reply?.(socket, head);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    script: (...r) => {
      replies = r;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Every reply closes its connection, so the client never reuses a socket this server has done with. */
const head = (status: string, headers: Record<string, string>): string =>
  `HTTP/1.1 ${status}\r\n${Object.entries({ connection: 'close', ...headers }).map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;

describe('ChargebeeClient downloads: complete or nothing', () => {
  let server: RawServer;
  let dir: string;
  before(async () => {
    server = await startRawServer();
  });
  after(() => server.close());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cb-dl-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const client = (idleTimeoutMs = 10_000): ChargebeeClient =>
    new ChargebeeClient({ baseUrl: 'https://acme-test.chargebee.com', apiKey: 'test_downloadsKey123', retry: { maxAttempts: 1 }, downloadIdleTimeoutMs: idleTimeoutMs });

  /** Downloads through the client into dir/file.zip, the way an export or a PDF is saved. */
  async function save(c: ChargebeeClient, url = `${server.origin}/bucket/file.zip?X-Amz-Signature=sig-secret`): Promise<number> {
    const res = await c.download(url);
    assert.ok(res.body);
    const length = Number(res.headers.get('content-length'));
    return streamToFile(res.body, path.join(dir, 'file.zip'), { totalBytes: Number.isFinite(length) && length > 0 ? length : undefined });
  }

  it('saves a body that delivers its Content-Length', async () => {
    server.script((s) => s.end(`${head('200 OK', { 'content-length': '10' })}0123456789`));
    assert.equal(await save(client()), 10);
    assert.equal(await readFile(path.join(dir, 'file.zip'), 'utf8'), '0123456789');
  });

  it('saves a chunked body that ends with its last chunk', async () => {
    server.script((s) => s.end(`${head('200 OK', { 'transfer-encoding': 'chunked' })}4\r\nabcd\r\n0\r\n\r\n`));
    assert.equal(await save(client()), 4);
  });

  it('fails and keeps no file when the connection closes before Content-Length bytes', async () => {
    server.script((s) => s.end(`${head('200 OK', { 'content-length': '10' })}0123`));
    await assert.rejects(save(client()), /ended early|cut off/);
    assert.deepEqual(await readdir(dir), []);
  });

  for (const [what, body] of [['no bytes', ''], ['some bytes', 'PK\u0003\u0004partial']] as const) {
    it(`refuses a body with no length that ends by closing (${what}), keeping no file`, async () => {
      server.script((s) => s.end(`${head('200 OK', { 'content-type': 'application/zip' })}${body}`));
      await assert.rejects(save(client()), /without a length/);
      assert.deepEqual(await readdir(dir), []);
    });
  }

  it('fails and keeps no file when a chunked body breaks off before its last chunk', async () => {
    server.script((s) => s.end(`${head('200 OK', { 'transfer-encoding': 'chunked' })}4\r\nabcd\r\n`));
    await assert.rejects(save(client()), /cut off|ended early/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('fails a body that goes silent for the idle limit, hangs up, and keeps no file', async () => {
    let hungUp!: Promise<void>;
    server.script((s) => {
      hungUp = new Promise((resolve) => s.once('close', () => resolve()));
      s.write(`${head('200 OK', { 'content-length': '100' })}0123`);
    });
    const started = performance.now();
    await assert.rejects(save(client(300)), /stalled: no data/);
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 280 && elapsed < 3000, `${elapsed.toFixed(0)} ms`);
    await hungUp;
    assert.deepEqual(await readdir(dir), []);
  });

  it('does not count a slow but steady body as idle', async () => {
    server.script((s) => {
      s.write(head('200 OK', { 'content-length': '6' }));
      let sent = 0;
      const tick = setInterval(() => {
        s.write(String(sent));
        if (++sent === 6) {
          clearInterval(tick);
          s.end();
        }
      }, 100);
    });
    assert.equal(await save(client(300)), 6);
  });

  it('arms one idle timer per idle period, not one per chunk', async () => {
    const chunks = 2000;
    server.script((s) => {
      s.write(head('200 OK', { 'content-length': String(chunks * 1024) }));
      let sent = 0;
      const more = (): void => {
        while (sent < chunks) {
          sent++;
          if (!s.write(Buffer.alloc(1024, 7))) return void s.once('drain', more);
        }
        s.end();
      };
      more();
    });
    const real = globalThis.setTimeout;
    let arms = 0;
    globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
      arms++;
      return real(...args);
    }) as typeof setTimeout;
    try {
      assert.equal(await save(client(10_000)), chunks * 1024);
    } finally {
      globalThis.setTimeout = real;
    }
    assert.ok(arms < 20, `${arms} timers armed for ${chunks} chunks`);
  });

  it('never shows the presigned query in a body error', async () => {
    server.script((s) => s.end(`${head('200 OK', { 'content-length': '10' })}0123`));
    const err = await save(client()).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.ok(!err.message.includes('sig-secret'), err.message);
  });

  describe('redirects', () => {
    it('follows a redirect whose hop keeps the rule, sending the key to no foreign hop', async () => {
      const site = new ChargebeeClient({ baseUrl: server.origin, apiKey: 'test_downloadsKey123', retry: { maxAttempts: 1 } });
      const foreign = server.origin.replace('127.0.0.1', 'localhost');
      server.script(
        (s) => s.end(head('302 Found', { location: `${foreign}/bucket/f.zip?X-Amz-Signature=s`, 'content-length': '0' })),
        (s) => s.end(`${head('200 OK', { 'content-length': '3' })}abc`),
      );
      assert.equal(await save(site, `${server.origin}/api/v2/file`), 3);
      assert.equal(server.requests.length, 2);
      assert.match(server.requests[0] ?? '', /^authorization: Basic /im);
      assert.doesNotMatch(server.requests[1] ?? '', /^authorization:/im);
    });

    it('refuses a redirect to plain http on a host that is not this machine, without fetching it', async () => {
      server.script((s) => s.end(head('302 Found', { location: 'http://files.example/bucket/f.zip?X-Amz-Signature=s', 'content-length': '0' })));
      const err = await client().download(`${server.origin}/bucket/f.zip`).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ChargebeeError, String(err));
      assert.match(err.message, /redirected.*plain http.*files\.example/);
      assert.ok(!err.message.includes('X-Amz-Signature'));
      assert.equal(server.requests.length, 1, 'one request, no retry');
      assert.deepEqual(await readdir(dir), []);
    });

    it('holds every hop to the same rule as the first URL', () => {
      assert.equal(redirectTarget('https://a.example/x', '/y?z=1', 0), 'https://a.example/y?z=1');
      assert.equal(redirectTarget('https://a.example/x', 'https://b.example/f', 0), 'https://b.example/f');
      assert.equal(redirectTarget('https://a.example/x', 'http://127.0.0.1:9/f', 0), 'http://127.0.0.1:9/f');
      // A loopback first hop may not hand over to plain http elsewhere, nor https to http.
      assert.throws(() => redirectTarget('http://127.0.0.1:9/x', 'http://files.example/f', 0), /plain http/);
      assert.throws(() => redirectTarget('https://a.example/x', 'http://a.example/f', 0), /plain http/);
      assert.throws(() => redirectTarget('https://a.example/x', 'ftp://a.example/f', 0), /plain http|not this machine/);
      assert.throws(() => redirectTarget('https://a.example/x', null, 0), /without a target/);
      assert.throws(() => redirectTarget('https://a.example/x', '/y', MAX_DOWNLOAD_REDIRECTS), /more than/);
    });

    it('stops a redirect loop', async () => {
      server.script((s, req) => s.end(head('302 Found', { location: `${server.origin}${/GET (\S+)/.exec(req)?.[1] ?? '/'}x`, 'content-length': '0' })));
      await assert.rejects(client().download(`${server.origin}/loop`), /more than 5 times/);
      assert.equal(server.requests.length, MAX_DOWNLOAD_REDIRECTS + 1);
    });
  });
});
