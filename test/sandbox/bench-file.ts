/**
 * `GET /__sandbox/bench-file?bytes=N` (control API only): a file of exactly N bytes for download
 * benchmarks. It is generated while it is sent, one reused chunk at a time with backpressure, so a
 * 1 GB file costs the sandbox no more memory than a small one.
 */
import type { ServerResponse } from 'node:http';

export const BENCH_FILE_OP = 'bench-file';

/** Above the extension's own 2 GB download ceiling, so a test can also probe that limit. */
const MAX_BYTES = 4 * 1024 ** 3;
const CHUNK = Buffer.alloc(256 * 1024, 'chargebee,bench,file\n');

/** Whether `op` (the path below `/__sandbox/`) asks for the bench file. */
export function isBenchFile(method: string, op: string): boolean {
  return method === 'GET' && op === BENCH_FILE_OP;
}

export async function serveBenchFile(url: URL, res: ServerResponse): Promise<void> {
  const raw = url.searchParams.get('bytes') ?? '';
  const bytes = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes > MAX_BYTES) {
    const text = JSON.stringify({ error: `bytes must be an integer from 0 to ${MAX_BYTES}` });
    res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': bytes,
    'content-disposition': `attachment; filename="bench-${bytes}.bin"`,
  });
  let left = bytes;
  while (left > 0) {
    const chunk = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
    left -= chunk.length;
    if (!res.write(chunk)) {
      // 'close' too: a client that hangs up mid-file must not leave the loop waiting for 'drain' forever.
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
    }
    if (res.destroyed) return;
  }
  res.end();
}
