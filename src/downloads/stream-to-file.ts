import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StreamProgress {
  readonly bytes: number;
  /** From Content-Length when the server sent one. */
  readonly totalBytes?: number;
}

export interface StreamToFileOptions {
  readonly signal?: AbortSignal;
  readonly totalBytes?: number;
  readonly maxBytes?: number;
  /** The first chunk, then at most every PROGRESS_INTERVAL_MS, then the final count. */
  readonly onProgress?: (progress: StreamProgress) => void;
  /**
   * Checks the complete temporary file before it takes the real name (a PDF's header, say); a throw
   * drops it, so a wrong answer never replaces a good older file.
   */
  readonly validate?: (tempFile: string, bytes: number) => Promise<void>;
}

/** The body passed `maxBytes`; the socket was stopped there and no file kept. */
export class DownloadTooLargeError extends Error {
  override readonly name = 'DownloadTooLargeError';
}

/** A ceiling on any one download, so a wrong link can't fill the disk. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 2 * 1024 ** 3;

/**
 * A 1 GB file arrives in ~16,000 socket reads; reporting each one would send as many progress
 * messages from the extension host to the window, so reports are spaced out.
 */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * How much the file stream buffers before it pushes back on the socket. Node's 16 KB default is
 * smaller than one 64 KB socket read, so the socket would pause after every read; with 1 MiB it keeps
 * reading while a write is on the thread pool, and the queued chunks go to disk in one writev.
 */
const WRITE_BUFFER_BYTES = 1024 * 1024;

/**
 * Streams `body` into `target` through a temporary file beside it, renamed into place only when every
 * byte has arrived, so a cancelled or broken download never leaves a truncated file under the real name.
 * A Node stream (an HTTP response) is piped as it is; any other async source goes through Readable.from.
 */
export async function streamToFile(body: AsyncIterable<Uint8Array | string>, target: string, options: StreamToFileOptions = {}): Promise<number> {
  const temp = `${target}.${randomBytes(4).toString('hex')}.part`;
  const max = options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const source = body instanceof Readable ? body : Readable.from(body);
  const report = options.onProgress;
  let bytes = 0;
  let reported = -1;
  let reportedAt = 0;
  // A listener beside the pipe rather than a Transform in it: no extra stream hop per chunk.
  const count = (chunk: Uint8Array | string): void => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (bytes > max) {
      source.destroy(new DownloadTooLargeError(`The download is larger than the ${Math.round(max / 1024 ** 2)} MB limit.`));
      return;
    }
    if (!report) return;
    const now = performance.now();
    if (reported < 0 || now - reportedAt >= PROGRESS_INTERVAL_MS) {
      reported = bytes;
      reportedAt = now;
      report({ bytes, totalBytes: options.totalBytes });
    }
  };
  try {
    const done = pipeline(source, createWriteStream(temp, { flags: 'wx', highWaterMark: WRITE_BUFFER_BYTES }), { signal: options.signal });
    // After pipeline() has piped the source: a 'data' listener alone would start it flowing unpiped.
    source.on('data', count);
    await done;
    if (report && reported !== bytes) report({ bytes, totalBytes: options.totalBytes });
    await options.validate?.(temp, bytes);
    await rename(temp, target);
    return bytes;
  } catch (err) {
    source.off('data', count);
    await rm(temp, { force: true });
    throw err;
  }
}
